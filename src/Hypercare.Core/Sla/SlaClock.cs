using Hypercare.Core.Issues;

namespace Hypercare.Core.Sla;

public enum ClockStatus
{
    /// <summary>The phase sets no target for this severity and clock (e.g. Sev3 resolution).</summary>
    NoTarget,
    Running,
    /// <summary>Waiting on the reporter: the clock does not count and the deadline moves out by the paused time.</summary>
    Paused,
    /// <summary>Stopped within the target.</summary>
    Met,
    /// <summary>Stopped after the target had passed.</summary>
    Missed,
    /// <summary>Still running, past its target.</summary>
    Breached,
    /// <summary>Not applicable now (an update clock on an ended issue).</summary>
    Stopped,
}

/// <summary>The state of one clock at one instant.</summary>
public sealed record ClockState(
    ClockKind Kind,
    ClockStatus Status,
    TimeSpan? Target,
    string? TargetText,
    TargetClock? TargetClock,
    string Phase,
    DateTimeOffset? StartedAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? StoppedAt,
    TimeSpan Elapsed,
    TimeSpan? Remaining,
    double? PercentUsed,
    IReadOnlyDictionary<OwningTeam, TimeSpan> UsedByTeam)
{
    public bool IsBreached => Status is ClockStatus.Breached or ClockStatus.Missed;
}

public sealed record SlaState(ClockState Response, ClockState Resolution, ClockState Update)
{
    public IEnumerable<ClockState> All => [Response, Resolution, Update];
}

/// <summary>
/// The SLA clocks of one issue, computed from its timeline (docs/sla.md):
/// clocks start at report; pause while Waiting on reporter; response stops at the first triage or staff reply;
/// resolution stops at Resolved (or another ended state) and resumes on reopen; the update clock restarts at every
/// staff reply or status change. Targets come from the issue's current severity and the phase in effect when the clock
/// started, so a severity change recomputes from the original report time and a phase change only affects clocks that
/// start afterwards. Time used is split by the owning team at each moment.
/// </summary>
public static class SlaClock
{
    public static SlaState Evaluate(IReadOnlyList<TimelineEvent> timeline, SlaPlan plan, DateTimeOffset now)
    {
        var work = Work(timeline, plan, now);
        return new SlaState(work[0].State, work[1].State, work[2].State);
    }

    /// <summary>
    /// For each clock with a target, the instants (at or before <paramref name="now"/>) at which it used each given
    /// fraction of its target: 0.5 and 0.75 are the default warnings, 1.0 is the breach. Update clocks also give the
    /// start of their current cycle, so each cycle's warnings are distinct.
    /// </summary>
    public static IReadOnlyList<(ClockKind Kind, double Fraction, DateTimeOffset At, DateTimeOffset CycleStart)> Crossings(
        IReadOnlyList<TimelineEvent> timeline, SlaPlan plan, DateTimeOffset now, IReadOnlyList<double> fractions)
    {
        var result = new List<(ClockKind, double, DateTimeOffset, DateTimeOffset)>();
        foreach (var work in Work(timeline, plan, now))
        {
            if (work.State.Target is not { } target || work.State.StartedAt is not { } started)
            {
                continue;
            }

            var end = work.State.StoppedAt ?? now;
            foreach (var fraction in fractions)
            {
                if (Reach(work.Running, work.Calendar, target * fraction, open: false) is { } at && at <= end)
                {
                    result.Add((work.State.Kind, fraction, at, started));
                }
            }
        }

        return result;
    }

    private sealed record ClockWork(ClockState State, List<(DateTimeOffset Start, DateTimeOffset End)> Running, BusinessCalendar Calendar);

