using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;

namespace Hypercare.Core.Tests.Adoption.Flags;

public class FlagRulesTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    /// <summary>Weekdays at <paramref name="weekday"/>, weekends at a fifth of it, with a little deterministic noise.</summary>
    private static List<(DateOnly Day, double Value)> Series(int weeks, Func<int, double> weekday, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, weeks * 7).Select(i =>
        {
            var day = Monday.AddDays(i);
            var level = weekday(i / 7) * (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.2 : 1.0);
            return (day, level * (1 + (random.NextDouble() - 0.5) * 0.04));
        }).ToList();
    }

    [Fact]
    public void WeekOverWeekDecline_RealDecline_Flagged()
    {
        var series = Series(3, week => week < 2 ? 0.80 : 0.60);

        var finding = FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", series, "daily login rate");

        Assert.NotNull(finding);
        Assert.Equal(Monday.AddDays(14), finding.Since);
        Assert.InRange(finding.Magnitude, 0.2, 0.3);
        Assert.True((double)finding.Evidence["pValue"] < 0.05);
        Assert.Contains("like weekdays compared", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void WeekOverWeekDecline_WeekendDips_NotFlagged()
    {
        var series = Series(3, _ => 0.80);

        Assert.Null(FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", series, "daily login rate"));
    }

    [Fact]
    public void WeekOverWeekDecline_SingleBadDay_NotFlagged()
    {
        var series = Series(3, _ => 0.80);
        series[17] = (series[17].Day, 0.30);

        Assert.Null(FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", series, "daily login rate"));
    }

    [Fact]
    public void WeekOverWeekDecline_TinyButConsistentDecline_NotFlagged()
    {
        var series = Series(2, week => week == 0 ? 0.80 : 0.78);

        Assert.Null(FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", series, "daily login rate"));
    }

    [Fact]
    public void WeekOverWeekDecline_LessThanTwoWeeks_NotFlagged() =>
        Assert.Null(FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all", Series(1, _ => 0.8).Concat(Series(1, _ => 0.1)).Take(13).ToList(), "x"));

    [Fact]
    public void BelowTarget_AfterTheDueDateBelowRate_FlaggedWithGap()
    {
        var target = new AdoptionTarget { Metric = TargetMetric.WeeklyLoginRate, Rate = 0.8, ByDate = Monday.AddDays(13) };
        var series = Enumerable.Range(0, 16).Select(i => (Monday.AddDays(i), (double?)(0.5 + i * 0.01))).ToList();

        var finding = FlagRules.BelowTarget(target, series);

        Assert.NotNull(finding);
        Assert.Equal(Monday.AddDays(13), finding.Since);
        Assert.Equal(0.15, finding.Magnitude, 3);
        Assert.Null(FlagRules.BelowTarget(target, series.Take(13).ToList()));
    }

    [Fact]
    public void GroupLagging_FarBehindTheRest_Flagged()
    {
        Assert.NotNull(FlagRules.GroupLagging("department", "Finance", Monday, 40, 10, 400, 300));
        Assert.Null(FlagRules.GroupLagging("department", "Sales", Monday, 40, 28, 400, 300));
        Assert.Null(FlagRules.GroupLagging("department", "Tiny", Monday, 3, 0, 400, 300));
    }

    [Fact]
    public void Summary_TinyPValue_SaysBelowInsteadOfARoundedZero()
    {
        var finding = FlagRules.GroupLagging("department", "Sales Hamburg", Monday, 69, 34, 391, 330)!;

        Assert.Contains("p < 0.0001", finding.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("p = 0.", finding.Summary, StringComparison.Ordinal);
        Assert.Equal("p = 0.0123", FlagRules.PValue(0.01234));
    }

    [Fact]
    public void FailureSpike_LockoutWave_FlaggedButNormalNoiseIsNot()
    {
        var quiet = Enumerable.Range(0, 14).Select(i => (Monday.AddDays(i), 3 + i % 3)).ToList();

        Assert.Null(FlagRules.FailureSpike("lockouts", quiet));
        var finding = FlagRules.FailureSpike("lockouts", [.. quiet, (Monday.AddDays(14), 40)]);
        Assert.NotNull(finding);
        Assert.Equal(Monday.AddDays(14), finding.Since);
    }

    [Fact]
    public void LoginDataStale_DataUpToYesterdayOrTheDayBefore_NotFlagged()
    {
        var today = new DateOnly(2026, 3, 12);

        Assert.Null(FlagRules.LoginDataStale(today.AddDays(-1), today, Monday, null));
        Assert.Null(FlagRules.LoginDataStale(today.AddDays(-2), today, Monday, null));
        Assert.Null(FlagRules.LoginDataStale(today, today, Monday, null));
    }

    [Fact]
    public void LoginDataStale_ThreeDaysOld_FlaggedFromTheFirstDayWithoutData()
    {
        var finding = FlagRules.LoginDataStale(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 12), Monday, null);

        Assert.NotNull(finding);
        Assert.Equal((FlagKind.DataStale, "login data", new DateOnly(2026, 3, 10), 3.0), (finding.Kind, finding.Subject, finding.Since, finding.Magnitude));
        Assert.Equal("No login data since Tue 10 Mar (3 days): import the latest LoginHistory export.", finding.Summary);
        Assert.Equal(new DateOnly(2026, 3, 9), finding.Evidence["lastDataDay"]);
        Assert.Equal(new DateOnly(2026, 3, 12), finding.Evidence["today"]);
        Assert.Equal(3, finding.Evidence["daysMissing"]);
        Assert.False(finding.Evidence.ContainsKey("lastImportAt"));
    }

    [Fact]
    public void LoginDataStale_ImportsArriveWithoutNewDays_PointsAtTheExport()
    {
        var berlin = TimeSpan.FromHours(1);

        var empty = FlagRules.LoginDataStale(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 12), Monday, new DateTimeOffset(2026, 3, 12, 7, 40, 0, berlin));
        var late = FlagRules.LoginDataStale(new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 12), Monday, new DateTimeOffset(2026, 3, 10, 7, 40, 0, berlin));

        Assert.Equal("No login data since Tue 10 Mar (3 days): the last login import (Thu 12 Mar 07:40) brought no newer day; check the LoginHistory export.", empty!.Summary);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 6, 40, 0, TimeSpan.Zero), empty.Evidence["lastImportAt"]);
        Assert.Equal("No login data since Tue 10 Mar (3 days): the last login import was Tue 10 Mar 07:40; import the latest LoginHistory export.", late!.Summary);
    }

    [Fact]
    public void LoginDataStale_BeforeGoLive_NotFlagged() =>
        Assert.Null(FlagRules.LoginDataStale(new DateOnly(2026, 2, 20), new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 16), null));

    [Fact]
    public void LoginDataStale_PilotDataEndedBeforeGoLive_DaysCountedFromGoLive()
    {
        var pilotEnd = new DateOnly(2026, 2, 20);
        var goLive = new DateOnly(2026, 3, 10);

        Assert.Null(FlagRules.LoginDataStale(pilotEnd, goLive.AddDays(1), goLive, null));
        var finding = FlagRules.LoginDataStale(pilotEnd, goLive.AddDays(2), goLive, null);
        Assert.NotNull(finding);
        Assert.Equal((goLive, 3.0), (finding.Since, finding.Magnitude));
    }
}
