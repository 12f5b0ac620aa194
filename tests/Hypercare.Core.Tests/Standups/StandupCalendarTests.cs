using Hypercare.Core.Sla;
using Hypercare.Core.Standups;
using Ical.Net;

namespace Hypercare.Core.Tests.Standups;

/// <summary>
/// Where standups fall, as pure functions of the plan, and the iCalendar objects they go out as, read back with Ical.Net
/// (its own recurrence engine must find the same instants the product lists, across DST and holidays).
/// </summary>
public sealed class StandupCalendarTests
{
    private const string Berlin = "Europe/Berlin";

    // Intensive Monday 30 March to Sunday 12 April 2026, daily; Stabilise to Sunday 26 April, weekly. Good Friday is a holiday.
    private static readonly PlanPhase[] Phases =
    [
        PlanPhase.Create(1, "Intensive", new(2026, 3, 30), new(2026, 4, 12), [], [], [], StandupCadence.Daily),
        PlanPhase.Create(1, "Stabilise", new(2026, 4, 13), new(2026, 4, 26), [], [], [], StandupCadence.Weekly),
    ];

    private static readonly DateOnly GoodFriday = new(2026, 4, 3);

    [Fact]
    public void Series_DailyThenWeekly_DaysFollowTheCadenceAndTheHolidayIsSkipped()
    {
        var series = StandupCalendar.Series(Phases, new TimeOnly(9, 15), 15, [GoodFriday]);

        Assert.Equal(2, series.Count);
        Assert.Equal(7, series[0].Days.Count);
        Assert.Equal((new DateOnly(2026, 3, 30), new DateOnly(2026, 4, 12)), (series[0].First, series[0].Last));
        Assert.Equal([GoodFriday], series[0].Skipped);
        // Weekly on the weekday the phase starts (Monday): 13 and 20 April; the 27th is after the phase.
        Assert.Equal([DayOfWeek.Monday], series[1].Days);
        Assert.Equal((new DateOnly(2026, 4, 13), new DateOnly(2026, 4, 20)), (series[1].First, series[1].Last));
        var all = StandupCalendar.Occurrences(series, Berlin, new(2026, 3, 1), new(2026, 5, 31));
        Assert.Equal(14 - 1 + 2, all.Count);
        Assert.DoesNotContain(all, o => o.Date == GoodFriday);
    }

