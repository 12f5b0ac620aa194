using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Standups;
using Hypercare.Core.Tests.Infrastructure;
using Hypercare.Core.Tests.Notifications;
using Hypercare.Core.Triage;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Hypercare.Core.Tests.Standups;

/// <summary>
/// The standups on a real SQLite file with the real migrations, a fake clock and a real SMTP server: invitations that a
/// calendar reads as one meeting updated in place, cancellations, the agenda's content, minutes and their action items.
/// The clock starts on Wednesday 1 April 2026, 09:00 UTC (11:00 in Berlin); go-live was Monday 30 March, so the default
/// plan is Intensive (daily standups) to 12 April, then Stabilise (weekly).
/// </summary>
public sealed class StandupServiceTests
{
    private static async Task<T> Ok<T>(Task<Outcome<T>> call)
    {
        var outcome = await call;
        Assert.True(outcome.Succeeded, outcome.Failure is null ? "" : outcome.Failure.Message + " "
            + string.Join("; ", outcome.Failure.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
        return outcome.Value!;
    }

    private static Task<Outcome<T>> Run<T>(TestStore store, Func<StandupService, Task<Outcome<T>>> action) => store.RunAsync(action);

    private sealed record Team(ProjectAccess Lead, UserResponse LeadUser, UserResponse Triage, UserResponse Sponsor, UserResponse Reporter);

    private static async Task<Team> TeamAsync(TestStore store)
    {
        var lead = await store.MemberAsync("Lea", ProjectRole.HypercareLead);
        var triage = await store.MemberAsync("Tom", ProjectRole.Triage);
        var sponsor = await store.MemberAsync("Spo", ProjectRole.Sponsor);
        var reporter = await store.MemberAsync("Rey", ProjectRole.Reporter);
        return new Team(store.As(lead, ProjectRole.HypercareLead), lead, triage, sponsor, reporter);
    }

    private static TextPart CalendarPart(MimeMessage mail) =>
        mail.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");

    [Fact]
    public async Task UpdateSchedule_InvitesTheAttendeeRolesByEmail_AsOneRequestPerSeriesThatCalendarsRead()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var team = await TeamAsync(store);

        var saved = await Ok(Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest("09:30", 20, ["hypercareLead", "triage"]))));
        var result = await store.DispatchAsync();

        Assert.True(saved.Saved);
        Assert.Equal(2, saved.Series.Count);
        Assert.Equal([team.LeadUser.Id, team.Triage.Id], saved.Attendees.Select(a => a.Id).Order());
        // Two series (Intensive daily, Stabilise weekly) to two attendees; the sponsor and the reporter are not invited.
        Assert.Equal(4, result.Sent);
        Assert.Equal(["lea@tests.example", "lea@tests.example", "tom@tests.example", "tom@tests.example"],
            smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        foreach (var mail in smtp.Messages)
        {
            var part = CalendarPart(mail);
            Assert.Equal("REQUEST", part.ContentType.Parameters["method"]);
            var calendar = Calendar.Load(part.Text)!;
            Assert.Equal("REQUEST", calendar.Method);
            var e = Assert.Single(calendar.Events);
            Assert.Equal(0, e.Sequence);
            Assert.Contains(e.DtStart!.Value.Date, new[] { new DateTime(2026, 3, 30), new DateTime(2026, 4, 13) });
            Assert.Equal("Europe/Berlin", e.DtStart.TzId);
            Assert.Equal(9, e.DtStart.Hour);
            Assert.Equal(30, e.DtStart.Minute);
            Assert.Equal(2, e.Attendees.Count);
        }

        Assert.Equal(2, smtp.Messages.Select(m => Calendar.Load(CalendarPart(m).Text)!.Events.Single().Uid).Distinct().Count());
    }

