namespace Hypercare.Core.Sla;

/// <summary>The rules of one plan phase as the clocks need them: its dates, support calendar and targets.</summary>
public sealed record PhaseRules(string Name, DateOnly Start, DateOnly End, BusinessCalendar SupportCalendar, IReadOnlyList<SlaTarget> Targets);

/// <summary>
/// Which phase governs a clock: the phase whose dates contain the local day on which the clock (or, for update clocks,
/// the current cycle) started. Outside every phase the fallback applies (the last phase after the plan ends, the defaults before it).
/// </summary>
public sealed class SlaPlan(TimeZoneInfo zone, IReadOnlyList<PhaseRules> phases, PhaseRules fallback)
{
    public TimeZoneInfo Zone { get; } = zone;

    public IReadOnlyList<PhaseRules> Phases { get; } = phases;

    public PhaseRules PhaseAt(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
        foreach (var phase in Phases)
        {
            if (phase.Start <= day && day <= phase.End)
            {
                return phase;
            }
        }

        return Phases.Count > 0 && day > Phases.Max(p => p.End) ? Phases.MaxBy(p => p.End)! : fallback;
    }

    /// <summary>
    /// When an issue still New raises the untriaged alert: after the project's untriaged minutes of support time, counted
    /// on the support calendar of the phase the issue was reported in, like every other clock (an issue reported on
    /// Friday evening is not "untriaged for 60 hours" on Monday morning).
    /// </summary>
    public DateTimeOffset UntriagedAlertAt(DateTimeOffset reportedAt, int minutes) =>
        PhaseAt(reportedAt).SupportCalendar.Add(reportedAt, TimeSpan.FromMinutes(minutes));
}
