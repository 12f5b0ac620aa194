using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;

namespace Hypercare.Core.Tests.Team;

/// <summary>The hours and burnout rules, pure: shifts and audit events in, weekly hours and flags with evidence out.</summary>
public sealed class TeamHoursTests
{
    private const string Zone = "Europe/Berlin";

    // Monday 2 March 2026 (Berlin is UTC+1 in March before the 29th).
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static readonly HoursPerson Ana = new(1, "Ana", ProjectRole.Triage);
    private static readonly HoursPerson Tomas = new(2, "Tomas", ProjectRole.Triage);

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(1)).AddMinutes(minute).ToUniversalTime();

    private static HoursShift Shift(HoursPerson p, DateOnly day, int from, int to) => new(p.UserId, At(day, from), At(day, to));

    private static WorkEvent Work(HoursPerson p, DateOnly day, int hour, int minute = 0, int? issue = null) => new(p.UserId, At(day, hour, minute), issue);

    private static TeamHoursReport Compute(IReadOnlyList<HoursShift>? shifts = null, IReadOnlyList<WorkEvent>? events = null, IReadOnlyList<HoursIssue>? issues = null,
        RotaRules? rules = null, DateOnly? to = null) =>
        TeamHours.Compute(new TeamHoursInput(Zone, Monday, to ?? Monday.AddDays(6), rules ?? RotaRules.Default, [Ana, Tomas], shifts ?? [], events ?? [], issues ?? []));

    [Fact]
    public void Compute_ShiftsAndOffShiftSessions_AddUpPerIsoWeek()
    {
        var report = Compute(
            [Shift(Ana, Monday, 8, 16), Shift(Ana, Monday.AddDays(1), 8, 16)],
            [
                Work(Ana, Monday, 10), // inside a shift: the shift's work, not counted again
                Work(Ana, Monday, 20), Work(Ana, Monday, 20, 10), Work(Ana, Monday, 20, 25), // one session 20:00–20:40
                Work(Ana, Monday.AddDays(2), 9), // a lone event: 15 minutes on a third day
            ]);

        var week = Assert.Single(report.People.Single(p => p.Person.Id == Ana.UserId).Weeks);
        Assert.Equal(Monday, week.WeekStart);
        Assert.Equal(10, week.IsoWeek);
        Assert.Equal(16, week.ShiftHours);
        Assert.Equal(2, week.Shifts);
        Assert.Equal(2, week.OffShiftSessions);
        Assert.Equal(0.92, week.OffShiftHours); // 40 min + 15 min
        Assert.Equal(0.67, week.AfterHoursOffShiftHours); // the 20:00 session only
        Assert.Equal(16.92, week.TotalHours);
        Assert.Equal([Monday, Monday.AddDays(1), Monday.AddDays(2)], week.DaysWorked);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void Compute_SessionRunningIntoAShift_CountsOnlyTheTimeBeforeIt()
    {
        // 07:55 + 15 minutes runs 10 minutes into the 08:00 shift: only 5 minutes are off-shift.
        var report = Compute([Shift(Ana, Monday, 8, 16)], [Work(Ana, Monday, 7, 55)]);

        var week = report.People.Single(p => p.Person.Id == Ana.UserId).Weeks[0];
        Assert.Equal(0.08, week.OffShiftHours);
        Assert.Equal(8.08, week.TotalHours);
    }

    [Fact]
    public void Compute_RangeIsWidenedToWholeIsoWeeks()
    {
        var report = TeamHours.Compute(new TeamHoursInput(Zone, Monday.AddDays(3), Monday.AddDays(8), RotaRules.Default, [Ana], [], [], []));

        Assert.Equal(Monday, report.From);
        Assert.Equal(Monday.AddDays(13), report.To);
        Assert.Equal([Monday, Monday.AddDays(7)], report.People[0].Weeks.Select(w => w.WeekStart));
    }

    [Fact]
    public void Compute_OverTheWeeklyCap_FlagsTheWeekWithItsHoursAndDays()
    {
        // Five 9-hour shifts (45 h) plus 4 evening sessions of an hour each (49 h) against a 48-hour cap.
        var days = Enumerable.Range(0, 5).Select(Monday.AddDays).ToList();
        var events = days.Take(4).SelectMany(d => Enumerable.Range(0, 4).Select(q => Work(Ana, d, 19, q * 15, issue: 7))).ToList();
        var report = Compute([.. days.Select(d => Shift(Ana, d, 8, 17))], events, rules: RotaRules.Default with { BurnoutAfterHoursPerWeek = 100 });

        var flag = Assert.Single(report.Flags);
        Assert.Equal(BurnoutFlagKind.OverWeeklyHours, flag.Kind);
        Assert.Equal(Ana.UserId, flag.Person.Id);
        Assert.Equal(Monday, flag.Evidence.Week);
        Assert.Equal(49, flag.Evidence.Value);
        Assert.Equal(48, flag.Evidence.Threshold);
        Assert.Equal(days, flag.Evidence.Days);
        Assert.Equal([7], flag.Evidence.IssueIds);
        Assert.Contains("49 h in the week of 2026-03-02 (cap 48 h)", flag.Summary, StringComparison.Ordinal);
        Assert.Equal([flag], report.People.Single(p => p.Person.Id == Ana.UserId).Flags);
        Assert.Empty(report.People.Single(p => p.Person.Id == Tomas.UserId).Flags);
    }

    [Fact]
    public void Compute_ExactlyAtTheCap_RaisesNoFlag()
    {
        var days = Enumerable.Range(0, 5).Select(Monday.AddDays).ToList();
        var report = Compute([.. days.Select(d => Shift(Ana, d, 8, 17))], [.. days.Take(3).Select(d => Work(Ana, d, 12, issue: null))],
            rules: RotaRules.Default with { MaxHoursPerWeek = 45 });

        Assert.Empty(report.Flags);
    }

    [Fact]
    public void Compute_LateNightWorkAboveTheThreshold_FlagsAfterHoursWithDaysAndIssues()
    {
        // Three nights of an hour's work at 23:00 (3 h) and a Saturday-afternoon session (1 h) against a 3.5 h threshold.
        var events = new List<WorkEvent>();
        foreach (var d in new[] { Monday, Monday.AddDays(1), Monday.AddDays(3) })
        {
            events.AddRange(Enumerable.Range(0, 4).Select(q => Work(Ana, d, 23, q * 15, issue: 40 + d.Day)));
        }

        events.AddRange(Enumerable.Range(0, 4).Select(q => Work(Ana, Monday.AddDays(5), 14, q * 15, issue: 99)));
        events.Add(Work(Tomas, Monday, 21)); // 15 minutes: below the threshold
        var report = Compute(events: events, rules: RotaRules.Default with { BurnoutAfterHoursPerWeek = 3.5 });

        var flag = Assert.Single(report.Flags);
        Assert.Equal(BurnoutFlagKind.AfterHoursWork, flag.Kind);
        Assert.Equal(Ana.UserId, flag.Person.Id);
        Assert.Equal(4, flag.Evidence.Value);
        Assert.Equal([Monday, Monday.AddDays(1), Monday.AddDays(3), Monday.AddDays(5)], flag.Evidence.Days);
        Assert.Equal([42, 43, 45, 99], flag.Evidence.IssueIds);
    }

    [Fact]
    public void Compute_DaytimeOffShiftWork_IsNotAfterHours()
    {
        var events = Enumerable.Range(0, 5).SelectMany(d => Enumerable.Range(0, 8).Select(q => Work(Ana, Monday.AddDays(d), 10, q * 15))).ToList();

        var report = Compute(events: events, rules: RotaRules.Default with { BurnoutAfterHoursPerWeek = 0 });

        Assert.Equal(0, report.People.Single(p => p.Person.Id == Ana.UserId).Weeks[0].AfterHoursOffShiftHours);
        Assert.DoesNotContain(report.Flags, f => f.Kind == BurnoutFlagKind.AfterHoursWork);
    }

    [Fact]
    public void Compute_MoreDaysInARowThanTheRule_FlagsTheRunAcrossWeeks()
    {
        // Shifts Thursday to Sunday, a comment on Monday and Tuesday of the next week: six days in a row, max five.
        var shifts = Enumerable.Range(3, 4).Select(d => Shift(Ana, Monday.AddDays(d), 8, 12)).ToList();
        var events = new List<WorkEvent> { Work(Ana, Monday.AddDays(7), 10), Work(Ana, Monday.AddDays(8), 10), Work(Ana, Monday.AddDays(10), 10) };
        var report = Compute(shifts, events, to: Monday.AddDays(13));

        var flag = Assert.Single(report.Flags, f => f.Kind == BurnoutFlagKind.TooManyDaysInARow);
        Assert.Equal(6, flag.Evidence.Value);
        Assert.Equal(5, flag.Evidence.Threshold);
        Assert.Equal(Enumerable.Range(3, 6).Select(Monday.AddDays), flag.Evidence.Days);
        Assert.Contains("6 days in a row, 2026-03-05 to 2026-03-10", flag.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_OnePersonDoingMostSev1Work_FlagsThemWithTheIssues()
    {
        HoursIssue Sev1(int id) => new(id, Severity.Sev1, "Login", IssueCategory.Defect, [1, 2]);
        // Ana: 4 actions on Sev1s 1–3 (two rows of one action at the same instant count once); Tomas: 1. Sev2 work does not count.
        var events = new List<WorkEvent>
        {
            Work(Ana, Monday, 9, 0, 1), Work(Ana, Monday, 9, 0, 1), Work(Ana, Monday, 10, 0, 2), Work(Ana, Monday, 11, 0, 3), Work(Ana, Monday, 12, 0, 3),
            Work(Tomas, Monday, 9, 30, 1), Work(Tomas, Monday, 9, 30, 4), Work(Tomas, Monday, 9, 45, 4),
        };
        var report = Compute(events: events, issues: [Sev1(1), Sev1(2), Sev1(3), new HoursIssue(4, Severity.Sev2, "Login", IssueCategory.Defect, [2])]);

        var flag = Assert.Single(report.Flags, f => f.Kind == BurnoutFlagKind.Sev1Concentration);
        Assert.Equal(Ana.UserId, flag.Person.Id);
        Assert.Equal(0.8, flag.Evidence.Value);
        Assert.Equal([1, 2, 3], flag.Evidence.IssueIds);
        Assert.Contains("80%", flag.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_Sev1WorkOnTooFewIssues_IsNotJudged()
    {
        var events = new List<WorkEvent> { Work(Ana, Monday, 9, 0, 1), Work(Ana, Monday, 10, 0, 2) };

        var report = Compute(events: events, issues: [new HoursIssue(1, Severity.Sev1, null, null, []), new HoursIssue(2, Severity.Sev1, null, null, [])]);

        Assert.DoesNotContain(report.Flags, f => f.Kind == BurnoutFlagKind.Sev1Concentration);
    }

    [Fact]
    public void Compute_AnAreaOnlyOnePersonEverHandled_FlagsTheBusFactor()
    {
        var issues = new List<HoursIssue>
        {
            new(1, Severity.Sev2, "ERP sync", IssueCategory.Defect, [1]),
            new(2, Severity.Sev3, "erp sync ", IssueCategory.DataQuestion, [1]),
            new(3, Severity.Sev2, "ERP sync", IssueCategory.Defect, [1]),
            new(4, Severity.Sev2, "Login", IssueCategory.Defect, [1, 2]),
            new(5, Severity.Sev2, "Login", IssueCategory.Defect, [2]),
            new(6, Severity.Sev2, "Login", IssueCategory.Defect, [2]),
            new(7, Severity.Sev3, "ERP sync", null, []), // nobody assigned yet: not evidence either way
        };

        var report = Compute(issues: issues, rules: RotaRules.Default with { BurnoutBusFactorMinIssues = 3 });

        var flag = Assert.Single(report.Flags);
        Assert.Equal(BurnoutFlagKind.BusFactor, flag.Kind);
        Assert.Equal(Ana.UserId, flag.Person.Id);
        Assert.Equal("area ERP sync", flag.Evidence.Subject);
        Assert.Equal([1, 2, 3], flag.Evidence.IssueIds);
    }

    [Fact]
    public void IsAfterHours_WeekendsAndOutsideOfficeHours_AreAfterHours()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);

        Assert.False(TeamHours.IsAfterHours(At(Monday, 8), zone, RotaRules.Default));
        Assert.False(TeamHours.IsAfterHours(At(Monday, 17, 59), zone, RotaRules.Default));
        Assert.True(TeamHours.IsAfterHours(At(Monday, 18), zone, RotaRules.Default));
        Assert.True(TeamHours.IsAfterHours(At(Monday, 7, 59), zone, RotaRules.Default));
        Assert.True(TeamHours.IsAfterHours(At(Monday.AddDays(5), 12), zone, RotaRules.Default));
    }
}
