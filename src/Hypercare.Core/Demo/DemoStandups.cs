using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Core.Standups;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The standups as the lead runs them: the schedule (09:15 Berlin, the default roles; the web host's sweep sends the
    /// invitations), Friday's minutes with an action still open and now overdue, and this morning's with one done and one
    /// open, so the next agenda carries two actions.
    /// </summary>
    private static async Task SeedStandupsAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, int projectId,
        Dictionary<string, (int Id, string Name, ProjectRole Role)> people, CancellationToken cancellationToken)
    {
        var lead = people["lead@demo.hypercare"];
        var actor = new AuditActor { Current = As(projectId, lead).Caller };
        await using var db = new HypercareDbContext(options, actor, time);
        var now = time.GetUtcNow();
        var today = LocalDays.Today(now, Zone);
        db.StandupSchedules.Add(StandupSchedule.Create(projectId));
        var friday = StandupMinutes.Create(projectId, today.AddDays(-3), "Quote saving errors dominate; Sales asks for a workaround in today's update.",
            ["Publish the discount workaround in today's user update", "No configuration changes over the weekend"], lead.Id, now.AddDays(-3).AddHours(-2));
        var monday = StandupMinutes.Create(projectId, today, "Weekend was quiet; the northern sales team still cannot see forecasts.",
            ["Patch 3 goes out tonight with the forecast fix"], lead.Id, now.AddHours(-2));
        db.StandupMinutes.AddRange(friday, monday);
        await db.SaveChangesAsync(cancellationToken);
        var done = StandupActionItem.Create(projectId, monday.Id, "Confirm the integration user's password rotation with IT", people["steady@demo.hypercare"].Id, today);
        done.MarkDone(people["steady@demo.hypercare"].Id, now.AddMinutes(-30));
        db.StandupActionItems.AddRange(
            StandupActionItem.Create(projectId, friday.Id, "Train the southern sales team on converting leads", people["change@demo.hypercare"].Id, today.AddDays(-1)),
            StandupActionItem.Create(projectId, monday.Id, "Check forecast sharing rules for the northern territory", people["triage2@demo.hypercare"].Id, today.AddDays(1)),
            done);
        await db.SaveChangesAsync(cancellationToken);
    }
}
