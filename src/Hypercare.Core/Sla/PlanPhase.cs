namespace Hypercare.Core.Sla;

public enum StandupCadence
{
    Daily,
    Weekdays,
    TwiceWeekly,
    Weekly,
}

/// <summary>
/// A phase of a project's hypercare plan ("Intensive" weeks 1–2, "Stabilise" weeks 3–4, a taper...): its dates (local,
/// inclusive), support hours, SLA targets, triage times and standup cadence.
/// </summary>
public sealed class PlanPhase : IVersioned
{
    public const int NameMaxLength = 80;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Name { get; set; } = "";

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public List<SupportWindow> SupportHours { get; set; } = [];

    public List<SlaTarget> Targets { get; set; } = [];

    public List<TimeOnly> TriageTimes { get; set; } = [];

    public StandupCadence StandupCadence { get; set; } = StandupCadence.Daily;

    public int Version { get; set; }

    public static PlanPhase Create(int projectId, string name, DateOnly start, DateOnly end, IEnumerable<SupportWindow> hours,
        IEnumerable<SlaTarget> targets, IEnumerable<TimeOnly> triageTimes, StandupCadence cadence)
    {
        var phase = new PlanPhase { ProjectId = projectId };
        phase.Set(name, start, end, hours, targets, triageTimes, cadence);
        return phase;
    }

    /// <summary>Sets every part of the phase at once (an edit on the Plan page, a SOW plan applied).</summary>
    public void Set(string name, DateOnly start, DateOnly end, IEnumerable<SupportWindow> hours, IEnumerable<SlaTarget> targets,
        IEnumerable<TimeOnly> triageTimes, StandupCadence cadence)
    {
        Name = name;
        StartDate = start;
        EndDate = end;
        SupportHours = [.. hours];
        Targets = [.. targets];
        TriageTimes = [.. triageTimes];
        StandupCadence = cadence;
    }

    public static IEnumerable<SupportWindow> Weekdays(TimeOnly start, TimeOnly end, bool saturday = false) =>
    Enum.GetValues<DayOfWeek>()
        .Where(d => d is not DayOfWeek.Sunday && (saturday || d is not DayOfWeek.Saturday))
        .Select(d => new SupportWindow(d, start, end));

    /// <summary>
    /// The seed practice's plan for a new project: two intensive weeks of heightened support, with extended hours
    /// (07:00–20:00, Saturdays too), faster SLA targets (<see cref="SlaTarget.IntensiveDefaults"/>: every target shorter
    /// than Stabilise's), triage three times a day and a daily standup; then "Stabilise" until the planned end with
    /// office hours (Monday–Friday 08:00–18:00), the standard targets (<see cref="SlaTarget.Defaults"/>), triage twice a
    /// day and a weekly standup (daily standups for the first weeks, weekly thereafter).
    /// </summary>
    public static IEnumerable<PlanPhase> DefaultPlan(int projectId, DateOnly goLive, DateOnly? plannedEnd)
    {
        var intensiveEnd = goLive.AddDays(13);
        var end = plannedEnd is { } e && e > intensiveEnd ? e : goLive.AddDays(27);
        yield return Create(projectId, "Intensive", goLive, intensiveEnd, Weekdays(new TimeOnly(7, 0), new TimeOnly(20, 0), saturday: true),
            SlaTarget.IntensiveDefaults, [new TimeOnly(9, 0), new TimeOnly(13, 0), new TimeOnly(16, 30)], StandupCadence.Daily);
        yield return Create(projectId, "Stabilise", intensiveEnd.AddDays(1), end, Weekdays(new TimeOnly(8, 0), new TimeOnly(18, 0)),
            SlaTarget.Defaults, [new TimeOnly(9, 30), new TimeOnly(15, 0)], StandupCadence.Weekly);
    }
}
