using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Triage;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Sla;

/// <summary>SLA clocks, triage, hand-overs and the sweep through the API, on both engines, with a fake clock.</summary>
public abstract class SlaApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private static async Task<IssueSlaResponse> SlaAsync(TestProject project, int issueId) =>
        (await project[ProjectRole.Triage].Client.GetFromJsonAsync<IssueSlaResponse>($"{project.Issues}/{issueId}/sla", Json))!;

    private static async Task<HttpResponseMessage> TriageAsync(TestProject project, int issueId, object body) =>
        await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{issueId}/triage", body, Json);

    private static readonly string[] ClearCategoryAndTeam = ["category", "owningTeam"];

    private static readonly string[] ClearAssignee = ["assigneeId"];

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Moves the shared fake clock forward to the next Monday–Friday at this local time in the test projects' zone (Europe/Berlin).</summary>
    private DateTimeOffset AdvanceToWeekday(TimeOnly local)
    {
        var now = app.Clock.GetUtcNow();
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Berlin).DateTime); ; day = day.AddDays(1))
        {
            var wall = day.ToDateTime(local);
            var target = new DateTimeOffset(wall, Berlin.GetUtcOffset(wall));
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && target > now)
            {
                app.Clock.Advance(target - now);
                return target;
            }
        }
    }

    private Task<SweepResult> SweepAsync() => app.WithServicesAsync(s => s.GetRequiredService<SlaSweep>().RunAsync());

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    [Fact]
    public async Task Report_Sev1_ClocksRunAroundTheClockFromReport()
    {
        var project = await app.NewProjectAsync();
        var reportedAt = app.Clock.GetUtcNow();

        var issue = await project.ReportAsync("Quotes fail", "sev1", description: "d", area: "Quotes");
        var sla = await SlaAsync(project, issue.Id);

        // The default plan's Intensive phase: Sev1 first response in 15 minutes, resolution in 2 hours, around the clock.
        Assert.Equal(reportedAt.AddMinutes(15), sla.Response.DueAt);
        Assert.Equal(reportedAt.AddHours(2), sla.Resolution.DueAt);
        Assert.Equal(ClockStatus.Running, sla.Resolution.Status);
        Assert.Equal("Intensive", sla.Resolution.Phase);
    }

    [Fact]
    public async Task Triage_OneStep_SetsEverythingAndStopsTheResponseClock()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var steady = project[ProjectRole.SteadyStateSupport];

        var response = await TriageAsync(project, issue.Id, new { severity = "sev1", reason = "Blocks quoting for a whole region", category = "defect", owningTeam = "steadyStateTeam", assigneeId = steady.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var triaged = (await response.Content.ReadFromJsonAsync<IssueResponse>(Json))!;
        Assert.Equal((IssueStatus.Triaged, Severity.Sev1, IssueCategory.Defect, OwningTeam.SteadyStateTeam, steady.Id),
            (triaged.Status, triaged.Severity, triaged.Category, triaged.OwningTeam, triaged.Assignee!.Id));
        var sla = await SlaAsync(project, issue.Id);
        Assert.Equal(ClockStatus.Met, sla.Response.Status);
        Assert.Equal(TimeSpan.FromMinutes(10), sla.Response.Elapsed);
        var detail = await project[ProjectRole.Triage].Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Contains(detail!.Comments, c => c.Body.Contains("Blocks quoting for a whole region", StringComparison.Ordinal));
        var queue = await project[ProjectRole.Triage].Client.GetFromJsonAsync<TriageQueue>($"{project.Url}/triage/queue", Json);
        Assert.DoesNotContain(queue!.Items, i => i.Issue.Id == issue.Id);
    }

    [Fact]
    public async Task Triage_ChangedSeverityWithoutReason_IsRefusedAndChangesNothing()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");

        var response = await TriageAsync(project, issue.Id, new { severity = "sev1", category = "defect", owningTeam = "projectTeam", autoAssign = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        var detail = await project[ProjectRole.Triage].Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Equal((IssueStatus.New, Severity.Sev3, (IssueCategory?)null), (detail!.Issue.Status, detail.Issue.Severity, detail.Issue.Category));
    }

    [Fact]
    public async Task Triage_AutoAssign_PicksTheLeastLoadedMemberOfTheTeam()
    {
        var project = await app.NewProjectAsync();
        var second = await app.NewUserAsync("Steady two");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = second.Id, role = "steadyStateSupport" }, Json)).EnsureSuccessStatusCode();
        var first = await project.ReportAsync("One", "sev3", description: "d", area: "Quotes");
        var next = await project.ReportAsync("Two", "sev3", description: "d", area: "Quotes");

        var a = await (await TriageAsync(project, first.Id, new { severity = "sev3", category = "trainingGap", owningTeam = "steadyStateTeam", autoAssign = true })).Content.ReadFromJsonAsync<IssueResponse>(Json);
        var b = await (await TriageAsync(project, next.Id, new { severity = "sev3", category = "trainingGap", owningTeam = "steadyStateTeam", autoAssign = true })).Content.ReadFromJsonAsync<IssueResponse>(Json);

        Assert.Equal(project[ProjectRole.SteadyStateSupport].Id, a!.Assignee!.Id);
        Assert.Equal(second.Id, b!.Assignee!.Id);
    }

    [Fact]
    public async Task WaitingOnReporter_PausesTheClockAndMovesTheDeadline()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev1", description: "d", area: "Quotes");
        var reportedAt = app.Clock.GetUtcNow();
        var triage = project[ProjectRole.Triage].Client;
        (await TriageAsync(project, issue.Id, new { severity = "sev1", category = "defect", owningTeam = "projectTeam", autoAssign = true })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await triage.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions", new { to = "waitingOnReporter" }, Json)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(2));

        var paused = await SlaAsync(project, issue.Id);
        (await triage.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions", new { to = "inProgress" }, Json)).EnsureSuccessStatusCode();
        var resumed = await SlaAsync(project, issue.Id);

        Assert.Equal(ClockStatus.Paused, paused.Resolution.Status);
        Assert.Equal(TimeSpan.FromHours(1), paused.Resolution.Elapsed);
        // The 2-hour Intensive target plus the 2 paused hours.
        Assert.Equal(reportedAt.AddHours(4), resumed.Resolution.DueAt);
        var risk = await triage.GetFromJsonAsync<SlaRiskResponse>($"{project.Url}/sla/risk", Json);
        Assert.Equal(0, risk!.Paused);
    }

    [Fact]
    public async Task SeverityChange_RecomputesFromTheOriginalReportTime()
    {
        var project = await app.NewProjectAsync();
        var reportedAt = app.Clock.GetUtcNow();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");
        app.Clock.Advance(TimeSpan.FromHours(1));

        (await project[ProjectRole.Triage].Client.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, severity = "sev1" }, Json)).EnsureSuccessStatusCode();

        var sla = await SlaAsync(project, issue.Id);
        Assert.Equal(reportedAt.AddHours(2), sla.Resolution.DueAt);
        Assert.Equal(ClockStatus.Breached, sla.Response.Status);
        var stored = await DbAsync(db => db.Issues.AsNoTracking().SingleAsync(i => i.Id == issue.Id));
        Assert.Equal(reportedAt.AddHours(2), stored.ResolutionDueAt);
        Assert.True(stored.ResponseBreached);
    }

    [Fact]
    public async Task Sweep_FiresWarningsAndBreachOnce_AndEscalatesSev1BreachToTheSponsor()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev1", description: "d", area: "Quotes");
        (await TriageAsync(project, issue.Id, new { severity = "sev1", category = "defect", owningTeam = "projectTeam", assigneeId = project[ProjectRole.Triage].Id })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(5));

        var first = await SweepAsync();
        var second = await SweepAsync();

        Assert.Equal(0, second.AlertsFired);
        var alerts = (await SlaAsync(project, issue.Id)).Alerts;
        Assert.Equal(
            [(AlertKind.ResolutionWarning, 50), (AlertKind.ResolutionWarning, 75), (AlertKind.ResolutionBreach, 100)],
            alerts.Where(a => a.Kind is AlertKind.ResolutionWarning or AlertKind.ResolutionBreach).Select(a => (a.Kind, a.Threshold)));
        var breach = alerts.Single(a => a.Kind == AlertKind.ResolutionBreach);
        Assert.Equal(app.Clock.GetUtcNow().AddHours(-5).AddHours(2), breach.CrossedAt);
        var sponsorInbox = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/me/notifications", Json);
        Assert.Contains(sponsorInbox!, n => n.GetProperty("kind").GetString() == "ResolutionBreach");
        Assert.DoesNotContain(sponsorInbox!, n => n.GetProperty("kind").GetString() == "ResolutionWarning");
        var leadInbox = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/me/notifications", Json);
        Assert.Contains(leadInbox!, n => n.GetProperty("kind").GetString() == "ResolutionBreach");
        var history = await project[ProjectRole.Triage].Client.GetFromJsonAsync<List<HistoryEntry>>($"{project.Issues}/{issue.Id}/history", Json);
        Assert.Contains(history!, h => h.EntityType == "SlaAlert" && h.Changes.Any(c => c.Field == "Kind" && c.After == "ResolutionBreach"));
        var outbox = await DbAsync(db => db.OutboxMessages.CountAsync(m => m.ProjectId == project.Id));
        Assert.True(first.AlertsFired >= 4);
        Assert.Equal(await DbAsync(db => db.Notifications.CountAsync(n => n.ProjectId == project.Id)), outbox);
    }

    [Fact]
    public async Task Sweep_RefreshingStoredState_DoesNotCountAsSomeoneElsesEdit()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev1", description: "d", area: "Quotes");
        app.Clock.Advance(TimeSpan.FromHours(5));

        await SweepAsync();
        var edit = await project[ProjectRole.Triage].Client.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, title = "Quotes fail for EMEA" }, Json);

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.True(await DbAsync(db => db.Issues.Where(i => i.Id == issue.Id).Select(i => i.ResolutionBreached).SingleAsync()));
    }

    [Fact]
    public async Task Sweep_TwoConcurrentRuns_FireEachAlertExactlyOnce()
    {
        var project = await app.NewProjectAsync();
        for (var i = 0; i < 12; i++)
        {
            await project.ReportAsync($"Concurrent {i}", i % 2 == 0 ? "sev1" : "sev2", description: "d", area: "Quotes");
        }

        app.Clock.Advance(TimeSpan.FromHours(30));

        // Two scopes = two DbContexts on two connections: what two app instances sweeping at once look like to the database.
        var results = await Task.WhenAll(SweepAsync(), SweepAsync());

        var alerts = await DbAsync(db => db.SlaAlerts.Where(a => a.ProjectId == project.Id).Select(a => new { a.IssueId, a.Kind, a.Threshold, a.CycleStart }).ToListAsync());
        Assert.Equal(alerts.Count, alerts.Distinct().Count());
        Assert.True(alerts.Count > 12, $"expected warnings, breaches and untriaged alerts, got {alerts.Count}");
        var notifications = await DbAsync(db => db.Notifications.Where(n => n.ProjectId == project.Id).Select(n => new { n.UserId, n.IssueId, n.Title }).ToListAsync());
        Assert.Equal(notifications.Count, notifications.Distinct().Count());
        Assert.Equal(notifications.Count, await DbAsync(db => db.OutboxMessages.CountAsync(m => m.ProjectId == project.Id)));
        Assert.True(results.Sum(r => r.AlertsFired) >= alerts.Count);
        Assert.Equal(0, (await SweepAsync()).AlertsFired);
    }

    [Fact]
    public async Task Sweep_UntriagedTooLong_AlertsTriageAndLeadOnce()
    {
        AdvanceToWeekday(new TimeOnly(10, 0)); // inside the Intensive phase's 07:00–20:00, with the whole limit left today
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");
        app.Clock.Advance(TimeSpan.FromMinutes(119));
        await SweepAsync();
        Assert.DoesNotContain((await SlaAsync(project, issue.Id)).Alerts, a => a.Kind == AlertKind.Untriaged);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();
        await SweepAsync();

        Assert.Single((await SlaAsync(project, issue.Id)).Alerts, a => a.Kind == AlertKind.Untriaged);
        var triageInbox = await project[ProjectRole.Triage].Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/me/notifications?unread=true", Json);
        Assert.Single(triageInbox!, n => n.GetProperty("kind").GetString() == "Untriaged" && n.GetProperty("issueId").GetInt32() == issue.Id);
        var queue = await project[ProjectRole.Triage].Client.GetFromJsonAsync<TriageQueue>($"{project.Url}/triage/queue", Json);
        Assert.True(queue!.Items.Single(i => i.Issue.Id == issue.Id).OverUntriagedLimit);
    }

    [Fact]
    public async Task Sweep_UntriagedAlert_CountsSupportTimeNotTheNight()
    {
        // Reported 30 minutes before support closes (Intensive: 07:00–20:00): of the 120 untriaged minutes, 30 run
        // tonight and 90 tomorrow from 07:00, so the alert fires at 08:30 and not at 21:30.
        var reportedAt = AdvanceToWeekday(new TimeOnly(19, 30));
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");
        var alertAt = reportedAt.AddDays(1).Date + new TimeSpan(8, 30, 0);
        var expected = new DateTimeOffset(alertAt, Berlin.GetUtcOffset(alertAt));

        app.Clock.Advance(TimeSpan.FromHours(3)); // 22:30: three wall-clock hours, half an hour of support time
        await SweepAsync();
        var night = await project[ProjectRole.Triage].Client.GetFromJsonAsync<TriageQueue>($"{project.Url}/triage/queue", Json);
        app.Clock.Advance(expected - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await SweepAsync();
        var justBefore = (await SlaAsync(project, issue.Id)).Alerts;
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();

        Assert.False(night!.Items.Single(i => i.Issue.Id == issue.Id).OverUntriagedLimit);
        Assert.DoesNotContain(justBefore, a => a.Kind == AlertKind.Untriaged);
        var alert = Assert.Single((await SlaAsync(project, issue.Id)).Alerts, a => a.Kind == AlertKind.Untriaged);
        Assert.Equal(expected, alert.CrossedAt);
    }

    [Fact]
    public async Task TriageQueue_MostSevereProposedFirstThenOldest()
    {
        var project = await app.NewProjectAsync();
        var ids = new List<int>();
        foreach (var severity in new[] { "sev3", "sev2", "sev1", "sev3", "sev1" })
        {
            ids.Add((await project.ReportAsync($"Proposed {severity}", severity, description: "d", area: "Quotes")).Id);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var queue = await project[ProjectRole.Triage].Client.GetFromJsonAsync<TriageQueue>($"{project.Url}/triage/queue", Json);

        Assert.Equal([ids[2], ids[4], ids[1], ids[0], ids[3]], queue!.Items.Select(i => i.Issue.Id));
    }

    [Fact]
    public async Task Transition_ToTriaged_IsRefused_OnlyTriageGetsThere()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev2", description: "d", area: "Quotes");
        var triage = project[ProjectRole.Triage].Client;

        var response = await triage.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions", new { to = "triaged" }, Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Contains("only through triage", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
        var current = (await triage.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json))!.Issue;
        Assert.Equal((IssueStatus.New, (IssueCategory?)null, (OwningTeam?)null, (DateTimeOffset?)null), (current.Status, current.Category, current.OwningTeam, current.TriagedAt));
        Assert.Equal(issue.Version, current.Version);
    }

    [Fact]
    public async Task Patch_TriagedIssue_CannotLoseItsCategoryOrTeam()
    {
        var project = await app.NewProjectAsync();
        var triaged = await project.TriageAsync((await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes")).Id);
        var lead = project[ProjectRole.HypercareLead].Client;

        var response = await lead.PatchAsJsonAsync($"{project.Issues}/{triaged.Id}", new { version = triaged.Version, clear = ClearCategoryAndTeam }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("owningTeam", out _));
        var current = (await lead.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{triaged.Id}", Json))!.Issue;
        Assert.Equal((triaged.Category, triaged.OwningTeam, triaged.Version), (current.Category, current.OwningTeam, current.Version));
    }

    [Fact]
    public async Task Patch_OwningTeamOrProjectAssigneeOnSteadyStateIssue_IsARecordedRescue()
    {
        var project = await app.NewProjectAsync();
        var byTeam = await project.TriageAsync((await project.ReportAsync("Team changed", "sev3", description: "d", area: "Quotes")).Id, team: "steadyStateTeam");
        var byAssignee = await project.TriageAsync((await project.ReportAsync("Assignee changed", "sev3", description: "d", area: "Quotes")).Id, team: "steadyStateTeam");
        var toSteady = await project.TriageAsync((await project.ReportAsync("Given to BAU", "sev3", description: "d", area: "Quotes")).Id, team: "projectTeam");
        var lead = project[ProjectRole.HypercareLead].Client;

        var teamChanged = await lead.PatchAsJsonAsync($"{project.Issues}/{byTeam.Id}", new { version = byTeam.Version, owningTeam = "projectTeam" }, Json);
        var assigned = await lead.PatchAsJsonAsync($"{project.Issues}/{byAssignee.Id}", new { version = byAssignee.Version, assigneeId = project[ProjectRole.Triage].Id }, Json);
        var given = await lead.PatchAsJsonAsync($"{project.Issues}/{toSteady.Id}", new { version = toSteady.Version, owningTeam = "steadyStateTeam" }, Json);
        var mismatch = await lead.PatchAsJsonAsync($"{project.Issues}/{byTeam.Id}",
            new { version = byTeam.Version + 1, owningTeam = "steadyStateTeam", assigneeId = project[ProjectRole.Triage].Id }, Json);

        Assert.Equal(HttpStatusCode.OK, teamChanged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        var afterTeam = (await teamChanged.Content.ReadFromJsonAsync<IssueResponse>(Json))!;
        var afterAssign = (await assigned.Content.ReadFromJsonAsync<IssueResponse>(Json))!;
        // The steady-state assignee is not in the project team: the issue waits for one of them.
        Assert.Equal(((OwningTeam?)OwningTeam.ProjectTeam, (PersonRef?)null), (afterTeam.OwningTeam, afterTeam.Assignee));
        Assert.Equal(((OwningTeam?)OwningTeam.ProjectTeam, (int?)project[ProjectRole.Triage].Id), (afterAssign.OwningTeam, afterAssign.Assignee?.Id));
        var handoffs = (await lead.GetFromJsonAsync<List<HandoffResponse>>($"{project.Url}/handoffs", Json))!;
        Assert.Equal(
            [(byTeam.Id, OwningTeam.SteadyStateTeam, OwningTeam.ProjectTeam, true), (byAssignee.Id, OwningTeam.SteadyStateTeam, OwningTeam.ProjectTeam, true),
                (toSteady.Id, OwningTeam.ProjectTeam, OwningTeam.SteadyStateTeam, false)],
            handoffs.OrderBy(h => h.Id).Select(h => (h.IssueId, h.FromTeam!.Value, h.ToTeam, h.IsRescue)));
    }

    [Fact]
    public async Task Stale_TriageAndPhaseEdit_Answer409WithTheCurrentState()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes");
        var lead = project[ProjectRole.HypercareLead].Client;
        var edited = await lead.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, title = "Quotes fail on save" }, Json);
        edited.EnsureSuccessStatusCode();
        var phase = (await lead.GetFromJsonAsync<List<PhaseResponse>>($"{project.Url}/plan/phases", Json))![0];

        var triage = await TriageAsync(project, issue.Id, new { version = issue.Version, severity = "sev3", category = "defect", owningTeam = "projectTeam", autoAssign = true });
        var phaseEdit = await lead.PatchAsJsonAsync($"{project.Url}/plan/phases/{phase.Id}", new { version = phase.Version + 7, name = "Renamed" }, Json);

        Assert.Equal(HttpStatusCode.Conflict, triage.StatusCode);
        Assert.Equal("Quotes fail on save", (await triage.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("current").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, phaseEdit.StatusCode);
        Assert.Equal(phase.Name, (await phaseEdit.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("current").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Handoff_SteadyStateBackToProject_IsARescue()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev2", description: "d", area: "Quotes");
        (await TriageAsync(project, issue.Id, new { severity = "sev1", reason = "Whole team blocked", category = "defect", owningTeam = "steadyStateTeam", autoAssign = true })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var lead = project[ProjectRole.HypercareLead].Client;

        var noNote = await lead.PostAsJsonAsync($"{project.Issues}/{issue.Id}/handoff", new { toTeam = "projectTeam" }, Json);
        var handed = await lead.PostAsJsonAsync($"{project.Issues}/{issue.Id}/handoff", new { toTeam = "projectTeam", note = "Needs a code fix", assigneeId = project[ProjectRole.Triage].Id }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, handed.StatusCode);
        var handoffs = await lead.GetFromJsonAsync<List<HandoffResponse>>($"{project.Url}/handoffs", Json);
        var rescue = Assert.Single(handoffs!);
        Assert.True(rescue.IsRescue);
        Assert.Equal((OwningTeam?)OwningTeam.SteadyStateTeam, rescue.FromTeam);
        var sla = await SlaAsync(project, issue.Id);
        Assert.True(sla.Resolution.UsedByTeam.ContainsKey(OwningTeam.SteadyStateTeam));
    }

    [Fact]
    public async Task Sessions_RecordWhoAttendedAndWhatWasTriaged()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail", "sev2", description: "d", area: "Quotes");
        var triage = project[ProjectRole.Triage].Client;
        var started = await triage.PostAsJsonAsync($"{project.Url}/triage/sessions", new { attendeeIds = new[] { project[ProjectRole.HypercareLead].Id } }, Json);
        var session = (await started.Content.ReadFromJsonAsync<SessionResponse>(Json))!;

        (await TriageAsync(project, issue.Id, new { severity = "sev2", category = "configurationChange", owningTeam = "projectTeam", autoAssign = true, sessionId = session.Id })).EnsureSuccessStatusCode();
        var ended = await triage.PostAsync($"{project.Url}/triage/sessions/{session.Id}/end", null);

        var result = (await ended.Content.ReadFromJsonAsync<SessionResponse>(Json))!;
        Assert.NotNull(result.EndedAt);
        Assert.Equal(issue.Id, Assert.Single(result.Decisions).IssueId);
        Assert.Equal(2, result.Attendees.Count);
        var again = await TriageAsync(project, (await project.ReportAsync("Quotes fail", "sev3", description: "d", area: "Quotes")).Id, new { severity = "sev3", category = "defect", owningTeam = "projectTeam", autoAssign = true, sessionId = session.Id });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task UnownedFilter_ListsTriagedIssuesMissingTeamOrAssignee()
    {
        var project = await app.NewProjectAsync();
        var owned = await project.ReportAsync("Owned", "sev3", description: "d", area: "Quotes");
        var orphan = await project.ReportAsync("Orphan", "sev3", description: "d", area: "Quotes");
        await project.TriageAsync(owned.Id);
        var triage = project[ProjectRole.Triage].Client;
        var triaged = await project.TriageAsync(orphan.Id);
        // The assignee left the issue: it is triaged and owned by a team, but nobody works it.
        (await triage.PatchAsJsonAsync($"{project.Issues}/{orphan.Id}", new { version = triaged.Version, clear = ClearAssignee }, Json)).EnsureSuccessStatusCode();

        var unowned = await triage.GetFromJsonAsync<Paged<IssueSummary>>($"{project.Issues}?unowned=true", Json);

        Assert.Equal(orphan.Id, Assert.Single(unowned!.Items).Id);
    }

    [Fact]
    public async Task StoredSlaState_EqualsRecomputationFromTheTimeline()
    {
        var project = await app.NewProjectAsync();
        var random = new Random(7);
        var triage = project[ProjectRole.Triage].Client;
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await project.ReportAsync($"Random {i}", $"sev{1 + (i % 3)}", description: "d", area: "Quotes")).Id);
        }

        string[] moves = ["triaged", "inProgress", "waitingOnReporter", "inProgress", "resolved", "inProgress", "fixed"];
        for (var step = 0; step < 40; step++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(random.Next(5, 240)));
            var id = ids[random.Next(ids.Count)];
            switch (random.Next(4))
            {
                case 0:
                    var to = moves[random.Next(moves.Length)];
                    await (to == "triaged"
                        ? TriageAsync(project, id, new { severity = "sev2", reason = "Random walk", category = "defect", owningTeam = "projectTeam", autoAssign = true })
                        : triage.PostAsJsonAsync($"{project.Issues}/{id}/transitions", new { to }, Json));
                    break;
                case 1:
                    await triage.PostAsJsonAsync($"{project.Issues}/{id}/comments", new { body = "Update" }, Json);
                    break;
                case 2:
                    var current = await triage.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{id}", Json);
                    await triage.PatchAsJsonAsync($"{project.Issues}/{id}", new { version = current!.Issue.Version, severity = $"sev{random.Next(1, 4)}", owningTeam = random.Next(2) == 0 ? "projectTeam" : "steadyStateTeam" }, Json);
                    break;
                default:
                    await triage.PostAsJsonAsync($"{project.Issues}/{id}/transitions", new { to = "waitingOnReporter" }, Json);
                    break;
            }

            // Every change of owning team after triage is a recorded hand-over, whichever endpoint made it.
            var teamChanges = await DbAsync(db => db.IssueEvents.CountAsync(e => e.IssueId == id && e.Kind == TimelineEventKind.OwningTeamChanged));
            var handoffCount = await DbAsync(db => db.Handoffs.CountAsync(h => h.IssueId == id));
            Assert.Equal(Math.Max(0, teamChanges - 1), handoffCount);

            // Recomputing at the instant of the last change must give exactly what was stored then.
            await app.WithServicesAsync(async services =>
            {
                var db = services.GetRequiredService<HypercareDbContext>();
                var plan = await services.GetRequiredService<SlaPlanService>().PlanAsync(project.Id);
                var issue = await db.Issues.AsNoTracking().SingleAsync(x => x.Id == id);
                var timeline = await services.GetRequiredService<SlaService>().StoredTimelineAsync(id);
                var lastChange = timeline.Max(e => e.At);
                var expected = await db.Issues.AsNoTracking().SingleAsync(x => x.Id == id);
                SlaService.Apply(expected, SlaClock.Evaluate(timeline, plan, lastChange));
                Assert.Equal((expected.ResponseDueAt, expected.ResolutionDueAt, expected.UpdateDueAt, expected.SlaPaused),
                    (issue.ResponseDueAt, issue.ResolutionDueAt, issue.UpdateDueAt, issue.SlaPaused));
                return 0;
            });
        }
    }

    [Fact]
    public async Task Phases_NewProject_DefaultPlanOnTheWire_IntensiveFasterAndDailyStabiliseWeekly()
    {
        var project = await app.NewProjectAsync();

        var phases = (await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/plan/phases", Json)).EnumerateArray().ToList();

        Assert.Equal(["Intensive", "Stabilise"], phases.Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["daily", "weekly"], phases.Select(p => p.GetProperty("standupCadence").GetString()));
        int Sev1Response(JsonElement phase) => phase.GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("severity").GetString() == "sev1" && t.GetProperty("kind").GetString() == "response").GetProperty("amount").GetInt32();
        Assert.Equal([15, 30], phases.Select(Sev1Response));
    }

    [Fact]
    public async Task Phases_BadConfiguration_IsRefusedNamingTheField()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var hours = new[] { new { day = "monday", start = "08:00", end = "18:00" } };
        var cases = new (object Body, string Field)[]
        {
            (new { name = "Overlap", startDate = "2026-03-01", endDate = "2026-03-10", supportHours = hours }, "startDate"),
            (new { name = "Backwards", startDate = "2027-03-10", endDate = "2027-03-01", supportHours = hours }, "endDate"),
            (new { name = "No hours", startDate = "2027-04-01", endDate = "2027-04-10", supportHours = Array.Empty<object>() }, "supportHours"),
            (new { name = "Overlapping windows", startDate = "2027-05-01", endDate = "2027-05-10", supportHours = new[] { new { day = "monday", start = "08:00", end = "12:00" }, new { day = "monday", start = "11:00", end = "13:00" } } }, "supportHours"),
            (new { name = "Empty window", startDate = "2027-06-01", endDate = "2027-06-10", supportHours = new[] { new { day = "monday", start = "12:00", end = "09:00" } } }, "supportHours"),
            (new { name = "Zero target", startDate = "2027-07-01", endDate = "2027-07-10", supportHours = hours, targets = new[] { new { severity = "sev1", kind = "response", amount = 0, unit = "minutes", clock = "wall" } } }, "targets[0].amount"),
            (new { name = "Bad time", startDate = "2027-08-01", endDate = "2027-08-10", supportHours = new[] { new { day = "monday", start = "8am", end = "18:00" } } }, "supportHours[0].start"),
        };
        var before = await DbAsync(db => db.PlanPhases.CountAsync(p => p.ProjectId == project.Id));

        foreach (var (body, field) in cases)
        {
            var response = await lead.PostAsJsonAsync($"{project.Url}/plan/phases", body, Json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        }

        Assert.Equal(before, await DbAsync(db => db.PlanPhases.CountAsync(p => p.ProjectId == project.Id)));
        var zone = await lead.PatchAsJsonAsync(project.Url, new { version = 0, timeZoneId = "Mars/Base" }, Json);
        Assert.Equal(HttpStatusCode.BadRequest, zone.StatusCode);
    }

    [Fact]
    public async Task Report_CompliancePerSeverityAndTeam()
    {
        var project = await app.NewProjectAsync();
        var quick = await project.ReportAsync("Quick", "sev1", description: "d", area: "Quotes");
        var slow = await project.ReportAsync("Slow", "sev1", description: "d", area: "Quotes");
        (await TriageAsync(project, quick.Id, new { severity = "sev1", category = "defect", owningTeam = "projectTeam", autoAssign = true })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(1));
        (await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{quick.Id}/transitions", new { to = "resolved" }, Json)).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromHours(5));
        await SweepAsync();

        var report = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<SlaReport>($"{project.Url}/sla/report", Json);

        var sev1 = report!.ResolutionBySeverity.Single(r => r.Group == "Sev1");
        Assert.Equal((2, 1, 1, 50.0), (sev1.Measured, sev1.Met, sev1.Missed, sev1.CompliancePercent));
        Assert.Equal(slow.Id, Assert.Single(report.Breaches, b => b.Kind == AlertKind.ResolutionBreach).IssueId);
        Assert.Equal(1.0, report.MeanHoursToResolve);
        var badDate = await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/sla/report?from=03/01/2026");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/sla/report")).StatusCode);
    }
}

public sealed class SlaApiTests_Sqlite(SqliteApp app) : SlaApiTests(app), IClassFixture<SqliteApp>;

public sealed class SlaApiTests_Postgres(PostgresApp app) : SlaApiTests(app), IClassFixture<PostgresApp>;
