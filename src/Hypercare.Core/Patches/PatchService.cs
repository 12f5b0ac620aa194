using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Patches;

/// <summary>
/// Hypercare patches: the read side ("fixes coming" = the fixes of the next undeployed patches, recent deployments)
/// and the plan (cadence slots, assigning fixed issues, release notes, deploy).
/// </summary>
public sealed partial class PatchService(HypercareDbContext db, SlaService sla, TimeProvider time)
{
    /// <summary>Undeployed patches, soonest first, with what each fixes: "fixes coming".</summary>
    public async Task<IReadOnlyList<PatchSummary>> UpcomingAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Patches.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.Status == PatchStatus.Planned)
            .OrderBy(p => p.PlannedFor).ThenBy(p => p.Number)
            .ToListAsync(cancellationToken);
        return await SummariesAsync(rows, cancellationToken);
    }

    /// <summary>Patches deployed at or after <paramref name="since"/>, latest first.</summary>
    public async Task<IReadOnlyList<PatchSummary>> RecentlyDeployedAsync(int projectId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        var rows = await db.Patches.AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.Status == PatchStatus.Deployed && p.DeployedAt >= since)
            .OrderByDescending(p => p.DeployedAt).ThenByDescending(p => p.Number)
            .ToListAsync(cancellationToken);
        return await SummariesAsync(rows, cancellationToken);
    }

    /// <summary>Every patch of the project, planned ones first (soonest first), then deployed ones (latest first).</summary>
    public async Task<IReadOnlyList<PatchSummary>> ListAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Patches.AsNoTracking().Where(p => p.ProjectId == projectId).ToListAsync(cancellationToken);
        var ordered = rows.Where(p => p.Status == PatchStatus.Planned).OrderBy(p => p.PlannedFor).ThenBy(p => p.Number)
            .Concat(rows.Where(p => p.Status == PatchStatus.Deployed).OrderByDescending(p => p.DeployedAt).ThenByDescending(p => p.Number))
            .ToList();
        return await SummariesAsync(ordered, cancellationToken);
    }

    public async Task<Outcome<PatchDetail>> GetAsync(ProjectAccess access, int patchId, CancellationToken cancellationToken = default)
    {
        var patch = await db.Patches.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patchId && p.ProjectId == access.ProjectId, cancellationToken);
        if (patch is null)
        {
            return Failure.NotFound("Patch");
        }

        var summary = (await SummariesAsync([patch], cancellationToken))[0];
        // The issue list names reports: reporters see only their own among them.
        var issues = await IssueService.Visible(db.Issues.AsNoTracking(), access)
            .Where(i => db.PatchIssues.Any(pi => pi.PatchId == patchId && pi.IssueId == i.Id))
            .OrderBy(i => i.Id)
            .Select(i => new PatchIssueRow(i.Id, i.Title, i.Status,
                db.KnownIssueLinks.Where(l => l.IssueId == i.Id).Select(l => (int?)l.KnownIssueId).FirstOrDefault(),
                db.KnownIssueLinks.Where(l => l.IssueId == i.Id).Join(db.KnownIssues, l => l.KnownIssueId, k => k.Id, (l, k) => k.Title).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new PatchDetail(summary, issues);
    }

    /// <summary>Fixed issues that ride no patch yet, oldest fix first: what the next patch could take.</summary>
    public async Task<IReadOnlyList<IssueSummary>> FixedNotOnPatchAsync(int projectId, CancellationToken cancellationToken = default) =>
        await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == projectId && i.Status == IssueStatus.Fixed && !db.PatchIssues.Any(pi => pi.IssueId == i.Id))
            .OrderBy(i => i.UpdatedAt).ThenBy(i => i.Id)
            .Select(IssueService.SummaryProjection)
            .ToListAsync(cancellationToken);

    /// <summary>The public lines of each patch: the titles of its known issues, then of its issues that have no known issue.</summary>
    internal async Task<Dictionary<int, List<PatchFix>>> FixesAsync(IReadOnlyCollection<int> patchIds, CancellationToken cancellationToken)
    {
        var issues = await db.PatchIssues.AsNoTracking()
            .Where(pi => patchIds.Contains(pi.PatchId))
            .Join(db.Issues, pi => pi.IssueId, i => i.Id, (pi, i) => new { pi.PatchId, IssueId = i.Id, i.Title })
            .OrderBy(x => x.IssueId)
            .ToListAsync(cancellationToken);
        var issueIds = issues.Select(i => i.IssueId).ToList();
        var links = await db.KnownIssueLinks.AsNoTracking().Where(l => issueIds.Contains(l.IssueId))
            .ToDictionaryAsync(l => l.IssueId, l => l.KnownIssueId, cancellationToken);
        var scheduled = await db.KnownIssues.AsNoTracking()
            .Where(k => k.PatchId != null && patchIds.Contains(k.PatchId.Value))
            .Select(k => new { k.Id, k.Title, PatchId = k.PatchId!.Value })
            .ToListAsync(cancellationToken);
        var linkedIds = links.Values.Distinct().ToList();
        var knownTitles = await db.KnownIssues.AsNoTracking().Where(k => linkedIds.Contains(k.Id))
            .ToDictionaryAsync(k => k.Id, k => k.Title, cancellationToken);

        var result = patchIds.ToDictionary(id => id, _ => new List<PatchFix>());
        foreach (var group in issues.GroupBy(i => i.PatchId))
        {
            var fixes = result[group.Key];
            var known = scheduled.Where(k => k.PatchId == group.Key).Select(k => (k.Id, k.Title))
                .Concat(group.Where(i => links.ContainsKey(i.IssueId)).Select(i => (Id: links[i.IssueId], Title: knownTitles[links[i.IssueId]])))
                .DistinctBy(k => k.Id).OrderBy(k => k.Id);
            fixes.AddRange(known.Select(k => new PatchFix(k.Title, k.Id, null)));
            fixes.AddRange(group.Where(i => !links.ContainsKey(i.IssueId)).Select(i => new PatchFix(i.Title, null, i.IssueId)));
        }

        foreach (var k in scheduled.Where(k => !issues.Any(i => i.PatchId == k.PatchId)).OrderBy(k => k.Id))
        {
            result[k.PatchId].Add(new PatchFix(k.Title, k.Id, null));
        }

        return result;
    }

    private async Task<IReadOnlyList<PatchSummary>> SummariesAsync(List<Patch> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(p => p.Id).ToList();
        var fixes = await FixesAsync(ids, cancellationToken);
        var counts = await db.PatchIssues.AsNoTracking().Where(pi => ids.Contains(pi.PatchId)).GroupBy(pi => pi.PatchId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return rows.Select(p => new PatchSummary(p.Id, p.Number, p.Name, p.PlannedFor, p.Status, p.DeployedAt, p.ReleaseNotes,
            p.ReleaseNotesEdited, counts.GetValueOrDefault(p.Id), fixes[p.Id], p.Version)).ToList();
    }
}