    [Fact]
    public void Series_TwiceWeeklyAndWeekdays_FallOnThePromisedDays()
    {
        var phases = new[]
        {
            PlanPhase.Create(1, "Weekdays", new(2026, 3, 30), new(2026, 4, 5), [], [], [], StandupCadence.Weekdays),
            // Starts on a Wednesday: twice a week is Wednesday and Saturday.
            PlanPhase.Create(1, "Twice", new(2026, 4, 8), new(2026, 4, 19), [], [], [], StandupCadence.TwiceWeekly),
        };

        var all = StandupCalendar.Occurrences(StandupCalendar.Series(phases, new TimeOnly(9, 0), 15, []), Berlin, new(2026, 3, 1), new(2026, 5, 1));

        Assert.Equal(["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-08", "2026-04-11", "2026-04-15", "2026-04-18"],
            all.Select(o => o.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Occurrences_AcrossSpringForward_KeepTheWallClockTime_AndAGapTimeMovesToTheGapsEnd()
    {
        var phase = PlanPhase.Create(1, "Intensive", new(2026, 3, 28), new(2026, 3, 30), [], [], [], StandupCadence.Daily);

        var at915 = StandupCalendar.Occurrences(StandupCalendar.Series([phase], new TimeOnly(9, 15), 15, []), Berlin, new(2026, 3, 28), new(2026, 3, 30));
        var at230 = StandupCalendar.Occurrences(StandupCalendar.Series([phase], new TimeOnly(2, 30), 15, []), Berlin, new(2026, 3, 29), new(2026, 3, 29));

        // Berlin is UTC+1 on Saturday 28 March and UTC+2 from Sunday 29 March, 02:00.
        Assert.Equal([Utc(2026, 3, 28, 8, 15), Utc(2026, 3, 29, 7, 15), Utc(2026, 3, 30, 7, 15)], at915.Select(o => o.Start));
        Assert.All(at915, o => Assert.Equal(TimeSpan.FromMinutes(15), o.End - o.Start));
        // 02:30 does not exist that night: the standup is at 03:00 summer time (01:00 UTC).
        Assert.Equal(Utc(2026, 3, 29, 1, 0), Assert.Single(at230).Start);
    }

    [Fact]
    public void Request_ReadBackWithIcalNet_IsAnItipRequestWhoseRecurrenceGivesTheSameInstants()
    {
        var series = StandupCalendar.Series([PlanPhase.Create(1, "Intensive", new(2026, 3, 23), new(2026, 4, 12), [], [], [], StandupCadence.Weekdays)],
            new TimeOnly(9, 15), 20, [GoodFriday]);
        var text = StandupInvitation.Request(series[0], "standup-1-1@hypercare", 3, Berlin, "Atlas", new CalendarPerson("Lea Lead", "lea@tests.example"),
            [new CalendarPerson("Tom Triage", "tom@tests.example"), new CalendarPerson("Sam Steady", "sam@tests.example")], Utc(2026, 3, 20, 12, 0), "Daily standup");

        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("REQUEST", calendar.Method);
        Assert.Equal("standup-1-1@hypercare", e.Uid);
        Assert.Equal(3, e.Sequence);
        Assert.Equal(Berlin, e.DtStart!.TzId);
        Assert.Contains(calendar.TimeZones, z => z.TzId == Berlin);
        Assert.Equal("mailto:lea@tests.example", e.Organizer!.Value!.ToString());
        Assert.Equal(["mailto:sam@tests.example", "mailto:tom@tests.example"], e.Attendees.Select(a => a.Value!.ToString()).Order());
        Assert.All(e.Attendees, a => Assert.Equal("NEEDS-ACTION", a.ParticipationStatus));
        Assert.Equal(FrequencyType.Weekly, e.RecurrenceRule!.Frequency);
        Assert.Contains("RRULE:FREQ=WEEKLY;", text, StringComparison.Ordinal);
        // The library's own expansion (RRULE, UNTIL, EXDATE, VTIMEZONE) finds exactly the product's standups, DST included.
        var expected = StandupCalendar.Occurrences(series, Berlin, new(2026, 3, 1), new(2026, 5, 1)).Select(o => o.Start).ToList();
        var expanded = calendar.GetOccurrences().Select(o => new DateTimeOffset(o.Period.StartTime.AsUtc, TimeSpan.Zero)).ToList();
        Assert.Equal(expected, expanded);
        Assert.Equal(14, expected.Count);
        Assert.Contains(Utc(2026, 3, 27, 8, 15), expected);
        Assert.Contains(Utc(2026, 3, 30, 7, 15), expected);
    }

    [Fact]
    public void Cancel_ReadBack_IsAnItipCancelOfTheSameUidWithTheHigherSequence()
    {
        var text = StandupInvitation.Cancel("standup-1-1@hypercare", 4, Berlin, "Atlas", new CalendarPerson("Lea Lead", "lea@tests.example"),
            [new CalendarPerson("Tom Triage", "tom@tests.example")], Utc(2026, 4, 1, 9, 0));

        var calendar = Calendar.Load(text)!;
        var e = Assert.Single(calendar.Events);
        Assert.Equal("CANCEL", calendar.Method);
        Assert.Equal(("standup-1-1@hypercare", 4), (e.Uid, e.Sequence));
        Assert.Equal("CANCELLED", e.Status);
    }

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min) => new(y, m, d, h, min, 0, TimeSpan.Zero);
}