    private static ClockWork[] Work(IReadOnlyList<TimelineEvent> timeline, SlaPlan plan, DateTimeOffset now)
    {
        if (timeline.Count == 0 || timeline[0].Kind != TimelineEventKind.Reported)
        {
            throw new ArgumentException("A timeline starts with the Reported event.", nameof(timeline));
        }

        var events = timeline.Where(e => e.At <= now).OrderBy(e => e.At).ToList();
        if (events.Count == 0)
        {
            throw new ArgumentException("The issue is reported after now.", nameof(now));
        }

        var reportedAt = events[0].At;
        var severity = events.Where(e => e.Severity is not null).Last().Severity!.Value;

        // Status and team over time, as change points.
        var statuses = new List<(DateTimeOffset At, IssueStatus Status)> { (reportedAt, IssueStatus.New) };
        var teams = new List<(DateTimeOffset At, OwningTeam? Team)> { (reportedAt, events[0].Team) };
        DateTimeOffset? firstResponse = null;
        var lastUpdate = reportedAt;
        foreach (var e in events.Skip(1))
        {
            switch (e.Kind)
            {
                case TimelineEventKind.StatusChanged when e.Status is { } status:
                    if (statuses[^1].Status == IssueStatus.New)
                    {
                        firstResponse ??= e.At;
                    }

                    statuses.Add((e.At, status));
                    lastUpdate = e.At;
                    break;
                case TimelineEventKind.StaffReplied:
                    firstResponse ??= e.At;
                    lastUpdate = e.At;
                    break;
                case TimelineEventKind.OwningTeamChanged:
                    teams.Add((e.At, e.Team));
                    break;
            }
        }

        var current = statuses[^1].Status;
        var waiting = current == IssueStatus.WaitingOnReporter;
        var phaseAtReport = plan.PhaseAt(reportedAt);

        var response = Clock(ClockKind.Response, phaseAtReport, severity, reportedAt,
            Running(statuses, reportedAt, firstResponse ?? now, now), stoppedAt: firstResponse, now, teams, waiting);

        var resolutionStop = IssueLifecycle.IsEnded(current) ? statuses[^1].At : (DateTimeOffset?)null;
        var resolution = Clock(ClockKind.Resolution, phaseAtReport, severity, reportedAt,
            Running(statuses, reportedAt, resolutionStop ?? now, now), resolutionStop, now, teams, waiting);

        ClockWork update;
        if (IssueLifecycle.IsEnded(current))
        {
            var state = new ClockState(ClockKind.Update, ClockStatus.Stopped, null, null, null, plan.PhaseAt(lastUpdate).Name, lastUpdate, null,
                statuses[^1].At, TimeSpan.Zero, null, null, new Dictionary<OwningTeam, TimeSpan>());
            update = new ClockWork(state, [], BusinessCalendar.AroundTheClock(plan.Zone));
        }
        else
        {
            update = Clock(ClockKind.Update, plan.PhaseAt(lastUpdate), severity, lastUpdate,
                Running(statuses, lastUpdate, now, now), stoppedAt: null, now, teams, waiting);
        }

        return [response, resolution, update];
    }

