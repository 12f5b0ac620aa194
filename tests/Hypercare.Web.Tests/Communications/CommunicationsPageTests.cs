using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Hypercare.Core.Communications;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Communications;

/// <summary>The communications pages: schedules and their forms, the live preview, editing, send now and the archive.</summary>
public sealed partial class CommunicationsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] Workdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    private static readonly string[] ReporterRole = ["reporter"];

    private static readonly string[] SponsorRole = ["sponsor"];

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project, string rest = "") => $"/projects/{project.Id}/communications{rest}";

    private static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static async Task<ReportSendResponse> SendNowAsync(TestProject project, string kind)
    {
        var response = await project[ProjectRole.HypercareLead].Client.PostAsync($"{project.Url}/reports/{kind}/send", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReportSendResponse>(HypercareApp.Json))!;
    }

    private static async Task<List<ScheduleResponse>> SchedulesAsync(TestProject project) =>
        (await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<List<ScheduleResponse>>($"{project.Url}/reports/schedules", HypercareApp.Json))!;

    private static async Task<List<ReportSendSummary>> ArchiveAsync(TestProject project) =>
        (await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<List<ReportSendSummary>>($"{project.Url}/reports", HypercareApp.Json))!;

    /// <summary>The report HTML as the browser puts it into the sandboxed frame (the srcdoc attribute, decoded once).</summary>
    private static string FrameHtml(string page)
    {
        var match = SrcdocPattern().Match(page);
        Assert.True(match.Success, "The page has no report frame.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string TextareaMarkdown(string page)
    {
        var match = MarkdownPattern().Match(page);
        Assert.True(match.Success, "The page has no Markdown field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static Dictionary<string, string> ScheduleFields(string time, string dayMode = "workdays", string? weeklyDay = null) => new()
    {
        ["Schedule.Enabled"] = "true",
        ["Schedule.LocalTime"] = time,
        ["Schedule.DayMode"] = dayMode,
        ["Schedule.WeeklyDay"] = weeklyDay ?? "Monday",
        ["Schedule.Roles"] = "HypercareLead",
        ["Schedule.SendEmail"] = "true",
    };

    [Fact]
    public async Task Overview_LeadWithScheduleAndSends_ShowsScheduleNextAndLastSendAndArchive()
    {
        var project = await app.NewProjectAsync();
        var put = await project[ProjectRole.HypercareLead].Client.PutAsJsonAsync($"{project.Url}/reports/schedules/user-update",
            new { enabled = true, localTime = "08:30", days = Workdays, recipientRoles = ReporterRole },
            HypercareApp.Json);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var sent = await SendNowAsync(project, "user-update");
        var schedule = (await SchedulesAsync(project)).Single(s => s.Kind == ReportKind.UserUpdate);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html) = await session.GetAsync(Page(project));

        Assert.Equal(HttpStatusCode.OK, status);
        var text = WebUtility.HtmlDecode(html);
        Assert.Contains("Mon–Fri at 08:30", text, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", html, StringComparison.Ordinal);
        // Next send in local time (the next workday's 08:30 in Berlin).
        Assert.True(schedule.NextSendAt > app.Clock.GetUtcNow());
        Assert.EndsWith(" 08:30", Local(schedule.NextSendAt!.Value), StringComparison.Ordinal);
        Assert.Contains(Local(schedule.NextSendAt!.Value), html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Page(project, $"/archive/{sent.Key}")}\">{Local(sent.SentAt)}</a>", html, StringComparison.Ordinal);
        Assert.Contains(sent.Subject, text, StringComparison.Ordinal);
        foreach (var kind in ReportKinds.All)
        {
            Assert.True(PagesSession.HasForm(html, $"schedule-{kind.Slug()}"), kind.Slug());
        }
    }

    [Fact]
    public async Task Overview_SlotMissedBeyondCatchUpWindow_ShowsItOnceAsMissed()
    {
        var project = await app.NewProjectAsync();
        var inAnHour = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow().AddHours(1), Berlin).ToString("HH:mm", CultureInfo.InvariantCulture);
        var put = await project[ProjectRole.HypercareLead].Client.PutAsJsonAsync($"{project.Url}/reports/schedules/sponsor-status",
            new { enabled = true, localTime = inAnHour, days = Enum.GetValues<DayOfWeek>(), recipientRoles = SponsorRole }, HypercareApp.Json);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        // No node ran for eight hours: the slot is seven hours late, past the six-hour catch-up window.
        app.Clock.Advance(TimeSpan.FromHours(8));

        var first = await app.WithServicesAsync(s => s.GetRequiredService<ReportScheduler>().RunDueAsync());
        var second = await app.WithServicesAsync(s => s.GetRequiredService<ReportScheduler>().RunDueAsync());
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var (_, html) = await session.GetAsync(Page(project));
        var archive = await ArchiveAsync(project);

        Assert.True(first.Missed >= 1);
        Assert.Equal(0, second.Missed);
        var missed = Assert.Single(archive);
        Assert.Equal(ReportTrigger.Missed, missed.Trigger);
        Assert.Equal(0, missed.Recipients);
        Assert.Contains($"missed the {missed.SlotDate:yyyy-MM-dd} slot", html, StringComparison.Ordinal);
        Assert.Contains("Daily sponsor status (missed)", html, StringComparison.Ordinal);
        var (_, detail) = await session.GetAsync(Page(project, $"/archive/{missed.Key}"));
        Assert.Contains("was not sent", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleForm_WeeklyWithRolesAndAddress_SavesAndShowsIt()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var fields = ScheduleFields("09:15", "weekly", "Wednesday");
        fields["Schedule.ExtraAddresses"] = "steering@example.com\r\nboard@example.com";
        fields["Schedule.SlackWebhookUrl"] = "https://hooks.slack.com/services/T000/B000/secret";

        var (status, html, location) = await session.SubmitAsync(Page(project), "schedule-leadership", fields);
        var stored = (await SchedulesAsync(project)).Single(s => s.Kind == ReportKind.Leadership);
        var (_, after) = await session.GetAsync(location!);

        Assert.True(status == HttpStatusCode.Redirect, html);
        Assert.True(stored.Enabled);
        Assert.Equal("09:15", stored.LocalTime);
        Assert.Equal([DayOfWeek.Wednesday], stored.Days);
        Assert.Equal([ProjectRole.HypercareLead], stored.RecipientRoles);
        Assert.Equal(["steering@example.com", "board@example.com"], stored.ExtraAddresses);
        Assert.Equal("https://hooks.slack.com/…", stored.SlackWebhook);
        Assert.Contains("The weekly leadership report schedule was saved.", after, StringComparison.Ordinal);
        Assert.Contains("Wednesdays at 09:15", after, StringComparison.Ordinal);
        Assert.Contains(Local(stored.NextSendAt!.Value), after, StringComparison.Ordinal);
        // The webhook is a secret: the page names its host only and never echoes the URL.
        Assert.DoesNotContain("secret", after, StringComparison.Ordinal);
        Assert.Contains("set: https://hooks.slack.com/…", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleForm_BadTimeAndPrivateWebhooks_RefusedNamingFieldsAndNothingChanges()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var before = (await SchedulesAsync(project)).Single(s => s.Kind == ReportKind.SponsorStatus);
        var fields = ScheduleFields("25:00");
        fields["Schedule.SlackWebhookUrl"] = "http://10.0.0.1/hook";
        fields["Schedule.TeamsWebhookUrl"] = "https://10.0.0.1/hook";

        var (status, html, _) = await session.SubmitAsync(Page(project), "schedule-sponsor-status", fields);
        var after = (await SchedulesAsync(project)).Single(s => s.Kind == ReportKind.SponsorStatus);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"sponsor-status-localTime-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"sponsor-status-slackWebhookUrl-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"sponsor-status-teamsWebhookUrl-error\"", html, StringComparison.Ordinal);
        Assert.Contains("localTime: localTime &#x27;25:00&#x27; is not a time of day", html, StringComparison.Ordinal);
        // The person's input is kept in the form that failed; the others are untouched.
        Assert.Contains("value=\"25:00\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"user-update-localTime-error\"", html, StringComparison.Ordinal);
        Assert.Equal(Json(before), Json(after));
        Assert.False(after.Enabled);
    }

    [Fact]
    public async Task PreviewPage_SponsorStatus_ShowsFiguresOfTheProjectsIssues()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync("Orders cannot be saved", "sev1");
        await project.ReportAsync("Quotes lose their discount", "sev1");
        await project.ReportAsync("Report totals off by one", "sev3");
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html) = await session.GetAsync(Page(project, "/sponsor-status"));

        Assert.Equal(HttpStatusCode.OK, status);
        var markdown = TextareaMarkdown(html);
        Assert.Contains("**3 new** issue(s); **3 open** in total (2 Sev1, 0 Sev2, 1 Sev3)", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sev1 | 2 | 2 |", markdown, StringComparison.Ordinal);
        var frame = FrameHtml(html);
        Assert.Contains("3 new</strong>", frame, StringComparison.Ordinal);
        // Styled tags are whole (a style attribute without its closing '>' swallowed every heading and cell).
        Assert.Contains("padding-bottom:4px;\">Issues by severity</h2>", frame, StringComparison.Ordinal);
        Assert.Contains("padding:4px 8px;\">2</td>", frame, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", frame, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(html, "draft"));
        Assert.True(PagesSession.HasForm(html, "send"));
    }

    [Fact]
    public async Task EditThenSendNow_EditedMarkdown_IsPreviewedSentAndArchivedWithRecipients()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead];
        var session = await SignInAsync(lead);
        var url = Page(project, "/user-update");
        var (_, page) = await session.GetAsync(url);
        var edited = TextareaMarkdown(page) + "\n\nPlease use the classic quote screen until Friday.\n";

        var (saveStatus, saved, _) = await session.SubmitAsync(url, "draft", new Dictionary<string, string>
        {
            ["Draft.Subject"] = "User update: classic quote screen",
            ["Draft.Markdown"] = edited,
        });
        var (_, reopened) = await session.GetAsync(url);
        var (sendStatus, _, location) = await session.SubmitAsync(url, "send", new Dictionary<string, string>());
        var (archiveStatus, archived) = await session.GetAsync(location!);
        var archive = await ArchiveAsync(project);

        Assert.Equal(HttpStatusCode.OK, saveStatus);
        Assert.Contains("Edit saved.", saved, StringComparison.Ordinal);
        Assert.Contains("Please use the classic quote screen until Friday.", FrameHtml(reopened), StringComparison.Ordinal);
        Assert.Contains($"Edited by {lead.DisplayName}", reopened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sendStatus);
        Assert.Contains(Page(project, "/archive/"), location, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, archiveStatus);
        var sent = Assert.Single(archive);
        Assert.Equal("User update: classic quote screen", sent.Subject);
        Assert.Equal(lead.DisplayName, sent.EditedBy);
        Assert.Contains("Please use the classic quote screen until Friday.", FrameHtml(archived), StringComparison.Ordinal);
        Assert.Contains($"edited by {lead.DisplayName}", archived, StringComparison.Ordinal);
        // The default user update goes to every role: each member is listed with the e-mail channel.
        Assert.Equal(Enum.GetValues<ProjectRole>().Length, sent.Recipients);
        Assert.Contains("<h2>Sent to</h2>", archived, StringComparison.Ordinal);
        foreach (var member in project.Members.Values)
        {
            Assert.Contains($"<td>email</td><td>{member.Email}</td>", archived, StringComparison.Ordinal);
        }

        // The edit was for one send: the preview is live again.
        var (_, afterSend) = await session.GetAsync(url);
        Assert.DoesNotContain("Please use the classic quote screen", afterSend, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_Archive_SeesOnlyUserUpdatesAndNoWriteForms()
    {
        var project = await app.NewProjectAsync();
        var update = await SendNowAsync(project, "user-update");
        var sponsor = await SendNowAsync(project, "sponsor-status");
        var session = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, overview) = await session.GetAsync(Page(project));
        var (updateStatus, updatePage) = await session.GetAsync(Page(project, $"/archive/{update.Key}"));
        var (sponsorStatus, _) = await session.GetAsync(Page(project, $"/archive/{sponsor.Key}"));
        var (_, preview) = await session.GetAsync(Page(project, "/user-update"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(update.Key, overview, StringComparison.Ordinal);
        Assert.DoesNotContain(sponsor.Key, overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Daily sponsor status", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\" value=\"schedule-", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("Schedule.LocalTime", overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, updateStatus);
        // Recipients are people's addresses: only those who manage communications see them.
        Assert.DoesNotContain("Sent to", updatePage, StringComparison.Ordinal);
        Assert.DoesNotContain(project[ProjectRole.Sponsor].Email, updatePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, sponsorStatus);
        Assert.False(PagesSession.HasForm(preview, "draft"));
        Assert.False(PagesSession.HasForm(preview, "send"));
        Assert.DoesNotContain("<iframe", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sponsor_ForgedSchedulePostAndSendPost_ChangeNothing()
    {
        var project = await app.NewProjectAsync();
        var sponsor = await SignInAsync(project[ProjectRole.Sponsor]);
        var before = await SchedulesAsync(project);
        var (_, overview) = await sponsor.GetAsync(Page(project));

        var (scheduleStatus, _, scheduleLocation) = await ForgeAsync(sponsor, Page(project), "schedule-sponsor-status", ScheduleFields("17:00"));
        var (sendStatus, _, sendLocation) = await ForgeAsync(sponsor, Page(project, "/sponsor-status"), "send", new Dictionary<string, string>());
        var (draftStatus, _, _) = await ForgeAsync(sponsor, Page(project, "/sponsor-status"), "draft",
            new Dictionary<string, string> { ["Draft.Markdown"] = "# Everything is fine" });

        Assert.False(PagesSession.HasForm(overview, "schedule-sponsor-status"));
        Assert.NotEqual(HttpStatusCode.Redirect, scheduleStatus);
        Assert.Null(scheduleLocation);
        Assert.NotEqual(HttpStatusCode.Redirect, sendStatus);
        Assert.Null(sendLocation);
        Assert.NotEqual(HttpStatusCode.Redirect, draftStatus);
        Assert.Equal(Json(before), Json(await SchedulesAsync(project)));
        Assert.Empty(await ArchiveAsync(project));
        var preview = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<ReportPreview>($"{project.Url}/reports/sponsor-status/preview", HypercareApp.Json);
        Assert.False(preview!.Edited);
    }

    [Fact]
    public async Task PreviewAndArchive_HtmlInIssueTitleAndEdit_ShownAsTextNeverAsMarkup()
    {
        var project = await app.NewProjectAsync();
        await project.ReportAsync("<img src=x onerror=alert(1)> orders fail", "sev1");
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);
        var url = Page(project, "/sponsor-status");

        await session.SubmitAsync(url, "draft", new Dictionary<string, string>
        {
            ["Draft.Subject"] = "Status <b>bold</b>",
            ["Draft.Markdown"] = "# Status\n\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n\n#1 <img src=x onerror=alert(1)> orders fail\n",
        });
        var (_, preview) = await session.GetAsync(url);
        var (_, _, location) = await session.SubmitAsync(url, "send", new Dictionary<string, string>());
        var (_, archived) = await session.GetAsync(location!);

        foreach (var page in new[] { preview, archived })
        {
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold</b>", page, StringComparison.Ordinal);
            var frame = FrameHtml(page);
            Assert.DoesNotContain("<script", frame, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", frame, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"javascript:", frame, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", frame, StringComparison.Ordinal);
        }

        Assert.Contains("Status &lt;b&gt;bold&lt;/b&gt;", archived, StringComparison.Ordinal);
        Assert.Contains("<iframe title=\"Report as sent\" sandbox", archived, StringComparison.Ordinal);
    }

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, HypercareApp.Json);

    /// <summary>Posts a named form the page does not render for this person, with the page's antiforgery token.</summary>
    private static async Task<(HttpStatusCode Status, string Html, string? Location)> ForgeAsync(PagesSession session, string url, string formName,
        IDictionary<string, string> fields)
    {
        var (status, page) = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "The page carries no antiforgery token.");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        };
        var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("srcdoc=\"([^\"]*)\"")]
    private static partial Regex SrcdocPattern();

    [GeneratedRegex("<textarea id=\"markdown\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex MarkdownPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
