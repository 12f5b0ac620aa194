using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Planning;

/// <summary>The SOW plan page: the lead generates from the form, the sponsor reads, other roles neither see it nor its link.</summary>
public sealed class SowPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project) => $"/projects/{project.Id}/sow";

    private static Dictionary<string, string> Fields(string licensedUsers = "120") => new()
    {
        ["Form.System"] = "Salesforce Service Cloud",
        ["Form.LicensedUsers"] = licensedUsers,
        ["Form.Sites"] = "1",
        ["Form.TimeZones"] = "Europe/Berlin",
        ["Form.Integrations"] = "1",
        ["Form.MigratedRecords"] = "0",
        ["Form.Customisation"] = "low",
        ["Form.Criticality"] = "low",
        ["Form.Rollout"] = "pilot",
        ["Form.GoLive"] = "2026-06-01",
        ["Form.Template"] = "recommended",
        ["Form.Currency"] = "EUR",
        ["Form.People[0]"] = "1",
        ["Form.DayRates[0]"] = "1200",
        ["Form.People[1]"] = "4",
        ["Form.DayRates[1]"] = "800",
        ["Form.People[2]"] = "2",
        ["Form.DayRates[2]"] = "600",
    };

    [Fact]
    public async Task SowPage_LeadGeneratesFromTheForm_SponsorReadsItWithoutTheForm_TriageSeesNeither()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (_, empty) = await lead.GetAsync(Page(project));
        var (_, _, location) = await lead.SubmitAsync(Page(project), "generate", Fields());
        var (_, generated) = await lead.GetAsync(location!);
        var (status, asSponsor) = await (await SignInAsync(project[ProjectRole.Sponsor])).GetAsync(Page(project));
        var (_, asTriage) = await (await SignInAsync(project[ProjectRole.Triage])).GetAsync(Page(project));

        Assert.Contains("No SOW plan yet. Generate one below.", empty, StringComparison.Ordinal);
        Assert.EndsWith($"{Page(project)}?done=generated", location, StringComparison.Ordinal);
        Assert.Contains("SOW plan generated and kept.", generated, StringComparison.Ordinal);
        Assert.Contains("<strong>14 days</strong> standard plan", generated, StringComparison.Ordinal);
        Assert.Contains("EUR 40,562.50", generated, StringComparison.Ordinal);
        Assert.Contains("for 90-day continuous", generated, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("EUR 40,562.50", asSponsor, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page(project)}\"", asSponsor, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(asSponsor, "generate"));
        Assert.Contains("Your role does not see the SOW plan.", asTriage, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Page(project)}\"", asTriage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SowPage_BadField_IsNamed_AndNothingIsKept()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (_, html, location) = await lead.SubmitAsync(Page(project), "generate", Fields(licensedUsers: "0"));

        Assert.Null(location);
        Assert.Contains("The plan was not generated: licensedUsers: licensedUsers must be between 1 and 10000000 (got 0).", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().SowPlans.CountAsync(p => p.ProjectId == project.Id)));
    }

    [Fact]
    public async Task SowPage_LeadPreviewsAndAppliesThePlan_SponsorSeesTheBurnButNoApply()
    {
        var project = await app.NewProjectAsync("Sow apply");
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);
        var goLive = await app.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().Projects.Where(p => p.Id == project.Id).Select(p => p.GoLiveDate).SingleAsync());
        // 28 days: Intensive for two weeks (as the project has), Stabilise for the next two.
        var fields = Fields(licensedUsers: "2000");
        fields["Form.Integrations"] = "3";
        fields["Form.Customisation"] = "medium";
        fields["Form.GoLive"] = goLive.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await lead.SubmitAsync(Page(project), "generate", fields);

        var (_, before) = await lead.GetAsync(Page(project));
        var (_, _, location) = await lead.SubmitAsync(Page(project), "apply", new Dictionary<string, string> { ["ApplyVersion"] = "1" });
        var (_, after) = await lead.GetAsync(location!);
        var (_, asSponsor) = await (await SignInAsync(project[ProjectRole.Sponsor])).GetAsync(Page(project));

        // Live for three days: the running Intensive phase stays as it is, the future Stabilise takes the plan's values.
        Assert.Contains("The project is live: only phases after today change", before, StringComparison.Ordinal);
        Assert.Contains("data-change=\"keep\"><th scope=\"row\">Intensive</th>", before, StringComparison.Ordinal);
        Assert.Contains("data-change=\"update\"><th scope=\"row\">Stabilise</th>", before, StringComparison.Ordinal);
        Assert.EndsWith($"{Page(project)}?done=applied#apply", location, StringComparison.Ordinal);
        Assert.Contains("SOW plan applied to the project.", after, StringComparison.Ordinal);
        Assert.Contains("The project already follows this plan.", after, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(after, "apply"));
        Assert.Contains("id=\"burn\">Budget burn</h2>", asSponsor, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/v1/projects/{project.Id}/sow/export?format=docx\"", asSponsor, StringComparison.Ordinal);
        Assert.Contains("Hypercare lead (not on the rota: counted as planned)", asSponsor, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"apply\"", asSponsor, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(asSponsor, "apply"));
    }

    [Fact]
    public async Task Dashboard_ProjectGoingLiveInFiveDaysWithoutPlanOrPeople_ShowsItsPitfallsToTheLead_NotToTriage()
    {
        var goLive = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(5);
        var created = await app.Admin.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Pitfalls " + Guid.NewGuid().ToString("N")[..6],
            systemName = "ERP",
            goLiveDate = goLive.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            plannedEndDate = goLive.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            timeZoneId = "Europe/Berlin",
        }, HypercareApp.Json);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(HypercareApp.Json)).GetProperty("id").GetInt32();
        var leadUser = await app.NewUserAsync("Lead");
        var triageUser = await app.NewUserAsync("Triage");
        (await app.Admin.PostAsJsonAsync($"/api/v1/projects/{id}/members", new { userId = leadUser.Id, role = "hypercareLead" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        (await app.Admin.PostAsJsonAsync($"/api/v1/projects/{id}/members", new { userId = triageUser.Id, role = "triage" }, HypercareApp.Json)).EnsureSuccessStatusCode();

        var (_, asLead) = await (await SignInAsync(leadUser)).GetAsync($"/projects/{id}");
        var (_, asTriage) = await (await SignInAsync(triageUser)).GetAsync($"/projects/{id}");

        Assert.Contains("data-pitfall=\"noPlan\">Go-live is in 5 days", asLead, StringComparison.Ordinal);
        Assert.Contains("data-pitfall=\"noExitCriteria\"", asLead, StringComparison.Ordinal);
        Assert.Contains("data-pitfall=\"noSponsor\"", asLead, StringComparison.Ordinal);
        Assert.Contains("data-pitfall=\"noSteadyStateMember\"", asLead, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{id}/sow\">Act on it</a>", asLead, StringComparison.Ordinal);
        Assert.DoesNotContain("data-pitfall", asTriage, StringComparison.Ordinal);
    }
}
