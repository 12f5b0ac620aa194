using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Exit;

/// <summary>Exit criteria, sign-off, override, extension and the stage through the API, on both engines, with a fake clock.</summary>
public abstract class ExitApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private static readonly string[] SponsorRole = ["sponsor"];

    private static async Task<ExitStatus> StatusAsync(TestProject project, ProjectRole as_ = ProjectRole.HypercareLead) =>
        (await project[as_].Client.GetFromJsonAsync<ExitStatus>($"{project.Url}/exit", Json))!;

    private static RuleResult Rule(ExitStatus status, ExitRuleKind kind) => status.Evaluation.Rules.Single(r => r.Kind == kind);

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Status_NewSev1_BreaksRuleOneWithTheIssueAsEvidence_AndReportersSeeNothing()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Orders cannot be saved", "sev1");

        var status = await StatusAsync(project);

        Assert.Equal(ProjectStage.Live, status.Stage);
        Assert.Equal([ExitRuleKind.NoNewHighSeverity, ExitRuleKind.SteadyStateHandlesNewIssues, ExitRuleKind.SponsorSignedOff], status.Evaluation.Rules.Select(r => r.Kind));
        var rule = Rule(status, ExitRuleKind.NoNewHighSeverity);
        Assert.Equal(RuleState.NotMet, rule.State);
        Assert.Equal(issue.Id, Assert.Single(rule.Evidence).IssueId);
        Assert.False(status.Evaluation.AllMet);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/exit")).StatusCode);
        // Reading evaluates live but records nothing; the scheduled run or POST evaluate keeps the day's record.
        Assert.Empty(status.History);
        var evaluated = await (await project[ProjectRole.Sponsor].Client.PostAsync($"{project.Url}/exit/evaluate", null)).Content.ReadFromJsonAsync<ExitStatus>(Json);
        Assert.Equal(RuleState.NotMet, Assert.Single(evaluated!.History).Rules.Single(r => r.Kind == ExitRuleKind.NoNewHighSeverity).State);
    }

    [Fact]
    public async Task SignOff_RefusedWhileRulesFail_SignedAfterTheLeadsOverride_WithdrawnByALaterSev1()
    {
        var project = await app.NewProjectAsync();
        var sponsor = project[ProjectRole.Sponsor].Client;

        var refused = await ProblemAsync(await sponsor.PostAsJsonAsync($"{project.Url}/exit/sign-off", new { comment = "Looks good" }, Json), HttpStatusCode.Conflict);
        Assert.Contains("Not every exit rule holds", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/exit/sign-off", new { }, Json)).StatusCode);
        Assert.Equal(0, await DbAsync(db => db.ExitSignOffs.CountAsync(s => s.ProjectId == project.Id)));

        (await project[ProjectRole.HypercareLead].Client.PutAsJsonAsync($"{project.Url}/exit/override",
            new { reason = "Steady-state team has had no new issues to show; accepted by the steering group" }, Json)).EnsureSuccessStatusCode();
        var signed = await (await sponsor.PostAsJsonAsync($"{project.Url}/exit/sign-off", new { comment = "Go" }, Json)).Content.ReadFromJsonAsync<ExitStatus>(Json);

        Assert.Equal(RuleState.Met, Rule(signed!, ExitRuleKind.SponsorSignedOff).State);
        Assert.NotNull(signed!.SignOff!.OverrideReason);
        Assert.Contains("Steady-state team resolves", signed.SignOff.UnmetAtSignOff, StringComparison.Ordinal);
        Assert.Null(signed.Override);
        Assert.Equal(HttpStatusCode.Conflict, (await sponsor.PostAsJsonAsync($"{project.Url}/exit/sign-off", new { }, Json)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var sev1 = await project.ReportAsync("Invoices stopped", "sev1");
        var after = await StatusAsync(project);
        Assert.Equal(RuleState.NotMet, Rule(after, ExitRuleKind.SponsorSignedOff).State);

        (await sponsor.PostAsync($"{project.Url}/exit/evaluate", null)).EnsureSuccessStatusCode();
        var stored = await DbAsync(db => db.ExitSignOffs.SingleAsync(s => s.ProjectId == project.Id));
        Assert.NotNull(stored.WithdrawnAt);
        Assert.Contains($"#{sev1.Id}", stored.WithdrawnReason, StringComparison.Ordinal);
        var inbox = await sponsor.GetFromJsonAsync<List<JsonElement>>("/api/v1/me/notifications", Json);
        Assert.Contains(inbox!, n => n.GetProperty("title").GetString() == "Exit sign-off withdrawn");
        // Evaluating again withdraws nothing twice and tells nobody again.
        (await sponsor.PostAsync($"{project.Url}/exit/evaluate", null)).EnsureSuccessStatusCode();
        Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.ProjectId == project.Id && n.Kind == ExitService.SignOffWithdrawnKind && n.UserId == project[ProjectRole.Sponsor].Id)));
    }

    [Fact]
    public async Task SignOff_AdministratorSignsOnlyForANamedSponsorOfTheProject()
    {
        var project = await app.NewProjectAsync();
        await app.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<HypercareDbContext>();
            db.ExitRules.Add(ExitRule.Create(project.Id, ExitRuleKind.NoNewHighSeverity, false, 3, null));
            db.ExitRules.Add(ExitRule.Create(project.Id, ExitRuleKind.SteadyStateHandlesNewIssues, false, 5, 80));
            return await db.SaveChangesAsync();
        });

        var missing = await ProblemAsync(await app.Admin.PostAsJsonAsync($"{project.Url}/exit/sign-off", new { }, Json), HttpStatusCode.BadRequest);
        var notSponsor = await ProblemAsync(await app.Admin.PostAsJsonAsync($"{project.Url}/exit/sign-off",
            new { onBehalfOfUserId = project[ProjectRole.Triage].Id }, Json), HttpStatusCode.BadRequest);
        var signed = await (await app.Admin.PostAsJsonAsync($"{project.Url}/exit/sign-off",
            new { onBehalfOfUserId = project[ProjectRole.Sponsor].Id, comment = "Signed in the steering meeting" }, Json)).Content.ReadFromJsonAsync<ExitStatus>(Json);

        Assert.True(missing.GetProperty("errors").TryGetProperty("onBehalfOfUserId", out _));
        Assert.True(notSponsor.GetProperty("errors").TryGetProperty("onBehalfOfUserId", out _));
        Assert.Equal(project[ProjectRole.Sponsor].Id, signed!.SignOff!.OnBehalfOf!.Id);
        Assert.True(signed.Evaluation.AllMet);
    }

    [Fact]
    public async Task Extend_RecordsTheReason_MovesPlanAndStage_TellsTheSponsor_AndPatchingTheEndLaterIsRefused()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var before = await StatusAsync(project);
        var newEnd = before.PlannedEnd!.Value.AddDays(14);

        var early = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/exit/extensions", new { newEnd = before.PlannedEnd.Value.AddDays(-1), reason = "r" }, Json),
            HttpStatusCode.BadRequest);
        var noReason = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/exit/extensions", new { newEnd }, Json), HttpStatusCode.BadRequest);
        Assert.True(early.GetProperty("errors").TryGetProperty("newEnd", out _));
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(0, await DbAsync(db => db.ExitExtensions.CountAsync(e => e.ProjectId == project.Id)));

        var extended = await (await lead.PostAsJsonAsync($"{project.Url}/exit/extensions",
            new { newEnd, reason = "Sev2 arrivals are not falling yet" }, Json)).Content.ReadFromJsonAsync<ExitStatus>(Json);

        Assert.Equal(ProjectStage.Extended, extended!.Stage);
        Assert.Equal(newEnd, extended.PlannedEnd);
        Assert.Equal(14, extended.ExtensionDays);
        Assert.Equal("Sev2 arrivals are not falling yet", Assert.Single(extended.Extensions).Reason);
        Assert.Equal(ProjectStage.Extended, extended.StageChanges[^1].To);
        Assert.Equal(newEnd, await DbAsync(db => db.PlanPhases.Where(p => p.ProjectId == project.Id).MaxAsync(p => p.EndDate)));
        var inbox = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/me/notifications", Json);
        Assert.Contains(inbox!, n => n.GetProperty("title").GetString()!.StartsWith("Hypercare extended to", StringComparison.Ordinal));

        var current = await lead.GetFromJsonAsync<ProjectResponse>(project.Url, Json);
        var patched = await ProblemAsync(await lead.PatchAsJsonAsync(project.Url, new { version = current!.Version, plannedEndDate = newEnd.AddDays(7) }, Json), HttpStatusCode.BadRequest);
        Assert.True(patched.GetProperty("errors").TryGetProperty("plannedEndDate", out _));
        Assert.Equal(newEnd, (await lead.GetFromJsonAsync<ProjectResponse>(project.Url, Json))!.PlannedEndDate);
    }

    [Fact]
    public async Task Stage_ClosedProjectRaisesNoSlaAlerts_ReopeningNeedsAReason_ThenAlertsResume()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        await project.ReportAsync("Nobody looks at this", "sev1");
        (await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "closed", reason = "Steady state since Monday" }, Json)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(6));
        var closedSweep = await app.WithServicesAsync(s => s.GetRequiredService<SlaSweep>().RunAsync(project.Id, CancellationToken.None));
        Assert.Equal(0, closedSweep.AlertsFired);
        Assert.Equal(0, await DbAsync(db => db.SlaAlerts.CountAsync(a => a.ProjectId == project.Id)));

        var extendClosed = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/exit/extensions",
            new { newEnd = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(60), reason = "r" }, Json), HttpStatusCode.Conflict);
        Assert.Contains("closed", extendClosed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noReason = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "live" }, Json), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var badMove = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "handingOver", reason = "r" }, Json), HttpStatusCode.Conflict);
        Assert.True(badMove.GetProperty("errors").TryGetProperty("to", out _));
        Assert.Equal(ProjectStage.Closed, (await StatusAsync(project)).Stage);

        var reopened = await (await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "live", reason = "Month-end close broke invoicing" }, Json))
            .Content.ReadFromJsonAsync<ExitStatus>(Json);
        Assert.Equal(ProjectStage.Live, reopened!.Stage);
        Assert.Equal([ProjectStage.Closed, ProjectStage.Live], reopened.StageChanges.Select(c => c.To));
        var openSweep = await app.WithServicesAsync(s => s.GetRequiredService<SlaSweep>().RunAsync(project.Id, CancellationToken.None));
        Assert.True(openSweep.AlertsFired > 0);
    }

    [Fact]
    public async Task Stage_ClosedProjectProposesNoPatchSlotsAndSendsNoScheduledReport_UntilReopened()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var phases = await DbAsync(db => db.PlanPhases.Where(p => p.ProjectId == project.Id).Select(p => p.Id).ToListAsync());
        foreach (var phase in phases)
        {
            (await lead.PutAsJsonAsync($"{project.Url}/patches/cadences/{phase}", new { kind = "daily", deployAt = "18:00" }, Json)).EnsureSuccessStatusCode();
        }

        var inAnHour = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddHours(1), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"))
            .ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        (await lead.PutAsJsonAsync($"{project.Url}/reports/schedules/sponsor-status",
            new { enabled = true, localTime = inAnHour, days = Enum.GetValues<DayOfWeek>(), recipientRoles = SponsorRole }, Json)).EnsureSuccessStatusCode();
        Assert.NotEmpty((await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/patches/plan", Json)).GetProperty("slots").EnumerateArray());
        (await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "closed", reason = "Steady state" }, Json)).EnsureSuccessStatusCode();

        app.Clock.Advance(TimeSpan.FromHours(1.5));
        await app.WithServicesAsync(s => s.GetRequiredService<Hypercare.Core.Communications.ReportScheduler>().RunDueAsync());

        Assert.Empty((await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/patches/plan", Json)).GetProperty("slots").EnumerateArray());
        Assert.Equal(0, await DbAsync(db => db.ReportSends.CountAsync(r => r.ProjectId == project.Id)));

        (await lead.PostAsJsonAsync($"{project.Url}/exit/stage", new { to = "live", reason = "Reopened" }, Json)).EnsureSuccessStatusCode();
        await app.WithServicesAsync(s => s.GetRequiredService<Hypercare.Core.Communications.ReportScheduler>().RunDueAsync());
        Assert.NotEmpty((await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/patches/plan", Json)).GetProperty("slots").EnumerateArray());
        Assert.Equal(1, await DbAsync(db => db.ReportSends.CountAsync(r => r.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Rules_BadInputNamesTheFieldAndChangesNothing_GoodInputSwitchesARuleOn()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;

        var bad = await ProblemAsync(await lead.PutAsJsonAsync($"{project.Url}/exit/rules", new
        {
            rules = new object[]
            {
                new { kind = "noOpenSev1", enabled = true },
                new { kind = "slaCompliance", enabled = true, days = 0, percent = 101 },
                new { kind = "sponsorSignedOff", enabled = true, days = 3 },
            },
        }, Json), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors");
        Assert.True(errors.TryGetProperty("rules[1].days", out _));
        Assert.True(errors.TryGetProperty("rules[1].percent", out _));
        Assert.True(errors.TryGetProperty("rules[2].days", out _));
        Assert.Equal(0, await DbAsync(db => db.ExitRules.CountAsync(r => r.ProjectId == project.Id)));
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Triage].Client.PutAsJsonAsync($"{project.Url}/exit/rules",
            new { rules = new[] { new { kind = "noOpenSev1", enabled = true } } }, Json)).StatusCode);

        var sev1 = await project.ReportAsync("Login loops", "sev1");
        (await lead.PutAsJsonAsync($"{project.Url}/exit/rules", new { rules = new[] { new { kind = "noOpenSev1", enabled = true } } }, Json)).EnsureSuccessStatusCode();
        var rule = Rule(await StatusAsync(project), ExitRuleKind.NoOpenSev1);

        Assert.Equal(RuleState.NotMet, rule.State);
        Assert.Equal(sev1.Id, Assert.Single(rule.Evidence).IssueId);
    }

    [Fact]
    public async Task SteadyStateRule_CountsResolutionsByTheSteadyStateTeamAndTheRescue()
    {
        var project = await app.NewProjectAsync();
        var (handled, _) = await project.SteadyStateHandledAndRescuedAsync();

        var status = await StatusAsync(project);
        var rule = Rule(status, ExitRuleKind.SteadyStateHandlesNewIssues);

        Assert.Equal(RuleState.NotMet, rule.State);
        Assert.StartsWith("1 of 2 new issues (50 %)", rule.Summary, StringComparison.Ordinal);
        // The weekly trend on the dashboard and in the sponsor status counts the same way.
        Assert.Equal((2, 1, 1), (status.SteadyStateWeeks[^1].NewIssues, status.SteadyStateWeeks[^1].ResolvedBySteadyState, status.SteadyStateWeeks[^1].Rescues));
        Assert.EndsWith("1 rescue(s).", rule.Summary, StringComparison.Ordinal);
        Assert.Contains(rule.Evidence, e => e.IssueId == handled.Id && e.Text.EndsWith("resolved by the steady-state team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sweep_PlannedEndNearWithRulesFailing_AlertsTheLeadOnce()
    {
        var project = await app.NewProjectAsync();
        var plannedEnd = (await StatusAsync(project)).PlannedEnd!.Value;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

        await app.WithServicesAsync(s => s.GetRequiredService<ExitService>().SweepAsync());
        Assert.Equal(0, await DbAsync(db => db.ExitEndAlerts.CountAsync(a => a.ProjectId == project.Id)));

        // Move the clock to the last Monday to Friday that is within three working days of the planned end.
        var day = today;
        while (ExitService.WorkingDaysUntil(day, plannedEnd, []) > 3)
        {
            day = day.AddDays(1);
        }

        app.Clock.Advance(TimeSpan.FromDays(day.DayNumber - today.DayNumber));
        await app.WithServicesAsync(s => s.GetRequiredService<ExitService>().SweepAsync());
        await app.WithServicesAsync(s => s.GetRequiredService<ExitService>().SweepAsync());

        Assert.Equal(1, await DbAsync(db => db.ExitEndAlerts.CountAsync(a => a.ProjectId == project.Id && a.PlannedEnd == plannedEnd)));
        Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.ProjectId == project.Id && n.Kind == ExitService.EndNearKind && n.UserId == project[ProjectRole.HypercareLead].Id)));
        Assert.True(await DbAsync(db => db.ExitEvaluations.AnyAsync(e => e.ProjectId == project.Id && e.Day == day)));
    }

    [Fact]
    public async Task Forecast_FitsTheChosenSeveritiesAndCategory_AndABadSelectionGets400NamingTheField()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync("Report totals rounded oddly", "sev3");
        app.Clock.Advance(TimeSpan.FromDays(1));
        var lead = project[ProjectRole.HypercareLead].Client;

        var byDefault = (await lead.GetFromJsonAsync<ExitForecast>($"{project.Url}/exit/forecast", Json))!;
        var chosen = (await lead.GetFromJsonAsync<ExitForecast>($"{project.Url}/exit/forecast?severities=sev3&category=any", Json))!;
        var repeated = (await lead.GetFromJsonAsync<ExitForecast>($"{project.Url}/exit/forecast?severities=sev2&severities=sev3&category=defect", Json))!;
        var badSeverity = await ProblemAsync(await lead.GetAsync($"{project.Url}/exit/forecast?severities=sev9"), HttpStatusCode.BadRequest);
        var badCategory = await ProblemAsync(await lead.GetAsync($"{project.Url}/exit/forecast.png?category=bugs"), HttpStatusCode.BadRequest);
        var chart = await lead.GetAsync($"{project.Url}/exit/forecast.png?severities=sev3&category=any");

        Assert.Equal("defect issues of Sev1 and Sev2", byDefault.Selection);
        Assert.Equal(0, byDefault.Days[^1].Cumulative);
        Assert.Equal("issues of Sev3", chosen.Selection);
        Assert.Equal(1, chosen.Days[^1].Cumulative);
        Assert.Equal("defect issues of Sev2 and Sev3", repeated.Selection);
        Assert.Equal(0, repeated.Days[^1].Cumulative);
        Assert.True(badSeverity.GetProperty("errors").TryGetProperty("severities", out _));
        Assert.True(badCategory.GetProperty("errors").TryGetProperty("category", out _));
        Assert.Equal("image/png", chart.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Forecast_TheDaysFitIsReused_OnlyWhileTheArrivalsAreTheSame()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Totals rounded oddly", "sev3");
        app.Clock.Advance(TimeSpan.FromDays(1));
        var lead = project[ProjectRole.HypercareLead].Client;

        var before = (await lead.GetFromJsonAsync<ExitForecast>($"{project.Url}/exit/forecast", Json))!;
        // Triage makes yesterday's issue a Sev2 defect: the same day, but other arrivals, so the forecast is refitted.
        await project.TriageAsync(issue.Id, severity: "sev2", category: "defect");
        var after = (await lead.GetFromJsonAsync<ExitForecast>($"{project.Url}/exit/forecast", Json))!;

        Assert.Equal(0, before.Days[^1].Cumulative);
        Assert.Equal(1, after.Days[^1].Cumulative);
    }
}

public sealed class ExitApiTests_Sqlite(SqliteApp app) : ExitApiTests(app), IClassFixture<SqliteApp>;

public sealed class ExitApiTests_Postgres(PostgresApp app) : ExitApiTests(app), IClassFixture<PostgresApp>;
