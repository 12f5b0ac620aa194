using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Handover;

/// <summary>The knowledge digest download through the API, on both engines: file type and name, who may have it, what it refuses.</summary>
public abstract class DigestApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private static string Digest(TestProject project, string query = "") => $"{project.Url}/handover/digest{query}";

    private string Today() => LocalDays.Today(app.Clock.GetUtcNow(), "Europe/Berlin").ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reports, triages and resolves an issue with a resolving note, as the triage team does.</summary>
    private static async Task<int> ResolvedAsync(TestProject project, string title, string note, string area = "Quotes")
    {
        var issue = await project.ReportAsync(title, area: area);
        await project.TriageAsync(issue.Id);
        var moved = await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{issue.Id}/transitions", new { to = "resolved", note }, Json);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        return issue.Id;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static bool Names(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _);

    [Fact]
    public async Task Digest_Markdown_IsAUtf8MarkdownAttachmentNamedAfterTheProjectAndTheDay()
    {
        var project = await app.NewProjectAsync("Zürich CRM");
        var id = await ResolvedAsync(project, "Quote PDF shows wrong VAT", "The AT tax rule was missing; added it.");

        var response = await project[ProjectRole.SteadyStateSupport].Client.GetAsync(Digest(project));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches($"^zurich-crm-[0-9]+-knowledge-digest-{Today()}\\.md$", disposition.FileName!.Trim('"'));
        var markdown = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("# Knowledge digest: Zürich CRM ", markdown, StringComparison.Ordinal);
        Assert.Contains($"#### #{id} Quote PDF shows wrong VAT", markdown, StringComparison.Ordinal);
        Assert.Contains("> The AT tax rule was missing; added it.", markdown, StringComparison.Ordinal);
        Assert.Contains("Internal text is not included", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(project[ProjectRole.Reporter].DisplayName, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_Html_IsAnHtmlAttachment_AndATitleWithScriptComesOutEscaped()
    {
        var project = await app.NewProjectAsync("Html digest");
        await ResolvedAsync(project, "<script>alert(1)</script> | # * in the title", "<img src=x onerror=alert(2)> fixed");

        var response = await project[ProjectRole.Sponsor].Client.GetAsync(Digest(project, "?format=html"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith($"-knowledge-digest-{Today()}.html", response.Content.Headers.ContentDisposition.FileName!.Trim('"'), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; | # * in the title</h4>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt; fixed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Digest_Reporter403_NonMember404_IncludeInternalWithoutThePermission403NamingIt()
    {
        var project = await app.NewProjectAsync("Digest access");
        var elsewhere = await app.NewProjectAsync("Elsewhere");

        var reporter = await ProblemAsync(await project[ProjectRole.Reporter].Client.GetAsync(Digest(project)), HttpStatusCode.Forbidden);
        var reporterInternal = await ProblemAsync(await project[ProjectRole.Reporter].Client.GetAsync(Digest(project, "?includeInternal=true")), HttpStatusCode.Forbidden);
        var outsider = await ProblemAsync(await elsewhere[ProjectRole.HypercareLead].Client.GetAsync(Digest(project)), HttpStatusCode.NotFound);
        var anonymous = await app.CreateClient().GetAsync(Digest(project));

        Assert.False(Names(reporter, "includeInternal"));
        Assert.True(Names(reporterInternal, "includeInternal"));
        Assert.Contains("includeInternal", reporterInternal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Project was not found.", outsider.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        foreach (var role in new[] { ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport, ProjectRole.ChangeManager, ProjectRole.Sponsor })
        {
            Assert.Equal(HttpStatusCode.OK, (await project[role].Client.GetAsync(Digest(project, "?includeInternal=true"))).StatusCode);
        }
    }

    [Fact]
    public async Task Digest_IncludeInternal_AddsTheInternalNotes_WhichAreLeftOutOtherwise()
    {
        var project = await app.NewProjectAsync("Digest internal");
        var id = await ResolvedAsync(project, "Discounted quote won't save", "Saved it without the discount.");
        var lead = project[ProjectRole.HypercareLead].Client;
        var created = await lead.PostAsJsonAsync($"{project.Url}/known-issues", new
        {
            title = "Quotes with discounts cannot be saved",
            symptoms = "Saving shows 'Unexpected error'.",
            workaround = "Save first, then add the discount.",
            internalNotes = "Rule QUO-17 misfires on a null list price",
            issueIds = new[] { id },
        }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var plain = await (await lead.GetAsync(Digest(project))).Content.ReadAsStringAsync();
        var full = await (await lead.GetAsync(Digest(project, "?includeInternal=true&format=markdown"))).Content.ReadAsStringAsync();

        Assert.DoesNotContain("QUO-17", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("Save first, then add the discount.", plain, StringComparison.Ordinal);
        Assert.Contains("> Rule QUO-17 misfires on a null list price", full, StringComparison.Ordinal);
        Assert.Contains("> Save first, then add the discount.", full, StringComparison.Ordinal);
        Assert.Contains("**Internal text is included**", full, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_BadFormatSinceOrIncludeInternal_400NamingTheField_AndGoodFiltersNarrowIt()
    {
        var project = await app.NewProjectAsync("Digest input");
        var quotes = await ResolvedAsync(project, "Quote total wrong", "Fixed the rounding rule.", "Quotes");
        var billing = await ResolvedAsync(project, "Invoice total wrong", "Fixed the tax rule.", "Billing");
        var lead = project[ProjectRole.HypercareLead].Client;
        var tomorrow = LocalDays.Today(app.Clock.GetUtcNow(), "Europe/Berlin").AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var format = await ProblemAsync(await lead.GetAsync(Digest(project, "?format=pdf")), HttpStatusCode.BadRequest);
        var badDate = await ProblemAsync(await lead.GetAsync(Digest(project, "?since=2026-13-01")), HttpStatusCode.BadRequest);
        var future = await ProblemAsync(await lead.GetAsync(Digest(project, $"?since={tomorrow}")), HttpStatusCode.BadRequest);
        var flag = await ProblemAsync(await lead.GetAsync(Digest(project, "?includeInternal=maybe")), HttpStatusCode.BadRequest);
        var onlyBilling = await (await lead.GetAsync(Digest(project, $"?area=%20BILLING&since={Today()}"))).Content.ReadAsStringAsync();

        Assert.True(Names(format, "format"));
        Assert.Contains("markdown, html", format.GetProperty("errors").GetProperty("format")[0].GetString(), StringComparison.Ordinal);
        Assert.True(Names(badDate, "since"));
        Assert.True(Names(future, "since"));
        Assert.True(Names(flag, "includeInternal"));
        Assert.Contains($"#### #{billing} Invoice total wrong", onlyBilling, StringComparison.Ordinal);
        Assert.DoesNotContain($"#{quotes} ", onlyBilling, StringComparison.Ordinal);
        Assert.Contains("Only the area **Billing**.", onlyBilling, StringComparison.Ordinal);
    }
}

public sealed class DigestApiTests_Sqlite(SqliteApp app) : DigestApiTests(app), IClassFixture<SqliteApp>;

public sealed class DigestApiTests_Postgres(PostgresApp app) : DigestApiTests(app), IClassFixture<PostgresApp>;
