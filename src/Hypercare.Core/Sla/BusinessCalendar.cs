namespace Hypercare.Core.Sla;

/// <summary>A weekly support window in local time, e.g. Monday 08:00–18:00. End is exclusive; 00:00 as end means midnight.</summary>
public sealed record SupportWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    public TimeSpan LocalLength => (End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : End.ToTimeSpan()) - Start.ToTimeSpan();
}

/// <summary>
/// Support time in a time zone: weekly windows minus holidays, or around the clock. Pure: takes instants, returns
/// instants and durations. Local wall times are turned into instants day by day, so a window on a daylight-saving day
/// is as long as the clocks make it (an hour shorter in spring, longer in autumn), and a window edge that falls into a
/// spring-forward gap moves to the first instant after the gap.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly ILookup<DayOfWeek, SupportWindow> _windows;
    private readonly HashSet<DateOnly> _holidays;
    private readonly Dictionary<DateOnly, (DateTimeOffset Start, DateTimeOffset End)[]> _days = [];

    private BusinessCalendar(TimeZoneInfo zone, IEnumerable<SupportWindow> windows, IEnumerable<DateOnly> holidays, bool aroundTheClock)
    {
        _zone = zone;
        _windows = windows.OrderBy(w => w.Start).ToLookup(w => w.Day);
        _holidays = [.. holidays];
        IsAroundTheClock = aroundTheClock;
    }

    public bool IsAroundTheClock { get; }

    public TimeZoneInfo Zone => _zone;

    /// <summary>Support time is wall time: every instant counts (Sev1 "around the clock").</summary>
    public static BusinessCalendar AroundTheClock(TimeZoneInfo zone) => new(zone, [], [], aroundTheClock: true);

    public static BusinessCalendar Weekly(TimeZoneInfo zone, IEnumerable<SupportWindow> windows, IEnumerable<DateOnly>? holidays = null)
    {
        var list = windows.ToList();
        if (CalendarValidation.WindowErrors(list).FirstOrDefault() is { } error)
        {
            throw new ArgumentException(error, nameof(windows));
        }

        return new BusinessCalendar(zone, list, holidays ?? [], aroundTheClock: false);
    }

    /// <summary>The average support time of a day that has any support: what "one support day" means for targets.</summary>
    public TimeSpan SupportDayLength
    {
        get
        {
            if (IsAroundTheClock)
            {
                return TimeSpan.FromDays(1);
            }

            var perDay = _windows.Select(g => g.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.LocalLength)).ToList();
            return perDay.Count == 0 ? TimeSpan.Zero : perDay.Aggregate(TimeSpan.Zero, (a, b) => a + b) / perDay.Count;
        }
    }

    /// <summary>Support time between two instants (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        if (IsAroundTheClock)
        {
            return to - from;
        }

        var total = TimeSpan.Zero;
        for (var day = LocalDate(from).AddDays(-1); StartOfLocalDay(day) < to; day = day.AddDays(1))
        {
            foreach (var (start, end) in WindowsOn(day))
            {
                var s = start > from ? start : from;
                var e = end < to ? end : to;
                if (e > s)
                {
                    total += e - s;
                }
            }
        }

        return total;
    }

    /// <summary>The instant at which <paramref name="amount"/> of support time has passed since <paramref name="from"/>.</summary>
    public DateTimeOffset Add(DateTimeOffset from, TimeSpan amount)
    {
        if (amount < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "Support time to add must not be negative.");
        }

        if (IsAroundTheClock)
        {
            return from + amount;
        }

        if (_windows.Count == 0)
        {
            throw new InvalidOperationException("A calendar without support windows never reaches a target.");
        }

        var left = amount;
        var day = LocalDate(from).AddDays(-1);
        // Ten years of holidays in a row would be a configuration error, not a deadline.
        for (var guard = 0; guard < 3660; guard++, day = day.AddDays(1))
        {
            foreach (var (start, end) in WindowsOn(day))
            {
                if (end <= from)
                {
                    continue;
                }

                var s = start > from ? start : from;
                var available = end - s;
                if (available >= left)
                {
                    return s + left;
                }

                left -= available;
            }
        }

        throw new InvalidOperationException("No support time found within ten years; check the calendar's holidays.");
    }

    /// <summary>Whether the instant lies inside support time.</summary>
    public bool IsOpen(DateTimeOffset instant) =>
        IsAroundTheClock || WindowsOn(LocalDate(instant)).Concat(WindowsOn(LocalDate(instant).AddDays(-1)))
            .Any(w => w.Start <= instant && instant < w.End);

    private DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    private DateTimeOffset StartOfLocalDay(DateOnly day) => ToInstant(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>The support windows of one local day as instants, cached: calendars are evaluated for many issues.</summary>
    private (DateTimeOffset Start, DateTimeOffset End)[] WindowsOn(DateOnly day)
    {
        if (_days.TryGetValue(day, out var cached))
        {
            return cached;
        }

        var windows = _holidays.Contains(day)
            ? []
            : _windows[day.DayOfWeek]
                .Select(w => (ToInstant(day.ToDateTime(w.Start)),
                    w.End == TimeOnly.MinValue ? ToInstant(day.AddDays(1).ToDateTime(TimeOnly.MinValue)) : ToInstant(day.ToDateTime(w.End))))
                .Where(w => w.Item2 > w.Item1)
                .ToArray();
        if (_days.Count > 20_000)
        {
            _days.Clear();
        }

        _days[day] = windows;
        return windows;
    }

    /// <summary>
    /// Local wall time to instant. In a spring-forward gap: the first instant after the gap. In an autumn overlap: the
    /// first occurrence (so a window that spans the repeated hour gets it twice, as the clocks do).
    /// </summary>
    internal DateTimeOffset ToInstant(DateTime local) => ToInstant(_zone, local);

    /// <summary>The same mapping for any zone; the rota (Core/Team) turns shift times into instants with it.</summary>
    internal static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var probe = local;
            while (zone.IsInvalidTime(probe))
            {
                probe = probe.AddMinutes(1);
            }

            // The first valid local minute, taken in the new (later) offset, is the gap's end.
            return new DateTimeOffset(probe, zone.GetUtcOffset(probe)).ToUniversalTime();
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}

public static class CalendarValidation
{
    /// <summary>Overlapping or empty windows, with a message naming the day.</summary>
    public static IEnumerable<string> WindowErrors(IReadOnlyList<SupportWindow> windows)
    {
        foreach (var w in windows.Where(w => w.LocalLength <= TimeSpan.Zero))
        {
            yield return $"The {w.Day} window {w.Start:HH\\:mm}–{w.End:HH\\:mm} is empty: its end must be after its start.";
        }

        foreach (var day in windows.Where(w => w.LocalLength > TimeSpan.Zero).GroupBy(w => w.Day))
        {
            var ordered = day.OrderBy(w => w.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previousEnd = ordered[i - 1].End == TimeOnly.MinValue ? TimeSpan.FromDays(1) : ordered[i - 1].End.ToTimeSpan();
                if (ordered[i].Start.ToTimeSpan() < previousEnd)
                {
                    yield return $"The {day.Key} windows {ordered[i - 1].Start:HH\\:mm}–{ordered[i - 1].End:HH\\:mm} and {ordered[i].Start:HH\\:mm}–{ordered[i].End:HH\\:mm} overlap.";
                }
            }
        }
    }
}
