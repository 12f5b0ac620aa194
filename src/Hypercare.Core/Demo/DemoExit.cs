using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The exit sweep as it would have run each evening since go-live (the project goes live on its day, each day's
    /// evaluation is kept), so the Exit page opens on ten days of history; then once more now.
    /// </summary>
    private static async Task SeedExitAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, DateOnly goLive, CancellationToken cancellationToken)
    {
        var clock = new WalkingClock(time.GetUtcNow());
        var actor = new AuditActor { Current = Caller.System };
        await using var db = new HypercareDbContext(options, actor, clock);
        var exit = new ExitService(db, new SlaPlanService(db), new AdoptionService(db, clock, new AdoptionStatsBuilder(db), new AdoptionFlagEvaluator(db, clock)), clock);
        var now = time.GetUtcNow();
        for (var day = goLive; LocalDays.StartOf(day, Zone).AddHours(20) < now; day = day.AddDays(1))
        {
            clock.Now = LocalDays.StartOf(day, Zone).AddHours(20);
            await exit.SweepAsync(cancellationToken);
        }

        clock.Now = now;
        await exit.SweepAsync(cancellationToken);
    }
}
