using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Team;

/// <summary>
/// The rota through the API on both engines: the lead generates it from the plan, members read it (their own hours
/// only), reporters see none; shifts by hand and swaps are checked against the rules, bad input names the field.
/// The fake clock starts on Monday 2 March 2026, 09:00 UTC (10:00 in Berlin); go-live was three days before.
/// </summary>
public abstract class TeamApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    private async Task<TestUser> SecondTriageAsync(TestProject project)
    {
        var user = await app.NewUserAsync("Triage two");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = user.Id, role = "triage" }, Json)).EnsureSuccessStatusCode();
        return user;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    private static async Task<JsonElement> ShiftAsync(TestProject project, int userId, string date, string start, string end) =>
        await JsonAsync(await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/rota/shifts", new { userId, date, start, end }, Json),
            HttpStatusCode.Created);

    [Fact]
    public async Task Rota_GeneratedByTheLead_IsReadByMembersWithOnlyTheirOwnHours_AndNotByReporters()
    {
        var project = await app.NewProjectAsync("Rota");
        var triage = project[ProjectRole.Triage];
        await SecondTriageAsync(project);

        var byTriage = await triage.Client.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json);
        var generated = await JsonAsync(await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, byTriage.StatusCode);
        Assert.True(generated.GetProperty("shiftsWritten").GetInt32() > 0);
        Assert.Equal("2026-03-27", generated.GetProperty("to").GetString());
        var week = $"{project.Url}/rota?from=2026-03-03&to=2026-03-09";
        var asTriage = await triage.Client.GetFromJsonAsync<JsonElement>(week, Json);
        var asLead = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>(week, Json);
        // Intensive: Monday–Saturday 07:00–13:30 and 13:30–20:00, one triage and one steady-state person each.
        Assert.Equal(6 * 2 * 2, asTriage.GetProperty("shifts").GetArrayLength());
        Assert.All(asTriage.GetProperty("hours").EnumerateArray(), h => Assert.Equal(triage.Id, h.GetProperty("person").GetProperty("id").GetInt32()));
        Assert.True(asLead.GetProperty("hours").GetArrayLength() >= 3);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync(week)).StatusCode);
        var onDuty = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/rota/on-duty?at=2026-03-03T08:00:00Z", Json);
        Assert.Contains(onDuty.GetProperty("people").EnumerateArray(), p => p.GetProperty("role").GetString() == "triage");
        Assert.Contains(onDuty.GetProperty("people").EnumerateArray(), p => p.GetProperty("role").GetString() == "steadyStateSupport");
    }

    [Fact]
    public async Task GenerateTwice_ReplacesTheGeneratedShifts_AndTimeOffEmptiesThePersonsShiftsIntoGaps()
    {
        var project = await app.NewProjectAsync("Rota again");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage];
        await SecondTriageAsync(project);
        var first = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json), HttpStatusCode.OK);

        var second = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json), HttpStatusCode.OK);
        var off = await JsonAsync(await triage.Client.PostAsJsonAsync($"{project.Url}/rota/time-off", new { from = "2026-03-05", to = "2026-03-06", note = "Course" }, Json),
            HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("shiftsWritten").GetInt32(), second.GetProperty("shiftsReplaced").GetInt32());
        Assert.Equal(second.GetProperty("shiftsWritten").GetInt32(), await DbAsync(db => db.TeamShifts.CountAsync(s => s.ProjectId == project.Id)));
        Assert.NotEqual(0, off.GetProperty("shiftsVacated").GetArrayLength());
        var days = await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/rota?from=2026-03-05&to=2026-03-06", Json);
        Assert.DoesNotContain(days.GetProperty("shifts").EnumerateArray(), s => s.GetProperty("person").ValueKind != JsonValueKind.Null
            && s.GetProperty("person").GetProperty("id").GetInt32() == triage.Id);
    }

    [Fact]
    public async Task UntriagedAlert_GoesToTheTriagePersonOnDuty_NotTheWholeTriageTeam()
    {
        var project = await app.NewProjectAsync("Rota duty");
        var onDuty = project[ProjectRole.Triage];
        var offDuty = await SecondTriageAsync(project);
        // 11:00–16:00 in Berlin today (10:00–15:00 UTC); the clock stands at 09:00 UTC.
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await ShiftAsync(project, onDuty.Id, today, "11:00", "16:00");
        var issue = await JsonAsync(await project[ProjectRole.Reporter].Client.PostAsJsonAsync(project.Issues,
            new { title = "Quotes fail", description = "d", proposedSeverity = "sev3" }, Json), HttpStatusCode.Created);
        var issueId = issue.GetProperty("id").GetInt32();

        app.Clock.Advance(TimeSpan.FromMinutes(130));
        await app.WithServicesAsync(s => s.GetRequiredService<Hypercare.Core.Sla.SlaSweep>().RunAsync(project.Id, CancellationToken.None));

        var told = await DbAsync(db => db.Notifications.Where(n => n.IssueId == issueId && n.Kind == "Untriaged").Select(n => n.UserId).ToListAsync());
        Assert.Contains(onDuty.Id, told);
        Assert.DoesNotContain(offDuty.Id, told);
        Assert.Contains(project[ProjectRole.HypercareLead].Id, told);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRotaEndpoints()
    {
        var document = await app.Admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Json);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/rota/generate", out var generate), "the document lacks rota/generate");
        Assert.True(generate.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/projects/{projectId}/rota/swaps/{swapId}/approve", out _));
    }

    [Fact]
    public async Task BadShifts_OverlappingOrInTheSpringForwardGap_AndTimeOffOutsideThePlan_NameTheField_AndNothingIsSaved()
    {
        var project = await app.NewProjectAsync("Rota bad");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage].Id;
        await ShiftAsync(project, triage, "2026-03-20", "09:00", "12:00");
        var before = await DbAsync(db => db.TeamShifts.CountAsync(s => s.ProjectId == project.Id));

        var overlap = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/shifts", new { userId = triage, date = "2026-03-20", start = "11:00", end = "14:00" }, Json),
            HttpStatusCode.BadRequest);
        var gap = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/shifts", new { userId = triage, date = "2026-03-29", start = "02:30", end = "08:00" }, Json),
            HttpStatusCode.BadRequest);
        var reporter = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/shifts",
            new { userId = project[ProjectRole.Reporter].Id, date = "2026-03-21", start = "09:00", end = "12:00" }, Json), HttpStatusCode.BadRequest);
        var outside = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/time-off", new { userId = triage, from = "2026-06-01", to = "2026-06-03" }, Json),
            HttpStatusCode.BadRequest);

        Assert.Contains("overlaps", overlap.GetProperty("errors").GetProperty("start")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("does not exist", gap.GetProperty("errors").GetProperty("start")[0].GetString(), StringComparison.Ordinal);
        Assert.True(reporter.GetProperty("errors").TryGetProperty("userId", out _));
        Assert.True(outside.GetProperty("errors").TryGetProperty("from", out _));
        Assert.Equal(before, await DbAsync(db => db.TeamShifts.CountAsync(s => s.ProjectId == project.Id)));
        Assert.Equal(0, await DbAsync(db => db.RotaTimeOff.CountAsync(t => t.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Swap_ThatBreaksARule_WaitsForTheLead_WhoApprovesIt_AndTheShiftChangesHands()
    {
        var project = await app.NewProjectAsync("Rota swap");
        var ana = project[ProjectRole.Triage];
        var tomas = await SecondTriageAsync(project);
        await ShiftAsync(project, tomas.Id, "2026-03-09", "20:00", "23:00");
        var shift = await ShiftAsync(project, ana.Id, "2026-03-10", "07:00", "13:00");
        var shiftId = shift.GetProperty("id").GetInt32();

        var offered = await JsonAsync(await ana.Client.PostAsJsonAsync($"{project.Url}/rota/shifts/{shiftId}/offer", new { note = "Dentist" }, Json), HttpStatusCode.OK);
        var swap = $"{project.Url}/rota/swaps/{offered.GetProperty("id").GetInt32()}";
        var taken = await JsonAsync(await tomas.Client.PostAsync($"{swap}/take", null), HttpStatusCode.OK);
        var byTomas = await tomas.Client.PostAsync($"{swap}/approve", null);
        var approved = await JsonAsync(await project[ProjectRole.HypercareLead].Client.PostAsync($"{swap}/approve", null), HttpStatusCode.OK);

        Assert.Equal("offered", offered.GetProperty("status").GetString());
        Assert.Equal("awaitingApproval", taken.GetProperty("status").GetString());
        Assert.Contains("minRestHours", taken.GetProperty("ruleBreak").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byTomas.StatusCode);
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(tomas.Id, approved.GetProperty("shift").GetProperty("person").GetProperty("id").GetInt32());
        Assert.Equal("swap", approved.GetProperty("shift").GetProperty("source").GetString());
        var swaps = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/rota/swaps", Json);
        Assert.Equal("approved", swaps[0].GetProperty("status").GetString());
    }
}

public sealed class TeamApiTests_Sqlite(SqliteApp app) : TeamApiTests(app), IClassFixture<SqliteApp>;

public sealed class TeamApiTests_Postgres(PostgresApp app) : TeamApiTests(app), IClassFixture<PostgresApp>;
