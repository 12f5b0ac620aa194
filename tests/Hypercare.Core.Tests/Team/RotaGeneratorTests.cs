using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;

namespace Hypercare.Core.Tests.Team;

public class RotaGeneratorTests
{
    private const string Berlin = "Europe/Berlin";

    // Monday 2 March 2026; Berlin is on CET (UTC+1) until the night of Sunday 29 March.
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static readonly RotaRules TriageOnly = new() { StaffPerShift = new RotaStaffing(HypercareLead: 0, Triage: 1, SteadyStateSupport: 0) };

    private static readonly TimeOnly Eight = new(8, 0);

    private static readonly TimeOnly Eighteen = new(18, 0);

    private static PlanPhase Phase(string name, DateOnly from, DateOnly to, IEnumerable<SupportWindow> hours) =>
        PlanPhase.Create(1, name, from, to, hours, [], [], StandupCadence.Daily);

    private static PlanPhase OfficeHours(DateOnly from, DateOnly to) => Phase("Stabilise", from, to, PlanPhase.Weekdays(Eight, Eighteen));

    private static RotaPerson Triage(int id, IReadOnlyList<TimeOffPeriod>? timeOff = null, IReadOnlyList<SupportWindow>? availability = null) =>
        new(id, $"Triage {id}", ProjectRole.Triage, availability, timeOff);

    private static RotaInput Week(params RotaPerson[] people) => new(Berlin, Monday, Monday.AddDays(6), [OfficeHours(Monday, Monday.AddDays(27))], people);

