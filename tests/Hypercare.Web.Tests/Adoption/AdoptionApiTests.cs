using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Adoption;

public abstract class AdoptionApiTests(HypercareApp app)
{
    private static readonly JsonSerializerOptions Json = HypercareApp.Json;

    private const string Users = """
        "Id","Username","Name","IsActive","UserType","Profile.Name","UserRole.Name","Department"
        "005Hs00000AbCdEIAV","ana@acme.com.prod","Ana Lopez","true","Standard","Sales User","EMEA Sales Rep","Sales"
        "005Hs00000XyZqWIAV","raj@acme.com.prod","Raj Patel","true","Standard","Service Agent","","Care"
        "005Hs00000Gh1JkIAJ","lee@acme.com.prod","=HYPERLINK(""x"")","true","Standard","Sales User","","Sales"
        """;

    private const string Logins = """
        "Id","UserId","LoginTime","LoginType","Status"
        "0YaHs00000K7wXyKAJ","005Hs00000AbCdEIAV","2026-03-02T13:58:41.000Z","Application","Success"
        "0YaHs00000K7wXzKAJ","005Hs00000XyZqWIAV","2026-03-02T14:03:09.000Z","Application","Invalid Password"
        "0YaHs00000K7wY0KAJ","005Hs00000AbCdE","2026-03-02T23:05:22.000Z","Remote Access 2.0","Success"
        """;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, TestProject project, string kind, string csv, string query = "")
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"{project.Url}/adoption/imports/{kind}{query}", content);
    }

    private static async Task<ImportReport> ImportAsync(HttpClient client, TestProject project, string kind, string csv)
    {
        var response = await UploadAsync(client, project, kind, csv);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ImportReport>(Json))!;
    }

    [Fact]
    public async Task Import_UsersThenLogins_DailyFiguresInProjectTimeZone()
    {
        var project = await app.NewProjectAsync();
        var changeManager = project[ProjectRole.ChangeManager].Client;

        var users = await ImportAsync(changeManager, project, "users", Users);
        var logins = await ImportAsync(changeManager, project, "logins", Logins);
        var again = await ImportAsync(changeManager, project, "logins", Logins);

        Assert.Equal((3L, 3L), (users.Imported, logins.Imported));
        Assert.Equal((0L, 3L), (again.Imported, again.Duplicates));
        var daily = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/adoption/daily", Json);
        // One row per local day from go-live to the last day with data; Berlin: 23:05Z on 2 March is 00:05 on 3 March.
        var rows = daily.EnumerateArray().ToList();
        Assert.All(rows.SkipLast(2), r => Assert.Equal(0, r.GetProperty("activeUsers").GetInt32()));
        var first = rows[^2];
        Assert.Equal(["date", "activeUsers", "licensedUsers", "loginRate", "successfulLogins", "failedLogins"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-02", first.GetProperty("date").GetString());
        Assert.Equal((1, 3, 1, 1), (first.GetProperty("activeUsers").GetInt32(), first.GetProperty("licensedUsers").GetInt32(),
            first.GetProperty("successfulLogins").GetInt32(), first.GetProperty("failedLogins").GetInt32()));
        Assert.Equal(1.0 / 3, first.GetProperty("loginRate").GetDouble(), 6);
        Assert.Equal("2026-03-03", rows[^1].GetProperty("date").GetString());
    }

    [Fact]
    public async Task Import_OverlappingExportsAcrossBatchesWithRepeatedRows_EachLoginCountedOnce()
    {
        var project = await app.NewProjectAsync();
        var changeManager = project[ProjectRole.ChangeManager].Client;
        // 2,500 logins span several 400-row statements (PostgreSQL) and 1,024-row batches (both); ids as 15 and 18
        // characters; the second export repeats the first's even rows, adds the odd ones and repeats one row twice.
        string Row(int i, bool shortId = false)
        {
            var id = SalesforceId.To18("0YaHs" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
            var at = new DateTime(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc).AddMinutes(i);
            return $"\"{(shortId ? id[..15] : id)}\",\"005Hs00000AbCdEIAV\",\"{at:yyyy-MM-dd'T'HH:mm:ss'.000Z'}\",\"Application\",\"{(i % 10 == 0 ? "Invalid Password" : "Success")}\"";
        }

        const string Header = "\"Id\",\"UserId\",\"LoginTime\",\"LoginType\",\"Status\"\n";
        var first = await ImportAsync(changeManager, project, "logins", Header + string.Join("\n", Enumerable.Range(0, 2500).Where(i => i % 2 == 0).Select(i => Row(i, shortId: true))));
        var second = await ImportAsync(changeManager, project, "logins", Header + string.Join("\n", Enumerable.Range(0, 2500).Select(i => Row(i)).Append(Row(7))));

        Assert.Equal((1250L, 0L), (first.Imported, first.Duplicates));
        Assert.Equal((1250L, 1251L), (second.Imported, second.Duplicates));
        var daily = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/adoption/daily", Json);
        var totals = daily.EnumerateArray().Aggregate((Successes: 0, Failures: 0), (t, r) =>
            (t.Successes + r.GetProperty("successfulLogins").GetInt32(), t.Failures + r.GetProperty("failedLogins").GetInt32()));
        Assert.Equal((2250, 250), totals);
    }

    [Fact]
    public async Task Import_BadRow_400NamingLineAndColumnAndNothingImported()
    {
        var project = await app.NewProjectAsync();
        var csv = Logins.Replace("2026-03-02T14:03:09.000Z", "yesterday", StringComparison.Ordinal);

        var response = await UploadAsync(project[ProjectRole.HypercareLead].Client, project, "logins", csv, "?fileName=march.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("march.csv: line 3, column LoginTime: 'yesterday' is not a time", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.False(problem.GetProperty("current").GetProperty("committed").GetBoolean());
        var daily = await project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{project.Url}/adoption/daily", Json);
        Assert.Equal(0, daily.GetArrayLength());
    }

    [Fact]
    public async Task Import_ControlCharacterInARosterCell_400NamingLineAndColumnAndNothingImported()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var csv = Users.Replace("Raj Patel", "Raj\0Patel", StringComparison.Ordinal);

        var refused = await UploadAsync(lead, project, "users", csv, "?fileName=users.csv");
        var lenient = await UploadAsync(lead, project, "users", csv, "?fileName=users.csv&allowRejects=true");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("users.csv: line 3, column Name: the value contains the control character U+0000 at position 4",
            problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        // Refused whole, nothing was kept: the lenient import is the first to store Ana and Lee, and it leaves Raj out.
        Assert.Equal(HttpStatusCode.OK, lenient.StatusCode);
        var report = (await lenient.Content.ReadFromJsonAsync<ImportReport>(Json))!;
        Assert.Equal((2L, 1L), (report.Imported, report.Rejected));
        Assert.Equal((3L, "Name"), (report.Rejections[0].Line, report.Rejections[0].Column));
    }

    [Fact]
    public async Task Import_UnknownKindOrBadMap_400NamingTheField()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;

        var kind = await (await UploadAsync(lead, project, "tickets", Logins)).Content.ReadFromJsonAsync<JsonElement>();
        var map = await (await UploadAsync(lead, project, "users", Users, "?map=colour:Dept")).Content.ReadFromJsonAsync<JsonElement>();

        var rejects = await UploadAsync(lead, project, "users", Users, "?allowRejects=maybe");
        var rejectsProblem = await rejects.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(kind.GetProperty("errors").TryGetProperty("kind", out _));
        Assert.True(map.GetProperty("errors").TryGetProperty("map", out _));
        Assert.Equal(HttpStatusCode.BadRequest, rejects.StatusCode);
        Assert.Equal("'maybe' is not a valid value for allowRejects (true or false).", rejectsProblem.GetProperty("errors").GetProperty("allowRejects")[0].GetString());
        Assert.DoesNotContain("Nullable", rejectsProblem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_LargerThanTheOldOneMegabyteCap_Accepted()
    {
        var project = await app.NewProjectAsync();
        var rows = new StringBuilder("\"Id\",\"UserId\",\"LoginTime\",\"Status\",\"Padding\"\n");
        var padding = new string('x', 500);
        for (var i = 0; i < 3000; i++)
        {
            rows.Append('"').Append(SalesforceId.To18("0YaHs" + i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)))
                .Append("\",\"005Hs00000AbCdEIAV\",\"2026-03-02T10:00:00.000Z\",\"Success\",\"").Append(padding).Append("\"\n");
        }

        var report = await ImportAsync(project[ProjectRole.HypercareLead].Client, project, "logins", rows.ToString());

        Assert.Equal(3000, report.Imported);
    }

    [Fact]
    public async Task Reporter_CannotSeeOrImport_403()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter].Client;

        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"{project.Url}/adoption/daily")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(reporter, project, "logins", Logins)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await UploadAsync(project[ProjectRole.Sponsor].Client, project, "logins", Logins)).StatusCode);
    }

    [Fact]
    public async Task NeverLoggedIn_CsvExport_QuotedAndFormulaSafe()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        await ImportAsync(lead, project, "users", Users);
        await ImportAsync(lead, project, "logins", Logins);

        var response = await project[ProjectRole.Sponsor].Client.GetAsync($"{project.Url}/adoption/never-logged-in?format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("UserId,Username,Name,Profile,Role,Department,Licensed,LastLoginInExport", lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("005Hs00000Gh1JkIAJ,lee@acme.com.prod,\"'=HYPERLINK(\"\"x\"\")\",", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("005Hs00000XyZqWIAV,raj@acme.com.prod,Raj Patel,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Settings_InvalidTargetAndFeature_400NamingEachField()
    {
        var project = await app.NewProjectAsync();

        var response = await project[ProjectRole.ChangeManager].Client.PutAsJsonAsync($"{project.Url}/adoption/settings", new
        {
            features = new[] { new { feature = "Quotes", field = "component" } },
            targets = new[] { new { metric = "weeklyLoginRate", rate = 80, byDate = "2026-03-16" } },
        }, Json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("features[0].value", out _));
        Assert.True(errors.TryGetProperty("features[0].match", out _));
        Assert.True(errors.TryGetProperty("targets[0].rate", out _));
    }

    [Fact]
    public async Task Flags_MissedTarget_RaisedWithEvidenceAndAcknowledged()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        (await lead.PutAsJsonAsync($"{project.Url}/adoption/settings", new
        {
            targets = new[] { new { metric = "dailyLoginRate", rate = 0.8, byDate = "2026-03-02" } },
        }, Json)).EnsureSuccessStatusCode();
        await ImportAsync(lead, project, "users", Users);
        await ImportAsync(lead, project, "logins", Logins);

        var flags = await project[ProjectRole.Sponsor].Client.GetFromJsonAsync<List<FlagResponse>>($"{project.Url}/adoption/flags", Json);

        var flag = Assert.Single(flags!, f => f.Kind == FlagKind.BelowTarget);
        Assert.Equal(new DateOnly(2026, 3, 2), flag.Since);
        Assert.Equal(0.8, flag.Evidence.GetProperty("target").GetDouble());
        Assert.Equal(HttpStatusCode.Forbidden, (await project[ProjectRole.Sponsor].Client.PostAsJsonAsync($"{project.Url}/adoption/flags/{flag.Id}/acknowledge", new { note = "x" }, Json)).StatusCode);
        var empty = await lead.PostAsJsonAsync($"{project.Url}/adoption/flags/{flag.Id}/acknowledge", new { note = "" }, Json);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("note", out _));
        var acknowledged = await lead.PostAsJsonAsync($"{project.Url}/adoption/flags/{flag.Id}/acknowledge", new { note = "Floor walkers on Monday" }, Json);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var after = await lead.GetFromJsonAsync<List<FlagResponse>>($"{project.Url}/adoption/flags", Json);
        Assert.Equal("Floor walkers on Monday", after!.Single(f => f.Id == flag.Id).AcknowledgementNote);
    }

    [Fact]
    public async Task Flags_LoginDataStale_RaisedOnceWithEvidenceAndClearedByANewerImport()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var today = LocalDays.Today(app.Clock.GetUtcNow(), "Europe/Berlin");
        // The project went live three days ago; the only export covers the go-live day.
        static string LoginOn(int id, DateOnly day) =>
            $"\"Id\",\"UserId\",\"LoginTime\",\"Status\"\n\"0YaHs{id:D10}\",\"005Hs00000AbCdEIAV\",\"{day:yyyy-MM-dd}T10:00:00.000Z\",\"Success\"\n";
        await ImportAsync(lead, project, "logins", LoginOn(1, today.AddDays(-3)));

        var flags = await lead.GetFromJsonAsync<List<FlagResponse>>($"{project.Url}/adoption/flags", Json);
        var evaluated = await lead.PostAsync($"{project.Url}/adoption/flags/evaluate", null);
        var again = await evaluated.Content.ReadFromJsonAsync<List<FlagResponse>>(Json);

        var flag = Assert.Single(flags!, f => f.Kind == FlagKind.DataStale);
        Assert.Equal((today.AddDays(-2), 3.0), (flag.Since, flag.Magnitude));
        Assert.Equal(today.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), flag.Evidence.GetProperty("lastDataDay").GetString());
        Assert.Equal(3, flag.Evidence.GetProperty("daysMissing").GetInt32());
        Assert.Equal(flag.Id, Assert.Single(again!, f => f.Kind == FlagKind.DataStale).Id);

        await ImportAsync(lead, project, "logins", LoginOn(2, today.AddDays(-1)));

        var after = await lead.GetFromJsonAsync<List<FlagResponse>>($"{project.Url}/adoption/flags?all=true", Json);
        Assert.NotNull(Assert.Single(after!, f => f.Kind == FlagKind.DataStale).ClearedAt);
    }

    [Theory]
    [InlineData("login-rate.png", "image/png")]
    [InlineData("by-department.svg", "image/svg+xml")]
    [InlineData("feature-usage.svg", "image/svg+xml")]
    public async Task Charts_RenderedOnTheServer(string chart, string mediaType)
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        await ImportAsync(lead, project, "users", Users);
        await ImportAsync(lead, project, "logins", Logins);

        var response = await lead.GetAsync($"{project.Url}/adoption/charts/{chart}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (mediaType == "image/png")
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        else
        {
            Assert.Contains("<svg", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Charts_UnknownName_400()
    {
        var project = await app.NewProjectAsync();

        var response = await project[ProjectRole.HypercareLead].Client.GetAsync($"{project.Url}/adoption/charts/pie.gif");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class AdoptionApiTests_Sqlite(SqliteApp app) : AdoptionApiTests(app), IClassFixture<SqliteApp>;

public sealed class AdoptionApiTests_Postgres(PostgresApp app) : AdoptionApiTests(app), IClassFixture<PostgresApp>;
