using System.Net;
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
}