    private static RotaResult Generate(RotaInput input, RotaRules? rules = null)
    {
        var outcome = RotaGenerator.Generate(input, rules ?? TriageOnly);
        Assert.True(outcome.Succeeded, outcome.Failure is { } f ? string.Join("; ", f.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? [f.Message]) : "");
        return outcome.Value!;
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    private static int?[] Holders(RotaResult rota) => [.. rota.Shifts.Select(s => s.UserId)];

    [Fact]
    public void Generate_DuringItsFirstDay_LeavesOutTheShiftsAlreadyBegun()
    {
        // Monday 12:00 CET: the 08:00–18:00 shift is under way, so the rota starts with Tuesday's.
        var rota = Generate(Week(Triage(1), Triage(2)) with { NotBefore = Utc(3, 2, 11) });

        Assert.Equal(4, rota.Shifts.Count);
        Assert.Equal(Utc(3, 3, 7), rota.Shifts[0].Start);
        Assert.Equal([1, 2, 1, 2], Holders(rota));
    }

    [Fact]
    public void Generate_WeekWithThreeTriagePeople_CoversEverySlotFairly()
    {
        var rota = Generate(Week(Triage(1), Triage(2), Triage(3)));

        // Office hours Monday–Friday, one 10-hour shift a day (08:00–18:00 CET = 07:00–17:00Z); each place to whoever
        // has the fewest hours so far, ties by user id.
        Assert.Equal(5, rota.Shifts.Count);
        Assert.Empty(rota.Gaps);
        Assert.Equal([1, 2, 3, 1, 2], Holders(rota));
        Assert.Equal((Utc(3, 2, 7), Utc(3, 2, 17)), (rota.Shifts[0].Start, rota.Shifts[0].End));
        Assert.All(rota.Shifts, s => Assert.Equal((ProjectRole.Triage, "Stabilise", false, false, false), (s.Role, s.Phase, s.IsAfterHours, s.IsWeekend, s.IsNight)));
        Assert.Equal([20.0, 20.0, 10.0], rota.People.Select(p => p.Hours));
        Assert.Equal(20.0, rota.People[0].Weeks.Single().Hours);
        // Coverage 1; balance = mean of pair ratios (20/20, 10/20, 10/20) = 2/3; score = 100 × (1 + 2/3) / 2.
        Assert.Equal(1.0, rota.Quality.Coverage);
        Assert.Equal(2.0 / 3, rota.Quality.Balance, 9);
        Assert.Equal(83.3, rota.Quality.Score);
    }

    [Fact]
    public void Generate_PersonOnTimeOff_IsNotScheduledThen()
    {
        var rota = Generate(Week(Triage(1, timeOff: [new TimeOffPeriod(Monday, Monday.AddDays(2))]), Triage(2), Triage(3)));

        Assert.Empty(rota.Gaps);
        Assert.DoesNotContain(rota.Shifts, s => s.UserId == 1 && s.Date <= Monday.AddDays(2));
        // Back on Thursday with no hours yet, so first in line.
        Assert.Equal([2, 3, 2, 1, 1], Holders(rota));
    }

    [Fact]
    public void Generate_LateShiftThenEarlyShift_BreaksMinRest_SoTheGapIsReported()
    {
        // Monday 14:00–22:00, then Tuesday 06:00–14:00: only 8 hours between them.
        var phase = Phase("Intensive", Monday, Monday.AddDays(6),
            [new SupportWindow(DayOfWeek.Monday, new TimeOnly(14, 0), new TimeOnly(22, 0)), new SupportWindow(DayOfWeek.Tuesday, new TimeOnly(6, 0), new TimeOnly(14, 0))]);
        var alone = new RotaInput(Berlin, Monday, Monday.AddDays(1), [phase], [Triage(1)]);

        var rota = Generate(alone);
        var relaxed = Generate(alone, TriageOnly with { MinRestHours = 8 });
        var withColleague = Generate(alone with { People = [Triage(1), Triage(2)] });

        Assert.Equal([1, null], Holders(rota));
        var gap = Assert.Single(rota.Gaps);
        Assert.Equal(rota.Shifts[1], gap.Shift);
        Assert.Equal([new GapReason(RotaBlock.MinRest, 1)], gap.Blocked);
        Assert.Equal("No triage person could take it: 1 would rest less than minRestHours (11 h).", gap.Reason);
        Assert.Equal([1, 1], Holders(relaxed));
        Assert.Equal([1, 2], Holders(withColleague));
    }

    [Fact]
    public void Generate_MaxConsecutiveDays_StopsTheSixthDayInARow()
    {
        var everyDay = Phase("Intensive", Monday, Monday.AddDays(6), Enum.GetValues<DayOfWeek>().Select(d => new SupportWindow(d, Eight, Eighteen)));
        var input = new RotaInput(Berlin, Monday, Monday.AddDays(6), [everyDay], [Triage(1)]);
        var rules = TriageOnly with { MaxHoursPerWeek = 100 };

        var rota = Generate(input, rules);
        var longer = Generate(input, rules with { MaxConsecutiveDays = 6 });

        // Monday–Friday, Saturday would be the sixth day in a row; Sunday starts a new run.
        Assert.Equal([1, 1, 1, 1, 1, null, 1], Holders(rota));
        Assert.Equal(RotaBlock.MaxConsecutiveDays, Assert.Single(Assert.Single(rota.Gaps).Blocked).Block);
        Assert.Equal([1, 1, 1, 1, 1, 1, null], Holders(longer));
    }

    [Fact]
    public void Generate_MaxHoursPerWeek_LeavesTheShiftThatWouldExceedIt()
    {
        var rota = Generate(Week(Triage(1)));
        var more = Generate(Week(Triage(1)), TriageOnly with { MaxHoursPerWeek = 50 });

        // 4 × 10 h = 40 h; a fifth shift would make 50 h > 48 h.
        Assert.Equal([1, 1, 1, 1, null], Holders(rota));
        var gap = Assert.Single(rota.Gaps);
        Assert.Equal("No triage person could take it: 1 would exceed maxHoursPerWeek (48 h).", gap.Reason);
        Assert.Equal(40.0, rota.People[0].Hours);
        Assert.Equal(0.8, rota.Quality.Coverage, 9);
        Assert.Equal([1, 1, 1, 1, 1], Holders(more));
    }

    [Fact]
    public void Generate_AfterHoursCap_AllowsTwoEveningShiftsAWeek()
    {
        var evenings = Phase("Intensive", Monday, Monday.AddDays(6), PlanPhase.Weekdays(new TimeOnly(18, 0), new TimeOnly(23, 0)));
        var input = new RotaInput(Berlin, Monday, Monday.AddDays(6), [evenings], [Triage(1)]);

        var rota = Generate(input);
        var wider = Generate(input, TriageOnly with { MaxAfterHoursShiftsPerWeek = 5 });

        // Wholly outside office hours (08:00–18:00), but not night time (23:00–06:00).
        Assert.All(rota.Shifts, s => Assert.Equal((true, false, false), (s.IsAfterHours, s.IsNight, s.IsWeekend)));
        Assert.Equal([1, 1, null, null, null], Holders(rota));
        Assert.All(rota.Gaps, g => Assert.Equal([new GapReason(RotaBlock.MaxAfterHoursShifts, 1)], g.Blocked));
        Assert.Equal(2, rota.People[0].AfterHoursShifts);
        Assert.Equal([1, 1, 1, 1, 1], Holders(wider));
    }

    [Fact]
    public void Generate_WeekendShift_EarnsTheNextWeekdayOffInLieu()
    {
        // Saturday 7, Monday 9 and Tuesday 10 March.
        var saturday = Monday.AddDays(5);
        var phase = Phase("Intensive", Monday, Monday.AddDays(13), [.. PlanPhase.Weekdays(Eight, Eighteen, saturday: true)]);
        var input = new RotaInput(Berlin, saturday, saturday.AddDays(3), [phase], [Triage(1)]);

        var rota = Generate(input);
        var none = Generate(input, TriageOnly with { TimeOffInLieuDays = 0 });
        var two = Generate(input, TriageOnly with { TimeOffInLieuDays = 2 });

        Assert.Equal((true, true), (rota.Shifts[0].IsWeekend, rota.Shifts[0].IsAfterHours));
        Assert.Equal([1, null, 1], Holders(rota));
        Assert.Equal(RotaBlock.DayInLieu, Assert.Single(Assert.Single(rota.Gaps).Blocked).Block);
        Assert.Equal([saturday.AddDays(2)], rota.People[0].DaysInLieu);
        Assert.Equal(1, rota.People[0].DaysInLieuGranted);
        Assert.Equal([1, 1, 1], Holders(none));
        Assert.Equal([1, null, null], Holders(two));
    }

    [Fact]
    public void Generate_NightShift_EarnsTheNextWeekdayOffInLieu()
    {
        // Wednesday 00:00–06:00 is night time (23:00–06:00) and touches only Wednesday: Thursday is the day in lieu.
        var phase = Phase("Intensive", Monday, Monday.AddDays(6),
            [new SupportWindow(DayOfWeek.Wednesday, TimeOnly.MinValue, new TimeOnly(6, 0)), new SupportWindow(DayOfWeek.Thursday, new TimeOnly(18, 0), new TimeOnly(22, 0)),
             new SupportWindow(DayOfWeek.Friday, Eight, Eighteen)]);
        var input = new RotaInput(Berlin, Monday, Monday.AddDays(6), [phase], [Triage(1)]);

        var rota = Generate(input);

        Assert.Equal((true, true, false), (rota.Shifts[0].IsNight, rota.Shifts[0].IsAfterHours, rota.Shifts[0].IsWeekend));
        Assert.Equal([1, null, 1], Holders(rota));
        Assert.Equal([Monday.AddDays(3)], rota.People[0].DaysInLieu);
        Assert.Equal(1, rota.People[0].NightShifts);
    }

    [Fact]
    public void Generate_CoverTapersWithThePhases_IntensiveHasMoreShiftHoursThanStabilise()
    {
        var plan = PlanPhase.DefaultPlan(1, Monday, Monday.AddDays(27)).ToList();
        var people = Enumerable.Range(1, 12).Select(i => new RotaPerson(i, $"P{i}", i <= 6 ? ProjectRole.Triage : ProjectRole.SteadyStateSupport)).ToList();

        var rota = Generate(new RotaInput(Berlin, Monday, Monday.AddDays(27), plan, people), RotaRules.Default);

        double Hours(string phase, ProjectRole role) => rota.Shifts.Where(s => s.Phase == phase && s.Role == role).Sum(s => s.Hours);
        // Intensive: Monday–Saturday 07:00–20:00, 13 h cut into 07:00–13:30 and 13:30–20:00; two weeks of 78 h per role.
        Assert.Equal(2 * 78.0, Hours("Intensive", ProjectRole.Triage));
        Assert.Equal(2 * 78.0, Hours("Intensive", ProjectRole.SteadyStateSupport));
        var firstMonday = rota.Shifts.Where(s => s.Date == Monday && s.Role == ProjectRole.Triage).ToList();
        Assert.Equal([(Utc(3, 2, 6), Utc(3, 2, 12, 30)), (Utc(3, 2, 12, 30), Utc(3, 2, 19))], firstMonday.Select(s => (s.Start, s.End)));
        // Stabilise: Monday–Friday 08:00–18:00, one 10-hour shift a day; two weeks of 50 h per role.
        Assert.Equal(2 * 50.0, Hours("Stabilise", ProjectRole.Triage));
        Assert.True(Hours("Intensive", ProjectRole.Triage) > Hours("Stabilise", ProjectRole.Triage));
        Assert.Single(rota.Shifts, s => s.Date == Monday.AddDays(14) && s.Role == ProjectRole.Triage);
        Assert.DoesNotContain(rota.Shifts, s => s.Role == ProjectRole.HypercareLead);
        Assert.Empty(rota.Gaps);
    }

    [Fact]
    public void Generate_ShiftOverTheSpringForwardNight_IsAnHourShorter_AndCountsSo()
    {
        // Sundays 22 and 29 March 2026, 00:00–08:00 Berlin. On the 29th the clocks jump from 02:00 to 03:00.
        var sundays = Phase("Weekend cover", new DateOnly(2026, 3, 22), new DateOnly(2026, 3, 29), [new SupportWindow(DayOfWeek.Sunday, TimeOnly.MinValue, Eight)]);
        var input = new RotaInput(Berlin, new DateOnly(2026, 3, 22), new DateOnly(2026, 3, 29), [sundays], [Triage(1)]);

        var rota = Generate(input);
        var sevenHourWeeks = Generate(input, TriageOnly with { MaxHoursPerWeek = 7 });

        Assert.Equal([8.0, 7.0], rota.Shifts.Select(s => s.Hours));
        // 00:00 CET is 23:00Z the day before; 08:00 CEST is 06:00Z.
        Assert.Equal((Utc(3, 28, 23), Utc(3, 29, 6)), (rota.Shifts[1].Start, rota.Shifts[1].End));
        Assert.Equal(new DateOnly(2026, 3, 29), rota.Shifts[1].Date);
        Assert.Equal([8.0, 7.0], rota.People[0].Weeks.Select(w => w.Hours));
        Assert.Equal(15.0, rota.People[0].Hours);
        // The hours counted are the real ones: with 7 h a week allowed, only the short night fits.
        Assert.Equal([null, 1], Holders(sevenHourWeeks));
    }

    [Fact]
    public void Generate_ShiftOverTheFallBackNight_IsAnHourLonger_AndCountsSo()
    {
        // Sundays 18 and 25 October 2026, 00:00–08:00 Berlin. On the 25th 02:00–03:00 happens twice.
        var sundays = Phase("Weekend cover", new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 25), [new SupportWindow(DayOfWeek.Sunday, TimeOnly.MinValue, Eight)]);
        var input = new RotaInput(Berlin, new DateOnly(2026, 10, 18), new DateOnly(2026, 10, 25), [sundays], [Triage(1)]);

        var rota = Generate(input);
        var eightHourWeeks = Generate(input, TriageOnly with { MaxHoursPerWeek = 8 });

        Assert.Equal([8.0, 9.0], rota.Shifts.Select(s => s.Hours));
        Assert.Equal((Utc(10, 24, 22), Utc(10, 25, 7)), (rota.Shifts[1].Start, rota.Shifts[1].End));
        Assert.Equal([8.0, 9.0], rota.People[0].Weeks.Select(w => w.Hours));
        Assert.Equal([1, null], Holders(eightHourWeeks));
        Assert.Equal(RotaBlock.MaxHoursPerWeek, Assert.Single(Assert.Single(eightHourWeeks.Gaps).Blocked).Block);
    }

