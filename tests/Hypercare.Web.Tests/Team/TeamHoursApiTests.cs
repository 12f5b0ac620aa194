using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Team;

/// <summary>
/// Hours and burnout flags through the API on both engines: the lead sees everyone's, members their own, reporters none;
/// work outside a person's shifts comes from the audit trail. The fake clock starts Monday 2 March 2026, 09:00 UTC.
/// </summary>
public abstract class TeamHoursApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task Hours_LateCommentOutsideTheShifts_FlagsAfterHoursForTheLead_AndTheMemberSeesOnlyTheirOwn()
    {
        var project = await app.NewProjectAsync("Hours");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage];
        var second = await app.NewUserAsync("Triage two");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = second.Id, role = "triage" }, Json)).EnsureSuccessStatusCode();
        await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/rota/generate", new { }, Json), HttpStatusCode.OK);
        var settings = await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/rota/settings", Json);
        var changed = await JsonAsync(await lead.PutAsJsonAsync($"{project.Url}/rota/settings",
            new { burnoutAfterHoursPerWeek = 0.2, version = settings.GetProperty("version").GetInt32() }, Json), HttpStatusCode.OK);
        Assert.Equal(0.2, changed.GetProperty("burnoutAfterHoursPerWeek").GetDouble());
        var issue = await JsonAsync(await project[ProjectRole.Reporter].Client.PostAsJsonAsync(project.Issues,
            new { title = "Quotes fail", description = "d", proposedSeverity = "sev2" }, Json), HttpStatusCode.Created);
        var issueId = issue.GetProperty("id").GetInt32();

        // 21:00 UTC is 22:00 in Berlin: after the day's last shift (13:30–20:00) and outside office hours.
        app.Clock.Advance(TimeSpan.FromHours(12));
        (await triage.Client.PostAsJsonAsync($"{project.Issues}/{issueId}/comments", new { body = "Looked at it from home." }, Json)).EnsureSuccessStatusCode();
        const string Week = "?from=2026-03-02&to=2026-03-08";
        var asLead = await JsonAsync(await lead.GetAsync($"{project.Url}/rota/hours{Week}"), HttpStatusCode.OK);
        var asTriage = await JsonAsync(await triage.Client.GetAsync($"{project.Url}/rota/hours{Week}"), HttpStatusCode.OK);
        var asSecond = await JsonAsync(await second.Client.GetAsync($"{project.Url}/rota/hours{Week}"), HttpStatusCode.OK);
        var asReporter = await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/rota/hours{Week}");

        Assert.True(asLead.GetProperty("people").GetArrayLength() >= 3);
        var flag = Assert.Single(asLead.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "afterHoursWork");
        Assert.Equal(triage.Id, flag.GetProperty("person").GetProperty("id").GetInt32());
        Assert.Equal("2026-03-02", flag.GetProperty("evidence").GetProperty("week").GetString());
        Assert.Equal(0.25, flag.GetProperty("evidence").GetProperty("value").GetDouble());
        Assert.Equal([issueId], flag.GetProperty("evidence").GetProperty("issueIds").EnumerateArray().Select(i => i.GetInt32()));
        var mine = Assert.Single(asTriage.GetProperty("people").EnumerateArray());
        Assert.Equal(triage.Id, mine.GetProperty("person").GetProperty("id").GetInt32());
        var week = Assert.Single(mine.GetProperty("weeks").EnumerateArray());
        Assert.True(week.GetProperty("shiftHours").GetDouble() > 0);
        Assert.Equal(0.25, week.GetProperty("offShiftHours").GetDouble());
        Assert.Single(asTriage.GetProperty("flags").EnumerateArray());
        Assert.Equal(second.Id, Assert.Single(asSecond.GetProperty("people").EnumerateArray()).GetProperty("person").GetProperty("id").GetInt32());
        Assert.Empty(asSecond.GetProperty("flags").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, asReporter.StatusCode);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-09&to=2026-03-02", "to")]
    [InlineData("from=2026-01-01&to=2026-06-30", "to")]
    public async Task Hours_BadRange_ProblemNamesTheParameter(string query, string field)
    {
        var project = await app.NewProjectAsync("Hours input");

        var problem = await JsonAsync(await project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/rota/hours?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}: {problem}");
    }
}

public sealed class TeamHoursApiTests_Sqlite(SqliteApp app) : TeamHoursApiTests(app), IClassFixture<SqliteApp>;

public sealed class TeamHoursApiTests_Postgres(PostgresApp app) : TeamHoursApiTests(app), IClassFixture<PostgresApp>;
