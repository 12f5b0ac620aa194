using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Audit;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Issues;

public abstract class IssuesApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private static async Task<IssueResponse> MoveAsync(HttpClient client, TestProject project, int issueId, string to, object? extra = null)
    {
        if (to == "triaged")
        {
            return await project.TriageAsync(issueId); // the only way to Triaged
        }

        var body = new Dictionary<string, object?> { ["to"] = to };
        if (extra is not null)
        {
            foreach (var p in extra.GetType().GetProperties())
            {
                body[p.Name] = p.GetValue(extra);
            }
        }

        var response = await client.PostAsJsonAsync($"{project.Issues}/{issueId}/transitions", body, Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssueResponse>(Json))!;
    }

    [Fact]
    public async Task Report_ValidIssue_IsNewWithReporterAndProposedSeverity()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter];

        var issue = await project.ReportAsync(severity: "sev1", by: reporter, area: "Quotes");

        Assert.Equal(IssueStatus.New, issue.Status);
        Assert.Equal(Severity.Sev1, issue.ProposedSeverity);
        Assert.Equal(reporter.Id, issue.Reporter.Id);
        Assert.Equal(app.Clock.GetUtcNow(), issue.ReportedAt);
        // Triaged is reached through triage, not offered as a plain move.
        Assert.Equal([IssueStatus.Duplicate, IssueStatus.WontFix], issue.AllowedTransitions);
    }

    [Fact]
    public async Task Lifecycle_FullPath_RecordsEveryStepInHistory()
    {
        var project = await app.NewProjectAsync();
        var triage = project[ProjectRole.Triage].Client;
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");

        foreach (var to in new[] { "triaged", "inProgress", "waitingOnReporter", "inProgress", "fixed", "resolved", "closed" })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            await MoveAsync(triage, project, issue.Id, to);
        }

        var detail = (await triage.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json))!;
        Assert.Equal(IssueStatus.Closed, detail.Issue.Status);
        Assert.NotNull(detail.Issue.ResolvedAt);
        Assert.NotNull(detail.Issue.ClosedAt);
        var statusChanges = detail.History.Where(h => h.Action == AuditAction.Updated).SelectMany(h => h.Changes).Where(c => c.Field == "Status").Select(c => $"{c.Before}->{c.After}").ToList();
        Assert.Equal(
            ["New->Triaged", "Triaged->InProgress", "InProgress->WaitingOnReporter", "WaitingOnReporter->InProgress", "InProgress->Fixed", "Fixed->Resolved", "Resolved->Closed"],
            statusChanges);
        Assert.All(detail.History.Skip(1), h => Assert.Equal(project[ProjectRole.Triage].DisplayName, h.Actor));
    }

    [Fact]
    public async Task Transition_Illegal_Is409NamingAllowedTargetsAndChangesNothing()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");

        var response = await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions", new { to = "fixed" }, Json);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Contains("cannot move to Fixed", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
        var current = await project[ProjectRole.Triage].Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Equal(IssueStatus.New, current!.Issue.Status);
    }

    [Fact]
    public async Task Reopen_ResolvedIssue_GoesBackToInProgressAndClearsResolution()
    {
        var project = await app.NewProjectAsync();
        var triage = project[ProjectRole.Triage].Client;
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");
        await MoveAsync(triage, project, issue.Id, "triaged");
        await MoveAsync(triage, project, issue.Id, "resolved");

        var reopened = await MoveAsync(triage, project, issue.Id, "inProgress", new { note = "Still broken for the reporter" });

        Assert.Equal(IssueStatus.InProgress, reopened.Status);
        Assert.Null(reopened.ResolvedAt);
        var detail = await triage.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Equal("Still broken for the reporter", Assert.Single(detail!.Comments).Body);
    }

    [Fact]
    public async Task Duplicate_LinksToOriginal_AndOriginalListsIt()
    {
        var project = await app.NewProjectAsync();
        var triage = project[ProjectRole.Triage].Client;
        var original = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");
        var copy = await project.ReportAsync(by: project[ProjectRole.ChangeManager], area: "Quotes");

        var marked = await MoveAsync(triage, project, copy.Id, "duplicate", new { duplicateOfId = original.Id });

        Assert.Equal(original.Id, marked.DuplicateOfId);
        var detail = await triage.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{original.Id}", Json);
        Assert.Equal(copy.Id, Assert.Single(detail!.Duplicates).Id);
        Assert.Equal(2, detail.AffectedPeople);
    }

    [Fact]
    public async Task Duplicate_OfAnotherProjectsIssue_IsRefusedNamingTheField()
    {
        var project = await app.NewProjectAsync();
        var other = await app.NewProjectAsync("Other");
        var foreign = await other.ReportAsync(by: other[ProjectRole.Reporter], area: "Quotes");
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");

        var response = await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions",
            new { to = "duplicate", duplicateOfId = foreign.Id }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty("duplicateOfId", out _));
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409WithCurrentStateAndKeepsTheWinner()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");
        var first = project[ProjectRole.Triage].Client;
        var second = project[ProjectRole.HypercareLead].Client;

        var won = await first.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, severity = "sev1" }, Json);
        var lost = await second.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, severity = "sev3" }, Json);

        Assert.Equal(HttpStatusCode.OK, won.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var problem = await lost.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal("sev1", problem.GetProperty("current").GetProperty("severity").GetString());
        var current = await first.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Equal(Severity.Sev1, current!.Issue.Severity);
        Assert.Equal(issue.Version + 1, current.Issue.Version);
    }

    [Fact]
    public async Task Update_TriageFields_AreAuditedBeforeAndAfter()
    {
        var project = await app.NewProjectAsync();
        var reported = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");
        var issue = await project.TriageAsync(reported.Id, category: "defect", team: "projectTeam");
        var assignee = project[ProjectRole.SteadyStateSupport];

        var response = await project[ProjectRole.Triage].Client.PatchAsJsonAsync($"{project.Issues}/{issue.Id}",
            new { version = issue.Version, category = "trainingGap", owningTeam = "steadyStateTeam", assigneeId = assignee.Id }, Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<List<HistoryEntry>>($"{project.Issues}/{issue.Id}/history", Json);
        var update = history!.Last(h => h.EntityType == "Issue");
        Assert.Equal(project[ProjectRole.Triage].DisplayName, update.Actor);
        Assert.Contains(update.Changes, c => c.Field == "Category" && c.Before == "Defect" && c.After == "TrainingGap");
        Assert.Contains(update.Changes, c => c.Field == "OwningTeam" && c.Before == "ProjectTeam" && c.After == "SteadyStateTeam");
        Assert.Contains(update.Changes, c => c.Field == "AssigneeId" && c.After == assignee.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Update_AssigneeWhoIsNotAWorkingMember_IsRefused()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");

        var response = await project[ProjectRole.Triage].Client.PatchAsJsonAsync($"{project.Issues}/{issue.Id}",
            new { version = issue.Version, assigneeId = project[ProjectRole.Sponsor].Id }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty("assigneeId", out _));
    }

    [Fact]
    public async Task List_Filters_CombineAndPaginate()
    {
        var project = await app.NewProjectAsync();
        for (var i = 0; i < 7; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            await project.ReportAsync(title: $"Login fails {i}", severity: i % 2 == 0 ? "sev1" : "sev3", by: project[ProjectRole.Reporter], area: "Login");
        }

        await project.ReportAsync(title: "Report times out", severity: "sev1", by: project[ProjectRole.Reporter], area: "Reports");
        var lead = project[ProjectRole.HypercareLead].Client;

        var page1 = await lead.GetFromJsonAsync<Paged<IssueSummary>>($"{project.Issues}?severity=sev1&q=login&pageSize=2&page=1", Json);
        var page2 = await lead.GetFromJsonAsync<Paged<IssueSummary>>($"{project.Issues}?severity=sev1&q=LOGIN&pageSize=2&page=2", Json);

        Assert.Equal(4, page1!.TotalCount);
        Assert.Equal(["Login fails 6", "Login fails 4"], page1.Items.Select(i => i.Title));
        Assert.Equal(["Login fails 2", "Login fails 0"], page2!.Items.Select(i => i.Title));
        var oldest = await lead.GetFromJsonAsync<Paged<IssueSummary>>($"{project.Issues}?sort=oldest&pageSize=1", Json);
        Assert.Equal("Login fails 0", Assert.Single(oldest!.Items).Title);
    }

    [Fact]
    public async Task List_FreeTextWithLikeWildcards_MatchesLiterally()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync(title: "Discount 100% not applied", by: project[ProjectRole.Reporter], area: "Quotes");
        await project.ReportAsync(title: "Discount 1000 not applied", by: project[ProjectRole.Reporter], area: "Quotes");

        var found = await project[ProjectRole.Triage].Client.GetFromJsonAsync<Paged<IssueSummary>>($"{project.Issues}?q={Uri.EscapeDataString("100%")}", Json);

        Assert.Equal("Discount 100% not applied", Assert.Single(found!.Items).Title);
    }

    [Fact]
    public async Task List_Reporter_SeesOnlyOwnIssues()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync(title: "Someone else's", by: project[ProjectRole.ChangeManager], area: "Quotes");
        var mine = await project.ReportAsync(title: "Mine", by: project[ProjectRole.Reporter], area: "Quotes");

        var list = await project[ProjectRole.Reporter].Client.GetFromJsonAsync<Paged<IssueSummary>>(project.Issues, Json);

        Assert.Equal(mine.Id, Assert.Single(list!.Items).Id);
    }

    [Fact]
    public async Task Comment_ByReporterOnOwnIssue_AppearsInDetailAndHistory()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter];
        var issue = await project.ReportAsync(by: project[ProjectRole.Reporter], area: "Quotes");

        var response = await reporter.Client.PostAsJsonAsync($"{project.Issues}/{issue.Id}/comments", new { body = "It happens on every quote" }, Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var detail = await reporter.Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", Json);
        Assert.Equal("It happens on every quote", Assert.Single(detail!.Comments).Body);
        Assert.Contains(detail.History, h => h.EntityType == "IssueComment" && h.Changes.Any(c => c.Field == "Body" && c.After == "It happens on every quote"));
    }

    [Fact]
    public async Task Dashboard_CountsOpenIssuesBySeverityAndCategory()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync(title: "A", severity: "sev1", by: project[ProjectRole.Reporter], area: "Quotes");
        await project.ReportAsync(title: "B", severity: "sev2", by: project[ProjectRole.Reporter], area: "Quotes");
        var closed = await project.ReportAsync(title: "C", severity: "sev2", by: project[ProjectRole.Reporter], area: "Quotes");
        await MoveAsync(project[ProjectRole.Triage].Client, project, closed.Id, "wontFix");
        var trainingGap = await project.ReportAsync(title: "D", severity: "sev3", by: project[ProjectRole.Reporter], area: "Quotes");
        var categorised = await project[ProjectRole.Triage].Client.PatchAsJsonAsync($"{project.Issues}/{trainingGap.Id}",
            new { version = trainingGap.Version, category = "trainingGap" }, Json);
        Assert.Equal(HttpStatusCode.OK, categorised.StatusCode);

        var dashboard = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<DashboardResponse>($"{project.Url}/dashboard", Json);

        Assert.Equal(3, dashboard!.OpenIssues);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(c => c.Key == Severity.Sev1).Count);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(c => c.Key == Severity.Sev2).Count);
        Assert.Equal(1, dashboard.OpenBySeverity.Single(c => c.Key == Severity.Sev3).Count);
        Assert.Equal(
            [(Severity.Sev1, IssueStatus.New, 1), (Severity.Sev2, IssueStatus.New, 1), (Severity.Sev3, IssueStatus.New, 1)],
            dashboard.OpenBySeverityAndStatus.Select(c => (c.Severity, c.Status, c.Count)));
        Assert.Equal([(IssueStatus.New, 3), (IssueStatus.WontFix, 1)], dashboard.ByStatus.Select(c => (c.Key, c.Count)));
        Assert.Equal([((IssueCategory?)null, 3), (IssueCategory.TrainingGap, 1)], dashboard.ByCategory.Select(c => (c.Key, c.Count)));
        Assert.Equal("A", dashboard.OldestOpen[0].Title);
        Assert.Equal("D", dashboard.NewestOpen[0].Title);
        Assert.Equal(4, dashboard.ReportedToday);
    }
}

public sealed class IssuesApiTests_Sqlite(SqliteApp app) : IssuesApiTests(app), IClassFixture<SqliteApp>;

public sealed class IssuesApiTests_Postgres(PostgresApp app) : IssuesApiTests(app), IClassFixture<PostgresApp>;
