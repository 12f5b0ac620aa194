using Hypercare.Core.Exit;
using Hypercare.Core.Handover;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Hypercare.Core.Tests.Handover;

/// <summary>The handover on a real SQLite file with a fake clock: stages by date, the checklist, its rules and its refusals.</summary>
public sealed class HandoverServiceTests
{
    // The store's clock starts on Wednesday 1 April 2026, 09:00 UTC (11:00 in Berlin); go-live was 30 days before.
    private static readonly DateOnly Today = new(2026, 4, 1);

    private static Task<Outcome<T>> Run<T>(TestStore store, Func<HandoverService, Task<Outcome<T>>> action) => store.RunAsync(action);

    private static async Task<HandoverStatus> StatusAsync(TestStore store, ProjectAccess? access = null) =>
        (await Run(store, h => h.StatusAsync(access ?? store.Access))).Value!;

    private static HandoverAreaRequest Area(string name, int shadow, int reverse, int owns, int? contact = null, int? version = null) =>
        new(name, Today.AddDays(shadow), Today.AddDays(reverse), Today.AddDays(owns), contact, null, version);

    [Fact]
    public async Task NewProject_StartsWithTheSixDefaultItems_NoneDone_AndTheHandoverIsNotComplete()
    {
        await using var store = await TestStore.CreateAsync();

        var status = await StatusAsync(store);

        Assert.Equal(["runbooks", "knownIssues", "access", "openIssues", "monitoring", "contacts"], status.Items.Select(i => i.DefaultKey));
        Assert.All(status.Items, i => Assert.False(i.Removable));
        Assert.Equal(0, status.ItemsDone);
        Assert.False(status.Complete);
        Assert.Empty(status.Areas);
    }

