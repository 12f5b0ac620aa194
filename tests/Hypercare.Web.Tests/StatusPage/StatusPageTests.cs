using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.StatusPage;

/// <summary>The public status page and release notes, through the API, on both engines.</summary>
public abstract class StatusPageTests(HypercareApp app)
{
    private static async Task<JsonElement> OkAsync(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<string> TokenAsync(TestProject project)
    {
        var link = await OkAsync(project[ProjectRole.HypercareLead].Client.PutAsJsonAsync($"{project.Url}/status-page", new { enabled = true }, HypercareApp.Json));
        return link.GetProperty("token").GetString()!;
    }

    [Fact]
    public async Task StatusPage_TurnedOff_404AndBackOnWorks()
    {
        var project = await app.NewProjectAsync("Status off");
        var token = await TokenAsync(project);
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/status/{token}")).StatusCode);

        await OkAsync(project[ProjectRole.ChangeManager].Client.PutAsJsonAsync($"{project.Url}/status-page", new { enabled = false }, HypercareApp.Json));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/status/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/status/{token}/json")).StatusCode);
        await OkAsync(project[ProjectRole.ChangeManager].Client.PutAsJsonAsync($"{project.Url}/status-page", new { enabled = true }, HypercareApp.Json));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/status/{token}/json")).StatusCode);
    }

    [Fact]
    public async Task StatusPage_Rotated_OldToken404NewTokenWorks()
    {
        var project = await app.NewProjectAsync("Status rotate");
        var old = await TokenAsync(project);
        var anonymous = app.CreateClient();

        var rotated = await OkAsync(project[ProjectRole.HypercareLead].Client.PostAsync($"{project.Url}/status-page/rotate", null));
        var fresh = rotated.GetProperty("token").GetString()!;

        Assert.NotEqual(old, fresh);
        Assert.True(fresh.Length >= 43);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/status/{old}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/status/{old}/json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/status/{fresh}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/status/not-a-real-token")).StatusCode);
    }

    [Fact]
    public async Task StatusPageAndReleaseNotes_IssueFullOfInternalDetail_NoneOfItAppears()
    {
        var project = await app.NewProjectAsync("Status internal");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage];
        var reporter = project[ProjectRole.Reporter].Client;
        var reported = await OkAsync(reporter.PostAsJsonAsync(project.Issues, new
        {
            title = "Invoice PDF is blank",
            description = "INTERNAL-DESCRIPTION the invoice template references a deleted field",
            proposedSeverity = "sev1",
        }, HypercareApp.Json));
        var issueId = reported.GetProperty("id").GetInt32();
        var issueUrl = $"{project.Issues}/{issueId}";
        await project.TriageAsync(issueId, "sev2", team: "steadyStateTeam", by: project[ProjectRole.HypercareLead]);
        await OkAsync(lead.PostAsJsonAsync($"{issueUrl}/comments", new { body = "INTERNAL-COMMENT downgraded: only affects one region" }, HypercareApp.Json));
        foreach (var to in new[] { "inProgress", "fixed" })
        {
            await OkAsync(lead.PostAsJsonAsync($"{issueUrl}/transitions", new { to, note = "INTERNAL-NOTE-" + to }, HypercareApp.Json));
        }

        // A second fixed issue without a known issue: the page counts it, never names it.
        var other = await OkAsync(lead.PostAsJsonAsync(project.Issues, new { title = "Jane Smith's pricebook is wrong", description = "d", proposedSeverity = "sev3" }, HypercareApp.Json));
        await project.MoveAsync(other.GetProperty("id").GetInt32(), "triaged", "fixed");

        var known = await OkAsync(lead.PostAsJsonAsync($"{project.Url}/known-issues", new
        {
            title = "Invoices print blank",
            symptoms = "The invoice PDF opens with no content.",
            workaround = "Print from the Invoice tab instead of the PDF button.",
            internalNotes = "INTERNAL-KNOWN template bug in release 4.2, Triage team owns",
            issueIds = new[] { issueId },
        }, HypercareApp.Json));
        var knownId = known.GetProperty("knownIssue").GetProperty("id").GetInt32();
        await OkAsync(lead.PostAsJsonAsync($"{project.Url}/known-issues/{knownId}/publish-workaround", new { version = known.GetProperty("version").GetInt32() }, HypercareApp.Json));
        var patch = await OkAsync(lead.PostAsJsonAsync($"{project.Url}/patches", new { plannedFor = app.Clock.GetUtcNow().AddHours(6) }, HypercareApp.Json));
        var patchId = patch.GetProperty("patch").GetProperty("id").GetInt32();
        var assigned = await OkAsync(lead.PostAsJsonAsync($"{project.Url}/patches/{patchId}/issues",
            new { issueIds = new[] { issueId, other.GetProperty("id").GetInt32() } }, HypercareApp.Json));
        var token = await TokenAsync(project);
        var anonymous = app.CreateClient();

        var upcomingHtml = await anonymous.GetStringAsync($"/status/{token}");
        var upcomingJson = await anonymous.GetStringAsync($"/status/{token}/json");
        var deployed = await OkAsync(lead.PostAsJsonAsync($"{project.Url}/patches/{patchId}/deploy",
            new { version = assigned.GetProperty("patch").GetProperty("version").GetInt32() }, HypercareApp.Json));
        var deployedHtml = await anonymous.GetStringAsync($"/status/{token}");
        var deployedJson = await anonymous.GetStringAsync($"/status/{token}/json");
        var notes = deployed.GetProperty("patch").GetProperty("releaseNotes").GetString()!;

        Assert.Contains("Invoices print blank", notes, StringComparison.Ordinal);
        Assert.Contains("Print from the Invoice tab", upcomingHtml, StringComparison.Ordinal);
        Assert.Contains("and 1 other fix", upcomingHtml, StringComparison.Ordinal);
        Assert.Contains("Fix scheduled — fix coming in Patch 1", upcomingHtml, StringComparison.Ordinal);
        Assert.Contains(">Fixed in Patch 1<", deployedHtml, StringComparison.Ordinal);
        var internals = new[]
        {
            "INTERNAL-", "template references a deleted field", "only affects one region", "release 4.2", triage.DisplayName,
            "Steady-state", "steadyStateTeam", "sev1", "sev2", "Sev1", "Sev2", "Triage team", "Jane Smith",
        };
        foreach (var text in new[] { upcomingHtml, upcomingJson, deployedHtml, deployedJson })
        {
            foreach (var secret in internals)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }

        foreach (var secret in internals)
        {
            Assert.DoesNotContain(secret, notes, StringComparison.Ordinal);
        }

        Assert.Equal(2, assigned.GetProperty("patch").GetProperty("issueCount").GetInt32());
    }

    [Fact]
    public async Task Suggest_ReportText_MatchingKnownIssueFirstAndFixedOnesLeftOut()
    {
        var project = await app.NewProjectAsync("Suggest");
        var lead = project[ProjectRole.HypercareLead].Client;
        foreach (var (title, symptoms) in new[]
        {
            ("Quotes with discounts cannot be saved", "Saving a quote with a discount line shows 'Unexpected error'."),
            ("Sign-in loops back to the login page", "After single sign-on the browser returns to the login screen."),
        })
        {
            await OkAsync(lead.PostAsJsonAsync($"{project.Url}/known-issues", new { title, symptoms }, HypercareApp.Json));
        }

        var result = await OkAsync(project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/known-issues/suggest?q={Uri.EscapeDataString("I can't save my quote, it shows an error")}"));
        var bad = await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/known-issues/suggest?q=");

        Assert.Equal("Quotes with discounts cannot be saved", result.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"q\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class StatusPageTests_Sqlite(SqliteApp app) : StatusPageTests(app), IClassFixture<SqliteApp>;

public sealed class StatusPageTests_Postgres(PostgresApp app) : StatusPageTests(app), IClassFixture<PostgresApp>;
