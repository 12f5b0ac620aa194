using System.Net;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Standups;

/// <summary>
/// The Standups page: the lead saves the schedule and records minutes with an action item, whose owner marks it done on
/// the page; members read it; reporters are told they do not see it and get no forms. Fake clock: Monday 2 March 2026, 09:00 UTC.
/// </summary>
public sealed class StandupsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static string Page(TestProject project) => $"/projects/{project.Id}/standups";

    private static async Task<string> SubmitAsync(PagesSession session, string page, string form, Dictionary<string, string> fields)
    {
        var (_, html, location) = await session.SubmitAsync(page, form, fields);
        return location is null ? html : (await session.GetAsync(location)).Html;
    }

    [Fact]
    public async Task Lead_SavesTheScheduleAndRecordsMinutes_TheOwnerMarksTheActionDone_ReportersSeeNothing()
    {
        var project = await app.NewProjectAsync("Standup page");
        var lead = await PagesSession.SignInAsync(app, project[ProjectRole.HypercareLead].Email);
        var triage = await PagesSession.SignInAsync(app, project[ProjectRole.Triage].Email);
        var reporter = await PagesSession.SignInAsync(app, project[ProjectRole.Reporter].Email);

        var (status, before) = await lead.GetAsync(Page(project));
        var saved = await SubmitAsync(lead, Page(project), "schedule", new()
        {
            ["Schedule.Time"] = "08:30",
            ["Schedule.DurationMinutes"] = "20",
            ["Schedule.Roles"] = "triage",
            ["Schedule.SendInvitations"] = "true",
            ["Schedule.Version"] = "0",
        });
        var badMinutes = await SubmitAsync(lead, Page(project), "minutes", new() { ["Minutes.ActionText"] = "Call the vendor", ["Minutes.ActionDue"] = "2026-03-03" });
        var recorded = await SubmitAsync(lead, Page(project), "minutes", new()
        {
            ["Minutes.Notes"] = "Quiet start",
            ["Minutes.Decisions"] = "Patch daily at 18:00\nNo weekend changes",
            ["Minutes.ActionText"] = "Call the vendor",
            ["Minutes.ActionOwner"] = project[ProjectRole.Triage].Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Minutes.ActionDue"] = "2026-03-03",
        });
        var (_, asTriage) = await triage.GetAsync(Page(project));
        var formName = System.Text.RegularExpressions.Regex.Match(asTriage, "name=\"_handler\" value=\"(done-[0-9]+)\"").Groups[1].Value;
        var version = System.Text.RegularExpressions.Regex.Match(asTriage, "name=\"DoneItem.Version\" value=\"([0-9]+)\"").Groups[1].Value;
        var afterDone = await SubmitAsync(triage, Page(project), formName, new() { ["DoneItem.Version"] = version });
        var (reporterStatus, asReporter) = await reporter.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"/projects/{project.Id}/standups\"", before, StringComparison.Ordinal);
        Assert.Contains("Not saved yet", before, StringComparison.Ordinal);
        Assert.Contains("Schedule saved", saved, StringComparison.Ordinal);
        Assert.Contains("At <strong>08:30</strong>", saved, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", badMinutes, StringComparison.Ordinal);
        Assert.Contains("ownerUserId", badMinutes, StringComparison.Ordinal);
        Assert.Contains("Minutes saved", recorded, StringComparison.Ordinal);
        Assert.Contains("No weekend changes", recorded, StringComparison.Ordinal);
        Assert.Contains("Call the vendor", asTriage, StringComparison.Ordinal);
        Assert.StartsWith("done-", formName, StringComparison.Ordinal);
        Assert.Contains("Action item done.", afterDone, StringComparison.Ordinal);
        Assert.Contains("None open.", afterDone, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reporterStatus);
        Assert.Contains("Your role does not see the standups.", asReporter, StringComparison.Ordinal);
        Assert.DoesNotContain("Call the vendor", asReporter, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/projects/{project.Id}/standups\"", asReporter, StringComparison.Ordinal);
    }
}
