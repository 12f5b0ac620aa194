using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Adoption.Flags;

public class AdoptionFlagRunTests
{
    private const string Roster = """
        "Id","Username","Name","IsActive","UserType","Profile.Name","Department"
        "005Hs00000AbCdEIAV","ana@acme.com","Ana Lopez","true","Standard","Sales User","Sales"
        "005Hs00000XyZqWIAV","raj@acme.com","Raj Patel","true","Standard","Sales User","Sales"
        "005Hs00000Gh1JkIAJ","lee@acme.com","Lee Chen","true","Standard","Service Agent","Care"
        "005Hs00000Mn2KpIAJ","kim@acme.com","Kim Berg","true","Standard","Service Agent","Care"
        """;

    [Fact]
    public async Task Run_TargetAddedWithoutAnImport_RaisesTheFlagOnceAndLeavesProjectsWithoutFiguresAlone()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Users, Roster);
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(
            Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), "005Hs00000AbCdE", "2026-03-03T08:00:00.000Z")));
        var empty = await store.RunAsync<ProjectService, Outcome<ProjectResponse>>(p => p.CreateAsync(Hypercare.Core.People.Caller.System,
            new CreateProjectRequest("No adoption data", "Salesforce", new DateOnly(2026, 3, 2), null, "Europe/Berlin")));
        // A target that reaches the store without the settings service (which would evaluate at once).
        await store.RunAsync<HypercareDbContext, int>(db =>
        {
            db.AdoptionTargets.Add(new AdoptionTarget { ProjectId = store.Access.ProjectId, Metric = TargetMetric.DailyLoginRate, Rate = 0.8, ByDate = new DateOnly(2026, 3, 2) });
            return db.SaveChangesAsync();
        });
        Assert.DoesNotContain(await FlagsAsync(store), f => f.Kind == FlagKind.BelowTarget);

        var evaluated = await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        var again = await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());

        Assert.Equal((1, 1), (evaluated, again));
        var flag = Assert.Single(await FlagsAsync(store), f => f.Kind == FlagKind.BelowTarget);
        Assert.Equal(new DateOnly(2026, 3, 2), flag.Since);
        Assert.StartsWith("daily login rate is 25.0 % on 2026-03-03", flag.Summary, StringComparison.Ordinal);
        var otherProjectFlags = await store.RunAsync<HypercareDbContext, int>(db => db.AdoptionFlags.CountAsync(f => f.ProjectId == empty.Value!.Id));
        Assert.Equal(0, otherProjectFlags);
    }

    [Fact]
    public async Task Run_NoLoginImportForDays_RaisesDataStaleOnceAndANewerImportClearsIt()
    {
        // The store's clock: 2026-04-01 09:00 UTC, 11:00 in Berlin. The morning export covers yesterday.
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(
            Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-30T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), "005Hs00000XyZqW", "2026-03-31T08:00:00.000Z")));
        var importedAt = store.Clock.GetUtcNow();
        Assert.DoesNotContain(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);

        // Two days later nothing new has arrived: 1, 2 and 3 April without data.
        store.Clock.Advance(TimeSpan.FromDays(2));
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());

        var flag = Assert.Single(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);
        Assert.Equal(("login data", new DateOnly(2026, 4, 1), 3.0), (flag.Subject, flag.Since, flag.Magnitude));
        Assert.Equal("2026-03-31", flag.Evidence.GetProperty("lastDataDay").GetString());
        Assert.Equal("2026-04-03", flag.Evidence.GetProperty("today").GetString());
        Assert.Equal(3, flag.Evidence.GetProperty("daysMissing").GetInt32());
        Assert.Equal(importedAt, flag.Evidence.GetProperty("lastImportAt").GetDateTimeOffset());
        Assert.Equal(new DateOnly(2026, 4, 3), flag.LastSeen);
        Assert.StartsWith("No login data since Wed 1 Apr (3 days)", flag.Summary, StringComparison.Ordinal);

        // A day more: the same flag, one day more missing.
        store.Clock.Advance(TimeSpan.FromDays(1));
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        var later = Assert.Single(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);
        Assert.Equal((flag.Id, flag.Since, 4.0, flag.RaisedAt), (later.Id, later.Since, later.Magnitude, later.RaisedAt));

        await store.ImportAsync(ImportKind.Logins, Csv.Logins(
            Csv.Login(Csv.Id(3), "005Hs00000AbCdE", "2026-04-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(4), "005Hs00000AbCdE", "2026-04-03T08:00:00.000Z")));

        Assert.DoesNotContain(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);
        var all = (await store.RunAsync<AdoptionService, Outcome<IReadOnlyList<FlagResponse>>>(s => s.ListFlagsAsync(store.Access, includeCleared: true))).Value!;
        Assert.Equal(store.Clock.GetUtcNow(), Assert.Single(all, f => f.Kind == FlagKind.DataStale).ClearedAt);
    }

    [Fact]
    public async Task Run_ClosedProject_ClearsTheDataStaleFlagAndRaisesNoNewOne_ReopeningExpectsDataAgain()
    {
        await using var store = await TestStore.CreateAsync();
        var lead = store.As(await store.MemberAsync("Hanna", ProjectRole.HypercareLead), ProjectRole.HypercareLead);
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-31T08:00:00.000Z")));
        store.Clock.Advance(TimeSpan.FromDays(2));
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        Assert.Single(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);

        // Steady state: nobody sends exports any more, so missing days are no news.
        var closed = await store.RunAsync<ExitService, Outcome<ExitStatus>>(e => e.MoveStageAsync(lead, new StageRequest(ProjectStage.Closed, "Steady state since Monday")));
        Assert.True(closed.Succeeded);
        store.Clock.Advance(TimeSpan.FromDays(5));
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        Assert.DoesNotContain(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);

        // Reopened, the project expects its exports again and says how long they have been missing.
        var reopened = await store.RunAsync<ExitService, Outcome<ExitStatus>>(e => e.MoveStageAsync(lead, new StageRequest(ProjectStage.Live, "Payroll run failed")));
        Assert.True(reopened.Succeeded);
        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());
        var flag = Assert.Single(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);
        Assert.Equal(8, flag.Evidence.GetProperty("daysMissing").GetInt32());
    }

    [Fact]
    public async Task Run_BeforeGoLive_NoDataStaleFlag()
    {
        await using var store = await TestStore.CreateAsync(goLive: new DateOnly(2026, 4, 20));
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-20T08:00:00.000Z")));

        await store.RunAsync<AdoptionFlagRun, int>(r => r.RunAsync());

        Assert.DoesNotContain(await FlagsAsync(store), f => f.Kind == FlagKind.DataStale);
    }

    private static async Task<IReadOnlyList<FlagResponse>> FlagsAsync(TestStore store) =>
        (await store.RunAsync<AdoptionService, Outcome<IReadOnlyList<FlagResponse>>>(s => s.ListFlagsAsync(store.Access, includeCleared: false))).Value!;
}
