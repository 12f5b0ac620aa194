using System.Data.Common;
using System.Globalization;
using System.Text;
using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption.Import;

/// <summary>The SQL that differs between the engines, and the values each expects.</summary>
internal sealed class ImportSql(bool sqlite)
{
    public static ImportSql For(HypercareDbContext db) => new(db.Database.IsSqlite());

    public bool IsSqlite => sqlite;

    /// <summary>SQLite stores instants as UTC ticks (ADR 0003); PostgreSQL as timestamptz.</summary>
    public object Instant(DateTimeOffset at) => sqlite ? at.UtcTicks : at.ToUniversalTime();

    public DateTimeOffset? ReadInstant(DbDataReader rows, int ordinal) => rows.IsDBNull(ordinal)
        ? null
        : sqlite ? new DateTimeOffset(rows.GetInt64(ordinal), TimeSpan.Zero) : rows.GetFieldValue<DateTimeOffset>(ordinal);

    public static DbCommand UsageInsert(ImportRun run, int rows) => MultiRow(run, "AdoptionUsageEvents",
        ["SourceKey", "UserKey", "At", "Day", "Source", "PageUrl", "EntityType", "App", "Component", "Feature"], rows, "\"SourceKey\"");

    /// <summary>Copies each roster user's last login day from the activity table, for the never-logged-in list.</summary>
    public static async Task CopyLastLoginDaysAsync(ImportRun run, CancellationToken cancellationToken)
    {
        await using var command = run.Command(
            """
            UPDATE "AdoptionRoster" SET "LastLoginDay" = (SELECT a."LastLoginDay" FROM "AdoptionUserActivity" a
              WHERE a."ProjectId" = @p AND a."UserKey" = "AdoptionRoster"."UserKey")
            WHERE "ProjectId" = @p
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task AddFailureDaysAsync(ImportRun run, Dictionary<(DateOnly Day, FailureBucket Bucket), int> failures, CancellationToken cancellationToken)
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
    private static DbCommand MultiRow(ImportRun run, string table, string[] columns, int rows, string returning)
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
