using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Exit;
using Hypercare.Core.Projects;
using Hypercare.Web.Components;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Exit;

/// <summary>The Exit page: rules with evidence, the lead's decisions, the sponsor's sign-off, and nothing for reporters.</summary>
public sealed class ExitPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project) => $"/projects/{project.Id}/exit";

    /// <summary>Submits a form and, when the page redirects after a success, reads where it sends the person.</summary>
    private static async Task<string> SubmitAsync(PagesSession session, TestProject project, string form, Dictionary<string, string> fields)
    {
        var (_, html, location) = await session.SubmitAsync(Page(project), form, fields);
        return location is null ? html : (await session.GetAsync(location)).Html;
    }

    [Fact]
    public async Task ExitPage_Lead_SeesEvidenceLinkedToTheIssue_AndSwitchesARuleOn()
    {
        var project = await app.NewProjectAsync();
        var sev1 = await project.ReportAsync("Quotes cannot be sent", "sev1");
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html) = await lead.GetAsync(Page(project));
        var saved = await SubmitAsync(lead, project, "rules", new Dictionary<string, string>
        {
            ["Rules.Enabled"] = "noOpenSev1",
            ["Rules.Days[noNewHighSeverity]"] = "3",
            ["Rules.Days[steadyStateHandlesNewIssues]"] = "5",
            ["Rules.Percent[steadyStateHandlesNewIssues]"] = "80",
            ["Rules.Days[slaCompliance]"] = "7",
            ["Rules.Percent[slaCompliance]"] = "90",
        });
        var refused = await SubmitAsync(lead, project, "rules", new Dictionary<string, string>
        {
            ["Rules.Enabled"] = "slaCompliance",
            ["Rules.Days[slaCompliance]"] = "0",
            ["Rules.Percent[slaCompliance]"] = "90",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/projects/{project.Id}/issues/{sev1.Id}\">#{sev1.Id} reported as Sev1", html, StringComparison.Ordinal);
        Assert.Contains("Exit rules saved.", saved, StringComparison.Ordinal);
        Assert.Contains("data-rule=\"noOpenSev1\"", saved, StringComparison.Ordinal);
        // The seed's rules were switched off in that save: only "no open Sev1" is evaluated.
        Assert.DoesNotContain("data-rule=\"noNewHighSeverity\"", saved, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed: SLA compliance, days: days is a whole number of days from 1 to 60.", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_TilesShowThisWeeksSteadyStateShareRescuesAndExtensions_AsTheExitStatusCountsThem_AndNotToReporters()
    {
        var project = await app.NewProjectAsync();
        await project.SteadyStateHandledAndRescuedAsync();
        var leadApi = project[ProjectRole.HypercareLead].Client;
        var before = (await leadApi.GetFromJsonAsync<ExitStatus>($"{project.Url}/exit", HypercareApp.Json))!;
        (await leadApi.PostAsJsonAsync($"{project.Url}/exit/extensions",
            new { newEnd = before.PlannedEnd!.Value.AddDays(10), reason = "Sev2 arrivals are not falling yet" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        var status = (await leadApi.GetFromJsonAsync<ExitStatus>($"{project.Url}/exit", HypercareApp.Json))!;

        var (_, html) = await (await SignInAsync(project[ProjectRole.HypercareLead])).GetAsync($"/projects/{project.Id}");
        var (_, reporterView) = await (await SignInAsync(project[ProjectRole.Reporter])).GetAsync($"/projects/{project.Id}");

        var steady = Tile(html, "steady-tile");
        Assert.Contains("class=\"warn\"", steady, StringComparison.Ordinal);
        Assert.Contains("<strong>50 %</strong> of this week", steady, StringComparison.Ordinal);
        Assert.Contains("new issues resolved by the steady-state team", steady, StringComparison.Ordinal);
        Assert.Contains("1 of 2; 1 rescue(s)", steady, StringComparison.Ordinal);
        var exitTile = Tile(html, "exit-tile");
        var met = status.Evaluation.Rules.Count(r => r.State == RuleState.Met);
        Assert.Contains($"<strong>{met} of {status.Evaluation.Rules.Count}</strong> exit rules hold", exitTile, StringComparison.Ordinal);
        Assert.Contains($"planned end {Display.Day(status.PlannedEnd)} after 1 extension(s), 10 days", exitTile, StringComparison.Ordinal);
        Assert.DoesNotContain("steady-tile", reporterView, StringComparison.Ordinal);
        Assert.DoesNotContain("exit-tile", reporterView, StringComparison.Ordinal);
    }

    /// <summary>The markup of the dashboard tile with this id, from its opening tag to its end.</summary>
    private static string Tile(string html, string id)
    {
        var at = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"no tile {id}");
        var start = html.LastIndexOf("<li", at, StringComparison.Ordinal);
        return html[start..(html.IndexOf("</li>", at, StringComparison.Ordinal) + 5)];
    }

    [Fact]
    public async Task ExitPage_Lead_ExtendsWithAReason_AndTheSponsorSeesTheSignOffFormTheLeadDoesNot()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);
        var sponsor = await SignInAsync(project[ProjectRole.Sponsor]);
        var newEnd = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var missing = await SubmitAsync(lead, project, "extend", new Dictionary<string, string> { ["Extend.NewEnd"] = newEnd });
        var extended = await SubmitAsync(lead, project, "extend", new Dictionary<string, string>
        {
            ["Extend.NewEnd"] = newEnd,
            ["Extend.Reason"] = "Defect arrivals still rising",
        });
        var (_, leadView) = await lead.GetAsync(Page(project));
        var refused = await SubmitAsync(sponsor, project, "signoff", new Dictionary<string, string> { ["SignOff.Comment"] = "Done" });

        Assert.Contains("reason is required", missing, StringComparison.Ordinal);
        Assert.Contains("Hypercare extended; the sponsor has been told.", extended, StringComparison.Ordinal);
        Assert.Contains($"<strong>{newEnd}</strong> planned end", extended, StringComparison.Ordinal);
        Assert.Contains("Defect arrivals still rising", extended, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(leadView, "signoff"));
        Assert.Contains("Not every exit rule holds", refused, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(refused, "extend"));
    }

    [Fact]
    public async Task ExitPage_Reporter_SeesNothingOfIt_AndHasNoLink()
    {
        var project = await app.NewProjectAsync();
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);

        var (_, html) = await reporter.GetAsync(Page(project));
        var (_, dashboard) = await reporter.GetAsync($"/projects/{project.Id}");

        Assert.Contains("Your role does not see the exit criteria.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-rule=", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/projects/{project.Id}/exit\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitPage_RefitsTheForecastOnTheChosenIssues_AndTheChartAsksForTheSame()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (_, chosen) = await lead.GetAsync($"{Page(project)}?severities=sev3&category=any");
        var (_, bad) = await lead.GetAsync($"{Page(project)}?severities=sev7");

        Assert.Contains("src=\"/api/v1/projects/" + project.Id.ToString(CultureInfo.InvariantCulture) + "/exit/forecast.png?severities=sev3&amp;category=any\"", chosen, StringComparison.Ordinal);
        Assert.Contains("<option value=\"any\" selected", chosen, StringComparison.Ordinal);
        Assert.Contains("value=\"sev3\" checked", chosen, StringComparison.Ordinal);
        Assert.Contains("severities", bad, StringComparison.Ordinal);
        Assert.Contains("The forecast shows Sev1 and Sev2 defects", bad, StringComparison.Ordinal);
    }
}