    [Fact]
    public void Generate_FixedShifts_TakeTheirPlaceAndCountTowardTheRules()
    {
        // Monday–Thursday locked for person 1 (40 h), plus a locked Sunday morning outside the support hours (2 h).
        FixedShift Day(int offset) => new(1, Utc(3, 2 + offset, 7), Utc(3, 2 + offset, 17));
        var sunday = new FixedShift(1, Utc(3, 8, 9), Utc(3, 8, 11));
        var input = Week(Triage(1), Triage(2)) with { FixedShifts = [Day(0), Day(1), Day(2), Day(3), sunday] };

        var alone = Generate(input with { People = [Triage(1)] });
        var pair = Generate(input with { FixedShifts = [Day(0)] });

        Assert.Equal([1, 1, 1, 1, null, 1], Holders(alone));
        Assert.Equal([true, true, true, true, false, true], alone.Shifts.Select(s => s.IsFixed));
        // Friday would take person 1 to 40 + 2 + 10 = 52 h.
        Assert.Equal(RotaBlock.MaxHoursPerWeek, Assert.Single(Assert.Single(alone.Gaps).Blocked).Block);
        var extra = alone.Shifts[^1];
        Assert.Equal((Utc(3, 8, 9), true, true, "Stabilise"), (extra.Start, extra.IsWeekend, extra.IsAfterHours, extra.Phase));
        Assert.Equal((42.0, 5, 1), (alone.People[0].Hours, alone.People[0].Shifts, alone.People[0].WeekendShifts));
        Assert.Equal([Monday.AddDays(7)], alone.People[0].DaysInLieu);
        // Locked hours count for fairness too: with Monday locked for person 1, Tuesday goes to person 2.
        Assert.Equal([1, 2, 1, 2, 1], Holders(pair));
    }

