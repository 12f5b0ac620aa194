using System.Data.Common;
using System.Globalization;
using System.Text;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Streams an export into the store: one transaction per file (all or nothing), rows keyed by natural id so the same
/// or an overlapping file never counts twice (INSERT ... ON CONFLICT DO NOTHING RETURNING tells which rows were new),
/// and the per-user daily aggregates every metric answers from are maintained in the same transaction. Rows go in
/// through prepared multi-row ADO.NET statements, not EF change tracking: files have millions of rows (ADR 0013).
/// </summary>
public sealed class AdoptionImporter(HypercareDbContext db, TimeProvider time, AuditActor actor, AdoptionStatsBuilder stats, AdoptionFlagEvaluator flags)
{
    private const int BatchRows = 400;

    public async Task<Outcome<ImportReport>> ImportAsync(ProjectAccess access, ImportKind kind, Stream file, string fileName, ImportOptions options,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not import adoption data in this project.");
        }

        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == access.ProjectId, cancellationToken);
        if (project is null)
        {
            return Failure.NotFound("Project");
        }

        var clock = new LocalDayClock(project.TimeZone);
        var counted = new CountingStream(file, progress);
        CsvInput csv;
        try
        {
            // Login files are the big ones: their rows are parsed on all cores (ADR 0042).
            csv = kind == ImportKind.Logins ? CsvInput.OpenSplit(counted, fileName) : CsvInput.Open(counted, fileName);
        }
        catch (ImportFileException error)
        {
            return Failure.Invalid("file", error.Message);
        }

        using (csv)
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var run = new Run(kind, csv, access.ProjectId, clock, Sql.For(db), connection, transaction.GetDbTransaction()) { Now = time.GetUtcNow() };
                try
                {
                    switch (kind)
                    {
                        case ImportKind.Logins:
                            await ImportLoginsAsync(run, options.AllowRejects, cancellationToken);
                            break;
                        case ImportKind.Usage:
                            await ImportUsageAsync(run, cancellationToken);
                            break;
                        default:
                            await ImportRosterAsync(run, options.RosterMapping, cancellationToken);
                            break;
                    }
                }
                catch (ImportFileException error)
                {
                    return Failure.Invalid("file", error.Message);
                }

                if (run.Rejected > 0 && !options.AllowRejects)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    var report = run.Report(null, committed: false);
                    var lines = report.Rejections.Select(r => $"{fileName}: {r}").ToArray();
                    return new Failure(FailureKind.Invalid,
                        $"{fileName}: {run.Rejected} row(s) rejected; nothing was imported (allow rejects to import the other rows).",
                        new Dictionary<string, string[]> { ["file"] = lines }, report);
                }

                if (kind != ImportKind.Usage)
                {
                    // The import's last writes (users, activity, last login days) go on the connection while the daily
                    // figures are computed on another thread.
                    await stats.RebuildAsync(project, run.LoginUsers, async () =>
                    {
                        if (run.Finish is { } finish)
                        {
                            await finish(cancellationToken);
                        }

                        await Sql.CopyLastLoginDaysAsync(run, cancellationToken);
                    }, cancellationToken);
                }

                var record = new AdoptionImport
                {
                    ProjectId = access.ProjectId,
                    Kind = kind,
                    FileName = fileName.Length > AdoptionModel.TextMaxLength ? fileName[..AdoptionModel.TextMaxLength] : fileName,
                    Format = run.Format,
                    RowsRead = run.Read,
                    Imported = run.Imported,
                    Duplicates = run.Duplicates,
                    Rejected = run.Rejected,
                    Skipped = run.Skipped,
                    ImportedAt = time.GetUtcNow(),
                    ImportedBy = actor.Current?.DisplayName ?? "system",
                };
                db.AdoptionImports.Add(record);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await flags.EvaluateAsync(project, cancellationToken);
                return run.Report(record.Id, committed: true);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static Task ImportLoginsAsync(Run run, bool allowRejects, CancellationToken cancellationToken) =>
        LoginImport.RunAsync(run, allowRejects, cancellationToken);

    private static async Task ImportUsageAsync(Run run, CancellationToken cancellationToken)
    {
        var reader = new UsageRecordReader(run.Csv);
        run.Format = reader.Format;
        var usernames = await run.UsernamesAsync(cancellationToken);
        var batch = new List<(UsageRecord Record, string User, DateOnly Day)>(BatchRows);
        var returned = new HashSet<string>(StringComparer.Ordinal);
        using var full = Sql.UsageInsert(run, run.Sql.IsSqlite ? 1 : BatchRows);

        async Task FlushBatchAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            using var partial = batch.Count == BatchRows || run.Sql.IsSqlite ? null : Sql.UsageInsert(run, batch.Count);
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

    private static async Task ImportRosterAsync(Run run, IReadOnlyDictionary<string, string>? mapping, CancellationToken cancellationToken)
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

    /// <summary>The state of one file's import.</summary>
    internal sealed class Run(ImportKind kind, CsvInput csv, int projectId, LocalDayClock clock, Sql sql, DbConnection connection, DbTransaction transaction)
    {
        private readonly List<Rejection> _rejections = [];

        public ImportKind Kind => kind;

        public CsvInput Csv => csv;

        public int ProjectId => projectId;

        public LocalDayClock Clock => clock;

        public Sql Sql => sql;

        public DbConnection Connection => connection;

        public string Format { get; set; } = "";

        public DateTimeOffset Now { get; init; } = DateTimeOffset.MinValue;

        public long Read { get; private set; }

        public long Imported { get; set; }

        public long Duplicates { get; set; }

        public long Rejected { get; private set; }

        public long Skipped { get; private set; }

        /// <summary>The project's login users by number after a login import (null for other files).</summary>
        public IReadOnlyList<string>? LoginUsers { get; set; }

        /// <summary>Writes a login import leaves for the end (users, activity, failures); null for other files.</summary>
        public Func<CancellationToken, Task>? Finish { get; set; }

        public DateOnly? FirstDay { get; private set; }

        public DateOnly? LastDay { get; private set; }

        /// <summary>Counts a data row read by a parallel parser (<see cref="Next"/> does it for sequential ones).</summary>
        public void CountRead() => Read++;

        /// <summary>Counts a blank line or report footer read by a parallel parser.</summary>
        public void CountSkipped() => Skipped++;

        /// <summary>Counts the current row; false for blank lines and report footers, which carry no data.</summary>
        public bool Next(out long line)
        {
            var row = csv.Current;
            line = row.LineNumberFrom;
            if (csv.IsBlankOrFooter(row))
            {
                Skipped++;
                return false;
            }

            Read++;
            return true;
        }

        public void Reject(Rejection rejection)
        {
            Rejected++;
            if (_rejections.Count < ImportReport.MaxListedRejections)
            {
                _rejections.Add(rejection);
            }
        }

        public void Saw(DateOnly day)
        {
            FirstDay = FirstDay is { } first && first <= day ? first : day;
            LastDay = LastDay is { } last && last >= day ? last : day;
        }

        public DbCommand Command(string sqlText)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sqlText;
            var project = command.CreateParameter();
            project.ParameterName = "@p";
            project.Value = projectId;
            command.Parameters.Add(project);
            return command;
        }

        public async Task<Dictionary<string, string>> UsernamesAsync(CancellationToken cancellationToken)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            await using var command = Command("""SELECT "Username","UserKey" FROM "AdoptionRoster" WHERE "ProjectId" = @p AND "Username" IS NOT NULL""");
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                map[rows.GetString(0)] = rows.GetString(1);
            }

            return map;
        }

        public ImportReport Report(int? importId, bool committed) => new(importId, kind, csv.FileName, Format, Read,
            committed ? Imported : 0, Duplicates, Rejected, Skipped, committed, _rejections.ToList(), FirstDay, LastDay);
    }

    /// <summary>The SQL that differs between the engines, and the values each expects.</summary>
    internal sealed class Sql(bool sqlite)
    {
        public static Sql For(HypercareDbContext db) => new(db.Database.IsSqlite());

        public bool IsSqlite => sqlite;

        /// <summary>SQLite stores instants as UTC ticks (ADR 0003); PostgreSQL as timestamptz.</summary>
        public object Instant(DateTimeOffset at) => sqlite ? at.UtcTicks : at.ToUniversalTime();

        public DateTimeOffset? ReadInstant(DbDataReader rows, int ordinal) => rows.IsDBNull(ordinal)
            ? null
            : sqlite ? new DateTimeOffset(rows.GetInt64(ordinal), TimeSpan.Zero) : rows.GetFieldValue<DateTimeOffset>(ordinal);

        public static DbCommand UsageInsert(Run run, int rows) => MultiRow(run, "AdoptionUsageEvents",
            ["SourceKey", "UserKey", "At", "Day", "Source", "PageUrl", "EntityType", "App", "Component", "Feature"], rows, "\"SourceKey\"");

        /// <summary>Copies each roster user's last login day from the activity table, for the never-logged-in list.</summary>
        public static async Task CopyLastLoginDaysAsync(Run run, CancellationToken cancellationToken)
        {
            await using var command = run.Command(
                """
                UPDATE "AdoptionRoster" SET "LastLoginDay" = (SELECT a."LastLoginDay" FROM "AdoptionUserActivity" a
                  WHERE a."ProjectId" = @p AND a."UserKey" = "AdoptionRoster"."UserKey")
                WHERE "ProjectId" = @p
                """);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public static async Task AddFailureDaysAsync(Run run, Dictionary<(DateOnly Day, FailureBucket Bucket), int> failures, CancellationToken cancellationToken)
        {
            await using var command = run.Command(
                """
                INSERT INTO "AdoptionFailureDays" ("ProjectId","Day","Bucket","Count") VALUES (@p,@d,@b,@c)
                ON CONFLICT ("ProjectId","Day","Bucket") DO UPDATE SET "Count" = "AdoptionFailureDays"."Count" + excluded."Count"
                """);
            var day = Add(command, "@d");
            var bucket = Add(command, "@b");
            var count = Add(command, "@c");
            foreach (var ((d, b), c) in failures)
            {
                day.Value = d;
                bucket.Value = b.ToString();
                count.Value = c;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        private static DbParameter Add(DbCommand command, string name)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }

        /// <summary>
        /// <c>INSERT INTO table ("ProjectId", columns…) VALUES (@p, @v0_0, …), …</c> for <paramref name="rows"/> rows;
        /// callers add the parameters @v{row}_{column} in that order and @p.
        /// </summary>
        public static string MultiRowSql(string table, string[] columns, int rows)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table}\" (\"ProjectId\",");
            text.AppendJoin(',', columns.Select(c => $"\"{c}\""));
            text.Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(@p" : ",(@p");
                for (var c = 0; c < columns.Length; c++)
                {
                    text.Append(CultureInfo.InvariantCulture, $",@v{r}_{c}");
                }

                text.Append(')');
            }

            return text.ToString();
        }

        /// <summary>INSERT of many rows at once that skips rows whose key is already stored and returns the keys it inserted.</summary>
        private static DbCommand MultiRow(Run run, string table, string[] columns, int rows, string returning)
        {
            var text = new StringBuilder(MultiRowSql(table, columns, rows));
            text.Append(run.Sql.IsSqlite ? " ON CONFLICT DO NOTHING" : " ON CONFLICT DO NOTHING RETURNING " + returning);
            var command = run.Command(text.ToString());
            // Parameter order is row by row, column by column, after @p: callers fill them by position.
            command.Parameters.Clear();
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    Add(command, $"@v{r}_{c}");
                }
            }

            var project = command.CreateParameter();
            project.ParameterName = "@p";
            project.Value = run.ProjectId;
            command.Parameters.Add(project);
            if (run.Sql.IsSqlite)
            {
                command.Prepare();
            }

            return command;
        }
    }

    /// <summary>Reports bytes read so a progress bar can follow a multi-gigabyte file.</summary>
    private sealed class CountingStream(Stream inner, IProgress<long>? progress) : Stream
    {
        private long _read;
        private long _reported;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (progress is not null && _read - _reported >= 1 << 20)
            {
                _reported = _read;
                progress.Report(_read);
            }

            return read;
        }
    }
}