    [Fact]
    public async Task AreaStage_FollowsItsDates_AsTheDaysPass_InTheProjectsTimeZone()
    {
        await using var store = await TestStore.CreateAsync();
        var created = await Run(store, h => h.CreateAreaAsync(store.Access, Area("Billing", 1, 3, 5)));
        Assert.True(created.Succeeded);

        var seen = new List<HandoverStage>();
        for (var day = 0; day <= 5; day++)
        {
            seen.Add((await StatusAsync(store)).Areas.Single().Stage);
            store.Clock.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal([HandoverStage.NotStarted, HandoverStage.Shadow, HandoverStage.Shadow, HandoverStage.ReverseShadow, HandoverStage.ReverseShadow,
            HandoverStage.SteadyStateOwns], seen);
        // 23:30 UTC on the day before the owns date is already that date in Berlin.
        await using var late = await TestStore.CreateAsync(start: new DateTimeOffset(2026, 4, 5, 23, 30, 0, TimeSpan.Zero));
        await Run(late, h => h.CreateAreaAsync(late.Access, new HandoverAreaRequest("Billing", new(2026, 4, 1), new(2026, 4, 3), new(2026, 4, 6))));
        Assert.Equal(HandoverStage.SteadyStateOwns, (await StatusAsync(late)).Areas.Single().Stage);
    }

    [Fact]
    public async Task AreaEvidence_OpenIssuesStillWithTheProjectTeam_AndRescuesSinceReverseShadow_MatchTheAreaIgnoringCase()
    {
        await using var store = await TestStore.CreateAsync();
        var lead = await store.MemberAsync("Lena", ProjectRole.HypercareLead);
        var access = store.As(lead, ProjectRole.HypercareLead);
        await store.MemberAsync("Tomas", ProjectRole.Triage);
        await store.MemberAsync("Stella", ProjectRole.SteadyStateSupport);
        await Run(store, h => h.CreateAreaAsync(access, Area("Billing", -6, -2, 10)));
        async Task<IssueResponse> Report(string title, string? area, OwningTeam team)
        {
            var issue = (await store.RunAsync<IssueService, Outcome<IssueResponse>>(s => s.ReportAsync(access, new ReportIssueRequest(title, "d", area, Severity.Sev3)))).Value!;
            var owned = await store.RunAsync<TriageService, Outcome<IssueResponse>>(t => t.TriageAsync(access, issue.Id, new TriageRequest(Severity.Sev3, IssueCategory.Defect, team, AutoAssign: true)));
            Assert.True(owned.Succeeded, string.Join("; ", owned.Failure?.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
            return owned.Value!;
        }

        var withProject = await Report("Invoice totals off", " billing ", OwningTeam.ProjectTeam);
        var withSteady = await Report("Credit note layout", "BILLING", OwningTeam.SteadyStateTeam);
        await Report("Login slow", "Access", OwningTeam.ProjectTeam);
        // The project team takes the steady-state team's issue back: a rescue, inside the reverse-shadow window.
        var rescued = await store.RunAsync<TriageService, Outcome<HandoffResponse>>(t => t.HandoffAsync(access, withSteady.Id, new HandoffRequest(OwningTeam.ProjectTeam, "Needs the integration expert")));
        Assert.True(rescued.Value!.IsRescue);

        var status = await StatusAsync(store, access);
        var billing = status.Areas.Single();

        Assert.Equal(2, billing.OpenIssues);
        Assert.Equal([withProject.Id, withSteady.Id], billing.OpenWithProjectTeam);
        Assert.Equal([withSteady.Id], billing.RescuesSinceReverseShadow);
        Assert.Equal(3, status.OpenIssues);
        Assert.Equal(3, status.OpenIssuesWithProjectTeam);
    }

    [Fact]
    public async Task BadArea_IsRefusedNamingEachField_AndNothingIsSaved()
    {
        await using var store = await TestStore.CreateAsync();
        await Run(store, h => h.CreateAreaAsync(store.Access, Area("Billing", 0, 1, 2)));
        var auditBefore = await store.CountAsync("AuditEntries");

        var outcome = await Run(store, h => h.CreateAreaAsync(store.Access,
            new HandoverAreaRequest(" billing", Today.AddDays(5), Today.AddDays(4), Today.AddDays(3), 999999, new string('n', HandoverArea.NotesMaxLength + 1))));
        var missing = await Run(store, h => h.CreateAreaAsync(store.Access, new HandoverAreaRequest("", null, Today, Today.AddDays(3000))));

        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        Assert.Equal(["contactUserId", "name", "notes", "ownsFrom", "reverseShadowFrom"], outcome.Failure.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["name", "ownsFrom", "shadowFrom"], missing.Failure!.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, await store.CountAsync("HandoverAreas"));
        Assert.Equal(auditBefore, await store.CountAsync("AuditEntries"));
    }

    [Fact]
    public async Task UpdateArea_WithAStaleVersion_IsRefusedWithTheCurrentArea_AndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var area = (await Run(store, h => h.CreateAreaAsync(store.Access, Area("Billing", 0, 1, 2)))).Value!;
        var moved = (await Run(store, h => h.UpdateAreaAsync(store.Access, area.Id, Area("Billing", 0, 4, 8, version: area.Version)))).Value!;

        var stale = await Run(store, h => h.UpdateAreaAsync(store.Access, area.Id, Area("Invoicing", 0, 1, 2, version: area.Version)));

        Assert.Equal(Today.AddDays(8), moved.OwnsFrom);
        Assert.Equal(FailureKind.Stale, stale.Failure!.Kind);
        var current = Assert.IsType<HandoverAreaResponse>(stale.Failure.Current);
        Assert.Equal((moved.Version, moved.OwnsFrom), (current.Version, current.OwnsFrom));
        Assert.Equal("Billing", (await StatusAsync(store)).Areas.Single().Name);
    }

    [Fact]
    public async Task Checklist_OwnerTicksTheirItem_OthersWithoutTheLeadsRoleCannot_DoneDaysAreNeverInTheFuture()
    {
        await using var store = await TestStore.CreateAsync();
        var stella = await store.MemberAsync("Stella", ProjectRole.SteadyStateSupport);
        var omar = await store.MemberAsync("Omar", ProjectRole.SteadyStateSupport);
        var runbooks = (await StatusAsync(store)).Items.Single(i => i.DefaultKey == "runbooks");
        runbooks = (await Run(store, h => h.UpdateItemAsync(store.Access, runbooks.Id,
            new HandoverItemRequest(runbooks.Title, null, stella.Id, Today.AddDays(-1), null, runbooks.Version)))).Value!;
        Assert.True(runbooks.Overdue);

        var byOther = await Run(store, h => h.MarkDoneAsync(store.As(omar, ProjectRole.SteadyStateSupport), runbooks.Id, new HandoverDoneRequest(runbooks.Version)));
        var future = await Run(store, h => h.MarkDoneAsync(store.As(stella, ProjectRole.SteadyStateSupport), runbooks.Id, new HandoverDoneRequest(runbooks.Version, Today.AddDays(1))));
        var done = await Run(store, h => h.MarkDoneAsync(store.As(stella, ProjectRole.SteadyStateSupport), runbooks.Id,
            new HandoverDoneRequest(runbooks.Version, Today.AddDays(-2), "In the support wiki")));
        var twice = await Run(store, h => h.MarkDoneAsync(store.Access, runbooks.Id, new HandoverDoneRequest(done.Value!.Version)));

        Assert.Equal(FailureKind.Forbidden, byOther.Failure!.Kind);
        Assert.Equal(["doneOn"], future.Failure!.Errors!.Keys);
        Assert.Equal(Today.AddDays(-2), done.Value!.DoneOn);
        Assert.Equal("Stella", done.Value.DoneBy!.DisplayName);
        Assert.Equal("In the support wiki", done.Value.Note);
        Assert.False(done.Value.Overdue);
        Assert.Equal(FailureKind.Conflict, twice.Failure!.Kind);

        var reopened = await Run(store, h => h.ReopenAsync(store.Access, runbooks.Id, new HandoverDoneRequest(done.Value.Version)));
        Assert.Null(reopened.Value!.DoneOn);
        Assert.Null(reopened.Value.DoneBy);
        Assert.Equal(0, (await StatusAsync(store)).ItemsDone);
    }

    [Fact]
    public async Task DefaultItemsStay_CustomItemsGo_AndRemovingAnAreaKeepsItsItemsForTheWholeHandover()
    {
        await using var store = await TestStore.CreateAsync();
        var area = (await Run(store, h => h.CreateAreaAsync(store.Access, Area("ERP sync", 0, 2, 4)))).Value!;
        var custom = (await Run(store, h => h.CreateItemAsync(store.Access, new HandoverItemRequest("Month-end walkthrough", area.Id)))).Value!;
        var other = (await Run(store, h => h.CreateItemAsync(store.Access, new HandoverItemRequest("Batch job calendar")))).Value!;
        var monitoring = (await StatusAsync(store)).Items.Single(i => i.DefaultKey == "monitoring");

        var keepDefault = await Run(store, h => h.DeleteItemAsync(store.Access, monitoring.Id));
        var areaGone = await Run(store, h => h.DeleteAreaAsync(store.Access, area.Id));
        var otherGone = await Run(store, h => h.DeleteItemAsync(store.Access, other.Id));
        var status = await StatusAsync(store);

        Assert.Equal("ERP sync", custom.AreaName);
        Assert.Equal(7, custom.Id - status.Items[0].Id + 1);
        Assert.Equal(FailureKind.Conflict, keepDefault.Failure!.Kind);
        Assert.True(areaGone.Succeeded);
        Assert.True(otherGone.Succeeded);
        Assert.Equal(7, status.Items.Count);
        var kept = status.Items.Single(i => i.Id == custom.Id);
        Assert.Null(kept.AreaId);
        Assert.Empty(status.Areas);
    }

    [Fact]
    public async Task OnlyTheLeadPlans_TheSponsorSees_AReporterSeesNothing_AndAClosedProjectKeepsItsHandoverAsItEnded()
    {
        await using var store = await TestStore.CreateAsync();
        var sponsor = store.As(await store.MemberAsync("Sam", ProjectRole.Sponsor), ProjectRole.Sponsor);
        var reporter = store.As(await store.MemberAsync("Rita", ProjectRole.Reporter), ProjectRole.Reporter);
        var lead = store.As(await store.MemberAsync("Hanna", ProjectRole.HypercareLead), ProjectRole.HypercareLead);

        Assert.True((await Run(store, h => h.StatusAsync(sponsor))).Succeeded);
        Assert.Equal(FailureKind.Forbidden, (await Run(store, h => h.StatusAsync(reporter))).Failure!.Kind);
        Assert.Equal(FailureKind.Forbidden, (await Run(store, h => h.CreateAreaAsync(sponsor, Area("Billing", 0, 1, 2)))).Failure!.Kind);
        Assert.Equal(FailureKind.Forbidden, (await Run(store, h => h.CreateItemAsync(reporter, new HandoverItemRequest("x")))).Failure!.Kind);

        await store.RunAsync<ExitService, Outcome<ExitStatus>>(e => e.MoveStageAsync(lead, new StageRequest(ProjectStage.Closed, "Steady state since Monday")));
        var item = (await StatusAsync(store)).Items[0];
        var closed = await Run(store, h => h.MarkDoneAsync(lead, item.Id, new HandoverDoneRequest(item.Version)));
        var closedArea = await Run(store, h => h.CreateAreaAsync(lead, Area("Billing", 0, 1, 2)));

        Assert.Equal(FailureKind.Conflict, closed.Failure!.Kind);
        Assert.Equal(FailureKind.Conflict, closedArea.Failure!.Kind);
        Assert.Equal(0, (await StatusAsync(store)).ItemsDone);
    }

    [Fact]
    public async Task ExitRule_HandoverComplete_ListsWhatIsOpen_AndHoldsOnceEveryItemIsDoneAndEveryAreaOwned()
    {
        await using var store = await TestStore.CreateAsync();
        var lead = store.As(await store.MemberAsync("Hanna", ProjectRole.HypercareLead), ProjectRole.HypercareLead);
        await store.RunAsync<ExitService, Outcome<IReadOnlyList<ExitRuleSetting>>>(e => e.SetRulesAsync(lead,
            new ExitRulesRequest([new ExitRuleUpdate(ExitRuleKind.HandoverComplete, true)])));
        await Run(store, h => h.CreateAreaAsync(lead, Area("Billing", -4, -2, 1)));
        async Task<RuleResult> Rule() => (await store.RunAsync<ExitService, Outcome<ExitStatus>>(e => e.StatusAsync(lead))).Value!
            .Evaluation.Rules.Single(r => r.Kind == ExitRuleKind.HandoverComplete);

        var before = await Rule();
        Assert.Equal(RuleState.NotMet, before.State);
        Assert.Equal(7, before.Evidence.Count);
        Assert.Contains(before.Evidence, e => e.Text.StartsWith("Checklist: Runbooks written is not done (no owner)", StringComparison.Ordinal));
        Assert.Contains(before.Evidence, e => e.Text == "Area Billing: reverse shadow; the steady-state team owns it from 2026-04-02");

        foreach (var item in (await StatusAsync(store)).Items)
        {
            Assert.True((await Run(store, h => h.MarkDoneAsync(lead, item.Id, new HandoverDoneRequest(item.Version)))).Succeeded);
        }

        Assert.Equal("6 of 6 checklist items done; Billing: reverse shadow.",
            Hypercare.Core.Communications.ReportGenerator.HandoverLine(await StatusAsync(store)));
        var itemsDone = await Rule();
        Assert.Equal(RuleState.NotMet, itemsDone.State);
        Assert.Single(itemsDone.Evidence);

        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(RuleState.Met, (await Rule()).State);
        Assert.True((await StatusAsync(store)).Complete);
    }

    [Fact]
    public async Task ExistingProjects_GetTheDefaultChecklistFromTheMigration()
    {
        await using var store = await TestStore.CreateAsync();
        // Back to the schema before the handover existed (the project stays), then forward again, as an upgrade runs.
        await store.DbAsync(async db =>
        {
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("20261206225455_ExitCriteria");
            await migrator.MigrateAsync();
            return 0;
        });

        var status = await StatusAsync(store);

        Assert.Equal(HandoverChecklist.Defaults.Select(d => (d.Key, d.Title)), status.Items.Select(i => (i.DefaultKey!, i.Title)));
        Assert.Equal(6, await store.DbAsync(db => db.HandoverItems.CountAsync()));
    }
}
