using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Sla;

namespace Hypercare.Web.Sla;

/// <summary>How SLA values read on pages: durations as people say them, clock and alert names, targets as text.</summary>
public static class SlaText
{
    /// <summary>"2 d 3 h", "4 h 05 min", "12 min": the two largest units are enough to act on.</summary>
    public static string Duration(TimeSpan span)
    {
        var d = span.Duration();
        if (d.TotalDays >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays} d {d.Hours} h");
        }

        if (d.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours} h {d.Minutes:00} min");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)d.TotalMinutes)} min");
    }

    /// <summary>Time left, or how long overdue when negative.</summary>
    public static string Left(TimeSpan? left) => left switch
    {
        null => "—",
        { } l when l < TimeSpan.Zero => $"{Duration(l)} overdue",
        { } l => $"{Duration(l)} left",
    };

    public static bool IsOverdue(TimeSpan? left) => left is { } l && l < TimeSpan.Zero;

    public static string Label(this ClockKind kind) => kind switch
    {
        ClockKind.Response => "First response",
        ClockKind.Resolution => "Resolution",
        ClockKind.Update => "Reporter updates",
        _ => kind.ToString(),
    };

    public static string Label(this ClockStatus status) => status switch
    {
        ClockStatus.NoTarget => "no target",
        ClockStatus.Running => "running",
        ClockStatus.Paused => "paused",
        ClockStatus.Met => "met",
        ClockStatus.Missed => "missed",
        ClockStatus.Breached => "breached",
        ClockStatus.Stopped => "stopped",
        _ => status.ToString(),
    };

    public static string CssClass(this ClockStatus status) => status switch
    {
        ClockStatus.Breached or ClockStatus.Missed => "clock bad",
        ClockStatus.Met => "clock good",
        ClockStatus.Paused => "clock paused",
        _ => "clock",
    };

    public static string Label(this AlertKind kind, int threshold) => Escalation.Describe(kind, threshold);

    public static string Label(this StandupCadence cadence) => cadence switch
    {
        StandupCadence.Daily => "Daily",
        StandupCadence.Weekdays => "Weekdays",
        StandupCadence.TwiceWeekly => "Twice a week",
        StandupCadence.Weekly => "Weekly",
        _ => cadence.ToString(),
    };

    public static string Label(this TargetUnit unit) => unit.ToString().ToLowerInvariant();

    public static string Label(this TargetClock clock) => clock == TargetClock.Wall ? "around the clock" : "support time";

    public static string Target(SlaTargetDto? t) =>
        t is { Severity: { } s, Kind: { } k, Amount: { } a, Unit: { } u, Clock: { } c } ? new SlaTarget(s, k, a, u, c).Describe() : "no target";

    public static SlaTargetDto? TargetOf(IEnumerable<SlaTargetDto> targets, Severity severity, ClockKind kind) =>
        targets.FirstOrDefault(t => t.Severity == severity && t.Kind == kind);

    public static string Day(DayOfWeek day) => day.ToString()[..3];

    public static string Window(SupportWindowDto w) => $"{(w.Day is { } d ? Day(d) : "?")} {w.Start}-{w.End}";

    public static string Percent(double? percent) => percent is { } p ? p.ToString("0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>Width of a percent bar, capped at 100 so an overdue clock fills the bar rather than overflowing it.</summary>
    public static string BarWidth(double? percent) =>
        string.Create(CultureInfo.InvariantCulture, $"width: {Math.Clamp(percent ?? 0, 0, 100):0.#}%");

    public static string Hours(double? hours) => hours is { } h ? h.ToString("0.##", CultureInfo.InvariantCulture) + " h" : "—";
}
