using Hypercare.Core.Communications;

namespace Hypercare.Core.Tests.Communications;

public sealed class ReportSlotsTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly int Everyday = ReportSchedule.Mask(Enum.GetValues<DayOfWeek>());

    [Fact]
    public void At_0830AcrossSpringForward_StaysLocalAndMovesInUtc()
    {
        // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 7, 30, 0, TimeSpan.Zero), ReportSlots.At(new DateOnly(2026, 3, 28), new TimeOnly(8, 30), Berlin));
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 6, 30, 0, TimeSpan.Zero), ReportSlots.At(new DateOnly(2026, 3, 30), new TimeOnly(8, 30), Berlin));
    }

    [Fact]
    public void At_TimeSkippedBySpringForward_DueAfterTheGap()
    {
        // 02:30 does not exist on 29 March 2026 in Berlin; it is due at 03:30 CEST = 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), ReportSlots.At(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void At_TimeRepeatedByFallBack_FirstOccurrence()
    {
        // 02:30 happens twice on 25 October 2026 in Berlin (CEST, then CET); the first is 00:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), ReportSlots.At(new DateOnly(2026, 10, 25), new TimeOnly(2, 30), Berlin));
    }

    [Fact]
    public void Latest_WeeklyMonday_IsLastMondaysSlot()
    {
        var now = new DateTimeOffset(2026, 3, 5, 12, 0, 0, TimeSpan.Zero); // a Thursday
        var slot = ReportSlots.Latest(ReportSchedule.Mask([DayOfWeek.Monday]), new TimeOnly(9, 0), Berlin, now);

        Assert.Equal(new ReportSlot(new DateOnly(2026, 3, 2), new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)), slot);
    }

    [Fact]
    public void Next_BeforeTodaysTime_IsToday()
    {
        var now = new DateTimeOffset(2026, 3, 5, 6, 0, 0, TimeSpan.Zero);
        var next = ReportSlots.Next(Everyday, new TimeOnly(8, 30), Berlin, now);

        Assert.Equal(new DateOnly(2026, 3, 5), next!.Date);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 7, 30, 0, TimeSpan.Zero), next.At);
    }
}
