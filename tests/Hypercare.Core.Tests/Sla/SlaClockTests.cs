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

    // Reported Monday 08:00, so the 30 support hours run out exactly at Wednesday's 18:00 close; the evening after it
    // the elapsed time equals the target, yet the due time has passed (and the breach alert fired at 18:00).
    [Fact]
    public void TargetUsedUpAtTheClose_IsLateThroughTheEvening()
    {
        var monday8 = Monday10.AddHours(-2);
        var wednesdayClose = new DateTimeOffset(2026, 3, 4, 17, 0, 0, TimeSpan.Zero);
        var evening = wednesdayClose.AddHours(3);

        var open = SlaClock.Evaluate([Reported(monday8, Severity.Sev2), Status(monday8.AddMinutes(5), IssueStatus.Triaged)], Plan, evening);
        var paused = SlaClock.Evaluate([Reported(monday8, Severity.Sev2), Status(wednesdayClose.AddHours(1), IssueStatus.WaitingOnReporter)], Plan, evening);
        var resolvedAfter = SlaClock.Evaluate([Reported(monday8, Severity.Sev2), Status(wednesdayClose.AddHours(1), IssueStatus.Resolved)], Plan, evening);
        var resolvedAtClose = SlaClock.Evaluate([Reported(monday8, Severity.Sev2), Status(wednesdayClose, IssueStatus.Resolved)], Plan, evening);

        Assert.Equal((ClockStatus.Breached, wednesdayClose, TimeSpan.Zero), (open.Resolution.Status, open.Resolution.DueAt, open.Resolution.Remaining));
        Assert.Equal((ClockStatus.Breached, wednesdayClose), (paused.Resolution.Status, paused.Resolution.DueAt));
        Assert.Equal(ClockStatus.Missed, resolvedAfter.Resolution.Status);
        Assert.Equal((ClockStatus.Met, wednesdayClose), (resolvedAtClose.Resolution.Status, resolvedAtClose.Resolution.DueAt));
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

    // Every sample is checked: the pause takes away exactly the waiting time, measured on the clock's own calendar.
    [Fact]
    public void Pausing_TakesAwayExactlyTheWaitingTime_AndElapsedStaysWithinWallTime()
    {
        var samples = 0;
        var withWaiting = 0;
        Lifecycle.Sample(l =>
        {
            var state = SlaClock.Evaluate(l.Timeline, l.Plan, l.End);
            // The same lifecycle with the issue worked on instead of waiting, at the same instants.
            var unpaused = SlaClock.Evaluate(
                [.. l.Timeline.Select(e => e.Status == IssueStatus.WaitingOnReporter ? e with { Status = IssueStatus.InProgress } : e)], l.Plan, l.End);
            var calendar = state.Resolution.TargetClock == TargetClock.Support
                ? l.Plan.PhaseAt(l.Timeline[0].At).SupportCalendar
                : BusinessCalendar.AroundTheClock(l.Plan.Zone);
            var waiting = TimeSpan.Zero;
            for (var i = 0; i < l.Timeline.Count; i++)
            {
                if (l.Timeline[i].Status == IssueStatus.WaitingOnReporter)
                {
                    waiting += calendar.Between(l.Timeline[i].At, i + 1 < l.Timeline.Count ? l.Timeline[i + 1].At : l.End);
                }
            }

            Assert.Equal(unpaused.Resolution.Elapsed - waiting, state.Resolution.Elapsed);
            Assert.True(state.Resolution.Elapsed <= l.End - l.Timeline[0].At);
            Assert.Equal(state.Resolution.Elapsed, state.Resolution.UsedByTeam.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b));
            Interlocked.Increment(ref samples);
            if (waiting > TimeSpan.Zero)
            {
                Interlocked.Increment(ref withWaiting);
            }
        }, iter: 500);

        // The generator exercises the pause: most lifecycles wait on the reporter for some counted time.
        Assert.True(samples >= 500, $"{samples} samples");
        Assert.True(withWaiting > samples / 4, $"{withWaiting} of {samples} samples waited on the reporter");
    }

    // Every sample is checked, whatever state the clock ends in: a due time, when there is one, is exactly where the
    // elapsed time reaches the target; a running clock is due in the future, a breached or missed one in the past.
    [Fact]
    public void DueAt_IsWhereElapsedReachesTheTarget()
    {
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<ClockStatus, int>();
        Lifecycle.Sample(l =>
        {
            var state = SlaClock.Evaluate(l.Timeline, l.Plan, l.End);
            foreach (var clock in new[] { state.Response, state.Resolution })
            {
                seen.AddOrUpdate(clock.Status, 1, (_, n) => n + 1);
                if (clock.Status == ClockStatus.NoTarget)
                {
                    Assert.Equal((null, null), (clock.Target, clock.DueAt));
                    continue;
                }

                var target = Assert.NotNull(clock.Target);
                if (clock.Status is ClockStatus.Running or ClockStatus.Breached or ClockStatus.Missed)
                {
                    Assert.NotNull(clock.DueAt);
                }

                if (clock.DueAt is { } due)
                {
                    var atDue = SlaClock.Evaluate(l.Timeline, l.Plan, due);
                    Assert.Equal(target, (clock.Kind == ClockKind.Response ? atDue.Response : atDue.Resolution).Elapsed);
                    Assert.True(clock.Status == ClockStatus.Running ? due >= l.End : due <= l.End, $"{clock.Kind} {clock.Status} due {due:O}, now {l.End:O}");
                }
                else
                {
                    // Only a clock that is paused within its target (reaching it exactly is not a breach), or stopped
                    // short of it, has no due time.
                    Assert.Contains(clock.Status, new[] { ClockStatus.Paused, ClockStatus.Met });
                    Assert.True(clock.Status == ClockStatus.Paused ? clock.Elapsed <= target : clock.Elapsed < target,
                        $"{clock.Kind} {clock.Status} elapsed {clock.Elapsed} target {target}");
                }
            }
        }, iter: 500);

        // The lifecycles end in every state, so no branch above goes untested.
        Assert.All(new[] { ClockStatus.Running, ClockStatus.Paused, ClockStatus.Met, ClockStatus.Missed, ClockStatus.Breached, ClockStatus.NoTarget },
            s => Assert.True(seen.GetValueOrDefault(s) > 0, $"no sample ended {s}"));
    }
}
