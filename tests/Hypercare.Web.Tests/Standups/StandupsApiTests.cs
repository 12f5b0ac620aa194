using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Standups;

/// <summary>
/// The standups through the API on both engines: the lead schedules them (invitations land in the outbox with their
/// iCalendar), members read the schedule and the agenda as JSON or Markdown, the lead records minutes whose action items
/// carry into the agenda until their owner marks them done; reporters see none of it.
/// </summary>
public abstract class StandupsApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;
    private static readonly string[] Roles = ["hypercareLead", "triage", "steadyStateSupport"];
    private static readonly string[] Decisions = ["Daily patch at 18:00"];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    [Fact]
    public async Task Schedule_SavedByTheLead_QueuesAnInvitationPerAttendeeAndSeries_AndMembersReadIt()
    {
        var project = await app.NewProjectAsync("Standups");
        var lead = project[ProjectRole.HypercareLead].Client;

        var byTriage = await project[ProjectRole.Triage].Client.PutAsJsonAsync($"{project.Url}/standups/schedule", new { time = "10:00" }, Json);
        var saved = await JsonAsync(await lead.PutAsJsonAsync($"{project.Url}/standups/schedule",
            new { time = "08:45", durationMinutes = 15, attendeeRoles = Roles }, Json), HttpStatusCode.OK);
        var asSponsor = await JsonAsync(await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/standups/schedule"), HttpStatusCode.OK);
        var asReporter = await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/standups/schedule");

        Assert.Equal(HttpStatusCode.Forbidden, byTriage.StatusCode);
        Assert.Equal("08:45", asSponsor.GetProperty("time").GetString());
        Assert.True(asSponsor.GetProperty("saved").GetBoolean());
        var series = saved.GetProperty("series").GetArrayLength();
        var attendees = saved.GetProperty("attendees").GetArrayLength();
        Assert.True(series >= 1);
        Assert.Equal(3, attendees);
        Assert.All(saved.GetProperty("series").EnumerateArray(), s => Assert.Equal(0, s.GetProperty("sequence").GetInt32()));
        Assert.Equal(HttpStatusCode.Forbidden, asReporter.StatusCode);
        var invitations = await app.WithServicesAsync(s => s.GetRequiredService<HypercareDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.ProjectId == project.Id && m.Calendar != null).ToListAsync());
        Assert.Equal(series * attendees, invitations.Count);
        Assert.All(invitations, m => Assert.Contains("METHOD:REQUEST", m.Calendar, StringComparison.Ordinal));
        Assert.All(invitations, m => Assert.Equal(OutboxMessage.EmailChannel, m.Channel));
    }

    [Fact]
    public async Task Agenda_InMarkdownAndJson_CarriesTheOpenActionItemUntilItsOwnerMarksItDone()
    {
        var project = await app.NewProjectAsync("Agenda");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage];
        (await lead.PostAsJsonAsync(project.Issues, new { title = "Payments stuck", description = "d", proposedSeverity = "sev1" }, Json)).EnsureSuccessStatusCode();
        var minutes = await JsonAsync(await lead.PostAsJsonAsync($"{project.Url}/standups/minutes", new
        {
            notes = "First standup",
            decisions = Decisions,
            actionItems = new[] { new { text = "Check the payment gateway logs", ownerUserId = triage.Id, dueOn = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1) } },
        }, Json), HttpStatusCode.Created);
        var item = minutes.GetProperty("actionItems")[0];

        var markdown = await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/standups/agenda?format=markdown");
        var text = await markdown.Content.ReadAsStringAsync();
        var bad = await lead.GetAsync($"{project.Url}/standups/agenda?format=pdf");
        var bySponsor = await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{project.Url}/standups/action-items/{item.GetProperty("id").GetInt32()}/done",
            new { version = item.GetProperty("version").GetInt32() }, Json);
        await JsonAsync(await triage.Client.PostAsJsonAsync($"{project.Url}/standups/action-items/{item.GetProperty("id").GetInt32()}/done",
            new { version = item.GetProperty("version").GetInt32() }, Json), HttpStatusCode.OK);
        var after = await JsonAsync(await triage.Client.GetAsync($"{project.Url}/standups/agenda"), HttpStatusCode.OK);
        var reporter = await project[ProjectRole.Reporter].Client.GetAsync($"{project.Url}/standups/agenda?format=markdown");

        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sev1 Payments stuck", text, StringComparison.Ordinal);
        Assert.Contains("- Check the payment gateway logs (", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, bySponsor.StatusCode);
        Assert.Equal(0, after.GetProperty("openActions").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, reporter.StatusCode);
    }

    [Fact]
    public async Task CalendarFeed_PersonalAddress_ServesOnesShiftsAndStandups_AnonymouslyUntilRotatedOrTheRoleIsLost()
    {
        var project = await app.NewProjectAsync("Feeds");
        var lead = project[ProjectRole.HypercareLead].Client;
        var triage = project[ProjectRole.Triage];
        var other = await app.NewUserAsync("Other triage");
        (await app.Admin.PostAsJsonAsync($"{project.Url}/members", new { userId = other.Id, role = "triage" }, Json)).EnsureSuccessStatusCode();
        foreach (var (userId, start) in new[] { (triage.Id, "21:00"), (other.Id, "19:00") })
        {
            (await lead.PostAsJsonAsync($"{project.Url}/rota/shifts", new { userId, date = "2026-03-04", start, end = start == "21:00" ? "23:00" : "20:30" }, Json)).EnsureSuccessStatusCode();
        }

        var mine = await JsonAsync(await triage.Client.PostAsync($"{project.Url}/calendar/personal/rotate", null), HttpStatusCode.OK);
        var projectByTriage = await triage.Client.PostAsync($"{project.Url}/calendar/project/rotate", null);
        var projectFeed = await JsonAsync(await lead.PostAsync($"{project.Url}/calendar/project/rotate", null), HttpStatusCode.OK);
        var path = mine.GetProperty("personalPath").GetString()!;
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        var all = Ical.Net.Calendar.Load(await (await anonymous.GetAsync(projectFeed.GetProperty("projectPath").GetString())).Content.ReadAsStringAsync())!;
        var rotated = await JsonAsync(await triage.Client.PostAsync($"{project.Url}/calendar/personal/rotate", null), HttpStatusCode.OK);
        var oldAfterRotation = await anonymous.GetAsync(path);
        var newPath = rotated.GetProperty("personalPath").GetString()!;
        (await app.Admin.PatchAsJsonAsync($"{project.Url}/members/{triage.Id}", new { role = "reporter" }, Json)).EnsureSuccessStatusCode();
        var afterDemotion = await anonymous.GetAsync(newPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var calendar = Ical.Net.Calendar.Load(text)!;
        // Her one shift (21:00–23:00 Berlin = 20:00–22:00 UTC on 4 March) and the standup series of the default plan, zoned.
        var shift = Assert.Single(calendar.Events, e => e.Uid!.StartsWith("shift-", StringComparison.Ordinal));
        Assert.Equal(new DateTime(2026, 3, 4, 20, 0, 0, DateTimeKind.Utc), shift.DtStart!.AsUtc);
        var standups = calendar.Events.Where(e => e.Uid!.StartsWith("standup-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(standups);
        Assert.All(standups, e => Assert.Equal("Europe/Berlin", e.DtStart!.TzId));
        Assert.Equal(HttpStatusCode.Forbidden, projectByTriage.StatusCode);
        Assert.Equal(2, all.Events.Count(e => e.Uid!.StartsWith("shift-", StringComparison.Ordinal)));
        Assert.NotEqual(path, newPath);
        Assert.Equal(HttpStatusCode.NotFound, oldAfterRotation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDemotion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/calendar/{new string('a', 43)}.ics")).StatusCode);
    }
}

public sealed class StandupsApiTests_Sqlite(SqliteApp app) : StandupsApiTests(app), IClassFixture<SqliteApp>;

public sealed class StandupsApiTests_Postgres(PostgresApp app) : StandupsApiTests(app), IClassFixture<PostgresApp>;
