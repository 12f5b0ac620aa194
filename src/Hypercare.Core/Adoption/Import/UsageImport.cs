namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// A usage file into the store: events keyed by their source key go in <see cref="BatchRows"/> at a time (one by one on
/// SQLite) through an INSERT that skips stored keys (<see cref="ImportSql.UsageInsert"/>); the keys it returns (on SQLite,
/// the rows it changed) tell new rows from duplicates. People named by username are mapped to the roster's user id.
/// </summary>
internal static class UsageImport
{
    private const int BatchRows = 400;

    public static async Task RunAsync(ImportRun run, CancellationToken cancellationToken)
    {
        var reader = new UsageRecordReader(run.Csv);
        run.Format = reader.Format;
        var usernames = await run.UsernamesAsync(cancellationToken);
        var batch = new List<(UsageRecord Record, string User, DateOnly Day)>(BatchRows);
        var returned = new HashSet<string>(StringComparer.Ordinal);
        using var full = ImportSql.UsageInsert(run, run.Sql.IsSqlite ? 1 : BatchRows);

        async Task FlushBatchAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            using var partial = batch.Count == BatchRows || run.Sql.IsSqlite ? null : ImportSql.UsageInsert(run, batch.Count);
            var command = partial ?? full;
            returned.Clear();
            var p = 0;
            foreach (var (r, user, day) in batch)
            {
                command.Parameters[p++].Value = r.Key;
                command.Parameters[p++].Value = user;
                command.Parameters[p++].Value = run.Sql.Instant(r.At);
                command.Parameters[p++].Value = day;
                command.Parameters[p++].Value = r.Source.ToString();
                command.Parameters[p++].Value = (object?)r.PageUrl ?? DBNull.Value;
                command.Parameters[p++].Value = (object?)r.EntityType ?? DBNull.Value;
                command.Parameters[p++].Value = (object?)r.App ?? DBNull.Value;
                command.Parameters[p++].Value = (object?)r.Component ?? DBNull.Value;
                command.Parameters[p++].Value = (object?)r.Feature ?? DBNull.Value;
                if (run.Sql.IsSqlite)
                {
                    if (command.ExecuteNonQuery() == 1)
                    {
                        returned.Add(r.Key);
                    }

                    p = 0;
                }
            }

            if (!run.Sql.IsSqlite)
            {
                await using var results = await command.ExecuteReaderAsync(cancellationToken);
                while (await results.ReadAsync(cancellationToken))
                {
                    returned.Add(results.GetString(0));
                }
            }

            foreach (var (r, _, day) in batch)
            {
                if (returned.Remove(r.Key))
                {
                    run.Imported++;
                    run.Saw(day);
                }
                else
                {
                    run.Duplicates++;
                }
            }

            batch.Clear();
        }

        while (run.Csv.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!run.Next(out var line))
            {
                continue;
            }

            if (!reader.TryRead(run.Csv, run.Csv.Current, line, out var record, out var rejection))
            {
                run.Reject(rejection!);
                continue;
            }

            // A generic file may name people by username; the roster turns that into the id the logins use.
            var user = usernames.TryGetValue(record.User, out var id) ? id : record.User;
            batch.Add((record, user, run.Clock.DayOf(record.At)));
            if (batch.Count == BatchRows)
            {
                await FlushBatchAsync();
            }
        }

        await FlushBatchAsync();
    }
}
