using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Handover;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Handover;

/// <summary>The handover through the API on both engines: areas, the checklist, who may change what, and bad input.</summary>
public abstract class HandoverApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private string Day(int offset) => Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<HandoverStatus> StatusAsync(TestProject project, ProjectRole role = ProjectRole.HypercareLead) =>
        (await project[role].Client.GetFromJsonAsync<HandoverStatus>($"{project.Url}/handover", Json))!;

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Area_IsCreatedWithItsLocation_MovesStageWhenItsDatesMove_AndAStaleVersionGets409WithTheCurrentArea()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;

        var created = await lead.PostAsJsonAsync($"{project.Url}/handover/areas", new
        {
            name = "Billing",
            shadowFrom = Day(-2),
            reverseShadowFrom = Day(2),
            ownsFrom = Day(9),
            contactUserId = project[ProjectRole.SteadyStateSupport].Id,
        }, Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var area = (await created.Content.ReadFromJsonAsync<HandoverAreaResponse>(Json))!;
        Assert.Equal($"{project.Url}/handover/areas/{area.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(HandoverStage.Shadow, area.Stage);
        Assert.Equal(project[ProjectRole.SteadyStateSupport].Id, area.Contact!.Id);

        var moved = await lead.PutAsJsonAsync($"{project.Url}/handover/areas/{area.Id}", new
        {
            name = "Billing",
            shadowFrom = Day(-6),
            reverseShadowFrom = Day(-3),
            ownsFrom = Day(0),
            version = area.Version,
        }, Json);
        var stale = await ProblemAsync(await lead.PutAsJsonAsync($"{project.Url}/handover/areas/{area.Id}", new
        {
            name = "Invoicing",
            shadowFrom = Day(-2),
            reverseShadowFrom = Day(2),
            ownsFrom = Day(9),
            version = area.Version,
        }, Json), HttpStatusCode.Conflict);

        var now = (await moved.Content.ReadFromJsonAsync<HandoverAreaResponse>(Json))!;
        Assert.Equal(HandoverStage.SteadyStateOwns, now.Stage);
        Assert.Null(now.Contact);
        Assert.Equal(now.Version, stale.GetProperty("current").GetProperty("version").GetInt32());
        Assert.Equal("Billing", (await StatusAsync(project, ProjectRole.Sponsor)).Areas.Single().Name);
    }

    [Fact]
    public async Task BadInput_GetsProblemDetailsNamingTheField_AndNothingIsSaved()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var other = await app.NewProjectAsync("Other");
        var otherArea = await (await other[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{other.Url}/handover/areas",
            new { name = "Billing", shadowFrom = Day(0), reverseShadowFrom = Day(1), ownsFrom = Day(2) }, Json)).Content.ReadFromJsonAsync<HandoverAreaResponse>(Json);

        var area = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/handover/areas",
            new { name = " ", shadowFrom = Day(3), reverseShadowFrom = Day(1), ownsFrom = Day(0), contactUserId = other[ProjectRole.Triage].Id }, Json), HttpStatusCode.BadRequest);
        var notADate = await ProblemAsync(await lead.PostAsync($"{project.Url}/handover/areas",
            new StringContent("""{"name":"Billing","shadowFrom":"next week"}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var item = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/handover/items",
            new { title = new string('t', HandoverItem.TitleMaxLength + 1), areaId = otherArea!.Id, ownerUserId = 999999, dueOn = "2090-01-01" }, Json), HttpStatusCode.BadRequest);
        var runbooks = (await StatusAsync(project)).Items[0];
        var noVersion = await ProblemAsync(await lead.PostAsJsonAsync($"{project.Url}/handover/items/{runbooks.Id}/done", new { doneOn = Day(1) }, Json), HttpStatusCode.BadRequest);
        var elsewhere = await lead.PostAsJsonAsync($"{project.Url}/handover/items/{(await StatusAsync(other)).Items[0].Id}/done", new { version = 0 }, Json);

        Assert.Equal(["contactUserId", "name", "ownsFrom", "reverseShadowFrom"], Keys(area));
        Assert.Contains("shadowFrom", notADate.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["areaId", "dueOn", "ownerUserId", "title"], Keys(item));
        Assert.Equal(["doneOn", "version"], Keys(noVersion));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(0, await DbAsync(db => db.HandoverAreas.CountAsync(a => a.ProjectId == project.Id)));
        Assert.Equal(6, await DbAsync(db => db.HandoverItems.CountAsync(i => i.ProjectId == project.Id)));
        Assert.Equal(0, await DbAsync(db => db.HandoverItems.CountAsync(i => i.ProjectId == project.Id && i.DoneOn != null)));
    }

    [Fact]
    public async Task Checklist_TheOwnerTicksTheirOwnItem_TheSponsorCannot_AndTheExitRuleFollowsTheChecklist()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var steady = project[ProjectRole.SteadyStateSupport];
        (await lead.PutAsJsonAsync($"{project.Url}/exit/rules", new { rules = new[] { new { kind = "handoverComplete", enabled = true } } }, Json)).EnsureSuccessStatusCode();
        var items = (await StatusAsync(project)).Items;
        var access = items.Single(i => i.DefaultKey == "access");
        var assigned = (await (await lead.PutAsJsonAsync($"{project.Url}/handover/items/{access.Id}",
            new { title = access.Title, ownerUserId = steady.Id, dueOn = Day(2), note = "Profiles and permission sets", version = access.Version }, Json))
            .Content.ReadFromJsonAsync<HandoverItemResponse>(Json))!;

        var bySponsor = await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{project.Url}/handover/items/{access.Id}/done", new { version = assigned.Version }, Json);
        var byOwner = await steady.Client.PostAsJsonAsync($"{project.Url}/handover/items/{access.Id}/done", new { version = assigned.Version }, Json);
        var otherItem = await steady.Client.PostAsJsonAsync($"{project.Url}/handover/items/{items[0].Id}/done", new { version = items[0].Version }, Json);

        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        var done = (await byOwner.Content.ReadFromJsonAsync<HandoverItemResponse>(Json))!;
        Assert.Equal((Today, steady.Id, "Profiles and permission sets"), (done.DoneOn!.Value, done.DoneBy!.Id, done.Note));
        Assert.Equal(HttpStatusCode.Forbidden, otherItem.StatusCode);

        var exit = (await lead.GetFromJsonAsync<ExitStatus>($"{project.Url}/exit", Json))!;
        var rule = exit.Evaluation.Rules.Single(r => r.Kind == ExitRuleKind.HandoverComplete);
        Assert.Equal(RuleState.NotMet, rule.State);
        Assert.Equal(5, rule.Evidence.Count);
        Assert.DoesNotContain(rule.Evidence, e => e.Text.Contains(access.Title, StringComparison.Ordinal));

        foreach (var item in (await StatusAsync(project)).Items.Where(i => i.DoneOn is null))
        {
            (await lead.PostAsJsonAsync($"{project.Url}/handover/items/{item.Id}/done", new { version = item.Version }, Json)).EnsureSuccessStatusCode();
        }

        var after = (await lead.GetFromJsonAsync<ExitStatus>($"{project.Url}/exit", Json))!;
        Assert.Equal(RuleState.Met, after.Evaluation.Rules.Single(r => r.Kind == ExitRuleKind.HandoverComplete).State);
        Assert.True((await StatusAsync(project)).Complete);
    }

    [Fact]
    public async Task CustomItems_AreAddedAndRemoved_DefaultsStay_AndReportersSeeNothing()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;

        var created = await lead.PostAsJsonAsync($"{project.Url}/handover/items", new { title = "Batch job calendar reviewed", dueOn = Day(5) }, Json);
        var custom = (await created.Content.ReadFromJsonAsync<HandoverItemResponse>(Json))!;
        var defaults = (await StatusAsync(project)).Items.Where(i => i.DefaultKey is not null).ToList();
        var keep = await ProblemAsync(await lead.DeleteAsync($"{project.Url}/handover/items/{defaults[0].Id}"), HttpStatusCode.Conflict);
        var removed = await lead.DeleteAsync($"{project.Url}/handover/items/{custom.Id}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(custom.Removable);
        Assert.Equal(6, defaults.Count);
        Assert.Contains("default items", keep.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain((await StatusAsync(project)).Items, i => i.Id == custom.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/handover")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Url}/handover/items", new { title = "x" }, Json)).StatusCode);
    }

    private static List<string> Keys(JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}

public sealed class HandoverApiTests_Sqlite(SqliteApp app) : HandoverApiTests(app), IClassFixture<SqliteApp>;

public sealed class HandoverApiTests_Postgres(PostgresApp app) : HandoverApiTests(app), IClassFixture<PostgresApp>;
