using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Planning;

/// <summary>
/// "Apply to project", budget burn and pitfalls through the API on both engines. The test project went live three days
/// ago with the seed practice's phases (Intensive, then Stabilise to the planned end), so it is live: the started phase
/// stays and only the future one changes.
/// </summary>
public abstract class PlanApplyApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    /// <summary>A 28-day standard plan: Intensive for 14 days from go-live (as the project has), Stabilise for the next 14.</summary>
    private static object Request(string goLive, string template = "recommended") => new
    {
        system = "CRM",
        licensedUsers = 2000,
        sites = 1,
        timeZones = new[] { "Europe/Berlin" },
        integrations = 3,
        migratedRecords = 0,
        customisation = "medium",
        criticality = "low",
        rollout = "pilot",
        goLive,
        template,
        team = new object[]
        {
            new { role = "hypercareLead", people = 1, dayRate = 1200 },
            new { role = "triage", people = 4, dayRate = 800 },
            new { role = "steadyStateSupport", people = 2, dayRate = 600 },
        },
    };

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<(TestProject Project, DateOnly GoLive, HttpClient Lead, int Version)> PlannedAsync(string name, string template = "recommended")
    {
        var project = await app.NewProjectAsync(name);
        var lead = project[ProjectRole.HypercareLead].Client;
        var goLive = (await lead.GetFromJsonAsync<JsonElement>(project.Url, Json)).GetProperty("goLiveDate").GetString()!;
        var kept = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request(goLive, template), Json), HttpStatusCode.OK);
        return (project, DateOnly.Parse(goLive, System.Globalization.CultureInfo.InvariantCulture), lead, kept.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Apply_LiveProject_KeepsTheStartedPhase_ChangesTheFutureOne_AndEverySetting_InOneAuditedWrite()
    {
        var (project, goLive, lead, version) = await PlannedAsync("Apply");
        var intensive = await DbAsync(db => db.PlanPhases.AsNoTracking().SingleAsync(p => p.ProjectId == project.Id && p.Name == "Intensive"));

        var preview = await JsonAsync(await lead.GetAsync($"{project.Url}/sow/apply"), HttpStatusCode.OK);
        var bySponsor = await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{project.Url}/sow/apply", new { version }, Json);
        var previewBySponsor = await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/sow/apply");
        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, previewBySponsor.StatusCode);

        Assert.True(preview.GetProperty("live").GetBoolean());
        var phases = preview.GetProperty("phases").EnumerateArray().ToList();
        Assert.Equal(["Intensive:keep", "Stabilise:update"], phases.Select(p => $"{p.GetProperty("name").GetString()}:{p.GetProperty("kind").GetString()}"));
        var differences = phases[1].GetProperty("differences").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains(differences, d => d.StartsWith("dates ", StringComparison.Ordinal));
        Assert.Contains("standup Weekly → TwiceWeekly", differences);
        Assert.Contains(differences, d => d.StartsWith("patches none → EveryOtherDay", StringComparison.Ordinal));
        var settings = preview.GetProperty("settings").EnumerateArray().Select(s => $"{s.GetProperty("area").GetString()}.{s.GetProperty("setting").GetString()}").ToList();
        Assert.Contains("project.plannedEnd", settings);
        Assert.Contains("exit.noOpenSev1", settings);
        // The rota's places follow the phases applied: Stabilise has the lead on half its hours, one on the queue.
        Assert.Contains("rota.staffPerShift.hypercareLead", settings);
        Assert.DoesNotContain("rota.staffPerShift.triage", settings);
        Assert.Contains("standups.schedule", settings);
        // The preview changed nothing.
        Assert.Equal(0, await DbAsync(db => db.ExitRules.CountAsync(r => r.ProjectId == project.Id)));

        var applied = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/apply", new { version }, Json), HttpStatusCode.OK);
        Assert.Equal(preview.GetRawText(), applied.GetRawText());

        var after = await DbAsync(db => db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).OrderBy(p => p.StartDate).ToListAsync());
        Assert.Equal(["Intensive", "Stabilise"], after.Select(p => p.Name));
        Assert.Equal(intensive.Version, after[0].Version);
        Assert.Equal(intensive.EndDate, after[0].EndDate);
        Assert.Equal((goLive.AddDays(14), goLive.AddDays(27)), (after[1].StartDate, after[1].EndDate));
        Assert.Equal(StandupCadence.TwiceWeekly, after[1].StandupCadence);
        var cadence = await DbAsync(db => db.PatchCadences.AsNoTracking().SingleAsync(c => c.PlanPhaseId == after[1].Id));
        Assert.Equal(PatchCadenceKind.EveryOtherDay, cadence.Kind);
        Assert.False(await DbAsync(db => db.PatchCadences.AnyAsync(c => c.PlanPhaseId == after[0].Id)));
        Assert.Equal(goLive.AddDays(27), await DbAsync(db => db.Projects.Where(p => p.Id == project.Id).Select(p => p.PlannedEndDate).SingleAsync()));
        var rules = await DbAsync(db => db.ExitRules.AsNoTracking().Where(r => r.ProjectId == project.Id).ToListAsync());
        Assert.Equal(Enum.GetValues<ExitRuleKind>().Length, rules.Count);
        Assert.True(rules.Single(r => r.Kind == ExitRuleKind.NoOpenSev1).Enabled);
        Assert.False(rules.Single(r => r.Kind == ExitRuleKind.LoginRateAtTarget).Enabled);
        var rota = await DbAsync(db => db.RotaSettings.AsNoTracking().SingleAsync(s => s.ProjectId == project.Id));
        Assert.Equal((1, 1, 1), (rota.StaffHypercareLead, rota.StaffTriage, rota.StaffSteadyStateSupport));
        Assert.True(await DbAsync(db => db.StandupSchedules.AnyAsync(s => s.ProjectId == project.Id)));
        var audit = await DbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.ProjectId == project.Id && a.EntityType == "ProjectSowPlan" && a.Action == Core.Audit.AuditAction.Updated).ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains(entry.Changes, c => c.Field == "applied" && c.After == $"version {version}");

        // Applied again, the project already follows the plan: nothing to do, and nothing is written.
        var again = await JsonAsync(await lead.GetAsync($"{project.Url}/sow/apply"), HttpStatusCode.OK);
        Assert.All(again.GetProperty("phases").EnumerateArray(), p => Assert.Equal("keep", p.GetProperty("kind").GetString()));
        Assert.Empty(again.GetProperty("settings").EnumerateArray());
    }

    [Fact]
    public async Task Apply_StaleVersion_IsRefusedWithTheCurrentPreview_AndChangesNothing()
    {
        var (project, goLive, lead, version) = await PlannedAsync("Apply stale");
        // Another lead generates the plan again with another template after the preview: the version previewed is stale.
        (await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request(goLive.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "standard"), Json)).EnsureSuccessStatusCode();
        var phasesBefore = await DbAsync(db => db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).Select(p => new { p.Id, p.Version, p.EndDate }).ToListAsync());

        var stale = await lead.PostAsJsonAsync($"{project.Url}/sow/apply", new { version }, Json);
        var missing = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/apply", new { }, Json), HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("version", missing.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(phasesBefore, await DbAsync(db => db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).Select(p => new { p.Id, p.Version, p.EndDate }).ToListAsync()));
        Assert.Equal(0, await DbAsync(db => db.ExitRules.CountAsync(r => r.ProjectId == project.Id)));
        Assert.False(await DbAsync(db => db.RotaSettings.AnyAsync(s => s.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Apply_PlanEndingAfterTheRunningProjectsPlannedEnd_IsRefusedNamingPlannedEnd_BecauseThatIsAnExtension()
    {
        var (project, _, lead, version) = await PlannedAsync("Apply long", "continuous90");

        var preview = await JsonAsync(await lead.GetAsync($"{project.Url}/sow/apply"), HttpStatusCode.BadRequest);
        var apply = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/apply", new { version }, Json), HttpStatusCode.BadRequest);

        Assert.Contains("plannedEnd", preview.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("Exit page", apply.GetProperty("errors").GetProperty("plannedEnd")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(["Intensive", "Stabilise"], await DbAsync(db => db.PlanPhases.Where(p => p.ProjectId == project.Id).OrderBy(p => p.StartDate).Select(p => p.Name).ToListAsync()));
        Assert.False(await DbAsync(db => db.PatchCadences.AnyAsync(c => c.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Burn_CountsTheRotaWorked_ForTheSponsor_NotForTriage_AndPitfallsNameTheBudgetOverrun()
    {
        var (project, _, lead, _) = await PlannedAsync("Burn");
        var now = app.Clock.GetUtcNow();
        // Two triage people worked ten hours yesterday and are rostered again tomorrow: actual hours come from the rota.
        var triage = project[ProjectRole.Triage].Id;
        await app.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<HypercareDbContext>();
            foreach (var start in new[] { now.AddHours(-24), now.AddHours(24) })
            {
                db.TeamShifts.Add(Core.Team.TeamShift.Generated(project.Id, new Core.Team.RotaShift(DateOnly.FromDateTime(start.UtcDateTime), start, start.AddHours(10),
                    ProjectRole.Triage, triage, "Intensive", false, false, false, false), null));
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var burn = await JsonAsync(await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/sow/burn"), HttpStatusCode.OK);
        var byTriage = await project[ProjectRole.Triage].Client.GetAsync($"{project.Url}/sow/burn");
        var pitfalls = await JsonAsync(await lead.GetAsync($"{project.Url}/sow/pitfalls"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, byTriage.StatusCode);
        var triageBurn = burn.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "triage");
        Assert.True(triageBurn.GetProperty("rostered").GetBoolean());
        Assert.Equal(10m, triageBurn.GetProperty("hoursToDate").GetDecimal());
        Assert.Equal(1000m, triageBurn.GetProperty("costToDate").GetDecimal());
        var leadBurn = burn.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("role").GetString() == "hypercareLead");
        Assert.False(leadBurn.GetProperty("rostered").GetBoolean());
        Assert.Equal(leadBurn.GetProperty("plannedHoursToDate").GetDecimal(), leadBurn.GetProperty("hoursToDate").GetDecimal());
        Assert.Equal("EUR", burn.GetProperty("currency").GetString());
        // The test project has every role, so only the evidence-based pitfalls can show; its plan is far under the budget.
        var kinds = pitfalls.EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.DoesNotContain("noSponsor", kinds);
        Assert.DoesNotContain("noSteadyStateMember", kinds);
        Assert.DoesNotContain("budgetOver", kinds);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/sow/pitfalls")).StatusCode);
    }
}

public sealed class PlanApplyApiTests_Sqlite(SqliteApp app) : PlanApplyApiTests(app), IClassFixture<SqliteApp>;

public sealed class PlanApplyApiTests_Postgres(PostgresApp app) : PlanApplyApiTests(app), IClassFixture<PostgresApp>;
