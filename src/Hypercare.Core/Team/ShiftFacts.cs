namespace Hypercare.Core.Team;

/// <summary>The part of a shift on one local day, as offsets from that day's local midnight (To at most one day).</summary>
internal readonly record struct WallPiece(DateOnly Day, long From, long To);

/// <summary>
/// A shift's instants seen on the project's wall clock: the local days it touches and the flags the rules use. Flags are
/// measured in wall-clock time (what the rota shows), hours in real time (what a person works).
/// </summary>
internal sealed class ShiftFacts
{
    private static readonly long NightMinTicks = TimeSpan.FromHours(RotaRules.NightShiftMinHours).Ticks;

    private ShiftFacts(DateTimeOffset start, DateTimeOffset end, WallPiece[] pieces, bool weekend, bool night, bool afterHours)
    {
        Start = start;
        End = end;
        Pieces = pieces;
        IsWeekend = weekend;
        IsNight = night;
        IsAfterHours = afterHours;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public long Ticks => End.UtcTicks - Start.UtcTicks;

    /// <summary>The local day the shift starts on.</summary>
    public DateOnly Date => Pieces[0].Day;

    /// <summary>The last local day any of the shift lies on (a shift ending at midnight does not touch the next day).</summary>
    public DateOnly LastDay => Pieces[^1].Day;

    public WallPiece[] Pieces { get; }

    public bool IsWeekend { get; }

    public bool IsNight { get; }

    public bool IsAfterHours { get; }

    public bool EarnsLieu => IsWeekend || IsNight;

    public static ShiftFacts Of(DateTimeOffset start, DateTimeOffset end, TimeZoneInfo zone, RotaRules rules)
    {
        var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        // Only a short shift inside the fall-back hour can end "before" it starts on the wall clock.
        if (localEnd <= localStart)
        {
            localEnd = localStart + (end - start);
        }

        var pieces = new List<WallPiece>(2);
        for (var day = DateOnly.FromDateTime(localStart); ; day = day.AddDays(1))
        {
            var midnight = day.ToDateTime(TimeOnly.MinValue).Ticks;
            var from = Math.Max(localStart.Ticks, midnight) - midnight;
            var to = Math.Min(localEnd.Ticks, midnight + TimeSpan.TicksPerDay) - midnight;
            if (to > from)
            {
                pieces.Add(new WallPiece(day, from, to));
            }

            if (localEnd.Ticks <= midnight + TimeSpan.TicksPerDay)
            {
                break;
            }
        }

        long total = 0, weekend = 0, night = 0, outside = 0;
        var officeStart = rules.OfficeHoursStart.Ticks;
        var officeEnd = DayTicks(rules.OfficeHoursEnd);
        var nightStart = rules.NightStart.Ticks;
        var nightEnd = rules.NightEnd.Ticks;
        foreach (var p in pieces)
        {
            var length = p.To - p.From;
            total += length;
            if (p.Day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                weekend += length;
                outside += length;
            }
            else
            {
                outside += length - Overlap(p, officeStart, officeEnd);
            }

            night += nightStart < nightEnd
                ? Overlap(p, nightStart, nightEnd)
                : Overlap(p, 0, nightEnd) + Overlap(p, nightStart, TimeSpan.TicksPerDay);
        }

        var isNight = night > 0 && night >= Math.Min(NightMinTicks, total);
        var isAfterHours = weekend > 0 || isNight || outside * 2 > total;
        return new ShiftFacts(start, end, [.. pieces], weekend > 0, isNight, isAfterHours);
    }

    /// <summary>A time of day as an end: 00:00 means midnight at the end of the day.</summary>
    public static long DayTicks(TimeOnly end) => end == TimeOnly.MinValue ? TimeSpan.TicksPerDay : end.Ticks;

    private static long Overlap(WallPiece p, long from, long to) => Math.Max(0, Math.Min(p.To, to) - Math.Max(p.From, from));
}
