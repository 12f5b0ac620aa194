namespace Hypercare.Core.Communications;

/// <summary>One scheduled send: the local date it belongs to and the instant it is due.</summary>
public sealed record ReportSlot(DateOnly Date, DateTimeOffset At);

/// <summary>
/// Turns a schedule's local time and days into instants (pure: values in, values out). A local time that a DST change
/// skips (02:30 on a spring-forward day) is due at the same distance after the gap (03:30), one that occurs twice (02:30
/// on a fall-back day) at its first occurrence. A slot is named by its local date, so a DST day never makes two.
/// </summary>
public static class ReportSlots
{
    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // The offset in force before the gap puts the instant past it by the time the wall clock skipped.
            var before = zone.GetUtcOffset(local.AddHours(-6));
            return new DateTimeOffset(local, before).ToUniversalTime();
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The latest slot due at or before <paramref name="now"/> (within the last eight days), or null.</summary>
    public static ReportSlot? Latest(int daysMask, TimeOnly time, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var date = today.AddDays(1); date >= today.AddDays(-8); date = date.AddDays(-1))
        {
            if ((daysMask & (1 << (int)date.DayOfWeek)) == 0)
            {
                continue;
            }

            var at = At(date, time, zone);
            if (at <= now)
            {
                return new ReportSlot(date, at);
            }
        }

        return null;
    }

    /// <summary>The first slot due after <paramref name="now"/>, or null when no day is selected.</summary>
    public static ReportSlot? Next(int daysMask, TimeOnly time, TimeZoneInfo zone, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        for (var date = today.AddDays(-1); date <= today.AddDays(8); date = date.AddDays(1))
        {
            if ((daysMask & (1 << (int)date.DayOfWeek)) != 0 && At(date, time, zone) is var at && at > now)
            {
                return new ReportSlot(date, at);
            }
        }

        return null;
    }
}
