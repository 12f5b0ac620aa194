using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Demo;
using Hypercare.Core.Projects;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>
/// The demo go-live's adoption data after <c>demo seed</c> on a SQLite file: go-live Friday 6 March 2026, "now" Monday
/// 16 March, so logins cover 6 to 15 March and the lockout burst falls on the third working day, Tuesday 10 March.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoAdoptionTests(DemoDatabase demo)
{
    private Task<T> AdoptionAsync<T>(Func<AdoptionService, ProjectAccess, Task<Outcome<T>>> read) => demo.ReadAsync(read);

    [Fact]
    public async Task DemoSeed_Adoption_TenDaysOfFiguresRampingUpWithNeverLoggedInHamburgLaggingAndTheLockoutBurst()
    {
        var overview = await AdoptionAsync((s, a) => s.OverviewAsync(a));
        var never = await AdoptionAsync((s, a) => s.NeverLoggedInAsync(a));
        var failures = await AdoptionAsync((s, a) => s.FailureDaysAsync(a));

        // Go-live to yesterday, every day with the licensed roster (400 people less the integration users and the leavers).
        Assert.Equal(new DateOnly(2026, 3, 6), overview.Days[0].Date);
        Assert.Equal(new DateOnly(2026, 3, 15), overview.Days[^1].Date);
        Assert.Equal(10, overview.Days.Count);
        Assert.All(overview.Days, d => Assert.InRange(d.LicensedUsers ?? 0, 380, 396));
        Assert.Equal(overview.Days[^1].LicensedUsers, overview.LicensedUsers);

        // About one licensed user in ten never signed in, and the list names them.
        Assert.InRange(overview.NeverLoggedIn, overview.LicensedUsers!.Value / 20, overview.LicensedUsers.Value / 6);
        Assert.Equal(overview.NeverLoggedIn, never.Count(u => u.Licensed));

        // Adoption ramps up: go-live day's login rate is well below the last weekday's (Friday 13 March).
        var lastWeekday = overview.Days.Last(d => d.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.True(overview.Days[0].LoginRate + 0.15 < lastWeekday.LoginRate, $"{overview.Days[0].LoginRate} then {lastWeekday.LoginRate}");
        Assert.All(overview.Days.Where(d => d.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && d.Date > new DateOnly(2026, 3, 8)),
            d => Assert.True(d.LoginRate < 0.2, $"{d.Date}: {d.LoginRate}"));

        // Sales Hamburg lags everyone else: the importer raised the flag itself.
        var hamburg = overview.Groups.Single(g => g.Dimension == "department" && g.Group == DemoSeeder.LaggingDepartment);
        Assert.InRange(hamburg.WeeklyLoginRate ?? 1, 0.25, 0.55);
        Assert.All(overview.Groups.Where(g => g.Dimension == "department" && g.Group is not DemoSeeder.LaggingDepartment and not "IT"),
            g => Assert.InRange(g.WeeklyLoginRate ?? 0, 0.75, 1));
        var lagging = Assert.Single(overview.OpenFlags, f => f.Kind == FlagKind.GroupLagging);
        Assert.Equal("department: " + DemoSeeder.LaggingDepartment, lagging.Subject);
        Assert.Contains("Sales Hamburg", lagging.Summary, StringComparison.Ordinal);

        // The lockout burst on the third working morning stands out of the failures.
        var lockouts = failures.Where(f => f.Bucket == FailureBucket.Lockout).ToDictionary(f => f.Date, f => f.Count);
        Assert.InRange(lockouts.GetValueOrDefault(new DateOnly(2026, 3, 10)), 20, 40);
        Assert.Equal(lockouts.GetValueOrDefault(new DateOnly(2026, 3, 10)), lockouts.Values.Sum());
        Assert.Contains(failures, f => f.Bucket == FailureBucket.Password && f.Date != new DateOnly(2026, 3, 10));

        // A target in progress and a feature chart that is not empty.
        Assert.Contains(overview.Targets, t => t.Metric == TargetMetric.WeeklyLoginRate && t.Rate == 0.8 && t.ByDate == new DateOnly(2026, 3, 19) && !t.Due);
        Assert.Contains(overview.Features, f => f.Feature == "Opportunities" && f.UsersLastSevenDays > 50);
        Assert.Contains(overview.RecentImports, i => i.Kind == ImportKind.Logins && i.Rejected == 0 && i.ImportedBy == "Chloé Change");
    }
}
