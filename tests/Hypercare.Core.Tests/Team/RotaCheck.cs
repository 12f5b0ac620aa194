using System.Globalization;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;

namespace Hypercare.Core.Tests.Team;

/// <summary>
/// Checks a generated rota against the rules from the output alone, written from docs/rota.md and not from the
/// generator: local days and wall-clock times come from converting each shift's instants, weeks from ISOWeek, the
/// after-hours, night and weekend definitions are recomputed, and every pair of a person's shifts is compared.
/// </summary>
internal static class RotaCheck
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>Every broken rule, as text; empty when the rota keeps them all.</summary>
    public static List<string> Violations(RotaInput input, RotaRules rules, IReadOnlyList<RotaShift> shifts, IEnumerable<(int UserId, DateTimeOffset Start, DateTimeOffset End)>? history = null)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(input.TimeZoneId);
        var problems = new List<string>();
        var holidays = (input.Holidays ?? []).ToHashSet();
        var held = shifts.Where(s => s.UserId is not null).Select(s => (UserId: s.UserId!.Value, s.Start, s.End))
            .Concat(history ?? []).ToList();
        foreach (var person in input.People)
        {
            var mine = held.Where(s => s.UserId == person.UserId).OrderBy(s => s.Start).ToList();
            var who = $"user {person.UserId}";
            problems.AddRange(shifts.Where(s => s.UserId == person.UserId && s.Role != person.Role).Select(s => $"{who} holds a {s.Role} place at {s.Start:O}"));
            for (var i = 1; i < mine.Count; i++)
            {
                var rest = mine[i].Start - mine[i - 1].End;
                if (rest < TimeSpan.Zero)
                {
                    problems.Add($"{who}: shifts overlap at {mine[i].Start:O}");
                }
                else if (rest < TimeSpan.FromHours(rules.MinRestHours))
                {
                    problems.Add($"{who}: {rest.TotalHours} h rest before {mine[i].Start:O}");
                }
            }

            var days = mine.Select(s => LocalDate(s.Start, zone)).Distinct().Order().ToList();
            var run = 0;
            for (var i = 0; i < days.Count; i++)
            {
                run = i > 0 && days[i].DayNumber == days[i - 1].DayNumber + 1 ? run + 1 : 1;
                if (run > rules.MaxConsecutiveDays)
                {
                    problems.Add($"{who}: {run} days in a row up to {days[i]}");
                }
            }

            foreach (var week in mine.GroupBy(s => IsoWeek(LocalDate(s.Start, zone))))
            {
                var hours = week.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.End - s.Start));
                if (hours > TimeSpan.FromHours(rules.MaxHoursPerWeek))
                {
                    problems.Add($"{who}: {hours.TotalHours} h in week {week.Key}");
                }

                var afterHours = week.Count(s => Flags(s.Start, s.End, zone, rules).AfterHours);
                if (afterHours > rules.MaxAfterHoursShiftsPerWeek)
                {
                    problems.Add($"{who}: {afterHours} after-hours shifts in week {week.Key}");
                }
            }

            var timeOff = person.TimeOff ?? [];
            bool IsOff(DateOnly d) => timeOff.Any(t => t.From <= d && d <= t.To);
            foreach (var s in mine)
            {
                var (first, last) = (LocalDate(s.Start, zone), LocalDate(s.End - TimeSpan.FromTicks(1), zone));
                for (var d = first; d <= last; d = d.AddDays(1))
                {
                    if (IsOff(d))
                    {
                        problems.Add($"{who}: works {s.Start:O} on time off {d}");
                    }
                }

                if (!Available(person, s.Start, s.End, zone))
                {
                    problems.Add($"{who}: works {s.Start:O}–{s.End:O} outside their availability");
                }

                var flags = Flags(s.Start, s.End, zone, rules);
                if (!(flags.Weekend || flags.Night))
                {
                    continue;
                }

                // The next timeOffInLieuDays weekdays after the last day the shift touches, skipping holidays and time off.
                var lieu = new List<DateOnly>();
                for (var d = last.AddDays(1); lieu.Count < rules.TimeOffInLieuDays; d = d.AddDays(1))
                {
                    if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d) && !IsOff(d))
                    {
                        lieu.Add(d);
                    }
                }

                foreach (var other in mine.Where(o => lieu.Any(d => LocalDate(o.Start, zone) <= d && d <= LocalDate(o.End - TimeSpan.FromTicks(1), zone))))
                {
                    problems.Add($"{who}: works {other.Start:O} on a day in lieu for {s.Start:O}");
                }
            }
        }

        foreach (var s in shifts)
        {
            var flags = Flags(s.Start, s.End, zone, rules);
            if ((flags.AfterHours, flags.Weekend, flags.Night) != (s.IsAfterHours, s.IsWeekend, s.IsNight) || s.Date != LocalDate(s.Start, zone))
            {
                problems.Add($"shift {s.Start:O}: flags or date {(s.Date, s.IsAfterHours, s.IsWeekend, s.IsNight)}, expected {(LocalDate(s.Start, zone), flags.AfterHours, flags.Weekend, flags.Night)}");
            }
        }

        return problems;
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static string IsoWeek(DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(dt)}-W{ISOWeek.GetWeekOfYear(dt):00}");
    }

    /// <summary>The shift on the wall clock, cut at local midnights: (weekday, from, to) as times since that midnight.</summary>
    private static List<(DayOfWeek Day, TimeSpan From, TimeSpan To)> Wall(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        var from = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var to = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        var pieces = new List<(DayOfWeek, TimeSpan, TimeSpan)>();
        while (from < to)
        {
            var midnight = from.Date;
            var pieceEnd = to < midnight + Day ? to : midnight + Day;
            pieces.Add((from.DayOfWeek, from - midnight, pieceEnd - midnight));
            from = pieceEnd;
        }

        return pieces;
    }

    private static TimeSpan Overlap(TimeSpan a, TimeSpan b, TimeSpan from, TimeSpan to)
    {
        var length = (b < to ? b : to) - (a > from ? a : from);
        return length > TimeSpan.Zero ? length : TimeSpan.Zero;
    }

    private static TimeSpan End(TimeOnly end) => end == TimeOnly.MinValue ? Day : end.ToTimeSpan();

    /// <summary>docs/rota.md: weekend = any of it on Saturday/Sunday; night = at least 3 h (or all of it) in night time;
    /// after-hours = weekend, night, or more than half outside weekday office hours.</summary>
    public static (bool AfterHours, bool Weekend, bool Night) Flags(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, RotaRules rules)
    {
        var wall = Wall(start, end, zone);
        var total = wall.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.To - p.From));
        var weekend = wall.Any(p => p.Day is DayOfWeek.Saturday or DayOfWeek.Sunday);
        var night = wall.Aggregate(TimeSpan.Zero, (sum, p) => sum + (rules.NightStart < rules.NightEnd
            ? Overlap(p.From, p.To, rules.NightStart.ToTimeSpan(), rules.NightEnd.ToTimeSpan())
            : Overlap(p.From, p.To, TimeSpan.Zero, rules.NightEnd.ToTimeSpan()) + Overlap(p.From, p.To, rules.NightStart.ToTimeSpan(), Day)));
        var inOffice = wall.Where(p => p.Day is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Aggregate(TimeSpan.Zero, (sum, p) => sum + Overlap(p.From, p.To, rules.OfficeHoursStart.ToTimeSpan(), End(rules.OfficeHoursEnd)));
        var isNight = night > TimeSpan.Zero && night >= (total < TimeSpan.FromHours(3) ? total : TimeSpan.FromHours(3));
        return (weekend || isNight || (total - inOffice) * 2 > total, weekend, isNight);
    }

    /// <summary>Every wall-clock minute of the shift lies in one of the person's windows of that weekday (none: any time).</summary>
    public static bool Available(RotaPerson person, DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone)
    {
        if (person.Availability is null)
        {
            return true;
        }

        foreach (var (day, from, to) in Wall(start, end, zone))
        {
            // Walk forward through the day's windows from the piece's start, as far as they reach without a hole.
            var reached = from;
            foreach (var w in person.Availability.Where(w => w.Day == day).OrderBy(w => w.Start))
            {
                if (w.Start.ToTimeSpan() <= reached && End(w.End) > reached)
                {
                    reached = End(w.End);
                }
            }

            if (reached < to)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The places the plan asks for, counted from the phases without the generator: per day and window, the fewest equal pieces no longer than shiftLengthHours, times the staff per shift.</summary>
    public static int ExpectedPlaces(RotaInput input, RotaRules rules)
    {
        var holidays = (input.Holidays ?? []).ToHashSet();
        var count = 0;
        for (var d = input.From; d <= input.To; d = d.AddDays(1))
        {
            var phase = input.Phases.FirstOrDefault(p => p.StartDate <= d && d <= p.EndDate);
            if (phase is null || holidays.Contains(d))
            {
                continue;
            }

            count += phase.SupportHours.Where(w => w.Day == d.DayOfWeek)
                .Sum(w => (int)Math.Ceiling(w.LocalLength.TotalHours / rules.ShiftLengthHours - 1e-9)) * rules.StaffPerShift.Total;
        }

        return count;
    }

    public static ProjectRole[] Roles { get; } = [ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport];
}
