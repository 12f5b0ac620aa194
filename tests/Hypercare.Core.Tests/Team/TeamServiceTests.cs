using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;
using Hypercare.Core.Tests.Infrastructure;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Team;

/// <summary>
/// The rota kept in the database, on a real SQLite file with the real migrations and a fake clock: generation from the
/// plan, shifts by hand and swaps under the rules, time off, who is on duty, and the escalations and auto-assign that
/// follow it.
/// </summary>
public sealed class TeamServiceTests
{
    // Wednesday 1 April 2026, 09:00 UTC = 11:00 in Berlin (summer time since 29 March). Go-live was Monday 30 March, so
    // the default plan's Intensive phase (Mon–Sat 07:00–20:00, cut into 07:00–13:30 and 13:30–20:00) runs to 12 April.
    private static readonly DateOnly Thursday = new(2026, 4, 2);

    private static Task<TestStore> StoreAsync() => TestStore.CreateAsync(daysLive: 2);

    private static Task<Outcome<T>> Run<T>(TestStore store, Func<TeamService, Task<Outcome<T>>> action) => store.RunAsync(action);

    private static DateTimeOffset Berlin(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(2)).ToUniversalTime();

    private static async Task<T> Ok<T>(Task<Outcome<T>> call)
    {
        var outcome = await call;
        Assert.True(outcome.Succeeded, Describe(outcome.Failure));
        return outcome.Value!;
    }

    private static string Describe(Failure? failure) =>
        failure is null ? "" : failure.Message + " " + string.Join("; ", failure.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []);

    private static async Task<(ProjectAccess Lead, UserResponse Ana, UserResponse Tomas)> TeamAsync(TestStore store, bool steady = true)
    {
        var lead = await store.MemberAsync("Lena", ProjectRole.HypercareLead);
        var ana = await store.MemberAsync("Ana", ProjectRole.Triage);
        var tomas = await store.MemberAsync("Tomas", ProjectRole.Triage);
        if (steady)
        {
            await store.MemberAsync("Stella", ProjectRole.SteadyStateSupport);
            await store.MemberAsync("Sven", ProjectRole.SteadyStateSupport);
        }

        return (store.As(lead, ProjectRole.HypercareLead), ana, tomas);
    }

