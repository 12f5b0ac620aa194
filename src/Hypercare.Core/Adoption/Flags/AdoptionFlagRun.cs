using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption.Flags;

/// <summary>
/// The scheduled evaluation of adoption flags (the web host runs it every <c>Hypercare:Adoption:FlagEvaluationMinutes</c>,
/// cron can run <c>hypercare adoption evaluate</c>): every project with adoption figures is evaluated, next to the
/// evaluation each import and settings change already does. It catches what changes without an import (login data going
/// stale as days pass, targets edited through the database, rule changes after an upgrade); an open flag is updated in place, never repeated, so running
/// more often than daily is harmless.
/// </summary>
public sealed class AdoptionFlagRun(HypercareDbContext db, AdoptionFlagEvaluator flags)
{
    /// <returns>How many projects were evaluated.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var projects = await db.Projects.AsNoTracking()
            .Where(p => db.AdoptionDailyStats.Any(s => s.ProjectId == p.Id) || db.AdoptionUsageEvents.Any(e => e.ProjectId == p.Id))
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);
        foreach (var project in projects)
        {
            await flags.EvaluateAsync(project, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return projects.Count;
    }
}
