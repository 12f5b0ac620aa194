using CsCheck;
using Hypercare.Core.Issues;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Sla;

public class SlaClockTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly BusinessCalendar Office = BusinessCalendar.Weekly(Berlin,
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new SupportWindow(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))]);

    private static readonly PhaseRules Intensive = new("Intensive", new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), Office, SlaTarget.Defaults);

    private static readonly SlaPlan Plan = new(Berlin, [Intensive], Intensive);

    // Monday 2 March 2026, 10:00 Berlin.
    private static readonly DateTimeOffset Monday10 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static TimelineEvent Reported(DateTimeOffset at, Severity severity, OwningTeam? team = null) => new(at, TimelineEventKind.Reported, severity, IssueStatus.New, team);

    private static TimelineEvent Status(DateTimeOffset at, IssueStatus status) => new(at, TimelineEventKind.StatusChanged, Status: status);

    [Fact]
    public void Sev1_ResponseAndResolution_RunAroundTheClock()
    {
        var saturdayNight = new DateTimeOffset(2026, 3, 7, 22, 0, 0, TimeSpan.Zero);

        var state = SlaClock.Evaluate([Reported(saturdayNight, Severity.Sev1)], Plan, saturdayNight.AddMinutes(20));

        Assert.Equal(ClockStatus.Running, state.Response.Status);
        Assert.Equal(saturdayNight.AddMinutes(30), state.Response.DueAt);
        Assert.Equal(TimeSpan.FromMinutes(10), state.Response.Remaining);
        Assert.Equal(66.7, state.Response.PercentUsed);
        Assert.Equal(saturdayNight.AddHours(4), state.Resolution.DueAt);
    }

    [Fact]
    public void Sev2_ResolutionIsThreeSupportDays()
    {
        var state = SlaClock.Evaluate([Reported(Monday10, Severity.Sev2)], Plan, Monday10);

        // 30 support hours from Monday 10:00: Mon 8 h, Tue 10, Wed 10, Thu 2 → Thursday 10:00 local.
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero), state.Resolution.DueAt);
        Assert.Equal(Monday10.AddHours(4), state.Response.DueAt);
    }

    [Fact]
    public void Sev3_HasNoResolutionTarget()
    {
        var state = SlaClock.Evaluate([Reported(Monday10, Severity.Sev3)], Plan, Monday10.AddDays(30));

        Assert.Equal(ClockStatus.NoTarget, state.Resolution.Status);
        Assert.Null(state.Resolution.DueAt);
        Assert.Equal(ClockStatus.Breached, state.Response.Status);
    }

    [Fact]
    public void WaitingOnReporter_PausesAndMovesTheDeadlineOutByThePausedTime()
    {
        var timeline = new[]
        {
            Reported(Monday10, Severity.Sev1),
            Status(Monday10.AddMinutes(10), IssueStatus.Triaged),
            Status(Monday10.AddHours(1), IssueStatus.WaitingOnReporter),
            Status(Monday10.AddHours(3), IssueStatus.InProgress),
        };

        var whilePaused = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(2));
        var afterwards = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(3).AddMinutes(30));

        Assert.Equal(ClockStatus.Paused, whilePaused.Resolution.Status);
        Assert.Null(whilePaused.Resolution.DueAt);
        Assert.Equal(TimeSpan.FromHours(1), whilePaused.Resolution.Elapsed);
        Assert.Equal(ClockStatus.Running, afterwards.Resolution.Status);
        Assert.Equal(Monday10.AddHours(6), afterwards.Resolution.DueAt);
    }

    [Fact]
    public void Resolved_StopsTheClock_AndReopenResumesIt()
    {
        var timeline = new List<TimelineEvent>
        {
            Reported(Monday10, Severity.Sev1),
            Status(Monday10.AddMinutes(5), IssueStatus.Triaged),
            Status(Monday10.AddHours(1), IssueStatus.Resolved),
        };

        var stopped = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(10));
        timeline.Add(Status(Monday10.AddHours(10), IssueStatus.InProgress));
        var resumed = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(11));

        Assert.Equal(ClockStatus.Met, stopped.Resolution.Status);
        Assert.Equal(TimeSpan.FromHours(1), stopped.Resolution.Elapsed);
        Assert.Equal(ClockStatus.Running, resumed.Resolution.Status);
        Assert.Equal(TimeSpan.FromHours(2), resumed.Resolution.Elapsed);
        Assert.Equal(Monday10.AddHours(13), resumed.Resolution.DueAt);
    }

    [Fact]
    public void SeverityChange_RecomputesFromTheOriginalReportTime()
    {
        var timeline = new[]
        {
            Reported(Monday10, Severity.Sev3),
            new TimelineEvent(Monday10.AddHours(2), TimelineEventKind.SeverityChanged, Severity.Sev1),
        };

        var state = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(2));

        Assert.Equal(Monday10.AddHours(4), state.Resolution.DueAt);
        Assert.Equal(ClockStatus.Breached, state.Response.Status);
        Assert.Equal(Monday10.AddMinutes(30), state.Response.DueAt);
    }

    [Fact]
    public void PhaseChange_AppliesOnlyToClocksThatStartAfterwards()
    {
        var stabilise = new PhaseRules("Stabilise", new DateOnly(2026, 3, 16), new DateOnly(2026, 3, 29), Office,
            [new SlaTarget(Severity.Sev1, ClockKind.Resolution, 8, TargetUnit.Hours, TargetClock.Wall)]);
        var plan = new SlaPlan(Berlin, [Intensive, stabilise], Intensive);
        var sundayNight = new DateTimeOffset(2026, 3, 15, 21, 0, 0, TimeSpan.Zero); // 22:00 local, last day of Intensive

        var early = SlaClock.Evaluate([Reported(sundayNight, Severity.Sev1)], plan, sundayNight.AddHours(3));
        var late = SlaClock.Evaluate([Reported(sundayNight.AddHours(2), Severity.Sev1)], plan, sundayNight.AddHours(3));

        Assert.Equal("Intensive", early.Resolution.Phase);
        Assert.Equal(sundayNight.AddHours(4), early.Resolution.DueAt);
        Assert.Equal("Stabilise", late.Resolution.Phase);
        Assert.Equal(sundayNight.AddHours(10), late.Resolution.DueAt);
    }

    [Fact]
    public void Response_StopsAtFirstStaffReply()
    {
        var timeline = new[] { Reported(Monday10, Severity.Sev2), new TimelineEvent(Monday10.AddHours(1), TimelineEventKind.StaffReplied) };

        var state = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(9));

        Assert.Equal(ClockStatus.Met, state.Response.Status);
        Assert.Equal(TimeSpan.FromHours(1), state.Response.Elapsed);
        Assert.Equal(25, state.Response.PercentUsed);
    }

    [Fact]
    public void UpdateClock_RestartsAtEveryStaffReply()
    {
        var timeline = new[]
        {
            Reported(Monday10, Severity.Sev1),
            Status(Monday10.AddMinutes(10), IssueStatus.Triaged),
            new TimelineEvent(Monday10.AddMinutes(50), TimelineEventKind.StaffReplied),
        };

        var state = SlaClock.Evaluate(timeline, Plan, Monday10.AddMinutes(80));

        Assert.Equal(Monday10.AddMinutes(50), state.Update.StartedAt);
        Assert.Equal(Monday10.AddMinutes(110), state.Update.DueAt);
    }

    [Fact]
    public void UsedTime_IsAttributedToTheOwningTeamAtEachMoment()
    {
        var timeline = new[]
        {
            Reported(Monday10, Severity.Sev1, OwningTeam.ProjectTeam),
            Status(Monday10.AddMinutes(10), IssueStatus.Triaged),
            new TimelineEvent(Monday10.AddHours(1), TimelineEventKind.OwningTeamChanged, Team: OwningTeam.SteadyStateTeam),
        };

        var state = SlaClock.Evaluate(timeline, Plan, Monday10.AddHours(3));

        Assert.Equal(TimeSpan.FromHours(1), state.Resolution.UsedByTeam[OwningTeam.ProjectTeam]);
        Assert.Equal(TimeSpan.FromHours(2), state.Resolution.UsedByTeam[OwningTeam.SteadyStateTeam]);
    }

    [Fact]
    public void Crossings_GiveEachWarningAndTheBreachAtTheirInstants()
    {
        var crossings = SlaClock.Crossings([Reported(Monday10, Severity.Sev1)], Plan, Monday10.AddHours(5), [0.5, 0.75, 1.0])
            .Where(c => c.Kind == ClockKind.Resolution).ToList();

        Assert.Equal([Monday10.AddHours(2), Monday10.AddHours(3), Monday10.AddHours(4)], crossings.Select(c => c.At));
    }

    // Random lifecycles: report, then up to 12 status moves at random gaps, in four time zones.
    private static readonly IssueStatus[] Moves = [IssueStatus.Triaged, IssueStatus.InProgress, IssueStatus.WaitingOnReporter, IssueStatus.InProgress, IssueStatus.Resolved, IssueStatus.InProgress];

    private static readonly SlaPlan[] Plans = [.. new[] { "America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata" }.Select(zone =>
        SlaPlanService.Build(zone, [new DateOnly(2026, 4, 3)], [.. PlanPhase.DefaultPlan(1, new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 30))]))];

    private static readonly Gen<(List<TimelineEvent> Timeline, DateTimeOffset End, SlaPlan Plan)> Lifecycle =
        Gen.Select(Gen.Int[1, 3], Gen.Int[0, 90 * 24 * 60], Gen.Int[1, 600].Array[0, 12], Gen.Int[0, Moves.Length - 1].Array[12], Gen.Int[0, Plans.Length - 1])
            .Select((sev, startMinute, gaps, moves, plan) =>
            {
                var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(startMinute);
                var events = new List<TimelineEvent> { new(at, TimelineEventKind.Reported, (Severity)sev, IssueStatus.New, OwningTeam.ProjectTeam) };
                for (var i = 0; i < gaps.Length; i++)
                {
                    at = at.AddMinutes(gaps[i]);
                    events.Add(new TimelineEvent(at, TimelineEventKind.StatusChanged, Status: Moves[moves[i]]));
                }

                return (events, at.AddMinutes(120), Plans[plan]);
            });

    [Fact]
    public void Elapsed_NeverDecreasesAsTimePasses() =>
        Lifecycle.Sample(l =>
        {
            var previous = SlaClock.Evaluate(l.Timeline, l.Plan, l.Timeline[0].At);
            for (var t = l.Timeline[0].At; t <= l.End; t = t.AddMinutes(37))
            {
                var now = SlaClock.Evaluate(l.Timeline, l.Plan, t);
                Assert.True(now.Resolution.Elapsed >= previous.Resolution.Elapsed);
                Assert.True(now.Response.Elapsed >= previous.Response.Elapsed);
                previous = now;
            }
        }, iter: 300);

    [Fact]
    public void Pausing_NeverAddsUsedTime_AndElapsedStaysWithinWallTime() =>
        Lifecycle.Sample(l =>
        {
            var state = SlaClock.Evaluate(l.Timeline, l.Plan, l.End);
            var unpaused = SlaClock.Evaluate(
                [.. l.Timeline.Where(e => e.Status != IssueStatus.WaitingOnReporter || e.Kind == TimelineEventKind.Reported)], l.Plan, l.End);
            Assert.True(state.Resolution.Elapsed <= unpaused.Resolution.Elapsed || l.Timeline.Any(e => e.Status == IssueStatus.Resolved));
            Assert.True(state.Resolution.Elapsed <= l.End - l.Timeline[0].At);
            Assert.Equal(state.Resolution.Elapsed, state.Resolution.UsedByTeam.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b));
        }, iter: 500);

    [Fact]
    public void DueAt_IsWhereElapsedReachesTheTarget() =>
        Lifecycle.Sample(l =>
        {
            var state = SlaClock.Evaluate(l.Timeline, l.Plan, l.End);
            if (state.Resolution is { Status: ClockStatus.Running, DueAt: { } due, Target: { } target })
            {
                Assert.Equal(target, SlaClock.Evaluate(l.Timeline, l.Plan, due).Resolution.Elapsed);
            }
        }, iter: 500);
}
