using System.Data.Common;
using System.Globalization;
using System.Text;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hypercare.Core.Adoption.Metrics;

/// <summary>
/// Recomputes a project's daily figures (overall and per group) from the per-user daily logins and the roster, so
/// the adoption page, the API and the CLI read a few thousand precomputed rows instead of scanning events.
/// Runs inside the caller's transaction when there is one (an import commits its rows and the figures together).
/// </summary>
public sealed class AdoptionStatsBuilder(HypercareDbContext db)
{
    /// <summary>
    /// Rows per INSERT: SQLite finds each named parameter by a linear search (sqlite3_bind_parameter_index), so a
    /// statement with thousands of parameters costs quadratic time there; PostgreSQL prefers fewer round trips.
    /// </summary>
    private int BatchRows => db.Database.IsSqlite() ? 16 : 200;

    /// <summary>Day sets up to this size are read at once, so the figures can be computed on another thread.</summary>
    private const long InMemoryDayBytes = 32L << 20;

    /// <param name="project">The project.</param>
    /// <param name="loginUsers">The project's login users by number when the caller has them (an import), else read here.</param>
    /// <param name="alongside">
    /// Writes the caller still has to make on the same connection (an import's users and activity); they run while the
    /// figures are computed on another thread when the day sets fit in <see cref="InMemoryDayBytes"/>, else before.
    /// </param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task RebuildAsync(Project project, IReadOnlyList<string>? loginUsers = null, Func<Task>? alongside = null,
        CancellationToken cancellationToken = default)
    {
        var settings = await db.AdoptionSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken)
            ?? new AdoptionSettings { ProjectId = project.Id };
        // Offsets cached per quarter hour: converting 50,000 creation times one by one through the zone rules was slow.
        var clock = new LocalDayClock(project.TimeZone);
        var licensed = LicenseRules.For(settings);
        // Only the columns the figures use: materialising whole roster rows was a third of this rebuild at 50,000 users.
        var roster = (await db.AdoptionRoster.AsNoTracking().Where(u => u.ProjectId == project.Id)
                .Select(u => new RosterUser
                {
                    UserKey = u.UserKey,
                    IsActive = u.IsActive,
                    UserType = u.UserType,
                    Profile = u.Profile,
                    Role = u.Role,
                    Department = u.Department,
                    CreatedAt = u.CreatedAt,
                })
                .ToListAsync(cancellationToken))
            .Select(u => new RosterMember(u.UserKey, licensed(u),
                u.CreatedAt is { } c ? clock.DayOf(c) : null,
                u.Profile, u.Role, u.Department))
            .ToList();
        var days = db.AdoptionLoginDaySets.AsNoTracking().Where(d => d.ProjectId == project.Id);
        var first = await days.MinAsync(d => (DateOnly?)d.Day, cancellationToken);
        var last = await days.MaxAsync(d => (DateOnly?)d.Day, cancellationToken);
        await db.AdoptionDailyStats.Where(s => s.ProjectId == project.Id).ExecuteDeleteAsync(cancellationToken);
        if (first is null || last is null)
        {
            if (alongside is not null)
            {
                await alongside();
            }

            return;
        }

        var from = first.Value < project.GoLiveDate ? first.Value : project.GoLiveDate;
        var users = loginUsers ?? await db.AdoptionLoginUsers.AsNoTracking().Where(u => u.ProjectId == project.Id).OrderBy(u => u.Number)
            .Select(u => u.UserKey).ToListAsync(cancellationToken);
        // One packed row per day (ADR 0042) in day order: the series is one pass over the user-days.
        List<AdoptionDailyStat> stats;
        if (alongside is not null && await days.SumAsync(d => (long)d.Data.Length, cancellationToken) <= InMemoryDayBytes)
        {
            var loaded = await days.OrderBy(d => d.Day).ToListAsync(cancellationToken);
            var compute = Task.Run(() => AdoptionSeries.Compute(project.Id, roster, users, UserDays(loaded), from, last.Value), cancellationToken);
            try
            {
                await alongside();
            }
            catch
            {
                await compute.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }

            stats = await compute;
        }
        else
        {
            if (alongside is not null)
            {
                await alongside();
            }

            // Streamed: a project with years of days does not hold them all in memory.
            stats = AdoptionSeries.Compute(project.Id, roster, users, UserDays(days.OrderBy(d => d.Day).AsEnumerable()), from, last.Value);
        }

        await InsertAsync(stats, cancellationToken);
    }

    private static IEnumerable<NumberedUserDay> UserDays(IEnumerable<LoginDaySet> days)
    {
        var entries = new List<(int User, int Successes, int Failures)>();
        foreach (var day in days)
        {
            DayTally.Decode(day.Data, entries);
            foreach (var (user, successes, failures) in entries)
            {
                yield return new NumberedUserDay(user, day.Day, successes, failures);
            }
        }
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
    public static bool IsLicensed(RosterUser user, AdoptionSettings settings) => For(settings)(user);

    /// <summary>The rule of <paramref name="settings"/> with its lists parsed once, for testing a whole roster.</summary>
    public static Func<RosterUser, bool> For(AdoptionSettings settings)
    {
        var types = Lines(settings.LicensedUserTypes);
        var excludedProfiles = Lines(settings.ExcludedProfiles);
        var excludeInactive = settings.ExcludeInactive;
        return user =>
            (!excludeInactive || user.IsActive)
            && (types.Count == 0 || user.UserType is null || types.Contains(user.UserType))
            && (user.Profile is null || !excludedProfiles.Contains(user.Profile));
    }

    public static HashSet<string> Lines(string text) =>
        new(text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
}
