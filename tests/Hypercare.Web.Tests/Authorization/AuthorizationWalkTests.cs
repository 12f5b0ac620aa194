using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Authorization;

/// <summary>
/// Walks every API endpoint the app maps, as every role, as a member of another project and anonymously, and checks
/// each answer against the permission matrix (docs/permissions.md). A new endpoint without a row here fails the walk.
/// </summary>
public abstract class AuthorizationWalkTests(HypercareApp app)
{
    /// <summary>Who is calling: one of the six roles, or someone who belongs to another project.</summary>
    public enum Who
    {
        HypercareLead,
        Triage,
        ChangeManager,
        Sponsor,
        SteadyStateSupport,
        Reporter,
        Outsider,
    }

    private sealed record Context(TestProject Project, HypercareApp App);

    private sealed record Case(string Method, string Pattern, Func<Context, Task<(string Url, object? Body)>> Prepare, Func<Who, int> Expected);

    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Allowed(Who who, Permission permission, int success) =>
        who == Who.Outsider ? 404 : Permissions.Allows(Enum.Parse<ProjectRole>(who.ToString()), permission) ? success : 403;

    /// <summary>Issue endpoints: the issue belongs to the lead, so a reporter cannot see it (404).</summary>
    private static int OnIssue(Who who, Permission permission, int success) =>
        who == Who.Reporter ? 404 : Allowed(who, permission, success);

