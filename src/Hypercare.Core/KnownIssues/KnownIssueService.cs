using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.KnownIssues;

/// <summary>
/// Known issues of a project: the read side (lists for the API, the reports and the status page) and the changes
/// (create, edit, link reports, publish a workaround, move the status). Notifications to reporters are written in the
/// same save as the change that causes them.
/// </summary>
public sealed partial class KnownIssueService(HypercareDbContext db, SlaService sla, TimeProvider time)
{
    /// <summary>
    /// Known issues of a project, user-facing fields only (no internal notes): what the communications and the status
    /// page read. Newest first within status order (investigating, workaround, scheduled, fixed).
    /// </summary>
    public async Task<IReadOnlyList<KnownIssueSummary>> ListAsync(int projectId, KnownIssueFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var query = db.KnownIssues.AsNoTracking().Where(k => k.ProjectId == projectId);
        if (filter?.Status is { Count: > 0 } statuses)
        {
            query = query.Where(k => statuses.Contains(k.Status));
        }

        if (filter?.Open is { } open)
        {
            query = open ? query.Where(k => k.Status != KnownIssueStatus.Fixed) : query.Where(k => k.Status == KnownIssueStatus.Fixed);
        }

        var rows = await query.ToListAsync(cancellationToken);
        return await SummariesAsync(projectId, rows, cancellationToken);
    }

    /// <summary>Known issues created, given a workaround or fixed at or after <paramref name="since"/> (for "what changed since the last update").</summary>
    public async Task<IReadOnlyList<KnownIssueSummary>> ChangedSinceAsync(int projectId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rows = await db.KnownIssues.AsNoTracking()
            .Where(k => k.ProjectId == projectId && (k.CreatedAt >= since || k.WorkaroundPublishedAt >= since || k.FixedAt >= since))
            .ToListAsync(cancellationToken);
        return await SummariesAsync(projectId, rows, cancellationToken);
    }

    public async Task<Outcome<KnownIssueDetail>> GetAsync(ProjectAccess access, int knownIssueId, CancellationToken cancellationToken = default)
    {
        var known = await db.KnownIssues.AsNoTracking().SingleOrDefaultAsync(k => k.Id == knownIssueId && k.ProjectId == access.ProjectId, cancellationToken);
        if (known is null)
        {
            return Failure.NotFound("Known issue");
        }

        var summary = (await SummariesAsync(access.ProjectId, [known], cancellationToken))[0];
        // Reporters see the public part and their own linked reports; the team sees everything.
        var issues = await IssueService.Visible(db.Issues.AsNoTracking(), access)
            .Where(i => db.KnownIssueLinks.Any(l => l.KnownIssueId == knownIssueId && l.IssueId == i.Id))
            .OrderBy(i => i.ReportedAt).ThenBy(i => i.Id)
            .Select(IssueService.SummaryProjection)
            .ToListAsync(cancellationToken);
        var team = access.Can(Permission.ViewAllIssues);
        return new KnownIssueDetail(summary, team ? known.Workaround : null, team ? known.InternalNotes : null, issues, known.Version,
            KnownIssueLifecycle.AllowedFrom(known.Status));
    }

    /// <summary>The known issue an issue is linked to, if any (for the issue page).</summary>
    public Task<KnownIssueRef?> ForIssueAsync(int projectId, int issueId, CancellationToken cancellationToken = default) =>
        db.KnownIssueLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId && l.IssueId == issueId)
            .Join(db.KnownIssues, l => l.KnownIssueId, k => k.Id, (l, k) => new KnownIssueRef(k.Id, k.Title, k.Status))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<IReadOnlyList<KnownIssueSummary>> SummariesAsync(int projectId, List<KnownIssue> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(k => k.Id).ToList();
        // Affected people: the reporters of the linked issues and of the duplicates of those issues, each person once.
        var direct = await db.KnownIssueLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId && ids.Contains(l.KnownIssueId))
            .Join(db.Issues, l => l.IssueId, i => i.Id, (l, i) => new { l.KnownIssueId, i.ReporterId, IssueId = i.Id })
            .ToListAsync(cancellationToken);
        var duplicates = await db.KnownIssueLinks.AsNoTracking()
            .Where(l => l.ProjectId == projectId && ids.Contains(l.KnownIssueId))
            .Join(db.Issues, l => l.IssueId, i => i.DuplicateOfId, (l, i) => new { l.KnownIssueId, i.ReporterId })
            .ToListAsync(cancellationToken);
        var people = direct.Select(d => (d.KnownIssueId, d.ReporterId)).Concat(duplicates.Select(d => (d.KnownIssueId, d.ReporterId)))
            .Distinct().GroupBy(p => p.KnownIssueId).ToDictionary(g => g.Key, g => g.Count());
        var linked = direct.GroupBy(d => d.KnownIssueId).ToDictionary(g => g.Key, g => g.Count());
        var patchIds = rows.Where(k => k.PatchId is not null).Select(k => k.PatchId!.Value).Distinct().ToList();
        var patches = await db.Patches.AsNoTracking().Where(p => patchIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => (p.Name, p.PlannedFor), cancellationToken);
        return rows
            .OrderBy(k => k.Status).ThenByDescending(k => k.UpdatedAt).ThenByDescending(k => k.Id)
            .Select(k =>
            {
                (string Name, DateTimeOffset PlannedFor)? patch = k.PatchId is { } p && patches.TryGetValue(p, out var found) ? found : null;
                return new KnownIssueSummary(k.Id, k.Title, k.Symptoms, k.WorkaroundPublishedAt is null ? null : k.Workaround, k.Status, k.PatchId, patch?.Name, patch?.PlannedFor,
                    linked.GetValueOrDefault(k.Id), people.GetValueOrDefault(k.Id), k.CreatedAt, k.UpdatedAt, k.WorkaroundPublishedAt, k.FixedAt);
            })
            .ToList();
    }
}

public sealed record KnownIssueRef(int Id, string Title, KnownIssueStatus Status);
