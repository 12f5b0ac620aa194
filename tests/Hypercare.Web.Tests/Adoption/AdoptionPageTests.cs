using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Adoption;

public abstract class AdoptionPageTests(HypercareApp app)
{
    private const string Users = "\"Id\",\"Name\",\"Department\"\n\"005Hs00000AbCdEIAV\",\"Ana Lopez\",\"Sales\"\n\"005Hs00000XyZqWIAV\",\"Raj Patel\",\"Care & Support\"\n";
    private const string Logins = "\"Id\",\"UserId\",\"LoginTime\",\"Status\"\n\"0YaHs00000K7wXyKAJ\",\"005Hs00000AbCdEIAV\",\"2026-03-02T13:58:41.000Z\",\"Success\"\n";

    private static async Task ImportAsync(HttpClient client, TestProject project, string kind, string csv)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        (await client.PostAsync($"{project.Url}/adoption/imports/{kind}", content)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task AdoptionPage_ChangeManager_SeesChartsTablesAndNeverLoggedIn()
    {
        var project = await app.NewProjectAsync();
        await ImportAsync(project[ProjectRole.ChangeManager].Client, project, "users", Users);
        await ImportAsync(project[ProjectRole.ChangeManager].Client, project, "logins", Logins);
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.ChangeManager].Email);

        var (status, html) = await session.GetAsync($"/projects/{project.Id}/adoption");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"/api/v1/projects/{project.Id}/adoption/charts/login-rate.svg", html, StringComparison.Ordinal);
        Assert.Contains($"/api/v1/projects/{project.Id}/adoption/charts/by-department.svg", html, StringComparison.Ordinal);
        Assert.Contains("Raj Patel", html, StringComparison.Ordinal);
        Assert.Contains("Care &amp; Support", html, StringComparison.Ordinal);
        Assert.Contains("never-logged-in?format=csv", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/projects/{project.Id}/adoption\" aria-current=\"page\"", html, StringComparison.Ordinal);
        var (chartStatus, svg) = await session.GetAsync($"/api/v1/projects/{project.Id}/adoption/charts/login-rate.svg");
        Assert.Equal(HttpStatusCode.OK, chartStatus);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptionPage_Reporter_SeesNoFiguresAndNoNavLink()
    {
        var project = await app.NewProjectAsync();
        await ImportAsync(project[ProjectRole.HypercareLead].Client, project, "users", Users);
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.Reporter].Email);

        var (status, html) = await session.GetAsync($"/projects/{project.Id}/adoption");
        var (_, dashboard) = await session.GetAsync($"/projects/{project.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("Raj Patel", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/projects/{project.Id}/adoption\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadForm_ChangeManager_ImportsAndRedirectsWithTheReport()
    {
        var project = await app.NewProjectAsync();
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.ChangeManager].Email);
        var (_, page) = await session.GetAsync($"/projects/{project.Id}/adoption");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        Assert.Contains($"action=\"/projects/{project.Id}/adoption/upload\"", page, StringComparison.Ordinal);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("logins"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Logins)), "file", "march.csv" },
        };
        var response = await session.Client.PostAsync($"/projects/{project.Id}/adoption/upload", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/projects/{project.Id}/adoption?importMessage=", location, StringComparison.Ordinal);
        var (_, after) = await session.GetAsync(location);
        Assert.Contains("march.csv: 1 rows read, 1 imported, 0 duplicates, 0 rejected.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadForm_Sponsor_Forbidden()
    {
        var project = await app.NewProjectAsync();
        var session = await PagesSession.SignInAsync(app, project[ProjectRole.Sponsor].Email);
        var (_, page) = await session.GetAsync($"/projects/{project.Id}/adoption");
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("logins"), "kind" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Logins)), "file", "march.csv" },
        };
        var response = await session.Client.PostAsync($"/projects/{project.Id}/adoption/upload", form);

        Assert.DoesNotContain("adoption/upload", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AdoptionPage_Outsider_404()
    {
        var project = await app.NewProjectAsync();
        var outsider = await app.NewUserAsync("Outsider");
        var session = await PagesSession.SignInAsync(app, outsider.Email);

        var (status, html) = await session.GetAsync($"/projects/{project.Id}/adoption");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("Adoption", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptionPage_LoginDataStale_FlagShownWithItsLabel()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead];
        // Only the go-live day (three days ago) was ever exported.
        var goLive = LocalDays.Today(app.Clock.GetUtcNow(), "Europe/Berlin").AddDays(-3);
        await ImportAsync(lead.Client, project, "logins",
            "\"Id\",\"UserId\",\"LoginTime\",\"Status\"\n\"0YaHs00000K7wXyKAJ\",\"005Hs00000AbCdEIAV\",\"" +
            goLive.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "T10:00:00.000Z\",\"Success\"\n");
        var session = await PagesSession.SignInAsync(app, lead.Email);

        var (status, html) = await session.GetAsync($"/projects/{project.Id}/adoption");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Login data stale", html, StringComparison.Ordinal);
        Assert.Contains("No login data since", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptionPage_AcknowledgeForm_RecordsTheNote()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead];
        (await lead.Client.PutAsync($"{project.Url}/adoption/settings", new StringContent(
            "{\"targets\":[{\"metric\":\"dailyLoginRate\",\"rate\":0.9,\"byDate\":\"2026-03-02\"}]}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await ImportAsync(lead.Client, project, "users", Users);
        await ImportAsync(lead.Client, project, "logins", Logins);
        var session = await PagesSession.SignInAsync(app, lead.Email);
        var (_, page) = await session.GetAsync($"/projects/{project.Id}/adoption");
        var formName = System.Text.RegularExpressions.Regex.Match(page, "name=\"_handler\" value=\"(ack-\\d+)\"").Groups[1].Value;

        var (status, html, _) = await session.SubmitAsync($"/projects/{project.Id}/adoption", formName, new Dictionary<string, string> { ["AckNote"] = "Training on Tuesday" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Training on Tuesday", html, StringComparison.Ordinal);
    }
}

public sealed class AdoptionPageTests_Sqlite(SqliteApp app) : AdoptionPageTests(app), IClassFixture<SqliteApp>;

public sealed class AdoptionPageTests_Postgres(PostgresApp app) : AdoptionPageTests(app), IClassFixture<PostgresApp>;
