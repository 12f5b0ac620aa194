using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Triage;

/// <summary>The triage page as triagers and others get it: one-step triage from the queue, field errors, sessions, who may triage.</summary>
public sealed class TriagePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static async Task<IssueResponse> GetAsync(TestUser user, TestProject project, int issueId) =>
        (await user.Client.GetFromJsonAsync<IssueDetail>($"{project.Issues}/{issueId}", HypercareApp.Json))!.Issue;

    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Triage(TestProject project) => $"/projects/{project.Id}/triage";

    private static string Id(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(ProjectRole.Triage)]
    [InlineData(ProjectRole.SteadyStateSupport)] // the team that takes the queue over runs it
    public async Task TriageForm_Triager_IssueLeavesQueueAndIsTriagedWithChosenFields(ProjectRole role)
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Opportunity stages missing", by: project[ProjectRole.Reporter]);
        var triager = project[role];
        var session = await SignInAsync(triager);

        var (before, queuePage) = await session.GetAsync(Triage(project));
        var (status, _, location) = await session.SubmitAsync(Triage(project), $"triage-{issue.Id}", new Dictionary<string, string>
        {
            ["Decision.Severity"] = "sev2",
            ["Decision.Category"] = "configurationChange",
            ["Decision.OwningTeam"] = role == ProjectRole.Triage ? "projectTeam" : "steadyStateTeam",
            ["Decision.Assignee"] = Id(triager.Id),
        });
        var (_, after) = await session.GetAsync(location!);
        var triaged = await GetAsync(triager, project, issue.Id);

        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Contains($"id=\"issue-{issue.Id}\"", queuePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Contains($"Issue #{issue.Id} was triaged.", after, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"issue-{issue.Id}\"", after, StringComparison.Ordinal);
        Assert.Equal(IssueStatus.Triaged, triaged.Status);
        Assert.Equal(Severity.Sev2, triaged.Severity);
        Assert.Equal(IssueCategory.ConfigurationChange, triaged.Category);
        Assert.Equal(role == ProjectRole.Triage ? OwningTeam.ProjectTeam : OwningTeam.SteadyStateTeam, triaged.OwningTeam);
        Assert.Equal(triager.Id, triaged.Assignee?.Id);
    }

    [Fact]
    public async Task TriageForm_AutoAssignToSteadyState_AssignsTheSteadyStateMember()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("How do I clone a quote?", "sev3", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, _, _) = await session.SubmitAsync(Triage(project), $"triage-{issue.Id}", new Dictionary<string, string>
        {
            ["Decision.Severity"] = "sev3",
            ["Decision.Category"] = "trainingGap",
            ["Decision.OwningTeam"] = "steadyStateTeam",
            ["Decision.Assignee"] = "auto",
        });
        var triaged = await GetAsync(project[ProjectRole.HypercareLead], project, issue.Id);

        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(IssueStatus.Triaged, triaged.Status);
        Assert.Equal(project[ProjectRole.SteadyStateSupport].Id, triaged.Assignee?.Id);
    }

    [Fact]
    public async Task TriageForm_SeverityChangedWithoutReason_ShowsReasonErrorAndChangesNothing()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Quotes fail to sync", by: project[ProjectRole.Reporter]);
        var triager = project[ProjectRole.Triage];
        var session = await SignInAsync(triager);

        var (status, html, _) = await session.SubmitAsync(Triage(project), $"triage-{issue.Id}", new Dictionary<string, string>
        {
            ["Decision.Severity"] = "sev1",
            ["Decision.Reason"] = " ",
            ["Decision.Category"] = "defect",
            ["Decision.OwningTeam"] = "projectTeam",
            ["Decision.Assignee"] = Id(triager.Id),
        });
        var unchanged = await GetAsync(triager, project, issue.Id);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"id=\"triage-{issue.Id}-reason-error\"", html, StringComparison.Ordinal);
        Assert.Contains("say why it is Sev1", html, StringComparison.Ordinal);
        // The form keeps what was chosen, so only the reason needs adding.
        Assert.Contains("<option value=\"sev1\" selected", html, StringComparison.Ordinal);
        Assert.Equal(IssueStatus.New, unchanged.Status);
        Assert.Equal(Severity.Sev2, unchanged.Severity);
        Assert.Null(unchanged.Category);
    }

    [Theory]
    [InlineData(ProjectRole.Sponsor)]
    [InlineData(ProjectRole.Reporter)]
    [InlineData(ProjectRole.ChangeManager)]
    public async Task TriagePage_RoleWithoutTriage_SaysSoAndHasNoForms(ProjectRole role)
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Report export is slow", by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[role]);

        var (status, html) = await session.GetAsync(Triage(project));
        var (_, dashboard) = await session.GetAsync($"/projects/{project.Id}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Your role cannot triage", html, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(html, $"triage-{issue.Id}"));
        Assert.False(PagesSession.HasForm(html, "start-session"));
        Assert.DoesNotContain($"{Triage(project)}\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriagePage_TitleWithScript_IsEncoded()
    {
        const string Script = "<script>alert(1)</script>";
        var project = await app.NewProjectAsync();
        await project.ReportAsync(Script, by: project[ProjectRole.Reporter]);
        var session = await SignInAsync(project[ProjectRole.Triage]);

        var (status, html) = await session.GetAsync(Triage(project));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_StartTriageEnd_RecordsAttendeesAndWhatWasTriaged()
    {
        var project = await app.NewProjectAsync();
        var issue = await project.ReportAsync("Lead conversion loses the campaign", by: project[ProjectRole.Reporter]);
        var lead = project[ProjectRole.HypercareLead];
        var steady = project[ProjectRole.SteadyStateSupport];
        var session = await SignInAsync(lead);

        var (started, _, _) = await session.SubmitAsync(Triage(project), "start-session", new Dictionary<string, string> { ["attendee"] = Id(steady.Id) });
        var (triagedStatus, _, _) = await session.SubmitAsync(Triage(project), $"triage-{issue.Id}", new Dictionary<string, string>
        {
            ["Decision.Severity"] = "sev2",
            ["Decision.Category"] = "defect",
            ["Decision.OwningTeam"] = "steadyStateTeam",
            ["Decision.Assignee"] = Id(steady.Id),
        });
        var (_, during) = await session.GetAsync(Triage(project));
        var (ended, _, endedAt) = await session.SubmitAsync(Triage(project), "end-session", new Dictionary<string, string>());
        var (_, afterwards) = await session.GetAsync(endedAt!);

        Assert.Equal(HttpStatusCode.Redirect, started);
        Assert.Equal(HttpStatusCode.Redirect, triagedStatus);
        Assert.Contains("Session open since", during, StringComparison.Ordinal);
        Assert.Contains(steady.DisplayName, during, StringComparison.Ordinal);
        Assert.Contains("Triaged in this session", during, StringComparison.Ordinal);
        Assert.Contains("Lead conversion loses the campaign", during, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(during, "end-session"));
        Assert.Equal(HttpStatusCode.Redirect, ended);
        Assert.Contains("The triage session has ended.", afterwards, StringComparison.Ordinal);
        Assert.True(PagesSession.HasForm(afterwards, "start-session"));
    }

    [Fact]
    public async Task ProjectPages_NonMember_Answer404OnTriagePlanAndSla()
    {
        var mine = await app.NewProjectAsync("Mine");
        var theirs = await app.NewProjectAsync("Secret rollout");
        var outsider = await SignInAsync(mine[ProjectRole.HypercareLead]);

        foreach (var url in new[] { Triage(theirs), $"/projects/{theirs.Id}/plan", $"/projects/{theirs.Id}/sla" })
        {
            var (status, html) = await outsider.GetAsync(url);

            Assert.True(status == HttpStatusCode.NotFound, $"{url} answered {status}");
            Assert.Contains("Not found", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret", html, StringComparison.Ordinal);
        }
    }
}
