using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.KnownIssues;

/// <summary>
/// The known-issue, patch and status-page pages, the known-issue panel on an issue and the known-issue check on the
/// report form: what each role sees, what the forms do, and what they refuse.
/// </summary>
public sealed class KnownIssuePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Script = "<script>alert(1)</script>";

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Known(TestProject project, int? id = null) => id is null ? $"/projects/{project.Id}/known-issues" : $"/projects/{project.Id}/known-issues/{id}";

    private static string PatchesPage(TestProject project) => $"/projects/{project.Id}/patches";

    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<IssueResponse> FixAsync(TestProject project, int issueId) => project.MoveAsync(issueId, "triaged", "fixed");

    private static async Task<int> KnownIssueAsync(TestProject project, string title, string? workaround, params int[] issueIds)
    {
        var known = await OkAsync(project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/known-issues",
            new { title, symptoms = "Saving shows 'Unexpected error'.", workaround, internalNotes = "INTERNAL validation rule VR-12", issueIds }, HypercareApp.Json));
        return known.GetProperty("knownIssue").GetProperty("id").GetInt32();
    }

    /// <summary>Publishes the workaround as the lead, sending the version just read.</summary>
    private static async Task PublishAsync(TestProject project, int id)
    {
        var version = (await KnownDetailAsync(project, id)).GetProperty("version").GetInt32();
        await OkAsync(project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/known-issues/{id}/publish-workaround", new { version }, HypercareApp.Json));
    }

    private static async Task<JsonElement> KnownDetailAsync(TestProject project, int id) =>
        await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/known-issues/{id}"));

    private static async Task<int> CountKnownAsync(TestProject project) =>
        (await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/known-issues"))).GetArrayLength();

    [Fact]
    public async Task KnownIssuesList_LinkedReportsFromTwoPeople_ShowsStatusPeopleCountAndWorkaround()
    {
        var project = await app.NewProjectAsync();
        var first = (await project.ReportAsync("Quote save fails", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var second = (await project.ReportAsync("Cannot save my quote", by: project[ProjectRole.ChangeManager], description: "Steps: open it, it fails.")).Id;
        var id = await KnownIssueAsync(project, "Quotes with discounts cannot be saved", "Save without the discount, then add it.", first, second);
        await PublishAsync(project, id);
        var session = await SignInAsync(project[ProjectRole.Sponsor]);

        var (status, html) = await session.GetAsync(Known(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Quotes with discounts cannot be saved", html, StringComparison.Ordinal);
        Assert.Contains("Workaround available", html, StringComparison.Ordinal);
        Assert.Matches($"id=\"known-{id}\"[\\s\\S]*?<td class=\"num\">2</td>\\s*<td class=\"num\">2</td>\\s*<td>Published ", html);
        Assert.Contains($"href=\"{Known(project)}\" aria-current=\"page\">Known issues</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownIssuePage_PublishWorkaround_SaysHowManyAreToldAndPublishes()
    {
        var project = await app.NewProjectAsync();
        var first = (await project.ReportAsync("Login loops", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var second = (await project.ReportAsync("Sign-in goes back to login", by: project[ProjectRole.ChangeManager], description: "Steps: open it, it fails.")).Id;
        var id = await KnownIssueAsync(project, "Sign-in loops back to the login page", "Clear cookies, then sign in again.", first, second);
        var session = await SignInAsync(project[ProjectRole.Triage]);

        var (_, before) = await session.GetAsync(Known(project, id));
        var (status, _, location) = await session.SubmitAsync(Known(project, id), "publish", new Dictionary<string, string> { ["Publish.Version"] = "0" });
        var (_, after) = await session.GetAsync(location!);
        var detail = await KnownDetailAsync(project, id);
        var comments = await OkAsync(project[ProjectRole.Reporter].Client.GetAsync($"{project.Issues}/{first}"));

        Assert.Contains("Draft: only the project team sees it", before, StringComparison.Ordinal);
        Assert.Contains("tells 2 reporter(s)", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("The workaround was published", after, StringComparison.Ordinal);
        Assert.Contains("id=\"workaround-published\"", after, StringComparison.Ordinal);
        Assert.Equal("workaroundAvailable", detail.GetProperty("knownIssue").GetProperty("status").GetString());
        Assert.Contains(comments.GetProperty("comments").EnumerateArray(), c => c.GetProperty("body").GetString()!.Contains("Clear cookies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateForm_EmptyTitleAndBadIssueNumber_NamesFieldsAndCreatesNothing()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.ChangeManager]);

        var (status, html, _) = await session.SubmitAsync(Known(project), "create-known", new Dictionary<string, string>
        {
            ["Create.Title"] = " ",
            ["Create.Symptoms"] = "Something breaks",
            ["Create.IssueIds"] = "12, abc",
        });
        var (status2, html2, _) = await session.SubmitAsync(Known(project), "create-known", new Dictionary<string, string>
        {
            ["Create.Title"] = " ",
            ["Create.Symptoms"] = "Something breaks",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"issueIds-error\"", html, StringComparison.Ordinal);
        Assert.Contains("is not an issue number", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Contains("id=\"title-error\"", html2, StringComparison.Ordinal);
        Assert.Contains(">Something breaks</textarea>", html2, StringComparison.Ordinal);
        Assert.Equal(0, await CountKnownAsync(project));
    }

    [Fact]
    public async Task CreateForm_Valid_CreatesLinkedKnownIssueAndOpensIt()
    {
        var project = await app.NewProjectAsync();
        var issue = (await project.ReportAsync("Report times out", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, _, location) = await session.SubmitAsync(Known(project), "create-known", new Dictionary<string, string>
        {
            ["Create.Title"] = "Pipeline report times out",
            ["Create.Symptoms"] = "The report spins, then says 'timeout'.",
            ["Create.IssueIds"] = $"#{Id(issue)}",
        });
        var (_, page) = await session.GetAsync(location!);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("The known issue was created.", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"linked-{issue}\"", page, StringComparison.Ordinal);
        Assert.Contains("Investigating", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditForm_ClearedTitle_NamesTitleAndChangesNothing()
    {
        var project = await app.NewProjectAsync();
        var id = await KnownIssueAsync(project, "Forecast totals differ", null);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html, _) = await session.SubmitAsync(Known(project, id), "edit", new Dictionary<string, string>
        {
            ["Edit.Version"] = "0",
            ["Edit.Title"] = "",
            ["Edit.Symptoms"] = "Changed symptoms",
        });
        var detail = await KnownDetailAsync(project, id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"edit-title-error\"", html, StringComparison.Ordinal);
        Assert.Equal("Forecast totals differ", detail.GetProperty("knownIssue").GetProperty("title").GetString());
        Assert.Equal("Saving shows 'Unexpected error'.", detail.GetProperty("knownIssue").GetProperty("symptoms").GetString());
    }

    [Theory]
    [InlineData(ProjectRole.Reporter)]
    [InlineData(ProjectRole.Sponsor)]
    public async Task KnownIssuePages_RoleWithoutManage_NoWriteFormsAndForgedPostsChangeNothing(ProjectRole role)
    {
        var project = await app.NewProjectAsync();
        var issue = (await project.ReportAsync("Quote PDF VAT wrong", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var id = await KnownIssueAsync(project, "Quote PDF shows the wrong VAT rate", "Use the classic template.", issue);
        var session = await SignInAsync(project[role]);

        var (listStatus, list) = await session.GetAsync(Known(project));
        var (detailStatus, page) = await session.GetAsync(Known(project, id));
        var (createStatus, _, createdAt) = await session.ForgeAsync(Known(project), "create-known", new Dictionary<string, string>
        {
            ["Create.Title"] = "Forged",
            ["Create.Symptoms"] = "Forged",
        });
        var (publishStatus, _, publishedAt) = await session.ForgeAsync(Known(project, id), "publish", new Dictionary<string, string>());
        var detail = await KnownDetailAsync(project, id);

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Equal(HttpStatusCode.OK, detailStatus);
        foreach (var form in new[] { "create-known", "status-page" })
        {
            Assert.False(PagesSession.HasForm(list, form), form);
        }

        foreach (var form in new[] { "publish", "edit", "link", "move", $"unlink-{issue}" })
        {
            Assert.False(PagesSession.HasForm(page, form), form);
        }

        if (role == ProjectRole.Reporter)
        {
            // Reporters see the public part only: no internal notes, no draft workaround.
            Assert.DoesNotContain("INTERNAL validation rule", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Use the classic template.", page, StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.Redirect, createStatus);
        Assert.Null(createdAt);
        Assert.NotEqual(HttpStatusCode.Redirect, publishStatus);
        Assert.Null(publishedAt);
        Assert.Equal(1, await CountKnownAsync(project));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("knownIssue").GetProperty("workaroundPublishedAt").ValueKind);
    }

    [Fact]
    public async Task KnownIssuePages_TitleSymptomsWithScript_AreEncoded()
    {
        var project = await app.NewProjectAsync();
        var issue = (await project.ReportAsync("Broken", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var id = await KnownIssueAsync(project, Script, Script, issue);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        foreach (var url in new[] { Known(project), Known(project, id), $"/projects/{project.Id}/issues/{issue}" })
        {
            var (status, html) = await session.GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IssuePage_NotLinked_LeadLinksItAndPageShowsKnownIssueWithWorkaround()
    {
        var project = await app.NewProjectAsync();
        var issue = (await project.ReportAsync("Outlook meetings missing", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        var id = await KnownIssueAsync(project, "Outlook meetings do not sync", "Add the meeting by hand in Sales Cloud.");
        await PublishAsync(project, id);
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);
        var url = $"/projects/{project.Id}/issues/{issue}";

        var (_, before) = await lead.GetAsync(url);
        var (status, _, location) = await lead.SubmitAsync(url, "link-known-issue", new Dictionary<string, string> { ["KnownLink.KnownIssueId"] = Id(id) });
        var (_, after) = await lead.GetAsync(location!);
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);
        var (_, reporterView) = await reporter.GetAsync(url);

        Assert.Contains("Not linked to a known issue.", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains("The issue was linked to the known issue.", after, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Known(project, id)}\"", after, StringComparison.Ordinal);
        Assert.Contains("Add the meeting by hand in Sales Cloud.", reporterView, StringComparison.Ordinal);
        Assert.Contains("Workaround available", reporterView, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(reporterView, "link-known-issue"));
        Assert.Equal(1, (await KnownDetailAsync(project, id)).GetProperty("knownIssue").GetProperty("linkedIssues").GetInt32());
    }

    [Fact]
    public async Task ReportPage_CheckKnownIssues_KeepsTypedValuesShowsMatchAndReportsNothing()
    {
        var project = await app.NewProjectAsync();
        var id = await KnownIssueAsync(project, "Quotes with discounts cannot be saved", "Save the quote first, then add the discount line.");
        await PublishAsync(project, id);
        await KnownIssueAsync(project, "Outlook meetings do not sync", null);
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);
        var url = $"/projects/{project.Id}/issues/new";

        var (status, html, location) = await reporter.SubmitAsync(url, "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "Saving a discounted quote fails",
            ["Form.Description"] = "I add a discount and save the quote: error.",
            ["Form.ProposedSeverity"] = "sev2",
            ["Form.Action"] = "check",
        });
        var (reported, _, reportedAt) = await reporter.SubmitAsync(url, "report", new Dictionary<string, string>
        {
            ["Form.Title"] = "Saving a discounted quote fails",
            ["Form.Description"] = "I add a discount and save the quote: error.",
            ["Form.ProposedSeverity"] = "sev2",
            ["Form.KnownIssueId"] = Id(id),
        });
        var issueId = System.Text.RegularExpressions.Regex.Match(reportedAt!, "/issues/(\\d+)").Groups[1].Value;
        var issue = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Issues}/{issueId}"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(location);
        Assert.Contains("Known issues that look like yours", html, StringComparison.Ordinal);
        Assert.Contains("Save the quote first, then add the discount line.", html, StringComparison.Ordinal);
        Assert.Contains($"name=\"Form.KnownIssueId\" value=\"{id}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Saving a discounted quote fails\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reported);
        Assert.Contains("the known issue \"Quotes with discounts cannot be saved\"", issue.GetProperty("issue").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusPageSettings_LeadTurnsOnAndRotates_LinkShownAndOldLinkDead()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (tooLong, refused, _) = await lead.SubmitAsync(Known(project), "status-page", new Dictionary<string, string>
        {
            ["Status.Submitted"] = "true",
            ["Status.Enabled"] = "true",
            ["Status.HowToGetHelp"] = new string('h', 2001),
        });
        var (saved, _, location) = await lead.SubmitAsync(Known(project), "status-page", new Dictionary<string, string>
        {
            ["Status.Submitted"] = "true",
            ["Status.Enabled"] = "true",
            ["Status.HowToGetHelp"] = "Call the hypercare desk on 555-0100.",
        });
        var (_, on) = await lead.GetAsync(location!);
        var first = System.Text.RegularExpressions.Regex.Match(on, "id=\"status-url\" href=\"(/status/[^\"]+)\"").Groups[1].Value;
        var (_, _, rotatedAt) = await lead.SubmitAsync(Known(project), "rotate-status-page", new Dictionary<string, string>());
        var (_, rotated) = await lead.GetAsync(rotatedAt!);
        var second = System.Text.RegularExpressions.Regex.Match(rotated, "id=\"status-url\" href=\"(/status/[^\"]+)\"").Groups[1].Value;
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, tooLong);
        Assert.Contains("id=\"howToGetHelp-error\"", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved);
        Assert.Contains("The status page settings were saved.", on, StringComparison.Ordinal);
        Assert.StartsWith("/status/", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Contains("555-0100", await anonymous.GetStringAsync(second), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PatchesPage_LeadSetsCadencePlansAssignsAndDeploys_IssueResolvedAndKnownIssueFixed()
    {
        var project = await app.NewProjectAsync();
        var issue = (await project.ReportAsync("Approval stuck", by: project[ProjectRole.Reporter], description: "Steps: open it, it fails.")).Id;
        await FixAsync(project, issue);
        var id = await KnownIssueAsync(project, "Approvals over 20% get stuck", "Ask your manager to approve by e-mail.", issue);
        var phases = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/plan/phases"));
        var phaseId = phases[0].GetProperty("id").GetInt32();
        var session = await SignInAsync(project[ProjectRole.Triage]);

        var (badStatus, bad, _) = await session.SubmitAsync(PatchesPage(project), $"cadence-{phaseId}", new Dictionary<string, string>
        {
            ["Cadence.Kind"] = "daily",
            ["Cadence.DeployAt"] = "25:99",
        });
        var (cadenceStatus, _, _) = await session.SubmitAsync(PatchesPage(project), $"cadence-{phaseId}", new Dictionary<string, string>
        {
            ["Cadence.Kind"] = "daily",
            ["Cadence.DeployAt"] = "18:00",
        });
        var (_, withSlots) = await session.GetAsync(PatchesPage(project));
        var slotForm = System.Text.RegularExpressions.Regex.Match(withSlots, "name=\"_handler\" value=\"(slot-\\d+)\"").Groups[1].Value;
        var (planned, _, _) = await session.SubmitAsync(PatchesPage(project), slotForm, new Dictionary<string, string>());
        var plan = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/patches/plan"));
        var patchId = plan.GetProperty("upcoming")[0].GetProperty("id").GetInt32();
        var (assigned, _, _) = await session.SubmitAsync(PatchesPage(project), $"assign-{issue}", new Dictionary<string, string> { ["Assign.PatchId"] = Id(patchId) });
        var (_, beforeDeploy) = await session.GetAsync(PatchesPage(project));
        var (_, scheduledList) = await session.GetAsync(Known(project));
        // The form's hidden version field, as the browser would send it.
        var patchVersion = Id((await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/patches/{Id(patchId)}"))).GetProperty("patch").GetProperty("version").GetInt32());
        var (futureStatus, future, _) = await session.SubmitAsync(PatchesPage(project), $"deploy-{patchId}", new Dictionary<string, string>
        {
            ["Deploy.DeployedAt"] = "2099-01-01T10:00",
            ["Deploy.Version"] = patchVersion,
        });
        var (deployed, _, location) = await session.SubmitAsync(PatchesPage(project), $"deploy-{patchId}", new Dictionary<string, string> { ["Deploy.Version"] = patchVersion });
        var (_, after) = await session.GetAsync(location!);
        var resolved = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Issues}/{issue}"));
        var known = await KnownDetailAsync(project, id);

        Assert.Equal(HttpStatusCode.OK, badStatus);
        Assert.Contains($"id=\"cadence-{phaseId}-deployAt-error\"", bad, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, cadenceStatus);
        Assert.Equal(HttpStatusCode.Redirect, planned);
        Assert.Equal(HttpStatusCode.Redirect, assigned);
        Assert.Contains("Approvals over 20% get stuck", beforeDeploy, StringComparison.Ordinal);
        Assert.Contains("Fix scheduled in Patch 1", scheduledList, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, futureStatus);
        Assert.Contains($"id=\"deploy-{patchId}-deployedAt-error\"", future, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deployed);
        Assert.Contains("The patch was marked deployed", after, StringComparison.Ordinal);
        Assert.Equal("resolved", resolved.GetProperty("issue").GetProperty("status").GetString());
        Assert.Equal("fixed", known.GetProperty("knownIssue").GetProperty("status").GetString());
    }

    [Fact]
    public async Task PatchesPage_BadCadenceAndNotes_NameTheFieldAndChangeNothing()
    {
        var project = await app.NewProjectAsync();
        var phases = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/plan/phases"));
        var phaseId = phases[0].GetProperty("id").GetInt32();
        var patch = await OkAsync(project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/patches",
            new { plannedFor = app.Clock.GetUtcNow().AddDays(1) }, HypercareApp.Json));
        var patchId = patch.GetProperty("patch").GetProperty("id").GetInt32();
        var notes = patch.GetProperty("patch").GetProperty("releaseNotes").GetString();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (datesStatus, dates, _) = await session.SubmitAsync(PatchesPage(project), $"cadence-{phaseId}", new Dictionary<string, string>
        {
            ["Cadence.Kind"] = "chosenDates",
            ["Cadence.DeployAt"] = "18:00",
            ["Cadence.Dates"] = "2020-01-01",
        });
        var (notesStatus, emptied, _) = await session.SubmitAsync(PatchesPage(project), $"notes-{patchId}", new Dictionary<string, string>
        {
            ["Notes.Version"] = "0",
            ["Notes.ReleaseNotes"] = " ",
        });
        var plan = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/patches/plan"));

        Assert.Equal(HttpStatusCode.OK, datesStatus);
        Assert.Contains($"id=\"cadence-{phaseId}-dates-error\"", dates, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notesStatus);
        Assert.Contains($"id=\"notes-{patchId}-releaseNotes-error\"", emptied, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, plan.GetProperty("cadences")[0].GetProperty("kind").ValueKind);
        Assert.Equal(notes, plan.GetProperty("upcoming")[0].GetProperty("releaseNotes").GetString());
    }

    [Theory]
    [InlineData(ProjectRole.Reporter)]
    [InlineData(ProjectRole.Sponsor)]
    [InlineData(ProjectRole.ChangeManager)]
    public async Task PatchesPage_RoleWithoutManagePatches_NoWriteFormsAndForgedDeployRefused(ProjectRole role)
    {
        var project = await app.NewProjectAsync();
        var patch = await OkAsync(project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/patches",
            new { plannedFor = app.Clock.GetUtcNow().AddDays(1) }, HypercareApp.Json));
        var patchId = patch.GetProperty("patch").GetProperty("id").GetInt32();
        var session = await SignInAsync(project[role]);

        var (status, html) = await session.GetAsync(PatchesPage(project));
        var (forged, _, location) = await session.ForgeAsync(PatchesPage(project), $"deploy-{patchId}", new Dictionary<string, string>());
        var after = await OkAsync(project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/patches/{patchId}"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("name=\"_handler\" value=\"deploy-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"cadence-", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"notes-", html, StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.Redirect, forged);
        Assert.Null(location);
        Assert.Equal("planned", after.GetProperty("patch").GetProperty("status").GetString());
    }
}
