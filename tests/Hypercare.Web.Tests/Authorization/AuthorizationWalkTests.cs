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

    private static int _area;

    private static object AreaBody(Context c) =>
        new { name = $"Walk area {S(Interlocked.Increment(ref _area))}", shadowFrom = "2026-04-01", reverseShadowFrom = "2026-04-08", ownsFrom = "2026-04-15" };

    /// <summary>Creates a handover area or item as the lead and answers its JSON.</summary>
    private static async Task<JsonElement> HandoverAsync(Context c, string what, object body)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/handover/{what}", body, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<int> KnownIssueAsync(Context c)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/known-issues",
            new { title = "Walk known", symptoms = "s", workaround = "w" }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("knownIssue").GetProperty("id").GetInt32();
    }

    /// <summary>A new triage member of the walk's project, so each shift by hand has someone free to hold it.</summary>
    private static async Task<int> RosteredAsync(Context c)
    {
        var user = await c.App.NewUserAsync("Rostered");
        (await c.App.Admin.PostAsJsonAsync($"{c.Project.Url}/members", new { userId = user.Id, role = "triage" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        return user.Id;
    }

    /// <summary>A day of the last two weeks with no minutes in this project yet (minutes are one per day).</summary>
    private static async Task<string> MinutesDayAsync(Context c)
    {
        var minutes = await c.Project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{c.Project.Url}/standups/minutes?take=60");
        var used = minutes.EnumerateArray().Select(m => m.GetProperty("heldOn").GetString()).ToHashSet();
        var today = DateOnly.FromDateTime(c.App.Clock.GetUtcNow().UtcDateTime);
        return Enumerable.Range(0, 14).Select(d => today.AddDays(-d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).First(d => !used.Contains(d));
    }

    /// <summary>An open action item of the lead's, from minutes the lead records on a day of their own.</summary>
    private static async Task<(int Id, int Version)> ActionItemAsync(Context c)
    {
        var lead = c.Project[ProjectRole.HypercareLead];
        var day = await MinutesDayAsync(c);
        var response = await lead.Client.PostAsJsonAsync($"{c.Project.Url}/standups/minutes",
            new { heldOn = day, actionItems = new[] { new { text = "Walk", ownerUserId = lead.Id, dueOn = day } } }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        var item = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actionItems")[0];
        return (item.GetProperty("id").GetInt32(), item.GetProperty("version").GetInt32());
    }

    private static string WalkDay(Context c, int days) =>
        DateOnly.FromDateTime(c.App.Clock.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An evening shift by hand (outside the support hours, so no generated shift overlaps it) for a new triage member.</summary>
    private static async Task<int> ShiftAsync(Context c)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/rota/shifts",
            new { userId = await RosteredAsync(c), date = WalkDay(c, 2), start = "21:00", end = "23:00" }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>That shift, offered by the lead for its holder.</summary>
    private static async Task<int> SwapAsync(Context c)
    {
        var shift = await ShiftAsync(c);
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/rota/shifts/{S(shift)}/offer", new { note = "walk" }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static async Task<int> TimeOffAsync(Context c)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/rota/time-off",
            new { userId = c.Project[ProjectRole.Triage].Id, from = WalkDay(c, 6), to = WalkDay(c, 6) }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>Availability and time off: one's own, or anyone's for the lead (the walk changes the triage member's).</summary>
    private static int OwnOrLead(Who who, int success) => who == Who.Triage ? success : Allowed(who, Permission.ManageRota, success);

    private static async Task<int> PatchAsync(Context c)
    {
        var response = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/patches",
            new { plannedFor = c.App.Clock.GetUtcNow().AddDays(1) }, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patch").GetProperty("id").GetInt32();
    }

    /// <summary>Plan inputs for a walk SOW plan starting on <paramref name="goLive"/>.</summary>
    private static object SowBodyOf(string goLive) => new
    {
        system = "Walk CRM",
        licensedUsers = 100,
        sites = 1,
        timeZones = new[] { "Europe/Berlin" },
        integrations = 1,
        migratedRecords = 0,
        customisation = "low",
        criticality = "low",
        rollout = "pilot",
        goLive,
        team = new[] { new { role = "hypercareLead", people = 1, dayRate = 1000 } },
    };

    private static readonly object SowBody = SowBodyOf("2026-06-01");

    /// <summary>The lead keeps a SOW plan, so the reads of the kept plan have one.</summary>
    private static async Task SowAsync(Context c) =>
        (await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{c.Project.Url}/sow/generate", SowBody, HypercareApp.Json)).EnsureSuccessStatusCode();

    /// <summary>The lead keeps a SOW plan starting on the project's go-live (so it can be applied); its version for the apply body.</summary>
    private static async Task<int> ApplicableSowAsync(Context c)
    {
        var lead = c.Project[ProjectRole.HypercareLead].Client;
        var project = await lead.GetFromJsonAsync<JsonElement>(c.Project.Url, HypercareApp.Json);
        var body = SowBodyOf(project.GetProperty("goLiveDate").GetString()!);
        var response = await lead.PostAsJsonAsync($"{c.Project.Url}/sow/generate", body, HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    private static int _phaseYear = 2030;

    private static int _extension;

    /// <summary>A phase body with dates no other walk phase uses, so creating it never overlaps.</summary>
    private static object NewPhase()
    {
        var year = Interlocked.Increment(ref _phaseYear);
        return new
        {
            name = $"Walk {S(year)}",
            startDate = $"{S(year)}-01-01",
            endDate = $"{S(year)}-01-31",
            supportHours = new[] { new { day = "monday", start = "08:00", end = "18:00" } },
            targets = Array.Empty<object>(),
        };
    }

    private static async Task<(int Id, int Version)> PhaseAsync(Context c)
    {
        var response = await c.App.Admin.PostAsJsonAsync($"{c.Project.Url}/plan/phases", NewPhase(), HypercareApp.Json);
        response.EnsureSuccessStatusCode();
        var phase = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (phase.GetProperty("id").GetInt32(), phase.GetProperty("version").GetInt32());
    }

    /// <summary>Ends any open triage session (one may be open at a time), then optionally opens a fresh one.</summary>
    private static async Task<int> SessionAsync(Context c, bool leaveOpen)
    {
        var sessions = await c.App.Admin.GetFromJsonAsync<JsonElement>($"{c.Project.Url}/triage/sessions");
        foreach (var open in sessions.EnumerateArray().Where(s => s.GetProperty("endedAt").ValueKind == JsonValueKind.Null))
        {
            (await c.App.Admin.PostAsync($"{c.Project.Url}/triage/sessions/{S(open.GetProperty("id").GetInt32())}/end", null)).EnsureSuccessStatusCode();
        }

        var started = await c.App.Admin.PostAsJsonAsync($"{c.Project.Url}/triage/sessions", new { attendeeIds = Array.Empty<int>() }, HypercareApp.Json);
        started.EnsureSuccessStatusCode();
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        if (!leaveOpen)
        {
            (await c.App.Admin.PostAsync($"{c.Project.Url}/triage/sessions/{S(id)}/end", null)).EnsureSuccessStatusCode();
        }

        return id;
    }

    private static readonly Case[] Cases =
    [
        new("GET", "/api/v1/projects/{projectId:int}/plan/phases", c => Task.FromResult(($"{c.Project.Url}/plan/phases", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/plan/phases", c => Task.FromResult(($"{c.Project.Url}/plan/phases", (object?)NewPhase())), w => Allowed(w, Permission.EditProject, 201)),
        new("PATCH", "/api/v1/projects/{projectId:int}/plan/phases/{phaseId:int}", async c =>
        {
            var (id, version) = await PhaseAsync(c);
            return ($"{c.Project.Url}/plan/phases/{S(id)}", new { version, name = "Renamed" });
        }, w => Allowed(w, Permission.EditProject, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/plan/phases/{phaseId:int}", async c => ($"{c.Project.Url}/plan/phases/{S((await PhaseAsync(c)).Id)}", null),
            w => Allowed(w, Permission.EditProject, 204)),
        new("GET", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/sla", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/sla", null),
            w => OnIssue(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sla/risk", c => Task.FromResult(($"{c.Project.Url}/sla/risk", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sla/report", c => Task.FromResult(($"{c.Project.Url}/sla/report", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/triage/queue", c => Task.FromResult(($"{c.Project.Url}/triage/queue", (object?)null)), w => Allowed(w, Permission.TriageIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/triage", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/triage",
            new { severity = "sev3", category = "defect", owningTeam = "projectTeam", autoAssign = true }), w => OnIssue(w, Permission.TriageIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/handoff", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/handoff",
            new { toTeam = "steadyStateTeam", note = "Over to you", autoAssign = true }), w => OnIssue(w, Permission.EditIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/handoffs", c => Task.FromResult(($"{c.Project.Url}/handoffs", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/triage/sessions", c => Task.FromResult(($"{c.Project.Url}/triage/sessions", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/triage/sessions", async c =>
        {
            await SessionAsync(c, leaveOpen: false);
            return ($"{c.Project.Url}/triage/sessions", new { attendeeIds = new[] { c.Project[ProjectRole.Triage].Id } });
        }, w => Allowed(w, Permission.TriageIssues, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/triage/sessions/{sessionId:int}", async c => ($"{c.Project.Url}/triage/sessions/{S(await SessionAsync(c, leaveOpen: false))}", null),
            w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/triage/sessions/{sessionId:int}/end", async c => ($"{c.Project.Url}/triage/sessions/{S(await SessionAsync(c, leaveOpen: true))}/end", null),
            w => Allowed(w, Permission.TriageIssues, 200)),
        new("GET", "/api/v1/me/notifications/", _ => Task.FromResult(("/api/v1/me/notifications", (object?)null)), _ => 200),
        new("POST", "/api/v1/me/notifications/{notificationId:long}/read", _ => Task.FromResult(("/api/v1/me/notifications/999999/read", (object?)null)), _ => 404),
        // Outbox: deliveries name recipients, so only leads (EditProject) see them; an unknown delivery is 404 for them.
        new("GET", "/api/v1/projects/{projectId:int}/outbox/", c => Task.FromResult(($"{c.Project.Url}/outbox", (object?)null)), w => Allowed(w, Permission.EditProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/outbox/{messageId:long}/retry", c => Task.FromResult(($"{c.Project.Url}/outbox/999999/retry", (object?)null)),
            w => Allowed(w, Permission.EditProject, 404)),
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
            // A lead adds people they already work with: the joiner shares another project with the walk's lead.
            var user = await c.App.NewUserAsync("Joiner");
            var shared = await c.App.NewProjectAsync("Colleagues");
            foreach (var id in new[] { user.Id, c.Project[ProjectRole.HypercareLead].Id })
            {
                (await c.App.Admin.PostAsJsonAsync($"{shared.Url}/members", new { userId = id, role = "reporter" }, HypercareApp.Json)).EnsureSuccessStatusCode();
            }

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
        new("POST", "/api/v1/projects/{projectId:int}/issues/{issueId:int}/transitions", async c => ($"{c.Project.Issues}/{S(await IssueAsync(c))}/transitions", new { to = "wontFix" }),
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
        // Bearer callers have no browser session: they see none and can end none (theirs are cookie sessions only).
        new("GET", "/api/v1/me/sessions", _ => Task.FromResult(("/api/v1/me/sessions", (object?)null)), _ => 200),
        new("DELETE", "/api/v1/me/sessions/{sessionId:int}", _ => Task.FromResult(("/api/v1/me/sessions/999999", (object?)null)), _ => 404),
        // Accounts and the sign-in defence belong to instance administrators only, whatever a person's project role.
        new("GET", "/api/v1/users/", _ => Task.FromResult(("/api/v1/users", (object?)null)), _ => 403),
        new("PATCH", "/api/v1/users/{userId:int}", c => Task.FromResult(($"/api/v1/users/{S(c.Project[ProjectRole.Reporter].Id)}", (object?)new { isAdministrator = true })), _ => 403),
        new("GET", "/api/v1/sign-in/lockouts", _ => Task.FromResult(("/api/v1/sign-in/lockouts", (object?)null)), _ => 403),
        new("GET", "/api/v1/sign-in/attempts", _ => Task.FromResult(("/api/v1/sign-in/attempts", (object?)null)), _ => 403),
        new("POST", "/api/v1/sign-in/unlock", _ => Task.FromResult(("/api/v1/sign-in/unlock", (object?)new { email = "x@y.example" })), _ => 403),
        new("GET", "/api/v1/ping", _ => Task.FromResult(("/api/v1/ping", (object?)null)), _ => 200),
        // Known issues: every member reads them (they are what users are told); changes need ManageKnownIssues.
        new("GET", "/api/v1/projects/{projectId:int}/known-issues/", c => Task.FromResult(($"{c.Project.Url}/known-issues", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/known-issues/", c => Task.FromResult(($"{c.Project.Url}/known-issues", (object?)new { title = "t", symptoms = "s" })),
            w => Allowed(w, Permission.ManageKnownIssues, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/known-issues/suggest", c => Task.FromResult(($"{c.Project.Url}/known-issues/suggest?q=quote", (object?)null)),
            w => Allowed(w, Permission.ViewProject, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}", async c => ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}", null),
            w => Allowed(w, Permission.ViewProject, 200)),
        new("PATCH", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}", async c => ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}", new { version = 0, title = "x" }),
            w => Allowed(w, Permission.ManageKnownIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}/links", async c =>
            ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}/links", new { issueIds = new[] { await IssueAsync(c) } }), w => Allowed(w, Permission.ManageKnownIssues, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}/links/{issueId:int}", async c =>
            ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}/links/999999", null), w => Allowed(w, Permission.ManageKnownIssues, 404)),
        new("POST", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}/publish-workaround", async c =>
            ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}/publish-workaround", new { version = 0 }), w => Allowed(w, Permission.ManageKnownIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/known-issues/{knownIssueId:int}/status", async c =>
            ($"{c.Project.Url}/known-issues/{S(await KnownIssueAsync(c))}/status", new { status = "fixed" }), w => Allowed(w, Permission.ManageKnownIssues, 200)),
        // Patches: every member reads the plan and release notes; changes need ManagePatches.
        new("GET", "/api/v1/projects/{projectId:int}/patches/", c => Task.FromResult(($"{c.Project.Url}/patches", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/patches/", c => Task.FromResult(($"{c.Project.Url}/patches", (object?)new { plannedFor = c.App.Clock.GetUtcNow().AddDays(2) })),
            w => Allowed(w, Permission.ManagePatches, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/patches/plan", c => Task.FromResult(($"{c.Project.Url}/patches/plan", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/patches/cadences/{planPhaseId:int}", async c =>
            ($"{c.Project.Url}/patches/cadences/{S((await PhaseAsync(c)).Id)}", new { kind = "daily", deployAt = "18:00" }), w => Allowed(w, Permission.ManagePatches, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/patches/{patchId:int}", async c => ($"{c.Project.Url}/patches/{S(await PatchAsync(c))}", null),
            w => Allowed(w, Permission.ViewProject, 200)),
        new("PATCH", "/api/v1/projects/{projectId:int}/patches/{patchId:int}", async c => ($"{c.Project.Url}/patches/{S(await PatchAsync(c))}", new { version = 0, releaseNotes = "Notes" }),
            w => Allowed(w, Permission.ManagePatches, 200)),
        // Issue 999999 does not exist: whoever may plan patches is told which id is wrong.
        new("POST", "/api/v1/projects/{projectId:int}/patches/{patchId:int}/issues", async c =>
            ($"{c.Project.Url}/patches/{S(await PatchAsync(c))}/issues", new { issueIds = new[] { 999999 } }), w => Allowed(w, Permission.ManagePatches, 400)),
        new("DELETE", "/api/v1/projects/{projectId:int}/patches/{patchId:int}/issues/{issueId:int}", async c =>
            ($"{c.Project.Url}/patches/{S(await PatchAsync(c))}/issues/999999", null), w => Allowed(w, Permission.ManagePatches, 404)),
        new("POST", "/api/v1/projects/{projectId:int}/patches/{patchId:int}/deploy", async c => ($"{c.Project.Url}/patches/{S(await PatchAsync(c))}/deploy", new { version = 0 }),
            w => Allowed(w, Permission.ManagePatches, 200)),
        // Status page link: members see it; turning it on/off and rotating need ManageCommunications.
        new("GET", "/api/v1/projects/{projectId:int}/status-page/", c => Task.FromResult(($"{c.Project.Url}/status-page", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/status-page/", c => Task.FromResult(($"{c.Project.Url}/status-page", (object?)new { enabled = true })),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/status-page/rotate", c => Task.FromResult(($"{c.Project.Url}/status-page/rotate", (object?)null)),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        // Exit: every role but reporters sees the criteria; the lead decides; only the sponsor signs (refused here: the rules do not hold).
        new("GET", "/api/v1/projects/{projectId:int}/exit/", c => Task.FromResult(($"{c.Project.Url}/exit", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/exit/evaluate", c => Task.FromResult(($"{c.Project.Url}/exit/evaluate", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/exit/forecast", c => Task.FromResult(($"{c.Project.Url}/exit/forecast", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/exit/forecast.png", c => Task.FromResult(($"{c.Project.Url}/exit/forecast.png", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/exit/rules", c => Task.FromResult(($"{c.Project.Url}/exit/rules", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/exit/rules", c => Task.FromResult(($"{c.Project.Url}/exit/rules",
            (object?)new { rules = new[] { new { kind = "noOpenSev1", enabled = true } } })), w => Allowed(w, Permission.ManageExit, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/exit/sign-off", c => Task.FromResult(($"{c.Project.Url}/exit/sign-off", (object?)new { comment = "Walk" })),
            w => Allowed(w, Permission.SignOffExit, 409)),
        new("PUT", "/api/v1/projects/{projectId:int}/exit/override", c => Task.FromResult(($"{c.Project.Url}/exit/override", (object?)new { reason = "Walk" })),
            w => Allowed(w, Permission.ManageExit, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/exit/override", async c =>
        {
            (await c.Project[ProjectRole.HypercareLead].Client.PutAsJsonAsync($"{c.Project.Url}/exit/override", new { reason = "Walk" }, HypercareApp.Json)).EnsureSuccessStatusCode();
            return ($"{c.Project.Url}/exit/override", null);
        }, w => Allowed(w, Permission.ManageExit, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/exit/extensions", c => Task.FromResult(($"{c.Project.Url}/exit/extensions",
            (object?)new { newEnd = DateOnly.FromDateTime(c.App.Clock.GetUtcNow().UtcDateTime).AddDays(100 + Interlocked.Increment(ref _extension)), reason = "Walk" })),
            w => Allowed(w, Permission.ManageExit, 200)),
        // Each role is asked to move the stage to where it can go next, so the lead's move succeeds wherever the walk left it.
        new("POST", "/api/v1/projects/{projectId:int}/exit/stage", async c =>
        {
            var status = await c.App.Admin.GetFromJsonAsync<JsonElement>($"{c.Project.Url}/exit");
            return ($"{c.Project.Url}/exit/stage", new { to = status.GetProperty("nextStages")[0].GetString(), reason = "Walk" });
        }, w => Allowed(w, Permission.ManageExit, 200)),
        // Handover: every role that sees the exit criteria sees it; only the lead plans it. Each request gets its own area or item.
        new("GET", "/api/v1/projects/{projectId:int}/handover/", c => Task.FromResult(($"{c.Project.Url}/handover", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/handover/areas", c => Task.FromResult(($"{c.Project.Url}/handover/areas", (object?)AreaBody(c))),
            w => Allowed(w, Permission.ManageExit, 201)),
        new("PUT", "/api/v1/projects/{projectId:int}/handover/areas/{areaId:int}", async c =>
        {
            var area = await HandoverAsync(c, "areas", AreaBody(c));
            return ($"{c.Project.Url}/handover/areas/{S(area.GetProperty("id").GetInt32())}",
                (object?)new { name = area.GetProperty("name").GetString() + " renamed", shadowFrom = "2026-04-01", reverseShadowFrom = "2026-04-08", ownsFrom = "2026-04-15", version = area.GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageExit, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/handover/areas/{areaId:int}", async c =>
            ($"{c.Project.Url}/handover/areas/{S((await HandoverAsync(c, "areas", AreaBody(c))).GetProperty("id").GetInt32())}", (object?)null),
            w => Allowed(w, Permission.ManageExit, 204)),
        new("POST", "/api/v1/projects/{projectId:int}/handover/items", c => Task.FromResult(($"{c.Project.Url}/handover/items", (object?)new { title = "Walk item" })),
            w => Allowed(w, Permission.ManageExit, 201)),
        new("PUT", "/api/v1/projects/{projectId:int}/handover/items/{itemId:int}", async c =>
        {
            var item = await HandoverAsync(c, "items", new { title = "Walk item" });
            return ($"{c.Project.Url}/handover/items/{S(item.GetProperty("id").GetInt32())}", (object?)new { title = "Walk item, changed", version = item.GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageExit, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/handover/items/{itemId:int}", async c =>
            ($"{c.Project.Url}/handover/items/{S((await HandoverAsync(c, "items", new { title = "Walk item" })).GetProperty("id").GetInt32())}", (object?)null),
            w => Allowed(w, Permission.ManageExit, 204)),
        new("POST", "/api/v1/projects/{projectId:int}/handover/items/{itemId:int}/done", async c =>
        {
            var item = await HandoverAsync(c, "items", new { title = "Walk item" });
            return ($"{c.Project.Url}/handover/items/{S(item.GetProperty("id").GetInt32())}/done", (object?)new { version = item.GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageExit, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/handover/items/{itemId:int}/reopen", async c =>
        {
            var item = await HandoverAsync(c, "items", new { title = "Walk item" });
            var url = $"{c.Project.Url}/handover/items/{S(item.GetProperty("id").GetInt32())}";
            var done = await c.Project[ProjectRole.HypercareLead].Client.PostAsJsonAsync($"{url}/done", new { version = item.GetProperty("version").GetInt32() }, HypercareApp.Json);
            done.EnsureSuccessStatusCode();
            return ($"{url}/reopen", (object?)new { version = (await done.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageExit, 200)),
        // Handover: the knowledge digest is for every role that sees the exit criteria; internal text needs ViewAllIssues as well.
        new("GET", "/api/v1/projects/{projectId:int}/handover/digest", c => Task.FromResult(($"{c.Project.Url}/handover/digest", (object?)null)), w => Allowed(w, Permission.ViewExit, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/handover/digest", c => Task.FromResult(($"{c.Project.Url}/handover/digest?includeInternal=true&format=html", (object?)null)),
            w => Allowed(w, Permission.ViewExit, Allowed(w, Permission.ViewAllIssues, 200))),
        // Rota: every role but reporters reads it; the lead generates, sets the rules, adds and removes shifts and decides swaps.
        new("GET", "/api/v1/projects/{projectId:int}/rota/", c => Task.FromResult(($"{c.Project.Url}/rota", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/rota/generate", c => Task.FromResult(($"{c.Project.Url}/rota/generate", (object?)new { })),
            w => Allowed(w, Permission.ManageRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/rota/on-duty", c => Task.FromResult(($"{c.Project.Url}/rota/on-duty", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        // Hours and burnout flags: everyone who reads the rota gets an answer (the lead everyone's, the rest their own).
        new("GET", "/api/v1/projects/{projectId:int}/rota/hours", c => Task.FromResult(($"{c.Project.Url}/rota/hours", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/rota/settings", c => Task.FromResult(($"{c.Project.Url}/rota/settings", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/rota/settings", async c =>
        {
            var settings = await c.Project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{c.Project.Url}/rota/settings");
            return ($"{c.Project.Url}/rota/settings", (object?)new { maxHoursPerWeek = 48, version = settings.GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/rota/availability", c => Task.FromResult(($"{c.Project.Url}/rota/availability", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/rota/availability/{userId:int}", c => Task.FromResult(($"{c.Project.Url}/rota/availability/{S(c.Project[ProjectRole.Triage].Id)}",
            (object?)new { windows = Array.Empty<object>() })), w => OwnOrLead(w, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/rota/time-off", c => Task.FromResult(($"{c.Project.Url}/rota/time-off", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/rota/time-off", c => Task.FromResult(($"{c.Project.Url}/rota/time-off",
            (object?)new { userId = c.Project[ProjectRole.Triage].Id, from = WalkDay(c, 5), to = WalkDay(c, 5) })), w => OwnOrLead(w, 201)),
        new("DELETE", "/api/v1/projects/{projectId:int}/rota/time-off/{timeOffId:int}", async c => ($"{c.Project.Url}/rota/time-off/{S(await TimeOffAsync(c))}", (object?)null),
            w => OwnOrLead(w, 204)),
        new("POST", "/api/v1/projects/{projectId:int}/rota/shifts", async c => ($"{c.Project.Url}/rota/shifts",
            (object?)new { userId = await RosteredAsync(c), date = WalkDay(c, 3), start = "21:00", end = "23:00" }), w => Allowed(w, Permission.ManageRota, 201)),
        new("DELETE", "/api/v1/projects/{projectId:int}/rota/shifts/{shiftId:int}", async c => ($"{c.Project.Url}/rota/shifts/{S(await ShiftAsync(c))}", (object?)null),
            w => Allowed(w, Permission.ManageRota, 204)),
        // The walk's shifts belong to someone else, so only the lead (for the holder) may offer one.
        new("POST", "/api/v1/projects/{projectId:int}/rota/shifts/{shiftId:int}/offer", async c => ($"{c.Project.Url}/rota/shifts/{S(await ShiftAsync(c))}/offer", (object?)new { }),
            w => Allowed(w, Permission.ManageRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/rota/swaps", c => Task.FromResult(($"{c.Project.Url}/rota/swaps", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        // A triage shift is taken by someone of triage; any other role that sees the rota is told it is not theirs (409).
        new("POST", "/api/v1/projects/{projectId:int}/rota/swaps/{swapId:int}/take", async c => ($"{c.Project.Url}/rota/swaps/{S(await SwapAsync(c))}/take", (object?)null),
            w => w == Who.Triage ? 200 : Allowed(w, Permission.ViewRota, 409)),
        // Nobody has taken the offered shift yet: the lead is told there is nothing to approve.
        new("POST", "/api/v1/projects/{projectId:int}/rota/swaps/{swapId:int}/approve", async c => ($"{c.Project.Url}/rota/swaps/{S(await SwapAsync(c))}/approve", (object?)null),
            w => Allowed(w, Permission.ManageRota, 409)),
        new("POST", "/api/v1/projects/{projectId:int}/rota/swaps/{swapId:int}/decline", async c => ($"{c.Project.Url}/rota/swaps/{S(await SwapAsync(c))}/decline", (object?)null),
            w => Allowed(w, Permission.ManageRota, 200)),
        // Standups: every role but reporters reads the schedule, agenda and minutes; the lead schedules and records minutes;
        // an action item's owner or the lead marks it done (the walk's items belong to the lead).
        new("GET", "/api/v1/projects/{projectId:int}/standups/schedule", c => Task.FromResult(($"{c.Project.Url}/standups/schedule", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/standups/schedule", async c =>
        {
            var schedule = await c.Project[ProjectRole.HypercareLead].Client.GetFromJsonAsync<JsonElement>($"{c.Project.Url}/standups/schedule");
            return ($"{c.Project.Url}/standups/schedule", (object?)new { time = "09:15", attendeeRoles = new[] { "hypercareLead" }, version = schedule.GetProperty("version").GetInt32() });
        }, w => Allowed(w, Permission.ManageRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/standups/agenda", c => Task.FromResult(($"{c.Project.Url}/standups/agenda", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/standups/agenda", c => Task.FromResult(($"{c.Project.Url}/standups/agenda?format=markdown", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/standups/minutes", c => Task.FromResult(($"{c.Project.Url}/standups/minutes", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/standups/minutes", async c => ($"{c.Project.Url}/standups/minutes",
            (object?)new { heldOn = await MinutesDayAsync(c), notes = "Walk", decisions = new[] { "Walk on" } }), w => Allowed(w, Permission.ManageRota, 201)),
        new("GET", "/api/v1/projects/{projectId:int}/calendar/", c => Task.FromResult(($"{c.Project.Url}/calendar", (object?)null)), w => Allowed(w, Permission.ViewRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/calendar/personal/rotate", c => Task.FromResult(($"{c.Project.Url}/calendar/personal/rotate", (object?)null)),
            w => Allowed(w, Permission.ViewRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/calendar/project/rotate", c => Task.FromResult(($"{c.Project.Url}/calendar/project/rotate", (object?)null)),
            w => Allowed(w, Permission.ManageRota, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/standups/action-items/{itemId:int}/done", async c =>
        {
            var (id, version) = await ActionItemAsync(c);
            return ($"{c.Project.Url}/standups/action-items/{S(id)}/done", (object?)new { version });
        }, w => Allowed(w, Permission.ManageRota, 200)),
        // SOW plan: the lead generates and keeps it; the sponsor reads, compares and exports the kept plan; with a body compare
        // and export work on that request, which is generating (ManagePlan).
        new("GET", "/api/v1/projects/{projectId:int}/sow/", async c => { await SowAsync(c); return ($"{c.Project.Url}/sow", (object?)null); }, w => Allowed(w, Permission.ViewPlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/generate", c => Task.FromResult(($"{c.Project.Url}/sow/generate", (object?)SowBody)), w => Allowed(w, Permission.ManagePlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/compare", c => Task.FromResult(($"{c.Project.Url}/sow/compare", (object?)SowBody)), w => Allowed(w, Permission.ManagePlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/compare", async c => { await SowAsync(c); return ($"{c.Project.Url}/sow/compare", (object?)null); }, w => Allowed(w, Permission.ViewPlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/export", c => Task.FromResult(($"{c.Project.Url}/sow/export?format=markdown", (object?)SowBody)), w => Allowed(w, Permission.ManagePlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/export", async c => { await SowAsync(c); return ($"{c.Project.Url}/sow/export?format=docx", (object?)null); }, w => Allowed(w, Permission.ViewPlan, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sow/export", async c => { await SowAsync(c); return ($"{c.Project.Url}/sow/export?format=docx", (object?)null); }, w => Allowed(w, Permission.ViewPlan, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sow/apply", async c => { await ApplicableSowAsync(c); return ($"{c.Project.Url}/sow/apply", (object?)null); }, w => Allowed(w, Permission.ManagePlan, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/sow/apply", async c => ($"{c.Project.Url}/sow/apply", (object?)new { version = await ApplicableSowAsync(c) }), w => Allowed(w, Permission.ManagePlan, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sow/burn", async c => { await ApplicableSowAsync(c); return ($"{c.Project.Url}/sow/burn", (object?)null); }, w => Allowed(w, Permission.ViewPlan, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/sow/pitfalls", c => Task.FromResult(($"{c.Project.Url}/sow/pitfalls", (object?)null)), w => Allowed(w, Permission.ViewPlan, 200)),
        // Adoption: figures name people, so reporters get 403; importing, settings and acknowledging need ManageAdoption.
        new("GET", "/api/v1/projects/{projectId:int}/adoption/", c => Task.FromResult(($"{c.Project.Url}/adoption", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/daily", c => Task.FromResult(($"{c.Project.Url}/adoption/daily", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/failures", c => Task.FromResult(($"{c.Project.Url}/adoption/failures", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/never-logged-in", c => Task.FromResult(($"{c.Project.Url}/adoption/never-logged-in", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/flags", c => Task.FromResult(($"{c.Project.Url}/adoption/flags", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/adoption/flags/evaluate", c => Task.FromResult(($"{c.Project.Url}/adoption/flags/evaluate", (object?)null)), w => Allowed(w, Permission.ManageAdoption, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/adoption/flags/{flagId:int}/acknowledge", c => Task.FromResult(($"{c.Project.Url}/adoption/flags/999999/acknowledge", (object?)new { note = "n" })),
            w => Allowed(w, Permission.ManageAdoption, 404)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/settings", c => Task.FromResult(($"{c.Project.Url}/adoption/settings", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/adoption/settings", c => Task.FromResult(($"{c.Project.Url}/adoption/settings", (object?)new { excludeInactive = true })),
            w => Allowed(w, Permission.ManageAdoption, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/adoption/charts/{chart}", c => Task.FromResult(($"{c.Project.Url}/adoption/charts/login-rate.svg", (object?)null)), w => Allowed(w, Permission.ViewAllIssues, 200)),
        // The walk sends JSON; as a CSV it lacks the LoginTime column, so whoever may import gets 400 naming it.
        new("POST", "/api/v1/projects/{projectId:int}/adoption/imports/{kind}", c => Task.FromResult(($"{c.Project.Url}/adoption/imports/logins", (object?)"Id,UserId")),
            w => Allowed(w, Permission.ManageAdoption, 400)),
        // Communications: every member sees the archive (filtered to what the role may see); the rest is for who manages communications.
        new("GET", "/api/v1/projects/{projectId:int}/reports", c => Task.FromResult(($"{c.Project.Url}/reports", (object?)null)), w => Allowed(w, Permission.ViewProject, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/reports/archive/{key}", c => Task.FromResult(($"{c.Project.Url}/reports/archive/nosuchreport", (object?)null)),
            w => 404),
        new("GET", "/api/v1/projects/{projectId:int}/reports/schedules", c => Task.FromResult(($"{c.Project.Url}/reports/schedules", (object?)null)),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/reports/schedules/{kind}", c => Task.FromResult(($"{c.Project.Url}/reports/schedules/sponsor-status",
            (object?)new { enabled = false, localTime = "17:00", days = new[] { "monday" }, recipientRoles = new[] { "sponsor" } })),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        new("GET", "/api/v1/projects/{projectId:int}/reports/{kind}/preview", c => Task.FromResult(($"{c.Project.Url}/reports/user-update/preview", (object?)null)),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        new("PUT", "/api/v1/projects/{projectId:int}/reports/{kind}/draft", c => Task.FromResult(($"{c.Project.Url}/reports/user-update/draft",
            (object?)new { markdown = "# Update\n\nAll quiet." })), w => Allowed(w, Permission.ManageCommunications, 200)),
        new("DELETE", "/api/v1/projects/{projectId:int}/reports/{kind}/draft", c => Task.FromResult(($"{c.Project.Url}/reports/user-update/draft", (object?)null)),
            w => Allowed(w, Permission.ManageCommunications, 200)),
        new("POST", "/api/v1/projects/{projectId:int}/reports/{kind}/send", c => Task.FromResult(($"{c.Project.Url}/reports/user-update/send", (object?)null)),
            w => Allowed(w, Permission.ManageCommunications, 200)),
    ];

    [Fact]
    public void Walk_CoversEveryMappedApiEndpoint()
    {
        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .Order().ToList();
        var walked = Cases.Select(c => $"{c.Method} {Normalize(c.Pattern)}").Order().ToList();

        var notWalked = mapped.Except(walked).ToList();
        var notMapped = walked.Except(mapped).ToList();
        Assert.True(notWalked.Count == 0 && notMapped.Count == 0,
            $"Mapped but not walked: {string.Join(", ", notWalked)}. Walked but not mapped: {string.Join(", ", notMapped)}.");
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

    /// <summary>
    /// Every text in every body the walk sends, one at a time, replaced by one holding a NUL or an escape character:
    /// each answer is a 400 naming that field, on both engines (PostgreSQL refuses NUL in text; SQLite would store it).
    /// As an administrator, so that no permission answers first.
    /// </summary>
    [Fact]
    public async Task Walk_ControlCharacterInEachTextOfEachBody_400NamingTheField()
    {
        var project = await app.NewProjectAsync("Walk control");
        var context = new Context(project, app);
        var failures = new List<string>();
        var tried = 0;
        foreach (var @case in Cases)
        {
            var (_, body) = await @case.Prepare(context);
            if (body is null)
            {
                continue;
            }

            if (body is string)
            {
                // A file upload (CSV), not JSON; CSV cells are checked by the import tests.
                continue;
            }

            var count = Texts(System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(body, HypercareApp.Json))).Count;
            for (var k = 0; k < count; k++)
            {
                var (url, fresh) = await @case.Prepare(context);
                var changed = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(fresh, HypercareApp.Json))!;
                var texts = Texts(changed);
                if (k >= texts.Count)
                {
                    continue;
                }

                var bad = tried++ % 2 == 0 ? "a\u0000b" : "a\u001Bb";
                var (path, json) = Replace(changed, texts[k], bad);
                using var request = new HttpRequestMessage(new HttpMethod(@case.Method), url)
                {
                    Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
                };
                var response = await app.Admin.SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode != 400 || !answer.Contains($"\"{path}\"", StringComparison.Ordinal))
                {
                    failures.Add($"{@case.Method} {url} with {bad} in {path}: {(int)response.StatusCode} {answer}");
                }
            }
        }

        Assert.True(tried > 50, $"only {S(tried)} texts were tried");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Every GET the walk makes, with a query parameter holding a NUL: a 400 naming the parameter, not a database error.</summary>
    [Fact]
    public async Task Walk_NulInAQueryParameterOfEachGet_400NamingTheParameter()
    {
        var project = await app.NewProjectAsync("Walk query");
        var context = new Context(project, app);
        var failures = new List<string>();
        foreach (var @case in Cases.Where(c => c.Method == "GET"))
        {
            var (url, _) = await @case.Prepare(context);
            var response = await app.Admin.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "q=a%00b");
            var answer = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != 400 || !answer.Contains("\"q\"", StringComparison.Ordinal))
            {
                failures.Add($"GET {url}?q=a%00b: {(int)response.StatusCode} {answer}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Every string value of the document, in document order.</summary>
    private static List<System.Text.Json.Nodes.JsonValue> Texts(System.Text.Json.Nodes.JsonNode? node)
    {
        var found = new List<System.Text.Json.Nodes.JsonValue>();
        void Visit(System.Text.Json.Nodes.JsonNode? n)
        {
            switch (n)
            {
                case System.Text.Json.Nodes.JsonObject o:
                    foreach (var (_, value) in o)
                    {
                        Visit(value);
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray a:
                    foreach (var item in a)
                    {
                        Visit(item);
                    }

                    break;
                case System.Text.Json.Nodes.JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    found.Add(v);
                    break;
            }
        }

        Visit(node);
        return found;
    }

    /// <summary>
    /// The field the API names for <paramref name="text"/> ("name", "rules[0].kind") and the document with it replaced by
    /// raw JSON string text, escapes kept as written.
    /// </summary>
    private static (string Field, string Json) Replace(System.Text.Json.Nodes.JsonNode root, System.Text.Json.Nodes.JsonValue text, string rawText)
    {
        const string Marker = "walk-control-marker-7f3a";
        var field = text.GetPath().TrimStart('$').TrimStart('.');
        switch (text.Parent)
        {
            case System.Text.Json.Nodes.JsonArray array:
                array[array.IndexOf(text)] = Marker;
                break;
            case System.Text.Json.Nodes.JsonObject o:
                o[o.First(p => ReferenceEquals(p.Value, text)).Key] = Marker;
                break;
            default:
                throw new InvalidOperationException($"{field} is not inside an object or array");
        }

        return (field, root.ToJsonString().Replace(JsonSerializer.Serialize(Marker), $"\"{rawText}\"", StringComparison.Ordinal));
    }

    private static string Normalize(string pattern) => pattern.TrimEnd('/');
}

public sealed class AuthorizationWalkTests_Sqlite(SqliteApp app) : AuthorizationWalkTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationWalkTests_Postgres(PostgresApp app) : AuthorizationWalkTests(app), IClassFixture<PostgresApp>;
