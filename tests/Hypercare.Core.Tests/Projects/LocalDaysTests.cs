using Hypercare.Core.Projects;

namespace Hypercare.Core.Tests.Projects;

public class LocalDaysTests
{
    [Fact]
    public void StartOfDay_Berlin_IsPreviousEveningUtc()
    {
        var start = LocalDays.StartOfDay(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero), start);
    }

    [Fact]
    public void Today_JustAfterLocalMidnight_IsTheNewLocalDay()
    {
        // 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
        Assert.Equal(new DateOnly(2026, 3, 2), LocalDays.Today(new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), "Europe/Berlin"));
    }

    [Fact]
    public void StartOf_DayAfterSpringForward_UsesSummerOffset()
    {
        // Europe/Berlin moves to UTC+2 on 29 March 2026.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), LocalDays.StartOf(new DateOnly(2026, 3, 30), "Europe/Berlin"));
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), LocalDays.StartOf(new DateOnly(2026, 3, 29), "Europe/Berlin"));
    }

    [Fact]
    public void StartOf_MidnightInsideDstGap_IsFirstValidMinute()
    {
        // America/Santiago skips 00:00-00:59 when clocks move forward (6 September 2026).
        var start = LocalDays.StartOf(new DateOnly(2026, 9, 6), "America/Santiago");

        Assert.Equal(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), start);
    }
}