    [Fact]
    public async Task Sweep_AfterThePlansCadenceChanges_SendsAnUpdateOfTheSameUidWithAHigherSequence_AndThenNothing()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var team = await TeamAsync(store);
        await Ok(Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest())));
        await store.DispatchAsync();
        var first = smtp.Messages.Count;
        var intensiveUid = smtp.Messages.Select(m => Calendar.Load(CalendarPart(m).Text)!.Events.Single())
            .First(e => e.Summary!.Contains("Intensive", StringComparison.Ordinal)).Uid;

        var unchanged = await store.RunAsync<StandupService, int>(s => s.SweepAsync());
        // The plan path: Intensive goes from daily to weekdays only.
        await store.DbAsync(async db =>
        {
            var phase = await db.PlanPhases.SingleAsync(p => p.ProjectId == store.ProjectId && p.Name == "Intensive");
            phase.StandupCadence = StandupCadence.Weekdays;
            return await db.SaveChangesAsync();
        });
        var changed = await store.RunAsync<StandupService, int>(s => s.SweepAsync());
        var again = await store.RunAsync<StandupService, int>(s => s.SweepAsync());
        await store.DispatchAsync();

        Assert.Equal(0, unchanged);
        // Lead, triage (both default roles); the sponsor and reporter are not default attendees.
        Assert.Equal(2, changed);
        Assert.Equal(0, again);
        var updates = smtp.Messages.Skip(first).Select(m => (Mail: m, Event: Calendar.Load(CalendarPart(m).Text)!.Events.Single())).ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u =>
        {
            Assert.Equal(intensiveUid, u.Event.Uid);
            Assert.Equal(1, u.Event.Sequence);
            Assert.StartsWith("Updated:", u.Mail.Subject, StringComparison.Ordinal);
            Assert.Contains("BYDAY=MO,TU,WE,TH,FR", CalendarPart(u.Mail).Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Sweep_AMemberLeavesTheAttendeeRoles_OrAPhaseIsRemoved_SendsCancellations()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var team = await TeamAsync(store);
        await Ok(Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest())));
        await store.DispatchAsync();
        var sent = smtp.Messages.Count;

        // Tom moves from triage to reporter: he is no longer invited.
        await Ok(store.RunAsync<ProjectService, Outcome<MemberResponse>>(p => p.ChangeMemberAsync(store.Access, team.Triage.Id, new ChangeMemberRequest(ProjectRole.Reporter))));
        await store.RunAsync<StandupService, int>(s => s.SweepAsync());
        await store.DispatchAsync();
        var toTom = smtp.Messages.Skip(sent).Where(m => m.To.Mailboxes.Single().Address == "tom@tests.example").ToList();
        sent = smtp.Messages.Count;
        await store.DbAsync(async db =>
        {
            db.PlanPhases.Remove(await db.PlanPhases.SingleAsync(p => p.ProjectId == store.ProjectId && p.Name == "Stabilise"));
            return await db.SaveChangesAsync();
        });
        await store.RunAsync<StandupService, int>(s => s.SweepAsync());
        await store.DispatchAsync();
        var afterRemoval = smtp.Messages.Skip(sent).ToList();

        Assert.Equal(2, toTom.Count);
        Assert.All(toTom, m => Assert.Equal("CANCEL", Calendar.Load(CalendarPart(m).Text)!.Method));
        var cancel = Assert.Single(afterRemoval);
        Assert.Equal("lea@tests.example", cancel.To.Mailboxes.Single().Address);
        var e = Calendar.Load(CalendarPart(cancel).Text)!.Events.Single();
        Assert.Equal("CANCELLED", e.Status);
        Assert.True(e.Sequence >= 1);
        var schedule = await Ok(Run(store, s => s.ScheduleAsync(team.Lead)));
        Assert.Equal(["Intensive"], schedule.Series.Select(s => s.PhaseName));
    }

    [Fact]
    public async Task Agenda_ListsWhatHappenedSinceThePreviousStandup_AndTheOpenActionItemsUntilDone()
    {
        await using var store = await TestStore.CreateAsync(start: new DateTimeOffset(2026, 4, 1, 5, 0, 0, TimeSpan.Zero), daysLive: 2);
        var team = await TeamAsync(store);
        var triage = store.As(team.Triage, ProjectRole.Triage);
        // Before today's 09:15 (07:15 UTC) standup: a Sev1 that today's standup covered.
        var early = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(team.Lead, new ReportIssueRequest("Old outage", "d", null, Severity.Sev1))));
        store.Clock.Advance(TimeSpan.FromHours(3));
        var sev1 = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(team.Lead, new ReportIssueRequest("Invoices fail", "d", null, Severity.Sev1))));
        await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(team.Lead, new ReportIssueRequest("Typo on label", "d", null, Severity.Sev3))));
        var fixedIssue = await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(team.Lead, new ReportIssueRequest("Quote rounding", "d", null, Severity.Sev2))));
        await Ok(store.RunAsync<TriageService, Outcome<IssueResponse>>(s => s.TriageAsync(team.Lead, fixedIssue.Id,
            new TriageRequest(Severity.Sev2, IssueCategory.Defect, OwningTeam.ProjectTeam, team.LeadUser.Id))));
        foreach (var to in new[] { IssueStatus.InProgress, IssueStatus.Fixed })
        {
            await Ok(store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.TransitionAsync(team.Lead, fixedIssue.Id, new TransitionRequest(to))));
        }

        var patch = await Ok(store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.CreateAsync(team.Lead, new PlanPatchRequest(store.Clock.GetUtcNow().AddHours(8)))));
        await Ok(store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.AssignAsync(team.Lead, patch.Patch.Id, new AssignIssuesRequest([fixedIssue.Id]))));
        await Ok(store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.CreateAsync(team.Lead,
            new CreateKnownIssueRequest("Invoices cannot be sent", "Send fails", null, null, [sev1.Id]))));
        var minutes = await Ok(Run(store, s => s.RecordMinutesAsync(team.Lead, new StandupMinutesRequest(null, "Busy morning", ["Freeze config changes until Friday"],
            [new ActionItemRequest("Call the invoicing vendor", team.Triage.Id, new DateOnly(2026, 4, 2))]))));

        var agenda = await Ok(Run(store, s => s.AgendaAsync(triage)));
        var markdown = StandupText.Markdown(agenda);
        var item = Assert.Single(minutes.ActionItems);
        var byOther = await Run(store, s => s.MarkDoneAsync(store.As(team.Sponsor, ProjectRole.Sponsor), item.Id, new ActionItemDoneRequest(item.Version)));
        await Ok(Run(store, s => s.MarkDoneAsync(triage, item.Id, new ActionItemDoneRequest(item.Version))));
        var after = await Ok(Run(store, s => s.AgendaAsync(triage)));
        var asReporter = await Run(store, s => s.AgendaAsync(store.As(team.Reporter, ProjectRole.Reporter)));

        // Today's standup was 07:15–07:30 UTC; it is 08:00 UTC: the next is tomorrow 09:15 Berlin, and "since" is today's.
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 7, 15, 0, TimeSpan.Zero), agenda.Since);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 7, 15, 0, TimeSpan.Zero), agenda.Next!.Start);
        Assert.Equal([sev1.Id, fixedIssue.Id], agenda.NewSevere.Select(i => i.Id));
        Assert.DoesNotContain(agenda.NewSevere, i => i.Id == early.Id);
        // The old outage, the new Sev1 and the Sev3 are untriaged; the quote rounding is triaged.
        Assert.Equal(3, agenda.Untriaged);
        Assert.Equal("Invoices cannot be sent", Assert.Single(agenda.KnownIssues).Title);
        Assert.Equal([$"#{fixedIssue.Id} Quote rounding"], agenda.NextPatch!.Riding);
        Assert.NotNull(agenda.Exit);
        Assert.Equal("Call the invoicing vendor", Assert.Single(agenda.OpenActions).Text);
        Assert.Contains("## New Sev1 and Sev2", markdown, StringComparison.Ordinal);
        Assert.Contains($"#{sev1.Id} Sev1 Invoices fail (new, unassigned)", markdown, StringComparison.Ordinal);
        Assert.Contains("Call the invoicing vendor (Tom, due 2026-04-02; from 2026-04-01)", markdown, StringComparison.Ordinal);
        Assert.Equal(FailureKind.Forbidden, byOther.Failure!.Kind);
        Assert.Empty(after.OpenActions);
        Assert.Equal(FailureKind.Forbidden, asReporter.Failure!.Kind);
    }

    [Fact]
    public async Task RecordMinutes_BadInput_NamesEachField_AndSavesNothing()
    {
        await using var store = await TestStore.CreateAsync(daysLive: 2);
        var team = await TeamAsync(store);

        var bad = await Run(store, s => s.RecordMinutesAsync(team.Lead, new StandupMinutesRequest(new DateOnly(2026, 4, 2), null, [""],
            [new ActionItemRequest("Owner is a reporter", team.Reporter.Id, new DateOnly(2026, 4, 3)),
             new ActionItemRequest("", null, new DateOnly(2026, 3, 1))])));
        var byTriage = await Run(store, s => s.RecordMinutesAsync(store.As(team.Triage, ProjectRole.Triage), new StandupMinutesRequest()));
        await Ok(Run(store, s => s.RecordMinutesAsync(team.Lead, new StandupMinutesRequest())));
        var twice = await Run(store, s => s.RecordMinutesAsync(team.Lead, new StandupMinutesRequest(Notes: "again")));

        Assert.Equal(FailureKind.Invalid, bad.Failure!.Kind);
        Assert.Equal(["actionItems[0].ownerUserId", "actionItems[1].dueOn", "actionItems[1].ownerUserId", "actionItems[1].text", "decisions[0]", "heldOn"],
            bad.Failure.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(FailureKind.Forbidden, byTriage.Failure!.Kind);
        Assert.Equal(FailureKind.Invalid, twice.Failure!.Kind);
        Assert.Contains("heldOn", twice.Failure.Errors!.Keys);
        Assert.Equal(1, await store.DbAsync(db => db.StandupMinutes.CountAsync()));
        Assert.Equal(0, await store.DbAsync(db => db.StandupActionItems.CountAsync()));
    }

    [Fact]
    public async Task UpdateSchedule_BadInput_NamesTheField_NothingSaved_AndOnlyTheLeadMayChangeIt()
    {
        await using var store = await TestStore.CreateAsync(daysLive: 2);
        var team = await TeamAsync(store);

        var bad = await Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest("25:00", 1, ["triage", "chef"])));
        var empty = await Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest(AttendeeRoles: [])));
        var byTriage = await Run(store, s => s.UpdateScheduleAsync(store.As(team.Triage, ProjectRole.Triage), new StandupScheduleRequest("10:00")));
        var first = await Ok(Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest("10:00"))));
        var noVersion = await Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest("11:00")));
        var stale = await Run(store, s => s.UpdateScheduleAsync(team.Lead, new StandupScheduleRequest("11:00", Version: first.Version - 1)));

        Assert.Equal(["attendeeRoles[1]", "durationMinutes", "time"], bad.Failure!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["attendeeRoles"], empty.Failure!.Errors!.Keys);
        Assert.Equal(FailureKind.Forbidden, byTriage.Failure!.Kind);
        Assert.Equal(["version"], noVersion.Failure!.Errors!.Keys);
        Assert.Equal(FailureKind.Stale, stale.Failure!.Kind);
        var now = await Ok(Run(store, s => s.ScheduleAsync(store.As(team.Sponsor, ProjectRole.Sponsor))));
        Assert.Equal("10:00", now.Time);
        Assert.Equal(1, await store.DbAsync(db => db.StandupSchedules.CountAsync()));
    }
}