    [Fact]
    public void Generate_FixedShiftJustBeforeTheRange_CountsForRestButIsNotInTheRota()
    {
        var early = Phase("Intensive", Monday, Monday.AddDays(6), [new SupportWindow(DayOfWeek.Tuesday, new TimeOnly(6, 0), new TimeOnly(14, 0))]);
        // Monday 2 March 20:00–24:00 Berlin, the day before the range: 6 h before Tuesday's 06:00 start.
        var mondayEvening = new FixedShift(1, Utc(3, 2, 19), Utc(3, 2, 23));
        var input = new RotaInput(Berlin, Monday.AddDays(1), Monday.AddDays(1), [early], [Triage(1)], [mondayEvening]);

        var rota = Generate(input);

        Assert.Equal([null], Holders(rota));
        Assert.Equal(RotaBlock.MinRest, Assert.Single(Assert.Single(rota.Gaps).Blocked).Block);
        Assert.Equal(0.0, rota.People[0].Hours);
        Assert.Equal([1], Holders(Generate(input with { FixedShifts = [] })));
    }

    [Fact]
    public void Generate_FixedNightShiftOverMidnight_IsCheckedOnBothDays()
    {
        // Evening and night cover; a locked night Monday 22:00 – Tuesday 06:00 Berlin (21:00Z–05:00Z).
        var nights = Phase("Intensive", Monday, Monday.AddDays(6),
            [new SupportWindow(DayOfWeek.Monday, Eighteen, TimeOnly.MinValue), new SupportWindow(DayOfWeek.Tuesday, TimeOnly.MinValue, Eight)]);
        var night = new FixedShift(1, Utc(3, 2, 21), Utc(3, 3, 5));
        var input = new RotaInput(Berlin, Monday, Monday.AddDays(1), [nights], [Triage(1)], [night]);
        SupportWindow mondayLate = new(DayOfWeek.Monday, new TimeOnly(22, 0), TimeOnly.MinValue);

        var offTuesday = RotaGenerator.Generate(input with { People = [Triage(1, timeOff: [new TimeOffPeriod(Monday.AddDays(1), Monday.AddDays(1))])] }, TriageOnly);
        var mondayOnly = RotaGenerator.Generate(input with { People = [Triage(1, availability: [mondayLate])] }, TriageOnly);
        var bothDays = Generate(input with { People = [Triage(1, availability: [mondayLate, new SupportWindow(DayOfWeek.Tuesday, TimeOnly.MinValue, new TimeOnly(6, 0))])] });

        Assert.Equal("fixedShifts[0]", Assert.Single(offTuesday.Failure!.Errors!).Key);
        Assert.Contains("time off", Assert.Single(offTuesday.Failure.Errors!).Value[0], StringComparison.Ordinal);
        Assert.Equal("fixedShifts[0]", Assert.Single(mondayOnly.Failure!.Errors!).Key);
        Assert.Contains("availability", Assert.Single(mondayOnly.Failure.Errors!).Value[0], StringComparison.Ordinal);
        // Accepted: it counts for Monday, lies on both days, and is a night shift (23:00–06:00 is 7 h of it).
        Assert.Equal([null, 1, null], Holders(bothDays));
        var locked = bothDays.Shifts[1];
        Assert.Equal((Monday, true, true), (locked.Date, locked.IsFixed, locked.IsNight));
        Assert.Equal([Monday.AddDays(2)], bothDays.People[0].DaysInLieu);
    }

