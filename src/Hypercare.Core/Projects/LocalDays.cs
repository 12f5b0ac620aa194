namespace Hypercare.Core.Projects;

/// <summary>Local calendar days of a project's time zone, as UTC instants for SQL comparisons.</summary>
public static class LocalDays
{
    /// <summary>The Monday that starts the week of <paramref name="day"/> (weeks run Monday to Sunday).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly Today(DateTimeOffset now, string timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId)).DateTime);

    /// <summary>The instant the local day containing <paramref name="now"/> began (DST-aware: midnight may not exist).</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, string timeZoneId) => StartOf(Today(now, timeZoneId), timeZoneId);

    public static DateTimeOffset StartOf(DateOnly day, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day whose midnight falls in a spring-forward gap starts at the first valid local minute.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
