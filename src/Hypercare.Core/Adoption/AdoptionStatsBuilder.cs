using System.Data.Common;
using System.Globalization;
using System.Text;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Hypercare.Core.Adoption;

/// <summary>
/// Recomputes a project's daily figures (overall and per group) from the per-user daily logins and the roster, so
/// the adoption page, the API and the CLI read a few thousand precomputed rows instead of scanning events.
/// Runs inside the caller's transaction when there is one (an import commits its rows and the figures together).
/// </summary>
public sealed class AdoptionStatsBuilder(HypercareDbContext db)
{
    private const int BatchRows = 200;

    public async Task RebuildAsync(Project project, CancellationToken cancellationToken = default)
    {
        var settings = await db.AdoptionSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken)
            ?? new AdoptionSettings { ProjectId = project.Id };
        var zone = project.TimeZone;
        var roster = (await db.AdoptionRoster.AsNoTracking().Where(u => u.ProjectId == project.Id).ToListAsync(cancellationToken))
            .Select(u => new RosterMember(u.UserKey, LicenseRules.IsLicensed(u, settings),
                u.CreatedAt is { } c ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c, zone).DateTime) : null,
                u.Profile, u.Role, u.Department))
            .ToList();
        var days = db.AdoptionLoginDays.AsNoTracking().Where(d => d.ProjectId == project.Id);
        var first = await days.MinAsync(d => (DateOnly?)d.Day, cancellationToken);
        var last = await days.MaxAsync(d => (DateOnly?)d.Day, cancellationToken);
        await db.AdoptionDailyStats.Where(s => s.ProjectId == project.Id).ExecuteDeleteAsync(cancellationToken);
        if (first is null || last is null)
        {
            return;
        }

        var from = first.Value < project.GoLiveDate ? first.Value : project.GoLiveDate;
        // Streamed synchronously: the series is one pass, and holding millions of user-days would break the memory budget.
        // On SQLite the rows are read off the connection's handle (ADR 0013): EF materialising millions of them was a
        // quarter of a 10M-row import.
        List<AdoptionDailyStat> stats;
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
                stats = AdoptionSeries.Compute(project.Id, roster, SqliteUserDays(handle, project.Id), from, last.Value);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        else
        {
            var userDays = days.OrderBy(d => d.Day).Select(d => new UserDay(d.UserKey, d.Day, d.Successes, d.Failures)).AsEnumerable();
            stats = AdoptionSeries.Compute(project.Id, roster, userDays, from, last.Value);
        }

        await InsertAsync(stats, cancellationToken);
    }

    /// <summary>A project's user-days in day order; user keys are shared strings, days parsed once per day.</summary>
    private static IEnumerable<UserDay> SqliteUserDays(sqlite3 handle, int projectId)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(handle,
            """SELECT "UserKey","Day","Successes","Failures" FROM "AdoptionLoginDays" WHERE "ProjectId" = ?1 ORDER BY "Day" """, out var statement), handle);
        using (statement)
        {
            raw.sqlite3_bind_int(statement, 1, projectId);
            var users = new Dictionary<string, string>(StringComparer.Ordinal);
            var chars = new char[AdoptionModel.KeyMaxLength * 4];
            var dayText = Array.Empty<byte>();
            var day = default(DateOnly);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var user = Intern(users, raw.sqlite3_column_blob(statement, 0), chars);
                // Rows come in day order: the day's text is parsed when it changes.
                if (!raw.sqlite3_column_blob(statement, 1).SequenceEqual(dayText))
                {
                    dayText = raw.sqlite3_column_blob(statement, 1).ToArray();
                    day = DateOnly.ParseExact(Encoding.UTF8.GetString(dayText), "yyyy-MM-dd", CultureInfo.InvariantCulture);
                }

                yield return new UserDay(user, day, raw.sqlite3_column_int(statement, 2), raw.sqlite3_column_int(statement, 3));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, handle);
            }
        }
    }

    private static string Intern(Dictionary<string, string> users, ReadOnlySpan<byte> utf8, char[] buffer)
    {
        var length = Encoding.UTF8.GetChars(utf8, buffer);
        var key = buffer.AsSpan(0, length);
        var lookup = users.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var user))
        {
            user = key.ToString();
            users[user] = user;
        }

        return user;
    }

    private async Task InsertAsync(List<AdoptionDailyStat> stats, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        string[] columns = ["ProjectId", "Day", "Dimension", "Group", "Licensed", "DailyActive", "WeeklyActive", "MonthlyActive",
            "DailyActiveLicensed", "WeeklyActiveLicensed", "MonthlyActiveLicensed", "SuccessfulLogins", "FailedLogins"];
        DbCommand Build(int rows)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder("INSERT INTO \"AdoptionDailyStats\" (");
            text.AppendJoin(',', columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ",(");
                for (var c = 0; c < columns.Length; c++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{(c == 0 ? "" : ",")}@v{r}_{c}");
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@v{r}_{c}";
                    command.Parameters.Add(parameter);
                }

                text.Append(')');
            }

            command.CommandText = text.ToString();
            return command;
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            using var full = Build(BatchRows);
            for (var start = 0; start < stats.Count; start += BatchRows)
            {
                var count = Math.Min(BatchRows, stats.Count - start);
                using var partial = count == BatchRows ? null : Build(count);
                var command = partial ?? full;
                var p = 0;
                for (var i = start; i < start + count; i++)
                {
                    var s = stats[i];
                    command.Parameters[p++].Value = s.ProjectId;
                    command.Parameters[p++].Value = s.Day;
                    command.Parameters[p++].Value = s.Dimension;
                    command.Parameters[p++].Value = s.Group;
                    command.Parameters[p++].Value = s.Licensed is { } l ? l : DBNull.Value;
                    command.Parameters[p++].Value = s.DailyActive;
                    command.Parameters[p++].Value = s.WeeklyActive;
                    command.Parameters[p++].Value = s.MonthlyActive;
                    command.Parameters[p++].Value = s.DailyActiveLicensed;
                    command.Parameters[p++].Value = s.WeeklyActiveLicensed;
                    command.Parameters[p++].Value = s.MonthlyActiveLicensed;
                    command.Parameters[p++].Value = s.SuccessfulLogins;
                    command.Parameters[p++].Value = s.FailedLogins;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Who counts as licensed (the denominator of the login rate).</summary>
public static class LicenseRules
{
    public static bool IsLicensed(RosterUser user, AdoptionSettings settings)
    {
        if (settings.ExcludeInactive && !user.IsActive)
        {
            return false;
        }

        var types = Lines(settings.LicensedUserTypes);
        if (types.Count > 0 && user.UserType is not null && !types.Contains(user.UserType))
        {
            return false;
        }

        return user.Profile is null || !Lines(settings.ExcludedProfiles).Contains(user.Profile);
    }

    public static HashSet<string> Lines(string text) =>
        new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
