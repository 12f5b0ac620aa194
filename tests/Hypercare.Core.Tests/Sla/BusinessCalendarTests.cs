using CsCheck;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Sla;

public class BusinessCalendarTests
{
    private static readonly string[] Zones = ["America/New_York", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"];

    private static BusinessCalendar OfficeHours(string zone, params DateOnly[] holidays) => BusinessCalendar.Weekly(
        TimeZoneInfo.FindSystemTimeZoneById(zone),
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new SupportWindow(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))],
        holidays);

    /// <summary>Two windows a day, one crossing the DST switch hour in some zones, Saturdays too, and one to midnight.</summary>
    private static BusinessCalendar Extended(string zone) => BusinessCalendar.Weekly(
        TimeZoneInfo.FindSystemTimeZoneById(zone),
        [
            .. Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday).Select(d => new SupportWindow(d, new TimeOnly(1, 30), new TimeOnly(3, 30))),
            .. Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday).Select(d => new SupportWindow(d, new TimeOnly(7, 0), new TimeOnly(20, 0))),
            new SupportWindow(DayOfWeek.Sunday, new TimeOnly(22, 0), TimeOnly.MinValue),
        ]);

    // Instants across 2026-2027 (both DST switches in both hemispheres, and the year end), minute precision.
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[0, 2L * 365 * 24 * 60]
        .Select(m => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(m));

    private static readonly Gen<TimeSpan> Amount = Gen.Int[0, 200 * 60].Select(m => TimeSpan.FromMinutes(m));

    private static readonly Gen<BusinessCalendar> Calendar = Gen.Select(Gen.Int[0, Zones.Length - 1], Gen.Bool,
        (z, extended) => extended ? Extended(Zones[z]) : OfficeHours(Zones[z]));

    [Fact]
    public void Add_ThenBetween_GivesTheAmountBack() =>
        Gen.Select(Calendar, Instant, Amount).Sample((calendar, from, amount) =>
            Assert.Equal(amount, calendar.Between(from, calendar.Add(from, amount))), iter: 3000);

    [Fact]
    public void Between_NeverExceedsWallTime() =>
        Gen.Select(Calendar, Instant, Amount).Sample((calendar, from, wall) =>
            Assert.InRange(calendar.Between(from, from + wall), TimeSpan.Zero, wall), iter: 3000);

    [Fact]
    public void Between_IsAdditiveOverAnyMidpoint() =>
        Gen.Select(Calendar, Instant, Amount, Amount).Sample((calendar, a, x, y) =>
            Assert.Equal(calendar.Between(a, a + x + y), calendar.Between(a, a + x) + calendar.Between(a + x, a + x + y)), iter: 3000);

    [Fact]
    public void Add_LandsInsideSupportTimeOrAtItsEdge() =>
        Gen.Select(Calendar, Instant, Gen.Int[1, 100 * 60]).Sample((calendar, from, minutes) =>
        {
            var due = calendar.Add(from, TimeSpan.FromMinutes(minutes));
            Assert.True(calendar.IsOpen(due.AddTicks(-1)), $"{due:O} should end a stretch of support time");
        }, iter: 2000);

    [Fact]
    public void Add_FridayAfternoon_RollsOverTheWeekend()
    {
        // Friday 6 March 2026, 17:00 in Berlin (16:00Z): one hour left on Friday, three on Monday.
        var due = OfficeHours("Europe/Berlin").Add(new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(4));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void Add_SkipsHolidays()
    {
        var calendar = OfficeHours("Europe/Berlin", new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)); // Good Friday, Easter Monday

        var due = calendar.Add(new DateTimeOffset(2026, 4, 2, 15, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)); // Thu 17:00 local

        Assert.Equal(new DateTimeOffset(2026, 4, 7, 7, 0, 0, TimeSpan.Zero), due); // Tue 09:00 local (UTC+2)
    }

    [Fact]
    public void Between_SpringForwardDay_WindowAcrossTheGapIsAnHourShorter()
    {
        // Berlin skips 02:00-03:00 on Sunday 29 March 2026; a 01:00-05:00 window lasts three real hours.
        var calendar = BusinessCalendar.Weekly(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            [new SupportWindow(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(5, 0))]);

        Assert.Equal(TimeSpan.FromHours(3), calendar.Between(new DateTimeOffset(2026, 3, 28, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Between_FallBackDay_WindowAcrossTheRepeatedHourIsAnHourLonger()
    {
        // New York repeats 01:00-02:00 on Sunday 1 November 2026; a 00:00-04:00 window lasts five real hours.
        var calendar = BusinessCalendar.Weekly(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
            [new SupportWindow(DayOfWeek.Sunday, new TimeOnly(0, 0), new TimeOnly(4, 0))]);

        Assert.Equal(TimeSpan.FromHours(5), calendar.Between(new DateTimeOffset(2026, 10, 31, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Add_AcrossYearEnd_SkipsNewYearHoliday()
    {
        var calendar = OfficeHours("Asia/Kolkata", new DateOnly(2027, 1, 1));

        // Thursday 31 Dec 2026 17:00 IST (11:30Z) + 2 support hours: 1 h on Thursday, Friday is a holiday, 1 h on Monday 4 Jan.
        var due = calendar.Add(new DateTimeOffset(2026, 12, 31, 11, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(2));

        Assert.Equal(new DateTimeOffset(2027, 1, 4, 3, 30, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void SupportDayLength_IsTheAverageSupportDay() =>
        Assert.Equal(TimeSpan.FromHours(10), OfficeHours("Europe/Berlin").SupportDayLength);

    [Fact]
    public void Weekly_OverlappingOrEmptyWindows_AreRefusedNamingTheDay()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var overlap = Assert.Throws<ArgumentException>(() => BusinessCalendar.Weekly(zone,
            [new SupportWindow(DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(12, 0)), new SupportWindow(DayOfWeek.Monday, new TimeOnly(11, 0), new TimeOnly(14, 0))]));
        var empty = Assert.Throws<ArgumentException>(() => BusinessCalendar.Weekly(zone, [new SupportWindow(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(9, 0))]));

        Assert.Contains("Monday", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("Tuesday", empty.Message, StringComparison.Ordinal);
    }
}