    [Fact]
    public void Generate_WeekendShiftWhoseDayInLieuIsAlreadyWorked_IsNotGivenToThatPerson()
    {
        // Saturday 7 March would earn Monday 9 March off, but Monday is locked for person 1.
        var saturday = Monday.AddDays(5);
        var phase = Phase("Intensive", Monday, Monday.AddDays(13), [.. PlanPhase.Weekdays(Eight, Eighteen, saturday: true)]);
        var lockedMonday = new FixedShift(1, Utc(3, 9, 7), Utc(3, 9, 17));
        var input = new RotaInput(Berlin, saturday, saturday.AddDays(2), [phase], [Triage(1)], [lockedMonday]);

        var rota = Generate(input);
        var noLieu = Generate(input, TriageOnly with { TimeOffInLieuDays = 0 });

        Assert.Equal([null, 1], Holders(rota));
        Assert.Equal([new GapReason(RotaBlock.LieuDayTaken, 1)], Assert.Single(rota.Gaps).Blocked);
        Assert.Equal([1, 1], Holders(noLieu));
    }

    [Fact]
    public void Generate_NobodyInTheRole_ReportsEveryPlaceAsAGap()
    {
        var rota = Generate(Week(Triage(1)) with { People = [new RotaPerson(1, "Lead", ProjectRole.HypercareLead)] });

        Assert.Equal(5, rota.Gaps.Count);
        Assert.All(rota.Gaps, g => Assert.Equal("Nobody on the team is a triage person.", g.Reason));
        Assert.Equal((0.0, 50.0, 0.0), (rota.Quality.Coverage, rota.Quality.GapHours, rota.Quality.Score));
    }

