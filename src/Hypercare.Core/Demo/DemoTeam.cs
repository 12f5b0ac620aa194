using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The rota as the lead would generate it now: the next four weeks of the plan, filled from the team under the default rules.</summary>
    private static async Task SeedRotaAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, int projectId,
        (int Id, string Name, ProjectRole Role) lead, CancellationToken cancellationToken)
    {
        var access = As(projectId, lead);
        var actor = new AuditActor { Current = access.Caller };
        var today = LocalDays.Today(time.GetUtcNow(), Zone);
        var goLive = await GoLiveAsync(options, projectId, cancellationToken);

        // The rota the lead generated before go-live, which the team has worked since (the budget burn counts it), then
        // the next four weeks generated again today: shifts already started stay, the future ones are replaced.
        var before = new WalkingClock(LocalDays.StartOf(goLive.AddDays(-1), Zone).AddHours(12));
        await using (var db = new HypercareDbContext(options, actor, before))
        {
            await GenerateAsync(new TeamService(db, actor, before), access, goLive, goLive.AddDays(27), cancellationToken);
        }

        await using (var db = new HypercareDbContext(options, actor, time))
        {
            await GenerateAsync(new TeamService(db, actor, time), access, today, today.AddDays(27), cancellationToken);
        }
    }

    private static async Task<DateOnly> GoLiveAsync(DbContextOptions<HypercareDbContext> options, int projectId, CancellationToken cancellationToken)
    {
        await using var db = new HypercareDbContext(options, new AuditActor(), TimeProvider.System);
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.GoLiveDate).SingleAsync(cancellationToken);
    }

    private static async Task GenerateAsync(TeamService team, ProjectAccess access, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var generated = await team.GenerateAsync(access, new GenerateRotaRequest(from, to), cancellationToken);
        if (!generated.Succeeded)
        {
            throw new InvalidOperationException($"Demo rota refused: {generated.Failure!.Message}");
        }
    }

    /// <summary>
    /// The hero of the demo: Priya (triage) answered Sev1s from home late each of the last five nights, 22:00 to about
    /// 23:40, outside any shift. Real comments in the audit trail, so the after-hours burnout flag rises on that evidence.
    /// </summary>
    private static async Task SeedLateNightsAsync(HypercareDbContext db, int projectId, (int Id, string Name, ProjectRole Role) priya, DateTimeOffset now,
        IssueService issues, WalkingClock clock, AuditActor actor, CancellationToken cancellationToken)
    {
        var open = IssueLifecycle.OpenStatuses.ToList();
        var today = LocalDays.Today(now, Zone);
        // Only issues already reported on the first of those nights.
        var before = LocalDays.StartOf(today.AddDays(-5), Zone);
        var sev1 = await db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && i.Severity == Severity.Sev1 && open.Contains(i.Status) && i.ReportedAt < before)
            .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
        if (sev1.Count == 0)
        {
            sev1 = await db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && open.Contains(i.Status) && i.ReportedAt < before).OrderBy(i => i.Id).Select(i => i.Id)
                .Take(3).ToListAsync(cancellationToken);
        }

        var access = As(projectId, priya);
        actor.Current = access.Caller;
        string[] notes = ["Checked the logs again from home: still failing for the Munich users.", "Tried the workaround on a test user; it holds.",
            "Pinged the integration vendor; waiting for their night shift.", "Restarted the sync job, watching it.", "Still on it; will hand over at 08:00."];
        var n = 0;
        for (var night = 5; night >= 1; night--)
        {
            var evening = LocalDays.StartOf(today.AddDays(-night), Zone).AddHours(22);
            foreach (var minutes in new[] { 0, 15, 30, 45, 60, 75, 85 })
            {
                clock.Now = evening.AddMinutes(minutes);
                var issueId = sev1[n % sev1.Count];
                var commented = await issues.CommentAsync(access, issueId, new CommentRequest(notes[n % notes.Length]), cancellationToken);
                if (!commented.Succeeded)
                {
                    throw new InvalidOperationException($"Demo late-night comment refused: {commented.Failure!.Message}");
                }

                n++;
                db.ChangeTracker.Clear();
            }
        }
    }
}
