using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.StatusPage;
using Hypercare.Core.Tests.Infrastructure;
using Hypercare.Core.Tests.Notifications;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.KnownIssues;

/// <summary>
/// The whole story on a real SQLite file with real migrations and a real SMTP server: three people report the same
/// problem, it becomes one known issue, the workaround is published (all three told, in the inbox and by e-mail), the
/// fixes ride a patch, the patch is deployed (issues resolved, known issue fixed, reporters told) and the public status
/// page shows it fixed.
/// </summary>
public sealed class KnownIssueFlowTests
{
    [Fact]
    public async Task DuplicateReports_KnownIssueWorkaroundPatchDeploy_ReportersToldAndStatusPageShowsFixed()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var leadUser = await store.MemberAsync("Lena", ProjectRole.HypercareLead);
        var lead = new ProjectAccess(store.ProjectId, new Caller(leadUser.Id, leadUser.DisplayName, false), ProjectRole.HypercareLead);
        var reporters = new List<UserResponse>();
        var issueIds = new List<int>();
        foreach (var (name, title) in new[] { ("Ann", "Quote won't save"), ("Ben", "Saving a quote fails with an error"), ("Cem", "Cannot save quotes with discounts") })
        {
            var user = await store.MemberAsync(name, ProjectRole.Reporter);
            reporters.Add(user);
            var access = new ProjectAccess(store.ProjectId, new Caller(user.Id, user.DisplayName, false), ProjectRole.Reporter);
            var issue = await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(access,
                new ReportIssueRequest(title, "Clicking Save on a quote with a discount line shows 'Unexpected error'.", "Quotes", Severity.Sev2)));
            issueIds.Add(issue.Value!.Id);
        }

        var created = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.CreateAsync(lead,
            new CreateKnownIssueRequest("Quotes with discounts cannot be saved", "Saving a quote that has a discount line shows 'Unexpected error'.",
                "Save the quote without the discount, then add the discount from the Discounts tab.", "Validation rule QUO-17 misfires on null list price", issueIds)));
        Assert.True(created.Succeeded, created.Failure?.Message);
        var knownId = created.Value!.KnownIssue.Id;
        Assert.Equal(3, created.Value.KnownIssue.AffectedPeople);

        var published = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.PublishWorkaroundAsync(lead, knownId, new PublishWorkaroundRequest(created.Value.Version)));
        Assert.True(published.Succeeded, published.Failure?.Message);
        Assert.Equal(KnownIssueStatus.WorkaroundAvailable, published.Value!.KnownIssue.Status);
        Assert.Equal(3, (await store.DispatchAsync()).Sent);
        Assert.Equal(reporters.Select(r => r.Email).Order(), smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(smtp.Messages, m => Assert.Contains("Save the quote without the discount", m.TextBody, StringComparison.Ordinal));
        Assert.All(smtp.Messages, m => Assert.DoesNotContain("QUO-17", m.TextBody, StringComparison.Ordinal));
        foreach (var (reporter, issueId) in reporters.Zip(issueIds))
        {
            var inbox = await store.RunAsync<InboxService, Inbox>(s => s.ListAsync(reporter.Id));
            var item = Assert.Single(inbox.Items);
            Assert.Equal(issueId, item.IssueId);
            var detail = await store.RunAsync<IssueService, Outcome<IssueDetail>>(s => s.GetAsync(lead, issueId));
            Assert.Contains(detail.Value!.Comments, c => c.Body.Contains("Save the quote without the discount", StringComparison.Ordinal));
        }

        foreach (var id in issueIds)
        {
            var triaged = await store.RunAsync<TriageService, Outcome<IssueResponse>>(s => s.TriageAsync(lead, id,
                new TriageRequest(Severity.Sev2, IssueCategory.Defect, OwningTeam.ProjectTeam, leadUser.Id)));
            Assert.True(triaged.Succeeded, triaged.Failure?.Message);
            foreach (var to in new[] { IssueStatus.InProgress, IssueStatus.Fixed })
            {
                var moved = await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.TransitionAsync(lead, id, new TransitionRequest(to)));
                Assert.True(moved.Succeeded, moved.Failure?.Message);
            }
        }

        var patch = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.CreateAsync(lead, new PlanPatchRequest(store.Clock.GetUtcNow().AddHours(8))));
        var patchId = patch.Value!.Patch.Id;
        var assigned = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.AssignAsync(lead, patchId, new AssignIssuesRequest(issueIds)));
        Assert.True(assigned.Succeeded, assigned.Failure?.Message);
        Assert.Equal("Quotes with discounts cannot be saved", Assert.Single(assigned.Value!.Patch.Fixes).Title);
        var scheduled = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.GetAsync(lead, knownId));
        Assert.Equal(KnownIssueStatus.FixScheduled, scheduled.Value!.KnownIssue.Status);
        var upcoming = await store.RunAsync<PatchService, IReadOnlyList<PatchSummary>>(s => s.UpcomingAsync(store.ProjectId));
        Assert.Equal(patchId, Assert.Single(upcoming).Id);

        store.Clock.Advance(TimeSpan.FromHours(9));
        var deployed = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.DeployAsync(lead, patchId, new DeployPatchRequest(Version: assigned.Value!.Patch.Version)));
        Assert.True(deployed.Succeeded, deployed.Failure?.Message);
        Assert.Equal(PatchStatus.Deployed, deployed.Value!.Patch.Status);
        Assert.Equal(store.Clock.GetUtcNow(), deployed.Value.Patch.DeployedAt);
        Assert.All(deployed.Value.Issues, i => Assert.Equal(IssueStatus.Resolved, i.Status));
        var fixedKnown = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.GetAsync(lead, knownId));
        Assert.Equal(KnownIssueStatus.Fixed, fixedKnown.Value!.KnownIssue.Status);
        Assert.Empty(await store.RunAsync<PatchService, IReadOnlyList<PatchSummary>>(s => s.UpcomingAsync(store.ProjectId)));

        Assert.Equal(3, (await store.DispatchAsync()).Sent);
        var fixedMails = smtp.Messages.Where(m => m.Subject == "Fixed in Patch 1").ToList();
        Assert.Equal(3, fixedMails.Count);
        foreach (var reporter in reporters)
        {
            var inbox = await store.RunAsync<InboxService, Inbox>(s => s.ListAsync(reporter.Id));
            Assert.Contains(inbox.Items, n => n.Kind == PatchService.DeployedNoticeKind);
        }

        var link = await store.RunAsync<StatusPageService, Outcome<StatusPageLinkResponse>>(s => s.RotateAsync(lead));
        var page = await store.RunAsync<StatusPageService, StatusPageView?>(s => s.PublicAsync(link.Value!.Token!));
        var shown = Assert.Single(page!.KnownIssues);
        Assert.Equal("Fixed", shown.Status);
        Assert.Equal("Patch 1", shown.FixIn);
        Assert.Equal("Patch 1", Assert.Single(page.RecentPatches).Name);
        Assert.Null(page.NextPatch);
    }

    [Fact]
    public async Task SteadyStateSupport_RunsTheQueueItTakesOver_TriagesAndManagesKnownIssuesAndPatches()
    {
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var steadyUser = await store.MemberAsync("Sam", ProjectRole.SteadyStateSupport);
        var steady = new ProjectAccess(store.ProjectId, new Caller(steadyUser.Id, steadyUser.DisplayName, false), ProjectRole.SteadyStateSupport);
        var reporter = await store.MemberAsync("Rae", ProjectRole.Reporter);
        var asReporter = new ProjectAccess(store.ProjectId, new Caller(reporter.Id, reporter.DisplayName, false), ProjectRole.Reporter);
        var issue = (await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(asReporter,
            new ReportIssueRequest("Export fails", "CSV export times out", null, Severity.Sev3)))).Value!;

        var triaged = await store.RunAsync<TriageService, Outcome<IssueResponse>>(s => s.TriageAsync(steady, issue.Id,
            new TriageRequest(Severity.Sev3, IssueCategory.Defect, OwningTeam.SteadyStateTeam, steadyUser.Id)));
        var known = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.CreateAsync(steady,
            new CreateKnownIssueRequest("Exports time out", "Large CSV exports time out.", "Export by month.", null, [issue.Id])));
        var published = await store.RunAsync<KnownIssueService, Outcome<KnownIssueDetail>>(s => s.PublishWorkaroundAsync(steady, known.Value!.KnownIssue.Id, new PublishWorkaroundRequest(known.Value!.Version)));
        var patch = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.CreateAsync(steady, new PlanPatchRequest(store.Clock.GetUtcNow().AddHours(8))));

        Assert.True(triaged.Succeeded, triaged.Failure?.Message);
        Assert.Equal(IssueStatus.Triaged, triaged.Value!.Status);
        Assert.True(known.Succeeded, known.Failure?.Message);
        Assert.True(published.Succeeded, published.Failure?.Message);
        Assert.Equal(KnownIssueStatus.WorkaroundAvailable, published.Value!.KnownIssue.Status);
        Assert.True(patch.Succeeded, patch.Failure?.Message);
    }

    [Fact]
    public async Task Deploy_IssueReopenedAfterAssignment_RefusedNamingIssueIdsAndNothingChanges()
    {
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var leadUser = await store.MemberAsync("Lou", ProjectRole.HypercareLead);
        var lead = new ProjectAccess(store.ProjectId, new Caller(leadUser.Id, leadUser.DisplayName, false), ProjectRole.HypercareLead);
        var issue = await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(lead, new ReportIssueRequest("Export fails", "CSV export times out", null, Severity.Sev3)));
        var id = issue.Value!.Id;
        Assert.True((await store.RunAsync<TriageService, Outcome<IssueResponse>>(s => s.TriageAsync(lead, id,
            new TriageRequest(Severity.Sev3, IssueCategory.Defect, OwningTeam.ProjectTeam, leadUser.Id)))).Succeeded);
        foreach (var to in new[] { IssueStatus.InProgress, IssueStatus.Fixed })
        {
            await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.TransitionAsync(lead, id, new TransitionRequest(to)));
        }

        var patch = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.CreateAsync(lead, new PlanPatchRequest(store.Clock.GetUtcNow().AddHours(2))));
        var assigned = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.AssignAsync(lead, patch.Value!.Patch.Id, new AssignIssuesRequest([id])));
        await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.TransitionAsync(lead, id, new TransitionRequest(IssueStatus.InProgress)));

        var deploy = await store.RunAsync<PatchService, Outcome<PatchDetail>>(s => s.DeployAsync(lead, patch.Value!.Patch.Id, new DeployPatchRequest(Version: assigned.Value!.Patch.Version)));

        Assert.Equal(FailureKind.Conflict, deploy.Failure!.Kind);
        Assert.True(deploy.Failure.Errors!.ContainsKey("issueIds"));
        var stored = await store.RunAsync<HypercareDbContext, Patch>(db => db.Patches.AsNoTracking().SingleAsync(p => p.Id == patch.Value!.Patch.Id));
        Assert.Equal(PatchStatus.Planned, stored.Status);
    }
}
