using System.Data.Common;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// A roster file into the store: one upsert per user, keyed by project and user id; a user listed twice in the file,
/// or whose stored row is already the same, counts as a duplicate.
/// </summary>
internal static class RosterImport
{
    public static async Task RunAsync(ImportRun run, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
    {
        var reader = new RosterRecordReader(run.Csv, mapping);
        run.Format = reader.Format;
        var existing = new Dictionary<string, RosterRecord>(StringComparer.Ordinal);
        await using (var command = run.Command(
            """SELECT "UserKey","Username","Name","IsActive","UserType","Profile","Role","Department","CreatedAt","LastLoginAt" FROM "AdoptionRoster" WHERE "ProjectId" = @p"""))
        {
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                existing[rows.GetString(0)] = new RosterRecord(rows.GetString(0), Str(rows, 1), Str(rows, 2), rows.GetBoolean(3), Str(rows, 4), Str(rows, 5),
                    Str(rows, 6), Str(rows, 7), run.Sql.ReadInstant(rows, 8), run.Sql.ReadInstant(rows, 9));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        await using var insert = run.Command(
            """
            INSERT INTO "AdoptionRoster" ("ProjectId","UserKey","Username","Name","IsActive","UserType","Profile","Role","Department","CreatedAt","LastLoginAt","ImportedAt")
            VALUES (@p,@k,@u,@n,@a,@t,@pr,@r,@d,@c,@l,@i)
            ON CONFLICT ("ProjectId","UserKey") DO UPDATE SET "Username"=excluded."Username","Name"=excluded."Name","IsActive"=excluded."IsActive",
              "UserType"=excluded."UserType","Profile"=excluded."Profile","Role"=excluded."Role","Department"=excluded."Department",
              "CreatedAt"=excluded."CreatedAt","LastLoginAt"=excluded."LastLoginAt","ImportedAt"=excluded."ImportedAt"
            """);
        foreach (var name in new[] { "k", "u", "n", "a", "t", "pr", "r", "d", "c", "l", "i" })
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = "@" + name;
            insert.Parameters.Add(parameter);
        }

        var now = run.Sql.Instant(run.Now);
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

            if (!seen.Add(record!.UserKey) || (existing.TryGetValue(record.UserKey, out var stored) && stored == record))
            {
                run.Duplicates++;
                continue;
            }

            object V(object? value) => value ?? DBNull.Value;
            insert.Parameters[1].Value = record.UserKey;
            insert.Parameters[2].Value = V(record.Username);
            insert.Parameters[3].Value = V(record.Name);
            insert.Parameters[4].Value = record.IsActive;
            insert.Parameters[5].Value = V(record.UserType);
            insert.Parameters[6].Value = V(record.Profile);
            insert.Parameters[7].Value = V(record.Role);
            insert.Parameters[8].Value = V(record.Department);
            insert.Parameters[9].Value = record.CreatedAt is { } c ? run.Sql.Instant(c) : DBNull.Value;
            insert.Parameters[10].Value = record.LastLoginAt is { } l ? run.Sql.Instant(l) : DBNull.Value;
            insert.Parameters[11].Value = now;
            await insert.ExecuteNonQueryAsync(cancellationToken);
            run.Imported++;
        }
    }

    private static string? Str(DbDataReader rows, int ordinal) => rows.IsDBNull(ordinal) ? null : rows.GetString(ordinal);
}
