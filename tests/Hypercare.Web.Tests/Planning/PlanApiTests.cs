using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Planning;

/// <summary>
/// The SOW plan through the API on both engines: the lead generates and keeps it, the sponsor reads, compares and exports
/// it, other roles see none of it; a refused request keeps the plan that was there.
/// </summary>
public abstract class PlanApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> query) => app.WithServicesAsync(s => query(s.GetRequiredService<HypercareDbContext>()));

    private static object Request(string system = "CRM", int licensedUsers = 120) => new
    {
        system,
        licensedUsers,
        sites = 1,
        timeZones = new[] { "Europe/Berlin" },
        integrations = 1,
        migratedRecords = 0,
        customisation = "low",
        criticality = "low",
        rollout = "pilot",
        goLive = "2026-06-01",
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

    [Fact]
    public async Task Sow_GeneratedByTheLead_IsKept_AndReadByTheSponsor_NotByTriageOrReporters()
    {
        var project = await app.NewProjectAsync("Sow");
        var url = $"{project.Url}/sow";

        var before = await project[ProjectRole.Sponsor].Client.GetAsync(url);
        var byTriage = await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{url}/generate", Request(), Json);
        var bySponsor = await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{url}/generate", Request(), Json);
        var generated = await JsonAsync(await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{url}/generate", Request(), Json), HttpStatusCode.OK);
        var read = await JsonAsync(await project[ProjectRole.Sponsor].Client.GetAsync(url), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTriage.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Triage].Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Reporter].Client.GetAsync(url)).StatusCode);
        var plan = generated.GetProperty("plan");
        Assert.Equal("standard", plan.GetProperty("template").GetString());
        Assert.Equal(14, plan.GetProperty("durationDays").GetInt32());
        Assert.Equal("2026-06-14", plan.GetProperty("plannedEnd").GetString());
        Assert.Equal(40562.50m, plan.GetProperty("budget").GetProperty("totalCost").GetDecimal());
        Assert.Equal(plan.GetRawText(), read.GetProperty("plan").GetRawText());
        Assert.Equal(1, await DbAsync(db => db.SowPlans.CountAsync(p => p.ProjectId == project.Id)));
        Assert.Equal(1, await DbAsync(db => db.AuditEntries.CountAsync(a => a.ProjectId == project.Id && a.EntityType == "ProjectSowPlan")));
    }

    [Fact]
    public async Task Sow_RefusedRequest_NamesTheField_AndKeepsThePlanThatWasThere()
    {
        var project = await app.NewProjectAsync("Sow refused");
        var lead = project[ProjectRole.HypercareLead].Client;
        await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request("First"), Json), HttpStatusCode.OK);
        var audits = await DbAsync(db => db.AuditEntries.CountAsync(a => a.ProjectId == project.Id));

        var refused = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request("Second", licensedUsers: 0), Json), HttpStatusCode.BadRequest);

        Assert.True(refused.GetProperty("errors").TryGetProperty("licensedUsers", out _), refused.ToString());
        var kept = await JsonAsync(await lead.GetAsync($"{project.Url}/sow"), HttpStatusCode.OK);
        Assert.Equal("First", kept.GetProperty("plan").GetProperty("system").GetString());
        Assert.Equal(1, kept.GetProperty("version").GetInt32());
        Assert.Equal(audits, await DbAsync(db => db.AuditEntries.CountAsync(a => a.ProjectId == project.Id)));
    }

    [Fact]
    public async Task Sow_Compare_StatesTheDifferenceOf90DaysToTheStandardPlan_ForTheSponsorOnTheKeptPlan()
    {
        var project = await app.NewProjectAsync("Sow compare");
        await JsonAsync(await project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{project.Url}/sow/generate", Request(), Json), HttpStatusCode.OK);

        var comparison = await JsonAsync(await project[ProjectRole.Sponsor].Client.PostAsync($"{project.Url}/sow/compare", null), HttpStatusCode.OK);
        var ownInputs = await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{project.Url}/sow/compare", Request(), Json);

        var standard = comparison.GetProperty("standard").GetProperty("budget").GetProperty("totalCost").GetDecimal();
        var continuous = comparison.GetProperty("continuous").GetProperty("budget").GetProperty("totalCost").GetDecimal();
        Assert.Equal(90, comparison.GetProperty("continuous").GetProperty("durationDays").GetInt32());
        Assert.Equal(continuous - standard, comparison.GetProperty("costDifference").GetDecimal());
        Assert.True(continuous > standard);
        Assert.Equal(HttpStatusCode.Forbidden, ownInputs.StatusCode);
    }

    [Fact]
    public async Task Sow_Export_DocxForTheSponsorOpensWithTheSdk_MarkdownOfABodyForTheLead()
    {
        var project = await app.NewProjectAsync("Sow export");
        var lead = project[ProjectRole.HypercareLead].Client;
        await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request("Atlas CRM"), Json), HttpStatusCode.OK);

        var docx = await project[ProjectRole.Sponsor].Client.PostAsync($"{project.Url}/sow/export?format=docx", null);
        var markdown = await lead.PostAsJsonAsync($"{project.Url}/sow/export?format=markdown", Request("Other system"), Json);

        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sow-atlas-crm.docx", docx.Content.Headers.ContentDisposition?.FileNameStar ?? docx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using (var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync()))
        using (var document = WordprocessingDocument.Open(stream, false))
        {
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("Hypercare: Atlas CRM", text, StringComparison.Ordinal);
            Assert.Contains("SLA targets by severity", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.StartsWith("# Hypercare: Other system", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sow_GetExport_DownloadsTheKeptPlan_AsTheSowPagesLinksAskForIt()
    {
        var project = await app.NewProjectAsync("Sow download");
        var lead = project[ProjectRole.HypercareLead].Client;
        var url = $"{project.Url}/sow/export";
        var before = await project[ProjectRole.Sponsor].Client.GetAsync($"{url}?format=docx");
        await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/sow/generate", Request("Kept CRM"), Json), HttpStatusCode.OK);

        var docx = await project[ProjectRole.Sponsor].Client.GetAsync($"{url}?format=docx");
        var markdown = await project[ProjectRole.Sponsor].Client.GetAsync(url);
        var badFormat = await JsonAsync(await lead.GetAsync($"{url}?format=pdf"), HttpStatusCode.BadRequest);
        var byTriage = await project[ProjectRole.Triage].Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition?.DispositionType);
        using (var stream = new MemoryStream(await docx.Content.ReadAsByteArrayAsync()))
        using (var document = WordprocessingDocument.Open(stream, false))
        {
            Assert.Contains("Hypercare: Kept CRM", document.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        }

        Assert.StartsWith("# Hypercare: Kept CRM", await markdown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("format", badFormat.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.Forbidden, byTriage.StatusCode);
    }
}

public sealed class PlanApiTests_Sqlite(SqliteApp app) : PlanApiTests(app), IClassFixture<SqliteApp>;

public sealed class PlanApiTests_Postgres(PostgresApp app) : PlanApiTests(app), IClassFixture<PostgresApp>;
