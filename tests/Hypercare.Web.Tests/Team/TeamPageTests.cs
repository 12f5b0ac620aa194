using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Team;

/// <summary>
/// The Team page: the lead generates and decides swaps, members offer and take shifts and see only their own hours,
/// reporters get 404. The fake clock starts Monday 2 March 2026, 09:00 UTC.
/// </summary>
public sealed class TeamPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project, string? week = null) => $"/projects/{project.Id}/team" + (week is null ? "" : $"?week={week}");

    private static async Task<string> SubmitAsync(PagesSession session, string page, string form)
    {
        var (_, html, location) = await session.SubmitAsync(page, form, new Dictionary<string, string>());
        return location is null ? html : (await session.GetAsync(location)).Html;
    }

    private async Task<TestUser> SecondTriageAsync(TestProject project)
    {
        var user = await app.NewUserAsync("Tomas Two");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = user.Id, role = "triage" }, Json)).EnsureSuccessStatusCode();
        return user;
    }

    private static async Task<int> ShiftAsync(TestProject project, int userId, string date, string start, string end)
    {
        var response = await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/rota/shifts", new { userId, date, start, end }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Lead_GeneratesTheRotaOnThePage_AndSeesTheWeekHoursOfEveryoneAndTheFairnessScore()
    {
        var project = await app.NewProjectAsync("Team page");
        var second = await SecondTriageAsync(project);
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, before) = await lead.GetAsync(Page(project));
        var generated = await SubmitAsync(lead, Page(project), "generate");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/projects/{project.Id}/team\"", before, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(before, "generate"));
        Assert.Contains("Rota generated.", generated, StringComparison.Ordinal);
        Assert.Contains("data-shift=", generated, StringComparison.Ordinal);
        Assert.Contains("fairness score", generated, StringComparison.Ordinal);
        Assert.Contains("Hours per person", generated, StringComparison.Ordinal);
        Assert.Contains($"data-person=\"{project[ProjectRole.Triage].Id}\"", generated, StringComparison.Ordinal);
        Assert.Contains($"data-person=\"{second.Id}\"", generated, StringComparison.Ordinal);
        // Two triage people share the week's triage shifts and every place is held: the score is high, not zero.
        var score = double.Parse(System.Text.RegularExpressions.Regex.Match(generated, "data-fairness=\"([0-9.]+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(score, 60, 100);
    }

    [Fact]
    public async Task Swap_OfferedAndTakenOnThePage_BreaksARule_TheLeadApprovesIt_AndMembersHaveNoApproveButton()
    {
        var project = await app.NewProjectAsync("Team swap");
        var ana = project[ProjectRole.Triage];
        var tomas = await SecondTriageAsync(project);
        await ShiftAsync(project, tomas.Id, "2026-03-09", "20:00", "23:00");
        var shiftId = await ShiftAsync(project, ana.Id, "2026-03-10", "07:00", "13:00");
        var week = Page(project, "2026-03-09");
        var anaSession = await SignInAsync(ana);
        var tomasSession = await SignInAsync(tomas);
        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var offered = await SubmitAsync(anaSession, week, $"offer-{shiftId}");
        var swaps = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/rota/swaps", Json);
        var swapId = swaps[0].GetProperty("id").GetInt32();
        var (_, tomasBefore) = await tomasSession.GetAsync(week);
        var taken = await SubmitAsync(tomasSession, week, $"take-{swapId}");
        var (_, leadBefore) = await lead.GetAsync(week);
        var approved = await SubmitAsync(lead, week, $"approve-{swapId}");

        Assert.Contains("Shift offered", offered, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(tomasBefore, $"take-{swapId}"));
        Assert.False(PagesSession.HasForm(tomasBefore, $"approve-{swapId}"));
        Assert.Contains("Swap recorded.", taken, StringComparison.Ordinal);
        Assert.Contains("waiting for the lead", taken, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(taken, $"approve-{swapId}"));
        Assert.True(PagesSession.HasForm(leadBefore, $"approve-{swapId}"));
        Assert.Contains("Swap approved", approved, StringComparison.Ordinal);
        var after = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/rota/swaps", Json);
        Assert.Equal("approved", after[0].GetProperty("status").GetString());
        Assert.Equal(tomas.Id, after[0].GetProperty("shift").GetProperty("person").GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Member_SeesOnlyTheirOwnHours_AndNoGenerateButton()
    {
        var project = await app.NewProjectAsync("Team member");
        var second = await SecondTriageAsync(project);
        (await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json)).EnsureSuccessStatusCode();
        var triage = await SignInAsync(project[ProjectRole.Triage]);

        var (status, html) = await triage.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your hours", html, StringComparison.Ordinal);
        Assert.Contains($"data-person=\"{project[ProjectRole.Triage].Id}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-person=\"{second.Id}\"", html, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(html, "generate"));
    }

    [Fact]
    public async Task Reporter_GetsNotFound_AndNoTeamLink()
    {
        var project = await app.NewProjectAsync("Team reporter");
        var reporter = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, html) = await reporter.GetAsync(Page(project));
        var (_, issues) = await reporter.GetAsync($"/projects/{project.Id}/issues");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("fairness score", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/projects/{project.Id}/team\"", issues, StringComparison.Ordinal);
    }
}