    private static ClockWork Clock(ClockKind kind, PhaseRules phase, Severity severity, DateTimeOffset startedAt,
        List<(DateTimeOffset Start, DateTimeOffset End)> running, DateTimeOffset? stoppedAt, DateTimeOffset now,
        List<(DateTimeOffset At, OwningTeam? Team)> teams, bool waiting)
    {
        var spec = phase.Targets.FirstOrDefault(t => t.Severity == severity && t.Kind == kind);
        var calendar = spec?.Clock == TargetClock.Support ? phase.SupportCalendar : BusinessCalendar.AroundTheClock(phase.SupportCalendar.Zone);
        var elapsed = running.Aggregate(TimeSpan.Zero, (sum, r) => sum + calendar.Between(r.Start, r.End));
        var byTeam = new Dictionary<OwningTeam, TimeSpan>();
        foreach (var (start, end) in running)
        {
            for (var i = 0; i < teams.Count; i++)
            {
                var from = teams[i].At > start ? teams[i].At : start;
                var to = i + 1 < teams.Count && teams[i + 1].At < end ? teams[i + 1].At : end;
                if (to > from && teams[i].Team is { } team)
                {
                    byTeam[team] = byTeam.GetValueOrDefault(team) + calendar.Between(from, to);
                }
            }
        }

        if (spec is null)
        {
            return new ClockWork(new ClockState(kind, ClockStatus.NoTarget, null, null, null, phase.Name, startedAt, null, stoppedAt, elapsed, null, null, byTeam),
                running, calendar);
        }

        var target = spec.Duration(phase.SupportCalendar);
        var paused = stoppedAt is null && waiting;
        if (stoppedAt is null && !paused && (running.Count == 0 || running[^1].End < now))
        {
            // A clock that has only just started (or restarted) runs on from now.
            running.Add((now, now));
        }

        var crossing = Reach(running, calendar, target, open: stoppedAt is null && !paused);
        var remaining = target - elapsed;

        // Late means the due time passed before the clock stopped, paused or now. This is more than remaining < 0: a
        // clock that used its whole target at the close of a support day is late from then on, through the night,
        // although its elapsed time only grows again when support reopens (the breach alert fired at that close).
        var lastCounted = stoppedAt ?? (paused && running.Count > 0 ? running[^1].End : now);
        var late = crossing is { } reached && reached < lastCounted;
        ClockStatus status;
        DateTimeOffset? due;
        if (stoppedAt is not null)
        {
            status = late ? ClockStatus.Missed : ClockStatus.Met;
            due = crossing;
        }
        else if (paused)
        {
            status = late ? ClockStatus.Breached : ClockStatus.Paused;
            due = late ? crossing : null;
        }
        else
        {
            status = late ? ClockStatus.Breached : ClockStatus.Running;
            due = crossing;
        }

        var percent = target == TimeSpan.Zero ? 100 : Math.Round(elapsed / target * 100, 1);
        return new ClockWork(new ClockState(kind, status, target, spec.Describe(), spec.Clock, phase.Name, startedAt, due, stoppedAt, elapsed, remaining, percent, byTeam),
            running, calendar);
    }

    /// <summary>Where the running intervals reach <paramref name="amount"/> of calendar time; the last interval runs on if still open.</summary>
    private static DateTimeOffset? Reach(List<(DateTimeOffset Start, DateTimeOffset End)> running, BusinessCalendar calendar, TimeSpan amount, bool open)
    {
        var left = amount;
        for (var i = 0; i < running.Count; i++)
        {
            var (start, end) = running[i];
            var isLastOpen = open && i == running.Count - 1;
            var available = isLastOpen ? TimeSpan.MaxValue : calendar.Between(start, end);
            if (available >= left)
            {
                return calendar.Add(start, left);
            }

            left -= available;
        }

        return null;
    }

    /// <summary>Intervals within [from, until) in which the issue was neither waiting on the reporter nor ended.</summary>
    private static List<(DateTimeOffset Start, DateTimeOffset End)> Running(List<(DateTimeOffset At, IssueStatus Status)> statuses,
        DateTimeOffset from, DateTimeOffset until, DateTimeOffset now)
    {
        var result = new List<(DateTimeOffset, DateTimeOffset)>();
        var end = until < now ? until : now;
        for (var i = 0; i < statuses.Count; i++)
        {
            var counts = statuses[i].Status != IssueStatus.WaitingOnReporter && !IssueLifecycle.IsEnded(statuses[i].Status);
            var s = statuses[i].At > from ? statuses[i].At : from;
            var e = i + 1 < statuses.Count ? statuses[i + 1].At : end;
            if (e > end)
            {
                e = end;
            }

            if (counts && e > s)
            {
                if (result.Count > 0 && result[^1].Item2 == s)
                {
                    result[^1] = (result[^1].Item1, e);
                }
                else
                {
                    result.Add((s, e));
                }
            }
        }

        return result;
    }
}
