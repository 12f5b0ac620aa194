using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Issues;

/// <summary>
/// The server-rendered pages as people get them: encoding of typed text, 404 for outsiders, what each role sees,
/// and the forms' answers. Pages hold no database logic of their own, so one engine (SQLite) covers them.
/// </summary>
public sealed class IssuePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Script = "<script>alert(1)</script>";

    private static async Task<int> CountIssuesAsync(TestUser user, TestProject project) =>
        (await user.Client.GetFromJsonAsync<Paged<IssueSummary>>(project.Issues, HypercareApp.Json))!.TotalCount;

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project, string rest = "") => $"/projects/{project.Id}{rest}";

    [Fact]
    public async Task Title_ScriptTag_IsEncodedOnListDetailAndDashboard()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync(Script, by: project[ProjectRole.Reporter], description: Script, area: "Quotes");
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        foreach (var url in new[] { Page(project, "/issues"), Page(project, $"/issues/{issue.Id}"), Page(project) })
        {
            var (status, html) = await lead.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ProjectPages_MemberOfAnotherProject_Answer404WithoutRevealingIt()
    {
        var mine = await app.NewProjectAsync("Mine");
        var theirs = await app.NewProjectAsync("Secret rollout");
        var secret = await theirs.ReportAsync("Secret payroll defect", by: theirs[ProjectRole.Reporter], area: "Quotes");
        var outsider = await SignInAsync(mine[ProjectRole.HypercareLead]);

        string[] urls =
        [
            Page(theirs), Page(theirs, "/issues"), Page(theirs, $"/issues/{secret.Id}"), Page(theirs, "/issues/new"),
            Page(theirs, $"/issues/{secret.Id}/edit"), Page(theirs, "/members"), Page(mine, $"/issues/{secret.Id}"),
        ];
        foreach (var url in urls)
        {
            var (status, html) = await outsider.GetAsync(url);

            Assert.True(status == HttpStatusCode.NotFound, $"{url} answered {status}");
            Assert.Contains("Not found", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IssueList_Reporter_SeesOnlyOwnIssues()
    {
        var project = await app.NewProjectAsync();
        var other = await app.NewUserAsync("Other reporter");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = other.Id, role = "reporter" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        await project.ReportAsync("Mine: quote totals wrong", by: project[ProjectRole.Reporter], area: "Quotes");
        var theirs = await project.ReportAsync("Theirs: cannot log in", by: other, area: "Quotes");
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, list) = await reporter.GetAsync(Page(project, "/issues"));
        var (otherStatus, _) = await reporter.GetAsync(Page(project, $"/issues/{theirs.Id}"));
        var (_, dashboard) = await reporter.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Mine: quote totals wrong", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirs: cannot log in", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirs: cannot log in", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherStatus);
    }

    [Fact]
    public async Task IssuePages_Sponsor_SeeNoReportEditOrTransitionForms()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Forecast totals wrong", by: project[ProjectRole.Reporter], area: "Quotes");
        var sponsor = await SignInAsync(project[ProjectRole.Sponsor]);

        var (detailStatus, detail) = await sponsor.GetAsync(Page(project, $"/issues/{issue.Id}"));
        var (_, report) = await sponsor.GetAsync(Page(project, "/issues/new"));
        var (_, edit) = await sponsor.GetAsync(Page(project, $"/issues/{issue.Id}/edit"));
        var (_, members) = await sponsor.GetAsync(Page(project, "/members"));
        var (_, dashboard) = await sponsor.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, detailStatus);
        Assert.Contains("Forecast totals wrong", detail, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(detail, "transition"));
        Assert.False(PagesSession.HasForm(detail, "comment"));
        Assert.DoesNotContain($"/issues/{issue.Id}/edit", detail, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(report, "report"));
        Assert.False(PagesSession.HasForm(edit, "edit"));
        Assert.False(PagesSession.HasForm(members, "add-member"));
        Assert.DoesNotContain("/issues/new", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportForm_BadInput_ShowsFieldMessagesKeepsInputAndWritesNothing()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter];
        var session = await SignInAsync(reporter);

        var (status, html, _) = await session.SubmitAsync(Page(project, "/issues/new"), "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "",
            ["Form.Description"] = "  ",
            ["Form.AffectedArea"] = "Quotes & <b>PDF</b>",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("title is required.", html, StringComparison.Ordinal);
        Assert.Contains("description is required.", html, StringComparison.Ordinal);
        Assert.Contains("proposedSeverity is required", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Quotes &amp; &lt;b&gt;PDF&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Equal(0, await CountIssuesAsync(reporter, project));
    }

    [Fact]
    public async Task ReportForm_ControlCharacterInTitle_400NamingTheFieldAndWritesNothing()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter];
        var session = await SignInAsync(reporter);

        var (status, html, _) = await session.SubmitAsync(Page(project, "/issues/new"), "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "Price\u0001book",
            ["Form.Description"] = "Quotes for Norway show no products.",
            ["Form.ProposedSeverity"] = "sev2",
        });
        var (nulStatus, nulHtml, _) = await session.SubmitAsync(Page(project, "/issues/new"), "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "Price\0book",
            ["Form.Description"] = "Quotes for Norway show no products.",
            ["Form.ProposedSeverity"] = "sev2",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"Form.Title\"", html, StringComparison.Ordinal);
        Assert.Contains("U+0001", html, StringComparison.Ordinal);
        // The framework's form reader refuses a NUL itself; the answer is still a problem document, not an empty 400.
        Assert.Equal(HttpStatusCode.BadRequest, nulStatus);
        Assert.Contains("The form cannot be read", nulHtml, StringComparison.Ordinal);
        Assert.Equal(0, await CountIssuesAsync(reporter, project));
    }

    [Fact]
    public async Task ReportForm_ValidInput_RedirectsToTheNewIssue()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, _, location) = await session.SubmitAsync(Page(project, "/issues/new"), "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "Price book missing for Nordic region",
            ["Form.Description"] = "Quotes for Norway show no products.",
            ["Form.ProposedSeverity"] = "sev2",
            ["Form.Category"] = "configurationChange",
        });

        Assert.Equal(HttpStatusCode.Redirect, status);
        var target = new Uri(new Uri("http://localhost"), location).PathAndQuery;
        Assert.Matches($"^/projects/{project.Id}/issues/\\d+\\?done=reported$", target);
        var (_, detail) = await session.GetAsync(target);
        Assert.Contains("Price book missing for Nordic region", detail, StringComparison.Ordinal);
        Assert.Contains("Configuration change", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransitionForm_Triage_MovesIssueAndDuplicateNeedsOriginal()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Cannot log in after reset", by: project[ProjectRole.Reporter], area: "Quotes");
        var triage = await SignInAsync(project[ProjectRole.Triage]);
        var url = Page(project, $"/issues/{issue.Id}");

        var (_, newIssuePage) = await triage.GetAsync(url);
        var (refusedStatus, refused, _) = await triage.SubmitAsync(url, "transition", new Dictionary<string, string>
        {
            ["Move.To"] = "duplicate",
            ["Move.Version"] = issue.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var triaged = await project.TriageAsync(issue.Id);
        var (movedStatus, _, location) = await triage.SubmitAsync(url, "transition", new Dictionary<string, string>
        {
            ["Move.To"] = "inProgress",
            ["Move.Note"] = "Looking into it",
            ["Move.Version"] = triaged.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var (_, after) = await triage.GetAsync(location!);

        // A New issue is not offered "Triaged" as a plain move: it is sent to the triage queue.
        Assert.DoesNotContain("<option value=\"triaged\"", newIssuePage, StringComparison.Ordinal);
        Assert.Contains($"/triage#issue-{issue.Id}", newIssuePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refusedStatus);
        Assert.Contains("role=\"alert\"", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, movedStatus);
        Assert.Contains("<dt>Status</dt><dd>In progress</dd>", after, StringComparison.Ordinal);
        Assert.Contains("Looking into it", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditForm_ChangedMeanwhile_ShowsCurrentValuesAndKeepsInput()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Report times out", by: project[ProjectRole.Reporter], area: "Quotes");
        var triage = project[ProjectRole.Triage];
        var session = await SignInAsync(triage);
        var version = issue.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var patch = await triage.Client.PatchAsJsonAsync($"{project.Issues}/{issue.Id}", new { version = issue.Version, title = "Pipeline report times out" }, HypercareApp.Json);
        patch.EnsureSuccessStatusCode();

        var (status, html, _) = await session.SubmitAsync(Page(project, $"/issues/{issue.Id}/edit"), "edit", new Dictionary<string, string>
        {
            ["Form.Version"] = version,
            ["Form.Title"] = "My better title",
            ["Form.Description"] = "Steps to reproduce ...",
            ["Form.Severity"] = "sev1",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Changed by someone else", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Pipeline report times out</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"My better title\"", html, StringComparison.Ordinal);
        var current = await triage.Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issue.Id}", HypercareApp.Json);
        Assert.Equal("Pipeline report times out", current!.Issue.Title);
    }
}