    [Fact]
    public void Generate_Availability_OnlyShiftsWhollyInsideIt()
    {
        // Person 1 only works Tuesday and Thursday mornings-to-evenings; person 2 any time.
        IReadOnlyList<SupportWindow> tueThu = [new(DayOfWeek.Tuesday, new TimeOnly(7, 0), new TimeOnly(19, 0)), new(DayOfWeek.Thursday, Eight, Eighteen)];
        var rota = Generate(Week(Triage(1, availability: tueThu), Triage(2)));
        var tooShort = Generate(Week(Triage(1, availability: [new SupportWindow(DayOfWeek.Monday, Eight, new TimeOnly(12, 0))])));

        Assert.Equal([2, 1, 2, 1, 2], Holders(rota));
        Assert.Equal(5, tooShort.Gaps.Count);
        Assert.All(tooShort.Gaps, g => Assert.Equal([new GapReason(RotaBlock.Unavailable, 1)], g.Blocked));
    }

    [Fact]
    public void Generate_IsDeterministic()
    {
        var plan = PlanPhase.DefaultPlan(1, Monday, Monday.AddDays(40)).ToList();
        ProjectRole[] roles = [ProjectRole.Triage, ProjectRole.SteadyStateSupport, ProjectRole.HypercareLead];
        var people = Enumerable.Range(1, 9).Select(i => new RotaPerson(i, $"P{i}", roles[i % 3])).ToList();
        var input = new RotaInput(Berlin, Monday, Monday.AddDays(40), plan, people);
        var rules = RotaRules.Default with { StaffPerShift = new RotaStaffing(1, 1, 1) };

        var first = Generate(input, rules);
        var second = Generate(input, rules);

        Assert.Equal(first.Shifts, second.Shifts);
        Assert.Equal(first.Gaps.Select(g => (g.Shift, g.Reason)), second.Gaps.Select(g => (g.Shift, g.Reason)));
        Assert.Equal(first.Quality.Score, second.Quality.Score);
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "timeOffEndsBeforeItStarts", "people[1].timeOff[0].to" },
        { "roleNotRostered", "people[0].role" },
        { "roleUnknown", "people[2].role" },
        { "duplicateUser", "people[2].userId" },
        { "noDisplayName", "people[0].displayName" },
        { "availabilityOutsideThePhase", "people[1].availability[0]" },
        { "availabilityEmptyWindow", "people[1].availability[0].end" },
        { "overlappingFixedShifts", "fixedShifts[2]" },
        { "fixedShiftForUnknownPerson", "fixedShifts[0].userId" },
        { "fixedShiftEndsBeforeItStarts", "fixedShifts[0].end" },
        { "fixedShiftOutsideTheRange", "fixedShifts[0].start" },
        { "fixedShiftOnTimeOff", "fixedShifts[0]" },
        { "fixedShiftsWithoutRest", "fixedShifts[1]" },
        { "rangeOver366Days", "to" },
        { "rangeEndsBeforeItStarts", "to" },
        { "unknownTimeZone", "timeZoneId" },
        { "overlappingPhases", "phases[1].startDate" },
        { "noPhaseInTheRange", "phases" },
        { "badRule", "rules.maxHoursPerWeek" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Generate_BadInput_NamesTheField(string scenario, string field)
    {
        var good = Week(Triage(1), Triage(2), Triage(3));
        var rules = TriageOnly;
        var monday = new FixedShift(1, Utc(3, 2, 7), Utc(3, 2, 17));
        var input = scenario switch
        {
            "timeOffEndsBeforeItStarts" => good with { People = [Triage(1), Triage(2, timeOff: [new TimeOffPeriod(Monday.AddDays(3), Monday.AddDays(1))]), Triage(3)] },
            "roleNotRostered" => good with { People = [new RotaPerson(1, "Sponsor", ProjectRole.Sponsor), Triage(2)] },
            "roleUnknown" => good with { People = [Triage(1), Triage(2), new RotaPerson(3, "X", (ProjectRole)99)] },
            "duplicateUser" => good with { People = [Triage(1), Triage(2), Triage(1)] },
            "noDisplayName" => good with { People = [new RotaPerson(1, " ", ProjectRole.Triage)] },
            "availabilityOutsideThePhase" => good with { People = [Triage(1), Triage(2, availability: [new SupportWindow(DayOfWeek.Sunday, Eight, Eighteen)])] },
            "availabilityEmptyWindow" => good with { People = [Triage(1), Triage(2, availability: [new SupportWindow(DayOfWeek.Monday, Eighteen, Eight)])] },
            "overlappingFixedShifts" => good with { FixedShifts = [monday, new FixedShift(2, Utc(3, 2, 7), Utc(3, 2, 17)), new FixedShift(1, Utc(3, 2, 16), Utc(3, 2, 20))] },
            "fixedShiftForUnknownPerson" => good with { FixedShifts = [monday with { UserId = 42 }] },
            "fixedShiftEndsBeforeItStarts" => good with { FixedShifts = [monday with { End = monday.Start.AddHours(-1) }] },
            "fixedShiftOutsideTheRange" => good with { FixedShifts = [new FixedShift(1, Utc(3, 12, 7), Utc(3, 12, 17))] },
            "fixedShiftOnTimeOff" => good with { People = [Triage(1, timeOff: [new TimeOffPeriod(Monday, Monday)]), Triage(2)], FixedShifts = [monday] },
            "fixedShiftsWithoutRest" => good with { FixedShifts = [monday, new FixedShift(1, Utc(3, 3, 2), Utc(3, 3, 6))] },
            "rangeOver366Days" => good with { To = Monday.AddDays(366) },
            "rangeEndsBeforeItStarts" => good with { To = Monday.AddDays(-1) },
            "unknownTimeZone" => good with { TimeZoneId = "Mars/Olympus_Mons" },
            "overlappingPhases" => good with { Phases = [OfficeHours(Monday, Monday.AddDays(10)), OfficeHours(Monday.AddDays(10), Monday.AddDays(20))] },
            "noPhaseInTheRange" => good with { Phases = [OfficeHours(Monday.AddDays(30), Monday.AddDays(40))] },
            _ => good,
        };
        if (scenario == "badRule")
        {
            rules = rules with { MaxHoursPerWeek = 0 };
        }

        var outcome = RotaGenerator.Generate(input, rules);

        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        var error = Assert.Single(outcome.Failure.Errors!);
        Assert.Equal(field, error.Key);
        Assert.All(error.Value, m => Assert.False(string.IsNullOrWhiteSpace(m)));
    }

    [Fact]
    public void RotaRules_Validate_NamesEveryBadField_AndAcceptsTheDefaults()
    {
        var bad = new RotaRules
        {
            MaxConsecutiveDays = 0,
            MaxHoursPerWeek = double.NaN,
            MinRestHours = -1,
            MaxAfterHoursShiftsPerWeek = 22,
            OfficeHoursStart = Eighteen,
            OfficeHoursEnd = Eight,
            NightStart = new TimeOnly(23, 0),
            NightEnd = new TimeOnly(23, 0),
            TimeOffInLieuDays = 6,
            ShiftLengthHours = 0.5,
            StaffPerShift = new RotaStaffing(-1, 0, 0),
        };
        var errors = new FieldErrors();
        var none = new FieldErrors();

        bad.Validate(errors);
        RotaRules.Default.Validate(none);

        Assert.Equal(
            ["maxAfterHoursShiftsPerWeek", "maxConsecutiveDays", "maxHoursPerWeek", "minRestHours", "nightEnd", "officeHoursEnd", "shiftLengthHours",
             "staffPerShift", "staffPerShift.hypercareLead", "timeOffInLieuDays"],
            errors.ToFailure().Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.False(none.Any);
        Assert.Equal((5, 48.0, 11.0, 2, 1, 10.0), (RotaRules.Default.MaxConsecutiveDays, RotaRules.Default.MaxHoursPerWeek, RotaRules.Default.MinRestHours,
            RotaRules.Default.MaxAfterHoursShiftsPerWeek, RotaRules.Default.TimeOffInLieuDays, RotaRules.Default.ShiftLengthHours));
        Assert.Equal(new RotaStaffing(0, 1, 1), RotaRules.Default.StaffPerShift);
    }
}
