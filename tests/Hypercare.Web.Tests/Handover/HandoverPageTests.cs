using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Handover;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Handover;

/// <summary>The Handover page and the Exit page's checklist: the lead plans, the owner ticks, reporters see nothing.</summary>
public sealed class HandoverPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project) => $"/projects/{project.Id}/handover";

    private string Day(int offset) => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<string> SubmitAsync(PagesSession session, TestProject project, string form, Dictionary<string, string> fields)
    {
        var (_, html, location) = await session.SubmitAsync(Page(project), form, fields);
        return location is null ? html : (await session.GetAsync(location)).Html;
    }

    [Fact]
    public async Task Lead_AddsAnArea_ABadOneIsRefusedNamingTheField_AndTheAreaShowsItsStage()
    {
        var project = await app.NewProjectAsync();
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var refused = await SubmitAsync(lead, project, "add-area", new Dictionary<string, string>
        {
            ["NewArea.Name"] = "Billing",
            ["NewArea.ShadowFrom"] = Day(0),
            ["NewArea.ReverseShadowFrom"] = Day(-1),
            ["NewArea.OwnsFrom"] = Day(5),
        });
        var added = await SubmitAsync(lead, project, "add-area", new Dictionary<string, string>
        {
            ["NewArea.Name"] = "Billing",
            ["NewArea.ShadowFrom"] = Day(-1),
            ["NewArea.ReverseShadowFrom"] = Day(2),
            ["NewArea.OwnsFrom"] = Day(6),
            ["NewArea.Contact"] = project[ProjectRole.SteadyStateSupport].Id.ToString(CultureInfo.InvariantCulture),
        });

        Assert.Contains("Nothing was changed", refused, StringComparison.Ordinal);
        Assert.Contains("reverseShadowFrom", refused, StringComparison.Ordinal);
        Assert.Contains("Area saved.", added, StringComparison.Ordinal);
        Assert.Contains("<span class=\"stage-chip shadow\">shadow</span>", added, StringComparison.Ordinal);
        Assert.Contains(project[ProjectRole.SteadyStateSupport].DisplayName, added, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_TicksTheirItemOnThePage_OnlyTheirItemHasAForm_AndTheExitPageShowsTheChecklist()
    {
        var project = await app.NewProjectAsync();
        var steady = project[ProjectRole.SteadyStateSupport];
        var lead = project[ProjectRole.HypercareLead].Client;
        var status = (await lead.GetFromJsonAsync<HandoverStatus>($"{project.Url}/handover", HypercareApp.Json))!;
        var runbooks = status.Items.Single(i => i.DefaultKey == "runbooks");
        (await lead.PutAsJsonAsync($"{project.Url}/handover/items/{runbooks.Id}",
            new { title = runbooks.Title, ownerUserId = steady.Id, dueOn = Day(3), version = runbooks.Version }, HypercareApp.Json)).EnsureSuccessStatusCode();
        var session = await SignInAsync(steady);

        var (_, before) = await session.GetAsync(Page(project));
        var ticked = await SubmitAsync(session, project, $"tick-{runbooks.Id}", new Dictionary<string, string>
        {
            ["Tick.Version"] = (runbooks.Version + 1).ToString(CultureInfo.InvariantCulture),
            ["Tick.Action"] = "done",
            ["Tick.DoneOn"] = Day(0),
            ["Tick.Note"] = "In the support wiki",
        });
        var (_, exit) = await session.GetAsync($"/projects/{project.Id}/exit");

        Assert.True(PagesSession.HasForm(before, $"tick-{runbooks.Id}"));
        Assert.False(PagesSession.HasForm(before, $"tick-{status.Items.Single(i => i.DefaultKey == "access").Id}"));
        Assert.False(PagesSession.HasForm(before, "add-area"));
        Assert.Contains("Checklist item updated.", ticked, StringComparison.Ordinal);
        // Blazor writes ✓ as a character reference.
        Assert.Contains($"✓ {Day(0)} by {steady.DisplayName}", WebUtility.HtmlDecode(ticked), StringComparison.Ordinal);
        Assert.Contains("In the support wiki", ticked, StringComparison.Ordinal);
        Assert.Contains("1 of 6 items done", exit, StringComparison.Ordinal);
        Assert.Contains($"✓ Runbooks written, done {Day(0)}", WebUtility.HtmlDecode(exit), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_SeesNoHandover()
    {
        var project = await app.NewProjectAsync();
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, html) = await reporter.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your role does not see the handover.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Runbooks written", html, StringComparison.Ordinal);
    }
}
