using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>
/// The system Chromium on the Team page: a swap that breaks the rest rule waits for the lead, who approves it with a
/// click; the page and the API then show the new holder. The host runs on the real clock, so the project goes live
/// today (UTC) and the shifts lie a few days ahead.
/// </summary>
public sealed class TeamFlowTests(BrowserApp app) : ChromiumTest(app), IClassFixture<BrowserApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Member(int Id, string Email, HttpClient Api);

    [Fact]
    public async Task Lead_ApprovesARuleBreakingSwapOnTheTeamPage_AndTheShiftChangesHands()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        var (projectId, lead, members) = await ProjectWithTeamAsync(today, ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.Triage);
        var (ana, tomas) = (members[0], members[1]);
        var api = $"/api/v1/projects/{projectId}/rota";

        // Tomas works late on day 3; Ana's early shift on day 4 would leave him 8 h of rest, under the 11 h rule.
        var evening = today.AddDays(3);
        await ShiftAsync(lead, api, tomas.Id, evening, "20:00", "23:00");
        var shiftId = await ShiftAsync(lead, api, ana.Id, evening.AddDays(1), "07:00", "13:00");
        var offer = await ana.Api.PostAsJsonAsync($"{api}/shifts/{shiftId}/offer", new { }, Json);
        Assert.True(offer.IsSuccessStatusCode, await offer.Content.ReadAsStringAsync());
        var swapId = (await offer.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
        var take = await tomas.Api.PostAsync($"{api}/swaps/{swapId}/take", null);
        Assert.True(take.IsSuccessStatusCode, await take.Content.ReadAsStringAsync());
        var taken = await take.Content.ReadFromJsonAsync<JsonElement>(Json);
        Assert.Equal("awaitingApproval", taken.GetProperty("status").GetString(), ignoreCase: true);

        var page = await SignInAsync(projectId, lead.Email);
        await page.GotoAsync($"{App.BaseUrl}/projects/{projectId}/team?week={D(evening.AddDays(1))}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Team: rota, hours and burnout flags");
        var shift = page.Locator($"li[data-shift='{shiftId}']");
        var swap = page.Locator($"tr[data-swap='{swapId}']");
        await Expect(shift).ToContainTextAsync("Ana Early");
        await Expect(swap).ToContainTextAsync("waiting for the lead");
        await Expect(swap).ToContainTextAsync("Tomas Late");

        await swap.GetByRole(AriaRole.Button, new() { NameRegex = new("^Approve the swap") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Swap approved: the shift changed hands.");
        await Expect(shift).ToContainTextAsync("Tomas Late");
        await Expect(shift).Not.ToContainTextAsync("Ana Early");
        await Expect(swap).ToHaveCountAsync(0);
        await Expect(page.Locator("#swaps ~ p.empty")).ToContainTextAsync("No open swap.");

        var swaps = await lead.Api.GetFromJsonAsync<JsonElement>($"{api}/swaps", Json);
        var approved = swaps.EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == swapId);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(tomas.Id, approved.GetProperty("shift").GetProperty("person").GetProperty("id").GetInt32());
    }

    private static async Task<int> ShiftAsync(Member lead, string api, int userId, DateOnly date, string start, string end)
    {
        var response = await lead.Api.PostAsJsonAsync($"{api}/shifts", new { userId, date = D(date), start, end }, Json);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetInt32();
    }

    /// <summary>A project live from today with one person per role given (a bearer token each, on the real Kestrel).</summary>
    private async Task<(int ProjectId, Member Lead, List<Member> Others)> ProjectWithTeamAsync(DateOnly goLive, params ProjectRole[] roles)
    {
        string[] names = ["Lena Lead", "Ana Early", "Tomas Late"];
        await using var scope = App.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var admin = await accounts.FindUserByEmailAsync(BrowserApp.AdminEmail) ?? throw new InvalidOperationException("The administrator was not created.");
        var caller = new Caller(admin.Id, admin.DisplayName, IsAdministrator: true);
        var project = await projects.CreateAsync(caller, new CreateProjectRequest(
            "Acme Sales Cloud go-live", "Salesforce Sales Cloud", goLive, goLive.AddDays(28), "Europe/Berlin"));
        Assert.True(project.Succeeded, project.Failure?.Message);
        var access = await projects.AccessAsync(caller, project.Value!.Id) ?? throw new InvalidOperationException("No access to the new project.");

        var people = new List<Member>();
        for (var i = 0; i < roles.Length; i++)
        {
            var email = $"team{i}-{project.Value.Id}@browser.hypercare";
            var user = await accounts.CreateUserAsync(email, names[i], BrowserApp.Password, isAdministrator: false);
            var member = await projects.AddMemberAsync(access, new AddMemberRequest(user.Value!.Id, null, roles[i]));
            Assert.True(member.Succeeded, member.Failure?.Message);
            var token = await accounts.CreateTokenAsync(user.Value.Id, "browser test");
            var client = new HttpClient { BaseAddress = new Uri(App.BaseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Secret);
            people.Add(new Member(user.Value.Id, email, client));
        }

        return (project.Value.Id, people[0], people[1..]);
    }

    private async Task<IPage> SignInAsync(int projectId, string email)
    {
        var page = Browser.Pages.Count > 0 ? Browser.Pages[0] : await Browser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/projects/{projectId}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Sales Cloud go-live", Level = 1 })).ToBeVisibleAsync();
        return page;
    }
}
