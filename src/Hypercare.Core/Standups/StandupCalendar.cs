using Hypercare.Core.Sla;

namespace Hypercare.Core.Standups;

/// <summary>One recurring series of standups: the cadence of one plan phase, on the phase's local days.</summary>
public sealed record StandupSeriesSpec(int PhaseId, string PhaseName, StandupCadence Cadence, DateOnly First, DateOnly Last,
    IReadOnlyList<DayOfWeek> Days, TimeOnly Time, int DurationMinutes, IReadOnlyList<DateOnly> Skipped);

/// <summary>One standup: its local day, its instants and the phase whose cadence it follows.</summary>
public sealed record StandupOccurrence(DateOnly Date, DateTimeOffset Start, DateTimeOffset End, int PhaseId, string PhaseName);

/// <summary>
/// Where standups fall (docs/standups.md), as pure functions of the plan: each phase's <see cref="StandupCadence"/> gives
/// a series on the phase's local days at the schedule's wall-clock time; project holidays are skipped. Daily is every
/// day, weekdays Monday to Friday, weekly on the weekday the phase starts, twice a week on that weekday and three days
/// later. Times are the project's wall clock, so a standup keeps its local time across daylight saving; a time inside
/// the spring-forward gap moves to the end of the gap (the SLA calendar's mapping).
/// </summary>
public static class StandupCalendar
{
    public const int MaxDurationMinutes = 120;

    public static IReadOnlyList<DayOfWeek> DaysOf(StandupCadence cadence, DateOnly phaseStart) => cadence switch
    {
        StandupCadence.Daily => Enum.GetValues<DayOfWeek>(),
        StandupCadence.Weekdays => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        StandupCadence.TwiceWeekly => [phaseStart.DayOfWeek, (DayOfWeek)(((int)phaseStart.DayOfWeek + 3) % 7)],
        _ => [phaseStart.DayOfWeek],
    };

    /// <summary>One series per phase that has at least one standup day, in date order.</summary>
    public static IReadOnlyList<StandupSeriesSpec> Series(IEnumerable<PlanPhase> phases, TimeOnly time, int durationMinutes, IReadOnlyCollection<DateOnly> holidays)
    {
        var result = new List<StandupSeriesSpec>();
        foreach (var phase in phases.OrderBy(p => p.StartDate))
        {
            var days = DaysOf(phase.StandupCadence, phase.StartDate);
            var dates = Dates(phase.StartDate, phase.EndDate, days).ToList();
            var held = dates.Where(d => !holidays.Contains(d)).ToList();
            if (held.Count == 0)
            {
                continue;
            }

            result.Add(new StandupSeriesSpec(phase.Id, phase.Name, phase.StandupCadence, held[0], held[^1],
                [.. days.OrderBy(d => ((int)d + 6) % 7)], time, durationMinutes,
                [.. dates.Where(d => holidays.Contains(d) && d > held[0] && d < held[^1])]));
        }

        return result;
    }

    /// <summary>The standups whose local day lies in from–to (inclusive), in time order.</summary>
    public static IReadOnlyList<StandupOccurrence> Occurrences(IEnumerable<StandupSeriesSpec> series, string timeZoneId, DateOnly from, DateOnly to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return series
            .SelectMany(s => Dates(Max(s.First, from), Min(s.Last, to), s.Days).Where(d => !s.Skipped.Contains(d)).Select(d => At(s, zone, d)))
            .OrderBy(o => o.Start)
            .ToList();
    }

    public static StandupOccurrence At(StandupSeriesSpec s, TimeZoneInfo zone, DateOnly date)
    {
        var start = BusinessCalendar.ToInstant(zone, date.ToDateTime(s.Time));
        return new StandupOccurrence(date, start, start.AddMinutes(s.DurationMinutes), s.PhaseId, s.PhaseName);
    }

    private static IEnumerable<DateOnly> Dates(DateOnly from, DateOnly to, IReadOnlyList<DayOfWeek> days)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (days.Contains(d.DayOfWeek))
            {
                yield return d;
            }
        }
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
