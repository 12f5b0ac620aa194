using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;

namespace Hypercare.Web.Tests.Infrastructure;

/// <summary>
/// The steps most tests take before the behaviour they test: report an issue, triage it, move it on. Through the API,
/// as the roles that may do them, asserting each step worked so a failure points at the step and not at the test.
/// </summary>
public static class IssueSteps
{
    public const string Steps = "Steps to reproduce ...";

    /// <summary>Reports an issue as <paramref name="by"/> (the project's reporter unless named).</summary>
    public static async Task<IssueResponse> ReportAsync(this TestProject project, string title = "Quote PDF shows wrong VAT", string severity = "sev2",
        TestUser? by = null, string description = Steps, string? area = null)
    {
        var client = (by ?? project[ProjectRole.Reporter]).Client;
        var response = await client.PostAsJsonAsync(project.Issues, new { title, description, affectedArea = area, proposedSeverity = severity }, HypercareApp.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssueResponse>(HypercareApp.Json))!;
    }

    /// <summary>Triages a New issue as the triage team: severity kept unless given (a change says why), assigned to the least-loaded member of the team.</summary>
    public static async Task<IssueResponse> TriageAsync(this TestProject project, int issueId, string? severity = null, string category = "defect",
        string team = "projectTeam", TestUser? by = null)
    {
        var client = (by ?? project[ProjectRole.Triage]).Client;
        var current = (await client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issueId}", HypercareApp.Json))!.Issue;
        var chosen = severity ?? Wire(current.ProposedSeverity);
        var response = await client.PostAsJsonAsync($"{project.Issues}/{issueId}/triage",
            new { severity = chosen, reason = chosen == Wire(current.ProposedSeverity) ? null : "Triage judged it so", category, owningTeam = team, autoAssign = true },
            HypercareApp.Json);
        Assert.True(response.IsSuccessStatusCode, $"triage of #{issueId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IssueResponse>(HypercareApp.Json))!;
    }

    /// <summary>Moves an issue through the given statuses as the triage team; "triaged" goes through triage, the only way there.</summary>
    public static async Task<IssueResponse> MoveAsync(this TestProject project, int issueId, params string[] statuses)
    {
        IssueResponse? last = null;
        foreach (var to in statuses)
        {
            if (to == "triaged")
            {
                last = await project.TriageAsync(issueId);
                continue;
            }

            var response = await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{issueId}/transitions", new { to }, HypercareApp.Json);
            Assert.True(response.IsSuccessStatusCode, $"#{issueId} to {to}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            last = (await response.Content.ReadFromJsonAsync<IssueResponse>(HypercareApp.Json))!;
        }

        return last ?? throw new ArgumentException("Name at least one status.", nameof(statuses));
    }

    /// <summary>
    /// A week for the steady-state rule: one new issue the steady-state team owns and resolves, and one it takes and hands
    /// back to the project team (a rescue).
    /// </summary>
    public static async Task<(IssueResponse Handled, IssueResponse Rescued)> SteadyStateHandledAndRescuedAsync(this TestProject project)
    {
        var handled = await project.ReportAsync("Report filter wrong", "sev3");
        await project.TriageAsync(handled.Id, team: "steadyStateTeam", by: project[ProjectRole.SteadyStateSupport]);
        (await project[ProjectRole.SteadyStateSupport].Client.PostAsJsonAsync($"{project.Issues}/{handled.Id}/transitions", new { to = "resolved" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        var rescued = await project.ReportAsync("Territory rules fail", "sev3");
        await project.TriageAsync(rescued.Id, team: "steadyStateTeam", by: project[ProjectRole.SteadyStateSupport]);
        (await project[ProjectRole.Triage].Client.PostAsJsonAsync($"{project.Issues}/{rescued.Id}/handoff",
            new { toTeam = "projectTeam", note = "Needs the integration team", autoAssign = true }, HypercareApp.Json)).EnsureSuccessStatusCode();
        return (handled, rescued);
    }

    private static string Wire(Severity severity) => severity.ToString().ToLowerInvariant();
}
