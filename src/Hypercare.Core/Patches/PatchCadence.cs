using Hypercare.Core.Sla;

namespace Hypercare.Core.Patches;

/// <summary>
/// A plan phase as the cadence sees it: its local dates (inclusive), its cadence, if it has one, and the weekdays on
/// which it has support hours (null or empty: not known, Monday–Friday is assumed).
/// </summary>
public sealed record CadencePhase(string Name, DateOnly Start, DateOnly End, PatchCadence? Cadence, IReadOnlyCollection<DayOfWeek>? SupportDays = null)
{
    /// <summary>The cadence phase of a plan phase: its dates and the weekdays of its support hours. Every caller that proposes slots uses this.</summary>
    public static CadencePhase Of(PlanPhase phase, PatchCadence? cadence) =>
        new(phase.Name, phase.StartDate, phase.EndDate, cadence, [.. phase.SupportHours.Select(w => w.Day).Distinct()]);
}

/// <summary>A proposed patch slot: the local date and time in the project's zone and the instant it is.</summary>
public sealed record PatchSlot(DateOnly Date, TimeOnly LocalTime, DateTimeOffset At, string Phase);

/// <summary>
/// When patches go out in one plan phase. Pure: takes the phase, holidays and time zone, returns slots.
/// <list type="bullet">
/// <item>Daily: every working day: a weekday on which the phase has support hours (Monday–Saturday in an Intensive phase
/// that covers Saturdays; Monday–Friday when the phase's hours are not known), not a holiday.</item>
/// <item>Every other day: every second working day, counted from the phase's first working day.</item>
/// <item>Twice a week: the two chosen weekdays (Tuesday and Thursday when none are chosen), holidays skipped.</item>
/// <item>Chosen dates: exactly the dates chosen inside the phase (a holiday chosen on purpose is kept).</item>
/// </list>
/// The slot's local time is converted in the project's zone: a time that does not exist on a spring-forward day moves
/// forward by the gap; a time that happens twice on a fall-back day is the first occurrence.
/// </summary>
public sealed record PatchCadence(PatchCadenceKind Kind, TimeOnly DeployAt, IReadOnlyList<DayOfWeek> Days, IReadOnlyList<DateOnly> Dates)
{
    public static readonly IReadOnlyList<DayOfWeek> DefaultTwiceWeeklyDays = [DayOfWeek.Tuesday, DayOfWeek.Thursday];

    public static PatchCadence Daily(TimeOnly at) => new(PatchCadenceKind.Daily, at, [], []);

    public static PatchCadence EveryOtherDay(TimeOnly at) => new(PatchCadenceKind.EveryOtherDay, at, [], []);

    public static PatchCadence TwiceWeekly(TimeOnly at, DayOfWeek first, DayOfWeek second) => new(PatchCadenceKind.TwiceWeekly, at, [first, second], []);

    public static PatchCadence OnDates(TimeOnly at, params DateOnly[] dates) => new(PatchCadenceKind.ChosenDates, at, [], dates);

    /// <summary>Monday to Friday: the working days when the phase's support days are not known.</summary>
    public static readonly IReadOnlyList<DayOfWeek> DefaultWorkingDays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>
    /// The local dates of the phase on which a slot opens. <paramref name="supportDays"/> are the weekdays on which the
    /// phase has support hours: the working days of a daily or every-other-day cadence (Monday–Friday when null or empty).
    /// </summary>
    public IEnumerable<DateOnly> SlotDates(DateOnly start, DateOnly end, IReadOnlySet<DateOnly> holidays, IReadOnlyCollection<DayOfWeek>? supportDays = null)
    {
        switch (Kind)
        {
            case PatchCadenceKind.ChosenDates:
                foreach (var d in Dates.Where(d => d >= start && d <= end).Distinct().Order())
                {
                    yield return d;
                }

                yield break;
            case PatchCadenceKind.TwiceWeekly:
                var days = Days.Count > 0 ? Days : DefaultTwiceWeeklyDays;
                for (var d = start; d <= end; d = d.AddDays(1))
                {
                    if (days.Contains(d.DayOfWeek) && !holidays.Contains(d))
                    {
                        yield return d;
                    }
                }

                yield break;
            default:
                var workingDays = supportDays is { Count: > 0 } ? supportDays : DefaultWorkingDays;
                var working = 0;
                for (var d = start; d <= end; d = d.AddDays(1))
                {
                    if (!workingDays.Contains(d.DayOfWeek) || holidays.Contains(d))
                    {
                        continue;
                    }

                    if (Kind == PatchCadenceKind.Daily || working % 2 == 0)
                    {
                        yield return d;
                    }

                    working++;
                }

                yield break;
        }
    }

    /// <summary>Slots of every phase with a cadence, from <paramref name="from"/> (inclusive) up to <paramref name="until"/> (exclusive), in order.</summary>
    public static IReadOnlyList<PatchSlot> Propose(IEnumerable<CadencePhase> phases, IReadOnlySet<DateOnly> holidays, TimeZoneInfo zone,
        DateTimeOffset from, DateTimeOffset until)
    {
        var slots = new List<PatchSlot>();
        foreach (var phase in phases)
        {
            if (phase.Cadence is not { } cadence)
            {
                continue;
            }

            foreach (var date in cadence.SlotDates(phase.Start, phase.End, holidays, phase.SupportDays))
            {
                var at = ToInstant(date, cadence.DeployAt, zone);
                if (at >= from && at < until)
                {
                    slots.Add(new PatchSlot(date, cadence.DeployAt, at, phase.Name));
                }
            }
        }

        return [.. slots.OrderBy(s => s.At).DistinctBy(s => s.At)];
    }

    /// <summary>A local date and time in <paramref name="zone"/> as a UTC instant (gap: forward by the gap; overlap: the first occurrence).</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap, applied to the wall time, lands as far past the gap's start as the
            // wall time was: 02:30 on a one-hour spring-forward day is 03:30.
            var before = zone.GetUtcOffset(local.AddHours(-3));
            return new DateTimeOffset(local, before).ToUniversalTime();
        }

        // On a fall-back day the first occurrence carries the larger (summer) offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
