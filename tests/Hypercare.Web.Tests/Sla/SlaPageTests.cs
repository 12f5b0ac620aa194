using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Sla;

/// <summary>SLA on the pages: the issue's clocks, hand-offs, the dashboard's risk, the plan, the report and the inbox.</summary>
public sealed class SlaPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project, string rest = "") => $"/projects/{project.Id}{rest}";

    private static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string Today(int plusDays) =>
        DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(plusDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task IssuePage_Sev1_ShowsSlaPanelWithFirstResponseDueIn15Minutes()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Orders cannot be saved", "sev1", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.Triage]);

        var (status, html) = await session.GetAsync(Page(project, $"/issues/{issue.Id}"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<h2 id=\"sla\">SLA</h2>", html, StringComparison.Ordinal);
        Assert.Contains("First response", html, StringComparison.Ordinal);
        // The default plan's Intensive phase: 15 minutes (its 30-minute target is the reporter update).
        Assert.Contains("15 minutes around the clock", html, StringComparison.Ordinal);
        Assert.Contains(Local(issue.ReportedAt.AddMinutes(15)), html, StringComparison.Ordinal);
        Assert.Contains("15 min left", html, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(html, "handoff"));
    }

    [Fact]
    public async Task HandoffForm_NoteMissingThenGiven_RefusesThenHandsOver()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Territory rules wrong", by: project[ProjectRole.Reporter]);
        var steady = project[ProjectRole.SteadyStateSupport];
        var session = await SignInAsync(project[ProjectRole.Triage]);
        var url = Page(project, $"/issues/{issue.Id}");
        var fields = new Dictionary<string, string> { ["Handoff.ToTeam"] = "steadyStateTeam", ["Handoff.Assignee"] = steady.Id.ToString(CultureInfo.InvariantCulture) };

        var (refusedStatus, refused, _) = await session.SubmitAsync(url, "handoff", fields);
        var (status, _, location) = await session.SubmitAsync(url, "handoff", new Dictionary<string, string>(fields) { ["Handoff.Note"] = "Config owned by BAU" });
        var (_, after) = await session.GetAsync(location!);

        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Contains("id=\"handoff-note-error\"", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("<dt>Owning team</dt><dd>Steady-state team</dd>", after, StringComparison.Ordinal);
        Assert.Contains("Config owned by BAU", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuePage_Sponsor_SeesSlaPanelButNoHandoffForm()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Dashboard tiles empty", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.Sponsor]);

        var (_, html) = await session.GetAsync(Page(project, $"/issues/{issue.Id}"));

        Assert.Contains("<h2 id=\"sla\">SLA</h2>", html, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(html, "handoff"));
    }

    [Fact]
    public async Task Dashboard_Sev1PastItsTarget_ShowsBreachedCountAndTheIssue()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync("Checkout down for all users", "sev1", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (_, before) = await session.GetAsync(Page(project));
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var (status, after) = await session.GetAsync(Page(project));

        Assert.Contains("id=\"sla-breached\"><strong>0</strong> breached", before, StringComparison.Ordinal);
        Assert.Contains("id=\"sla-about\"><strong>1</strong> about to breach", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"sla-breached\"><strong>1</strong> breached", after, StringComparison.Ordinal);
        Assert.Contains("1 min overdue", after, StringComparison.Ordinal);
        Assert.Contains("Checkout down for all users", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page(project, "/triage")}\"", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page(project, "/issues?unowned=true")}\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPage_OverlappingPhase_IsRefusedNamingStartDate()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html, _) = await session.SubmitAsync(Page(project, "/plan"), "add-phase", new Dictionary<string, string>
        {
            ["Phase.Name"] = "Overlapping",
            ["Phase.StartDate"] = Today(0),
            ["Phase.EndDate"] = Today(1),
            ["Phase.SupportHours"] = "Mon-Fri 08:00-18:00",
            ["Phase.StandupCadence"] = "daily",
        });
        var (_, plan) = await session.GetAsync(Page(project, "/plan"));

        Assert.True(status == HttpStatusCode.OK, html);
        Assert.Contains("id=\"add-startDate-error\"", html, StringComparison.Ordinal);
        Assert.Contains("startDate: The phase overlaps &#x27;Intensive&#x27;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Overlapping <small>", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPage_NewPhase_IsAddedWithItsHoursAndTargets()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var fields = new Dictionary<string, string>
        {
            ["Phase.Name"] = "Taper",
            ["Phase.StartDate"] = Today(60),
            ["Phase.EndDate"] = Today(89),
            ["Phase.SupportHours"] = "Mon-Fri 09:00-17:00\nSat 10:00-12:00",
            ["Phase.TriageTimes"] = "10:00",
            ["Phase.StandupCadence"] = "weekly",
        };
        for (var i = 0; i < PhaseRowCount; i++)
        {
            fields[$"Phase.Targets[{i}].Amount"] = i == 0 ? "45" : "";
            fields[$"Phase.Targets[{i}].Unit"] = "minutes";
            fields[$"Phase.Targets[{i}].Clock"] = "wall";
        }

        var (status, _, location) = await session.SubmitAsync(Page(project, "/plan"), "add-phase", fields);
        var (_, plan) = await session.GetAsync(location!);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("The phase was added.", plan, StringComparison.Ordinal);
        Assert.Contains(">Taper <small>", plan, StringComparison.Ordinal);
        Assert.Contains("Sat 10:00-12:00", plan, StringComparison.Ordinal);
        Assert.Contains("45 minutes around the clock", plan, StringComparison.Ordinal);
        Assert.Contains("Weekly", plan, StringComparison.Ordinal);
    }

    private const int PhaseRowCount = 9;

    [Fact]
    public async Task PlanPage_HolidaysAndAlerts_AreSavedAndShown()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var current = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<ProjectResponse>(project.Url, HypercareApp.Json);

        var (status, html, location) = await session.SubmitAsync(Page(project, "/plan"), "calendar-alerts", new Dictionary<string, string>
        {
            ["Alerts.Version"] = current!.Version.ToString(CultureInfo.InvariantCulture),
            ["Alerts.Holidays"] = "2026-12-25 Christmas\r\n2026-12-24\n\n",
            ["Alerts.WarningThresholds"] = "60, 90%",
            ["Alerts.UntriagedAlertMinutes"] = "45",
        });
        var stored = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<ProjectResponse>(project.Url, HypercareApp.Json);

        Assert.True(status == HttpStatusCode.Redirect, html);
        Assert.Equal([new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 25)], stored!.Holidays);
        Assert.Equal([60, 90], stored.WarningThresholds);
        Assert.Equal(45, stored.UntriagedAlertMinutes);
        var (_, plan) = await session.GetAsync(location!);
        Assert.Contains("Holidays and alerts were saved.", plan, StringComparison.Ordinal);
        Assert.Contains("60 %, 90 %", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPage_BadHolidayAndThreshold_NamesTheFieldsAndChangesNothing()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var before = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<ProjectResponse>(project.Url, HypercareApp.Json);

        var (status, html, _) = await session.SubmitAsync(Page(project, "/plan"), "calendar-alerts", new Dictionary<string, string>
        {
            ["Alerts.Version"] = before!.Version.ToString(CultureInfo.InvariantCulture),
            ["Alerts.Holidays"] = "2026-12-25",
            ["Alerts.WarningThresholds"] = "50, 120",
            ["Alerts.UntriagedAlertMinutes"] = "30",
        });
        var (_, badParse, _) = await session.SubmitAsync(Page(project, "/plan"), "calendar-alerts", new Dictionary<string, string>
        {
            ["Alerts.Version"] = before.Version.ToString(CultureInfo.InvariantCulture),
            ["Alerts.Holidays"] = "2026-12-25\n2026-13-01 next friday",
            ["Alerts.WarningThresholds"] = "50",
            ["Alerts.UntriagedAlertMinutes"] = "30",
        });
        var after = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<ProjectResponse>(project.Url, HypercareApp.Json);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"warningThresholds-error\"", html, StringComparison.Ordinal);
        Assert.Contains("between 1 and 99", html, StringComparison.Ordinal);
        Assert.Contains("id=\"holidays-error\"", badParse, StringComparison.Ordinal);
        Assert.Contains("Line 2: &#x27;2026-13-01&#x27; is not a date", badParse, StringComparison.Ordinal);
        Assert.Equal(before.Version, after!.Version);
        Assert.Equal(before.Holidays, after.Holidays);
        Assert.Equal(before.WarningThresholds, after.WarningThresholds);
    }

    [Fact]
    public async Task PlanPage_ZeroTargetAndBadHours_NamesTheFields()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html, _) = await session.SubmitAsync(Page(project, "/plan"), "add-phase", new Dictionary<string, string>
        {
            ["Phase.Name"] = "Broken",
            ["Phase.StartDate"] = Today(100),
            ["Phase.EndDate"] = Today(99),
            ["Phase.SupportHours"] = "Mon 18:00-08:00",
            ["Phase.StandupCadence"] = "daily",
            ["Phase.Targets[0].Amount"] = "0",
            ["Phase.Targets[0].Unit"] = "minutes",
            ["Phase.Targets[0].Clock"] = "wall",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"add-endDate-error\"", html, StringComparison.Ordinal);
        Assert.Contains("ends", html, StringComparison.Ordinal);
        Assert.Contains("supportHours: The Monday window 18:00", html, StringComparison.Ordinal);
        Assert.Contains("is empty: its end must be after its start", html, StringComparison.Ordinal);
        Assert.Contains("must be greater than zero", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanPage_Sponsor_SeesPhasesWithoutForms()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.Sponsor]);

        var (status, html) = await session.GetAsync(Page(project, "/plan"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">Intensive <small>", html, StringComparison.Ordinal);
        // The default plan: Intensive's Sev1 response 15 minutes, Stabilise's 30; daily standups, then weekly.
        Assert.Contains("15 minutes around the clock", html, StringComparison.Ordinal);
        Assert.Contains("30 minutes around the clock", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Standups</dt><dd>Daily</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Standups</dt><dd>Weekly</dd>", html, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(html, "add-phase"));
    }

    [Fact]
    public async Task SlaReportPage_Lead_ShowsComplianceTablesAndBadDateMessage()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync("Email to case not working", "sev1", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, html) = await session.GetAsync(Page(project, "/sla"));
        var (_, bad) = await session.GetAsync(Page(project, "/sla?from=2026-13-01"));
        var (reporterStatus, forReporter) = await reporter.GetAsync(Page(project, "/sla"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("First response by severity", html, StringComparison.Ordinal);
        Assert.Contains("Resolution by phase", html, StringComparison.Ordinal);
        Assert.Contains("SLA time used by team", html, StringComparison.Ordinal);
        Assert.Contains("from: &#x27;2026-13-01&#x27; is not a date", bad, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reporterStatus);
        Assert.DoesNotContain("First response by severity", forReporter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_AfterSweepFiresBreach_ShowsNotificationAndMarksItRead()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Invoices not generated", "sev1", by: project[ProjectRole.Reporter]);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await app.WithServicesAsync(services => services.GetRequiredService<SlaSweep>().RunAsync());
        var session = await SignInAsync(project[ProjectRole.Triage]);

        var (status, html) = await session.GetAsync("/inbox");
        var (readStatus, _, location) = await session.SubmitAsync("/inbox", "read-all", new Dictionary<string, string>());
        var (_, after) = await session.GetAsync(location!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"#{issue.Id} Invoices not generated: first-response target breached", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{project.Id}/issues/{issue.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("unread)</a>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, readStatus);
        Assert.Contains("(0 unread)", after, StringComparison.Ordinal);
    }
}
