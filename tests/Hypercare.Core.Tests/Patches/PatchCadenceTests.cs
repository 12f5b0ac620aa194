using Hypercare.Core.Patches;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Patches;

public sealed class PatchCadenceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeOnly Six = new(18, 0);
    private static readonly HashSet<DateOnly> NoHolidays = [];

    private static DateOnly D(int month, int day) => new(2026, month, day);

    private static IReadOnlyList<PatchSlot> Slots(PatchCadence cadence, DateOnly start, DateOnly end, IReadOnlySet<DateOnly>? holidays = null) =>
        PatchCadence.Propose([new CadencePhase("Intensive", start, end, cadence)], holidays ?? NoHolidays, Berlin,
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    [Fact]
    public void Propose_Daily_EveryWorkingDayAtTheLocalTime()
    {
        // Monday 16 to Sunday 22 March 2026, Berlin on CET (UTC+1).
        var slots = Slots(PatchCadence.Daily(Six), D(3, 16), D(3, 22));

        Assert.Equal([D(3, 16), D(3, 17), D(3, 18), D(3, 19), D(3, 20)], slots.Select(s => s.Date));
        Assert.All(slots, s => Assert.Equal(17, s.At.UtcDateTime.Hour));
    }

    [Fact]
    public void Propose_EveryOtherDay_EverySecondWorkingDayCountedAcrossWeekends()
    {
        var slots = Slots(PatchCadence.EveryOtherDay(Six), D(3, 16), D(3, 27));

        // Working days Mon 16 .. Fri 27 are ten; every second from the first: Mon, Wed, Fri, then Tue, Thu.
        Assert.Equal([D(3, 16), D(3, 18), D(3, 20), D(3, 24), D(3, 26)], slots.Select(s => s.Date));
    }

    [Fact]
    public void Propose_TwiceWeekly_DefaultsToTuesdayAndThursdayOrTheChosenDays()
    {
        var defaults = Slots(new PatchCadence(PatchCadenceKind.TwiceWeekly, Six, [], []), D(3, 16), D(3, 29));
        var chosen = Slots(PatchCadence.TwiceWeekly(Six, DayOfWeek.Monday, DayOfWeek.Friday), D(3, 16), D(3, 29));

        Assert.Equal([D(3, 17), D(3, 19), D(3, 24), D(3, 26)], defaults.Select(s => s.Date));
        Assert.Equal([D(3, 16), D(3, 20), D(3, 23), D(3, 27)], chosen.Select(s => s.Date));
    }

    [Fact]
    public void Propose_ChosenDates_OnlyThoseInsideThePhaseAndAChosenHolidayIsKept()
    {
        var holiday = D(4, 3);
        var slots = Slots(PatchCadence.OnDates(Six, D(3, 31), holiday, D(5, 20)), D(3, 30), D(4, 30), new HashSet<DateOnly> { holiday });

        Assert.Equal([D(3, 31), holiday], slots.Select(s => s.Date));
    }

    [Fact]
    public void Propose_HolidaysSkipped_DailyAndTwiceWeeklyAndEveryOtherDayCountsOnlyWorkingDays()
    {
        // Good Friday 3 April and Easter Monday 6 April 2026.
        var holidays = new HashSet<DateOnly> { D(4, 3), D(4, 6) };

        Assert.Equal([D(4, 1), D(4, 2), D(4, 7)], Slots(PatchCadence.Daily(Six), D(4, 1), D(4, 7), holidays).Select(s => s.Date));
        Assert.Equal([D(4, 1), D(4, 7)], Slots(PatchCadence.EveryOtherDay(Six), D(4, 1), D(4, 7), holidays).Select(s => s.Date));
        Assert.Equal([D(4, 2), D(4, 7)], Slots(PatchCadence.TwiceWeekly(Six, DayOfWeek.Tuesday, DayOfWeek.Thursday), D(3, 31), D(4, 7),
            new HashSet<DateOnly> { D(3, 31) }).Select(s => s.Date));
    }

    [Fact]
    public void Propose_AcrossSpringForward_SameLocalTimeDifferentUtcHour()
    {
        // Berlin moves from CET to CEST on Sunday 29 March 2026.
        var slots = Slots(PatchCadence.Daily(Six), D(3, 27), D(3, 30));

        Assert.Equal([D(3, 27), D(3, 30)], slots.Select(s => s.Date));
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 17, 0, 0, TimeSpan.Zero), slots[0].At);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 16, 0, 0, TimeSpan.Zero), slots[1].At);
    }

    [Fact]
    public void ToInstant_TimeInTheSpringGap_MovesForwardByTheGap()
    {
        var at = PatchCadence.ToInstant(D(3, 29), new TimeOnly(2, 30), Berlin);

        // 02:30 does not exist; 03:30 CEST does, which is 01:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void ToInstant_TimeTwiceOnFallBackDay_FirstOccurrence()
    {
        // Berlin returns to CET on Sunday 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and again at 01:30 UTC.
        var at = PatchCadence.ToInstant(D(10, 25), new TimeOnly(2, 30), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void Propose_TwoPhases_EachWithItsCadenceAndOnlySlotsInTheWindow()
    {
        var phases = new[]
        {
            new CadencePhase("Intensive", D(3, 16), D(3, 20), PatchCadence.Daily(new TimeOnly(19, 0))),
            new CadencePhase("Stabilise", D(3, 21), D(4, 3), PatchCadence.TwiceWeekly(Six, DayOfWeek.Tuesday, DayOfWeek.Thursday)),
            new CadencePhase("Taper", D(4, 4), D(4, 30), null),
        };
        var from = new DateTimeOffset(2026, 3, 18, 12, 0, 0, TimeSpan.Zero);

        var slots = PatchCadence.Propose(phases, NoHolidays, Berlin, from, from.AddDays(14));

        // The window ends 1 April 12:00 UTC: Thursday 2 April is outside it.
        Assert.Equal([D(3, 18), D(3, 19), D(3, 20), D(3, 24), D(3, 26), D(3, 31)], slots.Select(s => s.Date));
        Assert.Equal(["Intensive", "Intensive", "Intensive", "Stabilise", "Stabilise", "Stabilise"], slots.Select(s => s.Phase));
        Assert.Equal(new TimeOnly(19, 0), slots[0].LocalTime);
    }

    [Fact]
    public void Propose_DailyInAPhaseWithSaturdayHours_SaturdayIsAWorkingDayButSundayAndHolidaysAreNot()
    {
        // The default plan's Intensive phase covers Monday–Saturday 07:00–20:00. Monday 16 to Sunday 29 March 2026,
        // with Friday 27 March a holiday.
        var intensive = PlanPhase.DefaultPlan(1, D(3, 16), null).First();
        var holidays = new HashSet<DateOnly> { D(3, 27) };

        var slots = PatchCadence.Propose([CadencePhase.Of(intensive, PatchCadence.Daily(Six))], holidays, Berlin,
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal([D(3, 16), D(3, 17), D(3, 18), D(3, 19), D(3, 20), D(3, 21), D(3, 23), D(3, 24), D(3, 25), D(3, 26), D(3, 28)],
            slots.Select(s => s.Date));
    }

    [Fact]
    public void Propose_EveryOtherDay_CountsSaturdayAndSundayWhenThePhaseCoversThem()
    {
        // Support every day of the week: Mon 16 .. Sun 22 March are seven working days; every second from the first.
        var everyDay = Enum.GetValues<DayOfWeek>().Select(d => new SupportWindow(d, new TimeOnly(8, 0), new TimeOnly(18, 0)));
        var phase = PlanPhase.Create(1, "Intensive", D(3, 16), D(3, 22), everyDay, SlaTarget.Defaults, [], StandupCadence.Daily);

        var slots = PatchCadence.Propose([CadencePhase.Of(phase, PatchCadence.EveryOtherDay(Six))], NoHolidays, Berlin,
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

        Assert.Equal([D(3, 16), D(3, 18), D(3, 20), D(3, 22)], slots.Select(s => s.Date));
    }

    [Fact]
    public void Propose_TwoPhases_EachDayUsesTheSupportDaysOfThePhaseInEffect()
    {
        // Default plan from Monday 16 March: Intensive to Sunday 29 (Mon–Sat), Stabilise from Monday 30 (Mon–Fri).
        var plan = PlanPhase.DefaultPlan(1, D(3, 16), D(4, 12)).ToList();
        var phases = plan.Select(p => CadencePhase.Of(p, PatchCadence.Daily(Six))).ToList();
        var from = PatchCadence.ToInstant(D(3, 26), TimeOnly.MinValue, Berlin);

        var slots = PatchCadence.Propose(phases, NoHolidays, Berlin, from, PatchCadence.ToInstant(D(4, 6), TimeOnly.MinValue, Berlin));

        // Saturday 28 March is in Intensive (support on Saturdays); Saturday 4 April is in Stabilise (none).
        Assert.Equal([D(3, 26), D(3, 27), D(3, 28), D(3, 30), D(3, 31), D(4, 1), D(4, 2), D(4, 3)], slots.Select(s => s.Date));
        Assert.Equal("Intensive", slots.Single(s => s.Date == D(3, 28)).Phase);
    }

    [Fact]
    public void SlotDates_NoSupportDaysKnown_FallsBackToMondayToFriday()
    {
        var withoutInfo = PatchCadence.Daily(Six).SlotDates(D(3, 16), D(3, 22), NoHolidays).ToList();
        var emptyInfo = PatchCadence.Daily(Six).SlotDates(D(3, 16), D(3, 22), NoHolidays, supportDays: []).ToList();

        Assert.Equal([D(3, 16), D(3, 17), D(3, 18), D(3, 19), D(3, 20)], withoutInfo);
        Assert.Equal(withoutInfo, emptyInfo);
    }
}
