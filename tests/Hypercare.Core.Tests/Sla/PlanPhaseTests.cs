using Hypercare.Core.Issues;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Sla;

public sealed class PlanPhaseTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static (PlanPhase Intensive, PlanPhase Stabilise) DefaultPlan()
    {
        var plan = PlanPhase.DefaultPlan(1, new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 30)).ToList();
        return (plan.Single(p => p.Name == "Intensive"), plan.Single(p => p.Name == "Stabilise"));
    }

    [Fact]
    public void DefaultPlan_StandupsDailyInIntensiveThenWeekly()
    {
        var (intensive, stabilise) = DefaultPlan();

        Assert.Equal(StandupCadence.Daily, intensive.StandupCadence);
        Assert.Equal(StandupCadence.Weekly, stabilise.StandupCadence);
    }

    [Fact]
    public void DefaultPlan_Stabilise_KeepsTheSeedPracticeDefaults()
    {
        var (_, stabilise) = DefaultPlan();

        Assert.Equal(SlaTarget.Defaults, stabilise.Targets);
    }

    [Fact]
    public void DefaultPlan_IntensiveTargets_StrictlyShorterThanStabiliseForEverySeverityAndClock()
    {
        var (intensive, stabilise) = DefaultPlan();
        var intensiveCalendar = BusinessCalendar.Weekly(Berlin, intensive.SupportHours);
        var stabiliseCalendar = BusinessCalendar.Weekly(Berlin, stabilise.SupportHours);
        var compared = 0;

        foreach (var severity in Enum.GetValues<Severity>())
        {
            foreach (var kind in Enum.GetValues<ClockKind>())
            {
                var slow = stabilise.Targets.SingleOrDefault(t => t.Severity == severity && t.Kind == kind);
                var fast = intensive.Targets.SingleOrDefault(t => t.Severity == severity && t.Kind == kind);
                if (slow is null)
                {
                    // No target in Stabilise (Sev3 resolution and update): Intensive adds none either.
                    Assert.Null(fast);
                    continue;
                }

                Assert.True(fast is not null, $"Intensive has no {severity} {kind} target; Stabilise has {slow.Describe()}.");
                // Same clock, so the durations compare like for like; Intensive's hours contain Stabilise's, so a
                // shorter support-time target is also never later on the wall clock.
                Assert.Equal(slow.Clock, fast.Clock);
                Assert.True(fast.Duration(intensiveCalendar) < slow.Duration(stabiliseCalendar),
                    $"{severity} {kind}: Intensive {fast.Describe()} ({fast.Duration(intensiveCalendar)}) is not shorter than Stabilise {slow.Describe()} ({slow.Duration(stabiliseCalendar)}).");
                compared++;
            }
        }

        // Every severity has at least a response target; Sev1 and Sev2 have all three.
        Assert.Equal(SlaTarget.Defaults.Count, compared);
        Assert.All(Enum.GetValues<Severity>(), s => Assert.Contains(intensive.Targets, t => t.Severity == s && t.Kind == ClockKind.Response));
    }

    [Fact]
    public void DefaultPlan_IntensiveSupportHours_ContainStabilise()
    {
        var (intensive, stabilise) = DefaultPlan();

        Assert.All(stabilise.SupportHours, w => Assert.Contains(intensive.SupportHours, i => i.Day == w.Day && i.Start <= w.Start && i.End >= w.End));
    }
}
