using Hypercare.Core.Cluster;
using Hypercare.Core.Data;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Cluster;

/// <summary>The scheduled jobs' leases on SQLite, the engine a single node runs by default (ADR 0060).</summary>
public class JobLeasesTests
{
    [Fact]
    public async Task TryTake_HeldUntilTheHoldEnds_ThenFreeForAnyNode_AndEachJobHasItsOwnLease()
    {
        await using var store = await TestStore.CreateAsync();
        var hold = TimeSpan.FromMinutes(4);
        Task<bool> Take(string job, string node) => store.RunAsync<JobLeases, bool>(l => l.TryTakeAsync(job, hold, node));

        var first = await Take("ExitSweepWorker", "node-a");
        var second = await Take("ExitSweepWorker", "node-b");
        var otherJob = await Take("SlaSweepWorker", "node-b");
        store.Clock.Advance(hold - TimeSpan.FromSeconds(1));
        var stillHeld = await Take("ExitSweepWorker", "node-b");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        var free = await Take("ExitSweepWorker", "node-b");

        Assert.Equal((true, false, true, false, true), (first, second, otherJob, stillHeld, free));
        var lease = await store.RunAsync<HypercareDbContext, JobLease>(db => db.JobLeases.AsNoTracking().SingleAsync(l => l.Name == "ExitSweepWorker"));
        Assert.Equal(("node-b", 2L, store.Clock.GetUtcNow(), store.Clock.GetUtcNow() + hold), (lease.HeldBy, lease.Runs, lease.LastRunAt, lease.HeldUntil));
    }
}