    [Fact]
    public async Task Generate_WritesTheShiftsOfThePlanPhases_FilledByRole_WithOneAuditRow()
    {
        await using var store = await StoreAsync();
        var (lead, _, _) = await TeamAsync(store);

        var generated = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        Assert.Equal(new DateOnly(2026, 4, 1), generated.From);
        Assert.Equal(new DateOnly(2026, 4, 26), generated.To);
        var thursday = await Ok(Run(store, t => t.RotaAsync(lead, Thursday, Thursday)));
        Assert.Equal(["07:00", "07:00", "13:30", "13:30"], thursday.Shifts.Select(s => s.LocalStart[11..]));
        Assert.Equal([ProjectRole.Triage, ProjectRole.SteadyStateSupport, ProjectRole.Triage, ProjectRole.SteadyStateSupport], thursday.Shifts.Select(s => s.Role));
        Assert.All(thursday.Shifts, s => Assert.NotNull(s.Person));
        Assert.All(thursday.Shifts, s => Assert.Equal(ShiftSource.Generated, s.Source));
        Assert.Equal("Intensive", thursday.Shifts[0].Phase);
        // Cover tapers with the phases: Stabilise (from 13 April) has one office-hours shift a weekday.
        var stabilise = await Ok(Run(store, t => t.RotaAsync(lead, new DateOnly(2026, 4, 14), new DateOnly(2026, 4, 14))));
        Assert.Equal(["08:00"], stabilise.Shifts.Select(s => s.LocalStart[11..]).Distinct());
        // The shift already under way today (07:00–13:30 local, started 05:00 UTC) is not written: the rota starts now.
        var today = await Ok(Run(store, t => t.RotaAsync(lead, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1))));
        Assert.All(today.Shifts, s => Assert.True(s.Start > store.Clock.GetUtcNow()));
        Assert.Equal(1, await store.DbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(TeamShift))));
        Assert.Equal(generated.ShiftsWritten, await store.CountAsync("TeamShifts"));
    }

    [Fact]
    public async Task Generate_Again_ReplacesTheFutureGeneratedShifts_AndKeepsShiftsByHand()
    {
        await using var store = await StoreAsync();
        var (lead, ana, _) = await TeamAsync(store);
        // A Sunday shift by hand (no support on Sundays): the generator gives Ana the Monday after off in lieu, around it.
        var manual = await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, new DateOnly(2026, 4, 19), "10:00", "14:00"))));
        var first = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        var second = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        Assert.Equal(first.ShiftsWritten, second.ShiftsReplaced);
        Assert.Equal(1, second.ShiftsKept);
        var sunday = await Ok(Run(store, t => t.RotaAsync(lead, new DateOnly(2026, 4, 19), new DateOnly(2026, 4, 19))));
        Assert.Equal(manual.Id, Assert.Single(sunday.Shifts).Id);
        Assert.Equal(ShiftSource.Manual, sunday.Shifts[0].Source);
        Assert.Equal(second.ShiftsWritten + 1, await store.CountAsync("TeamShifts"));
    }

    [Fact]
    public async Task Generate_WithNobodyOfARole_LeavesGapsWithTheReason_AndOnDutyNamesPeopleGapsAndUncoveredRoles()
    {
        await using var store = await StoreAsync();
        var (lead, _, _) = await TeamAsync(store, steady: false);

        var generated = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        Assert.Contains(generated.Gaps, g => g.Role == ProjectRole.SteadyStateSupport && g.Reason.Contains("steady", StringComparison.OrdinalIgnoreCase));
        Assert.True(generated.Quality.Coverage < 1);
        var morning = await Ok(Run(store, t => t.OnDutyAsync(lead, Berlin(Thursday, 8))));
        Assert.True(morning.HasRota);
        Assert.Equal(ProjectRole.Triage, Assert.Single(morning.People).Role);
        Assert.Equal(ProjectRole.SteadyStateSupport, Assert.Single(morning.Gaps).Role);
        var night = await Ok(Run(store, t => t.OnDutyAsync(lead, Berlin(Thursday, 22))));
        Assert.Empty(night.People);
        Assert.Equal([ProjectRole.Triage, ProjectRole.SteadyStateSupport], night.Uncovered);
    }

    [Fact]
    public async Task AddShift_ThatOverlapsOrLeavesTooLittleRest_IsRefusedNamingTheField_AndNothingIsSaved()
    {
        await using var store = await StoreAsync();
        var (lead, ana, _) = await TeamAsync(store);
        await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, Thursday, "08:00", "16:00"))));
        var rows = await store.CountAsync("TeamShifts");
        var audits = await store.CountAsync("AuditEntries");

        var overlap = await Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, Thursday, "15:00", "18:00")));
        var rest = await Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, Thursday, "20:00", "23:00")));
        var unknown = await Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(999999, Thursday, "08:00", "10:00")));

        Assert.Equal(FailureKind.Invalid, overlap.Failure!.Kind);
        Assert.Contains("overlaps", overlap.Failure.Errors!["start"][0], StringComparison.Ordinal);
        Assert.Contains("minRestHours", rest.Failure!.Errors!["start"][0], StringComparison.Ordinal);
        Assert.True(unknown.Failure!.Errors!.ContainsKey("userId"));
        Assert.Equal(rows, await store.CountAsync("TeamShifts"));
        Assert.Equal(audits, await store.CountAsync("AuditEntries"));
    }

    [Fact]
    public async Task AddShift_OverTheSpringForwardNight_IsAnHourShorter_AndOneStartingInTheGapIsRefused()
    {
        await using var store = await StoreAsync();
        var (lead, ana, _) = await TeamAsync(store);
        var night = new DateOnly(2027, 3, 27);

        var across = await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, night, "23:00", "06:00"))));
        var inGap = await Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, night.AddDays(1), "02:30", "08:00")));

        Assert.Equal(6, across.Hours);
        Assert.True(across.IsNight);
        Assert.Contains("does not exist", inGap.Failure!.Errors!["start"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Swap_TakenWithoutBreakingARule_ChangesHandsAtOnce()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store);
        var shift = await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, Thursday, "08:00", "16:00"))));

        var offer = await Ok(Run(store, t => t.OfferAsync(store.As(ana, ProjectRole.Triage), shift.Id, new SwapOfferRequest("Dentist"))));
        var own = await Run(store, t => t.TakeAsync(store.As(ana, ProjectRole.Triage), offer.Id));
        var taken = await Ok(Run(store, t => t.TakeAsync(store.As(tomas, ProjectRole.Triage), offer.Id)));

        Assert.Equal(SwapStatus.Offered, offer.Status);
        Assert.Equal(FailureKind.Conflict, own.Failure!.Kind);
        Assert.Equal(SwapStatus.Approved, taken.Status);
        Assert.Null(taken.DecidedBy);
        Assert.Equal(tomas.Id, taken.Shift.Person!.Id);
        Assert.Equal(ShiftSource.Swap, taken.Shift.Source);
    }

    [Fact]
    public async Task Swap_ThatWouldBreakARule_WaitsForTheLead_WhoApprovesIt()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store);
        await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(tomas.Id, new DateOnly(2026, 4, 6), "20:00", "23:00"))));
        var shift = await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(ana.Id, new DateOnly(2026, 4, 7), "07:00", "13:00"))));
        var offer = await Ok(Run(store, t => t.OfferAsync(store.As(ana, ProjectRole.Triage), shift.Id, new SwapOfferRequest())));

        var taken = await Ok(Run(store, t => t.TakeAsync(store.As(tomas, ProjectRole.Triage), offer.Id)));
        var byMember = await Run(store, t => t.ApproveAsync(store.As(tomas, ProjectRole.Triage), offer.Id));
        var approved = await Ok(Run(store, t => t.ApproveAsync(lead, offer.Id)));

        Assert.Equal(SwapStatus.AwaitingApproval, taken.Status);
        Assert.Contains("minRestHours", taken.RuleBreak, StringComparison.Ordinal);
        Assert.Equal(ana.Id, taken.Shift.Person!.Id);
        Assert.Equal(FailureKind.Forbidden, byMember.Failure!.Kind);
        Assert.Equal(SwapStatus.Approved, approved.Status);
        Assert.Equal(tomas.Id, approved.Shift.Person!.Id);
        Assert.Equal(lead.Caller.UserId, approved.DecidedBy!.Id);
        // The approved exception stays through the next generation, which keeps Tomas's other shifts clear of it.
        var generated = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));
        Assert.Equal([shift.Id], generated.KeptAgainstRules);
        var days = await Ok(Run(store, t => t.RotaAsync(lead, new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 7))));
        Assert.Equal(tomas.Id, days.Shifts.Single(s => s.Id == shift.Id).Person!.Id);
        var tomasShifts = days.Shifts.Where(s => s.Person?.Id == tomas.Id).OrderBy(s => s.Start).ToList();
        Assert.All(tomasShifts.Where(s => s.Id != shift.Id && s.Source == ShiftSource.Generated),
            s => Assert.True(s.End.AddHours(11) <= shift.Start || s.Start >= shift.End.AddHours(11)));
    }

    [Fact]
    public async Task TimeOff_EmptiesThePersonsFutureShiftsOnThoseDays_AndTheNextGenerationRostersSomeoneElse()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store);
        await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));
        var before = await Ok(Run(store, t => t.RotaAsync(lead, Thursday, Thursday)));
        Assert.Contains(before.Shifts, s => s.Person?.Id == ana.Id);

        var off = await Ok(Run(store, t => t.AddTimeOffAsync(store.As(ana, ProjectRole.Triage), new TimeOffRequest(null, Thursday, Thursday, "Training"))));
        var outside = await Run(store, t => t.AddTimeOffAsync(store.As(ana, ProjectRole.Triage), new TimeOffRequest(null, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 5))));
        var forOther = await Run(store, t => t.AddTimeOffAsync(store.As(ana, ProjectRole.Triage), new TimeOffRequest(tomas.Id, Thursday, Thursday)));

        Assert.NotEmpty(off.ShiftsVacated);
        Assert.True(outside.Failure!.Errors!.ContainsKey("from"));
        Assert.Equal(FailureKind.Forbidden, forOther.Failure!.Kind);
        var vacated = await Ok(Run(store, t => t.RotaAsync(lead, Thursday, Thursday)));
        Assert.Contains(vacated.Shifts, s => s.Person is null && s.GapReason!.Contains("time off", StringComparison.Ordinal));
        await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));
        var after = await Ok(Run(store, t => t.RotaAsync(lead, Thursday, Thursday)));
        Assert.DoesNotContain(after.Shifts, s => s.Person?.Id == ana.Id);
        Assert.All(after.Shifts.Where(s => s.Role == ProjectRole.Triage && s.Person is not null), s => Assert.Equal(tomas.Id, s.Person!.Id));
    }

    [Fact]
    public async Task Settings_AreValidatedAsTheGeneratorValidatesThem_AndStaleVersionsAreRefused()
    {
        await using var store = await StoreAsync();
        var (lead, ana, _) = await TeamAsync(store);

        var bad = await Run(store, t => t.UpdateSettingsAsync(lead, new RotaSettingsRequest(MaxHoursPerWeek: 500, NightEnd: "6pm", Version: 0)));
        var byMember = await Run(store, t => t.UpdateSettingsAsync(store.As(ana, ProjectRole.Triage), new RotaSettingsRequest(MaxHoursPerWeek: 40, Version: 0)));
        var changed = await Ok(Run(store, t => t.UpdateSettingsAsync(lead, new RotaSettingsRequest(MaxHoursPerWeek: 40, StaffPerShift: new RotaStaffingDto(Triage: 2), Version: 0))));
        var stale = await Run(store, t => t.UpdateSettingsAsync(lead, new RotaSettingsRequest(MaxHoursPerWeek: 30, Version: 0)));

        Assert.True(bad.Failure!.Errors!.ContainsKey("maxHoursPerWeek"));
        Assert.True(bad.Failure.Errors.ContainsKey("nightEnd"));
        Assert.Equal(FailureKind.Forbidden, byMember.Failure!.Kind);
        Assert.Equal(40, changed.MaxHoursPerWeek);
        Assert.Equal(2, changed.StaffPerShift.Triage);
        Assert.False(changed.IsDefault);
        Assert.Equal(FailureKind.Stale, stale.Failure!.Kind);
        var generated = await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));
        var thursday = await Ok(Run(store, t => t.RotaAsync(lead, Thursday, Thursday)));
        Assert.Equal(4, thursday.Shifts.Count(s => s.Role == ProjectRole.Triage));
        Assert.True(generated.ShiftsWritten > 0);
    }

    [Fact]
    public async Task Availability_OutsideEverySupportWindow_IsRefusedNamingTheWindow_AndTheGeneratorKeepsInsideIt()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store);
        var mornings = Enum.GetValues<DayOfWeek>().Where(d => d != DayOfWeek.Sunday).Select(d => new SupportWindowDto(d, "07:00", "13:30")).ToList();

        var outside = await Run(store, t => t.SetAvailabilityAsync(store.As(ana, ProjectRole.Triage), ana.Id, new AvailabilityRequest([new SupportWindowDto(DayOfWeek.Sunday, "21:00", "23:00")])));
        var set = await Ok(Run(store, t => t.SetAvailabilityAsync(store.As(ana, ProjectRole.Triage), ana.Id, new AvailabilityRequest(mornings))));
        await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        Assert.True(outside.Failure!.Errors!.ContainsKey("windows[0]"));
        Assert.False(set.AnyTime);
        var week = await Ok(Run(store, t => t.RotaAsync(lead, new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 11))));
        Assert.All(week.Shifts.Where(s => s.Person?.Id == ana.Id), s => Assert.Equal("07:00", s.LocalStart[11..]));
        Assert.Contains(week.Shifts, s => s.Person?.Id == tomas.Id && s.LocalStart.EndsWith("13:30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UntriagedAlert_GoesToTheTriagePersonOnDuty_NotTheWholeTeam()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store, steady: false);
        await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(tomas.Id, new DateOnly(2026, 4, 1), "11:30", "17:00"))));
        var issue = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(lead, new ReportIssueRequest("Quotes fail", "d", null, Severity.Sev3))));

        store.Clock.Advance(TimeSpan.FromMinutes(125));
        await store.RunAsync<SlaSweep, SweepResult>(s => s.RunAsync());

        var told = await store.DbAsync(db => db.Notifications.Where(n => n.IssueId == issue.Id && n.Kind == nameof(AlertKind.Untriaged)).ToListAsync());
        Assert.Contains(told, n => n.UserId == tomas.Id);
        Assert.DoesNotContain(told, n => n.UserId == ana.Id);
        Assert.Contains(told, n => n.UserId == lead.Caller.UserId);
        Assert.All(told, n => Assert.DoesNotContain("gap", n.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UntriagedAlert_WhenNoShiftCoversNow_GoesToEveryTriageMember_AndSaysSo()
    {
        await using var store = await StoreAsync();
        var (lead, ana, tomas) = await TeamAsync(store, steady: false);
        await Ok(Run(store, t => t.AddShiftAsync(lead, new ShiftRequest(tomas.Id, new DateOnly(2026, 4, 2), "08:00", "12:00"))));
        var issue = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(lead, new ReportIssueRequest("Quotes fail", "d", null, Severity.Sev3))));

        store.Clock.Advance(TimeSpan.FromMinutes(125));
        await store.RunAsync<SlaSweep, SweepResult>(s => s.RunAsync());

        var told = await store.DbAsync(db => db.Notifications.Where(n => n.IssueId == issue.Id && n.Kind == nameof(AlertKind.Untriaged)).ToListAsync());
        Assert.Contains(told, n => n.UserId == tomas.Id);
        Assert.Contains(told, n => n.UserId == ana.Id);
        Assert.All(told, n => Assert.Contains("No triage shift covers now", n.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UntriagedAlert_WhenTheRotaHasAGapNow_GoesToTheRole_AndTheMessageStatesTheGap()
    {
        await using var store = await StoreAsync();
        var lead = store.As(await store.MemberAsync("Lena", ProjectRole.HypercareLead), ProjectRole.HypercareLead);
        var ana = await store.MemberAsync("Ana", ProjectRole.Triage);
        await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));
        // Ana held this afternoon's 13:30–20:00 triage shift; her time off today leaves it a gap.
        var off = await Ok(Run(store, t => t.AddTimeOffAsync(store.As(ana, ProjectRole.Triage), new TimeOffRequest(null, new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 1)))));
        Assert.NotEmpty(off.ShiftsVacated);
        var issue = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(lead, new ReportIssueRequest("Quotes fail", "d", null, Severity.Sev3))));

        store.Clock.Advance(TimeSpan.FromMinutes(155));
        await store.RunAsync<SlaSweep, SweepResult>(s => s.RunAsync());

        var told = await store.DbAsync(db => db.Notifications.Where(n => n.IssueId == issue.Id && n.Kind == nameof(AlertKind.Untriaged)).ToListAsync());
        var toAna = Assert.Single(told, n => n.UserId == ana.Id);
        Assert.Contains("The rota has a gap", toAna.Body, StringComparison.Ordinal);
        Assert.Contains("time off", toAna.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DutyBetween_GivesTheHeldShiftsOverlappingTheWindow_InTimeOrder()
    {
        await using var store = await StoreAsync();
        var (lead, _, _) = await TeamAsync(store, steady: false);
        await Ok(Run(store, t => t.GenerateAsync(lead, new GenerateRotaRequest())));

        var next = await Ok(Run(store, t => t.DutyBetweenAsync(lead, Berlin(Thursday, 0), Berlin(Thursday.AddDays(1), 0))));
        var bad = await Run(store, t => t.DutyBetweenAsync(lead, Berlin(Thursday, 9), Berlin(Thursday, 8)));

        Assert.Equal(["07:00", "13:30"], next.Select(s => s.LocalStart[11..]));
        Assert.All(next, s => Assert.Equal(ProjectRole.Triage, s.Role));
        Assert.True(bad.Failure!.Errors!.ContainsKey("to"));
    }

    [Fact]
    public async Task AutoAssign_PrefersThePersonOnDuty_OverTheLeastLoaded()
    {
        await using var store = await StoreAsync();
        var ana = await store.MemberAsync("Ana", ProjectRole.Triage);
        var tomas = await store.MemberAsync("Tomas", ProjectRole.Triage);
        await Ok(Run(store, t => t.AddShiftAsync(store.Access, new ShiftRequest(tomas.Id, new DateOnly(2026, 4, 1), "11:30", "17:00"))));
        store.Clock.Advance(TimeSpan.FromMinutes(45));
        var issue = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(store.As(ana, ProjectRole.Triage), new ReportIssueRequest("Quotes fail", "d", null, Severity.Sev3))));

        var triaged = await Ok(store.RunAsync<TriageService, Outcome<IssueResponse>>(t => t.TriageAsync(store.Access, issue.Id,
            new TriageRequest(Severity.Sev3, IssueCategory.Defect, OwningTeam.ProjectTeam, AutoAssign: true))));

        Assert.True(ana.Id < tomas.Id);
        Assert.Equal(tomas.Id, triaged.Assignee!.Id);
    }

    [Fact]
    public async Task Reporter_SeesNoneOfTheRota()
    {
        await using var store = await StoreAsync();
        var reporter = await store.MemberAsync("Rita", ProjectRole.Reporter);
        var access = store.As(reporter, ProjectRole.Reporter);

        Assert.Equal(FailureKind.Forbidden, (await Run(store, t => t.RotaAsync(access))).Failure!.Kind);
        Assert.Equal(FailureKind.Forbidden, (await Run(store, t => t.OnDutyAsync(access))).Failure!.Kind);
        Assert.Equal(FailureKind.Forbidden, (await Run(store, t => t.SettingsAsync(access))).Failure!.Kind);
    }
}
