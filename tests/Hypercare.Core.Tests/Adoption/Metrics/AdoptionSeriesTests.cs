using Hypercare.Core.Adoption.Metrics;

namespace Hypercare.Core.Tests.Adoption.Metrics;

public class AdoptionSeriesTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public void Compute_RollingWindows_CountDistinctUsers()
    {
        RosterMember[] roster = [new("a", true, null, "P", "R", "Sales"), new("b", true, null, "P", "R", "Sales"), new("c", false, null, "P", "R", "Care")];
        UserDay[] days =
        [
            new("a", Monday, 1, 0), new("c", Monday, 2, 1),
            new("a", Monday.AddDays(1), 1, 0), new("b", Monday.AddDays(1), 1, 0),
            new("x", Monday.AddDays(8), 1, 0),
        ];

        var stats = AdoptionSeries.Compute(1, roster, days, Monday, Monday.AddDays(8));
        var all = stats.Where(s => s.Dimension == AdoptionSeries.All).OrderBy(s => s.Day).ToList();

        Assert.Equal([2, 2, 0, 0, 0, 0, 0, 0, 1], all.Select(s => s.DailyActive));
        Assert.Equal([2, 3, 3, 3, 3, 3, 3, 2, 1], all.Select(s => s.WeeklyActive));
        Assert.Equal([1, 2, 2, 2, 2, 2, 2, 2, 0], all.Select(s => s.WeeklyActiveLicensed));
        Assert.Equal(4, all[8].MonthlyActive);
        Assert.All(all, s => Assert.Equal(2, s.Licensed));
        Assert.Equal((3, 1), (all[0].SuccessfulLogins, all[0].FailedLogins));
        var sales = stats.Single(s => s.Dimension == "department" && s.Group == "Sales" && s.Day == Monday.AddDays(1));
        Assert.Equal((2, 2, 2), (sales.Licensed, sales.DailyActive, sales.WeeklyActiveLicensed));
    }

    [Fact]
    public void Compute_NoRoster_LicensedIsNull()
    {
        var stats = AdoptionSeries.Compute(1, [], [new UserDay("a", Monday, 1, 0)], Monday, Monday);

        Assert.Null(Assert.Single(stats).Licensed);
    }

    [Fact]
    public void Compute_UserCreatedLater_LicensedFromThatDay()
    {
        var stats = AdoptionSeries.Compute(1, [new RosterMember("a", true, Monday.AddDays(2), null, null, null)], [], Monday, Monday.AddDays(3));

        Assert.Equal([0, 0, 1, 1], stats.Where(s => s.Dimension == AdoptionSeries.All).OrderBy(s => s.Day).Select(s => s.Licensed ?? -1));
    }
}