    private static async Task<int> IssueAsync(Context c)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync(c.Project.Issues,
            new { title = "Walk", description = "d", proposedSeverity = "sev3" }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<int> FreshMemberAsync(Context c)
    {
        var user = await c.App.NewUserAsync("Extra");
        (await c.App.Admin.PostAsJsonAsync($"{c.Project.Url}/members", new { userId = user.Id, role = "reporter" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        return user.Id;
    }

    private static readonly Case[] Cases =
    [
        new("GET", "/api/v1/projects/", _ => Task.FromResult(("/api/v1/projects", (object?)null)), _ => 200),
        new("POST", "/api/v1/projects/", _ => Task.FromResult(("/api/v1/projects", (object?)new { name = "N", systemName = "S", goLiveDate = "2026-03-01" })), _ => 403),
        new("GET", "/api/v1/projects/{projectId:int}/", c => Task.FromResult((c.Project.Url, (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("PATCH", "/api/v1/projects/{projectId:int}/", async c =>
        {
            var version = (await c.App.Admin.GetFromJsonAsync<JsonElement>(c.Project.Url)).GetProperty("version").GetInt32();
            return (c.Project.Url, new { version, name = "Renamed" });
        }, w => Allowed(w, Permission.EditProject, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/dashboard", c => Task.FromResult(($"{c.Project.Url}/dashboard", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/members", c => Task.FromResult(($"{c.Project.Url}/members", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/members", async c =>
        {
            var user = await c.App.NewUserAsync("Joiner");
            return ($"{c.Project.Url}/members", new { userId = user.Id, role = "reporter" });
        }, w => Allowed(w, Permission.ManageMembers, 201)),
        new("PATCH", "/api/v1/projects/{projectId:int}/members/{userId:int}", async c =>
            ($"{c.Project.Url}/members/{S(await FreshMemberAsync(c))}", new { role = "triage" }), w => Allowed(w, Permission.ManageMembers, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/members/{userId:int}", async c =>
            ($"{c.Project.Url}/members/{S(await FreshMemberAsync(c))}", null), w => Allowed(w, Permission.ManageMembers, 204)),
        new("GET", "/api/v1/projects/{projectId:int}/issues/", c => Task.FromResult((c.Project.Issues, (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/issues/", c => Task.FromResult((c.Project.Issues, (object?)new { title = "t", description = "d", proposedSeverity = "sev2" })),
            w => Allowed(w, Permission.ReportIssue, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/issues/{issueId:int}", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}", null),
            w => OnIssue(w, Permission.ViewAllIssues, 200)),
        new("PATCH", "/api/v1/projects/{projectId:int}/issues/{issueId:int}", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}", new { version = 0, severity = "sev1" }),
            w => OnIssue(w, Permission.EditIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/transitions", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/transitions", new { to = "triaged" }),
            w => OnIssue(w, Permission.TransitionIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/comments", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/comments", null),
            w => OnIssue(w, Permission.ViewAllIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/comments", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/comments", new { body = "b" }),
            w => OnIssue(w, Permission.CommentOnIssue, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/history", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/history", null),
            w => OnIssue(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/me/", _ => Task.FromResult(("/api/v1/me", (object?)null)), _ => 200),
        new("GET", "/api/v1/me/tokens", _ => Task.FromResult(("/api/v1/me/tokens", (object?)null)), _ => 200),
        new("POST", "/api/v1/me/tokens", _ => Task.FromResult(("/api/v1/me/tokens", (object?)new { name = "ci" })), _ => 201),
        new("DELETE", "/api/v1/me/tokens/{tokenId:int}", _ => Task.FromResult(("/api/v1/me/tokens/999999", (object?)null)), _ => 404),
        new("POST", "/api/v1/users/", _ => Task.FromResult(("/api/v1/users", (object?)new { email = "x@y.example", displayName = "X", password = "long-enough-pw" })), _ => 403),
        new("GET", "/api/v1/ping", _ => Task.FromResult(("/api/v1/ping", (object?)null)), _ => 200),
    ];

    [Fact]
    public void Walk_CoversEveryMappedApiEndpoint()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Order().ToList();
        var walked = Cases.Select(c => $"{c.Method} {Normalize(c.Pattern)}").Order().ToList();

        Assert.Equal(mapped, walked);
    }

    [Fact]
    public async Task Walk_EveryEndpointAsEveryRoleAndOutsider_MatchesTheMatrix()
    {
        var project = await app.NewProjectAsync("Walk");
        var elsewhere = await app.NewProjectAsync("Elsewhere");
        var context = new Context(project, app);
        var failures = new List<string>();
        foreach (var @case in Cases)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var client = who == Who.Outsider ? elsewhere[ProjectRole.HypercareLead].Client : project[Enum.Parse<ProjectRole>(who.ToString())].Client;
                var (url, body) = await @case.Prepare(context);
                using var request = new HttpRequestMessage(new HttpMethod(@case.Method), url);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body, options: HypercareApp.Json);
                }

                var response = await client.SendAsync(request);
                var expected = @case.Expected(who);
                if ((int)response.StatusCode != expected)
                {
                    failures.Add($"{@case.Method} {url} as {who}: expected {expected}, got {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Walk_Anonymous_Gets401EverywhereButPing()
    {
        var project = await app.NewProjectAsync("Anonymous");
        var context = new Context(project, app);
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var @case in Cases)
        {
            var (url, body) = await @case.Prepare(context);
            using var request = new HttpRequestMessage(new HttpMethod(@case.Method), url);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: HypercareApp.Json);
            }

            var response = await anonymous.SendAsync(request);
            Assert.Equal(url == "/api/v1/ping" ? 200 : 401, (int)response.StatusCode);
        }
    }

    [Fact]
    public async Task RevokedToken_IsRefused()
    {
        var user = await app.NewUserAsync("Revoker");
        var created = await user.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "temp" }, HypercareApp.Json);
        var token = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = token.GetProperty("secret").GetString()!;
        var id = token.GetProperty("token").GetProperty("id").GetInt32();
        var temp = app.Bearer(secret);
        Assert.Equal(200, (int)(await temp.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(204, (int)(await user.Client.DeleteAsync($"/api/v1/me/tokens/{S(id)}")).StatusCode);

        Assert.Equal(401, (int)(await temp.GetAsync("/api/v1/me")).StatusCode);
    }

    private static string Normalize(string pattern) => pattern.TrimEnd('/');
}

public sealed class AuthorizationWalkTests_Sqlite(SqliteApp app) : AuthorizationWalkTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationWalkTests_Postgres(PostgresApp app) : AuthorizationWalkTests(app), IClassFixture<PostgresApp>;
