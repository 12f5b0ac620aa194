using Hypercare.Core.Issues;

namespace Hypercare.Core.Sla;

public enum ClockKind
{
    /// <summary>From report to the first response (triage or a reply from someone other than the reporter).</summary>
    Response,
    /// <summary>From report to Resolved; resumes on reopen.</summary>
    Resolution,
    /// <summary>From the last update to the reporter to the next one due ("keep the reporter updated every N hours").</summary>
    Update,
}

/// <summary>Whether a target counts every minute (around the clock) or only the phase's support hours.</summary>
public enum TargetClock
{
    Wall,
    Support,
}

public enum TargetUnit
{
    Minutes,
    Hours,
    Days,
}

/// <summary>One target, as people write it: "4 support hours", "3 support days", "30 minutes around the clock".</summary>
public sealed record SlaTarget(Severity Severity, ClockKind Kind, int Amount, TargetUnit Unit, TargetClock Clock)
{
    /// <summary>The target as a duration on its clock; a support day is the calendar's average support day.</summary>
    public TimeSpan Duration(BusinessCalendar supportCalendar) => Unit switch
    {
        TargetUnit.Minutes => TimeSpan.FromMinutes(Amount),
        TargetUnit.Hours => TimeSpan.FromHours(Amount),
        _ => Clock == TargetClock.Wall ? TimeSpan.FromDays(Amount) : supportCalendar.SupportDayLength * Amount,
    };

    public string Describe() =>
        $"{Amount} {(Clock == TargetClock.Support ? "support " : "")}{Unit.ToString().ToLowerInvariant()}{(Clock == TargetClock.Wall ? " around the clock" : "")}";

    /// <summary>The seed practice: Sev1 30 min / 4 h around the clock; Sev2 4 support hours / 3 support days; Sev3 2 support days / none.</summary>
    public static IReadOnlyList<SlaTarget> Defaults { get; } =
    [
        new(Severity.Sev1, ClockKind.Response, 30, TargetUnit.Minutes, TargetClock.Wall),
        new(Severity.Sev1, ClockKind.Resolution, 4, TargetUnit.Hours, TargetClock.Wall),
        new(Severity.Sev1, ClockKind.Update, 1, TargetUnit.Hours, TargetClock.Wall),
        new(Severity.Sev2, ClockKind.Response, 4, TargetUnit.Hours, TargetClock.Support),
        new(Severity.Sev2, ClockKind.Resolution, 3, TargetUnit.Days, TargetClock.Support),
        new(Severity.Sev2, ClockKind.Update, 8, TargetUnit.Hours, TargetClock.Support),
        new(Severity.Sev3, ClockKind.Response, 2, TargetUnit.Days, TargetClock.Support),
    ];

    /// <summary>
    /// Heightened support for the intensive weeks after go-live: every target of <see cref="Defaults"/> on the same clock
    /// but shorter. Sev1 15 min / 2 h around the clock, update every 30 min; Sev2 2 support hours / 2 support days, update
    /// every 4 support hours; Sev3 1 support day / none. (On the default Intensive hours, 07:00–20:00 Monday–Saturday,
    /// a support day is 13 h: 2 support days are 26 h against Stabilise's 30, 1 support day 13 h against 20.)
    /// </summary>
    public static IReadOnlyList<SlaTarget> IntensiveDefaults { get; } =
    [
        new(Severity.Sev1, ClockKind.Response, 15, TargetUnit.Minutes, TargetClock.Wall),
        new(Severity.Sev1, ClockKind.Resolution, 2, TargetUnit.Hours, TargetClock.Wall),
        new(Severity.Sev1, ClockKind.Update, 30, TargetUnit.Minutes, TargetClock.Wall),
        new(Severity.Sev2, ClockKind.Response, 2, TargetUnit.Hours, TargetClock.Support),
        new(Severity.Sev2, ClockKind.Resolution, 2, TargetUnit.Days, TargetClock.Support),
        new(Severity.Sev2, ClockKind.Update, 4, TargetUnit.Hours, TargetClock.Support),
        new(Severity.Sev3, ClockKind.Response, 1, TargetUnit.Days, TargetClock.Support),
    ];
}
