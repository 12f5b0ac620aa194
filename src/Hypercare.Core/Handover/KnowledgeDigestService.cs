using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Handover;

/// <summary>
/// What the digest covers. <see cref="IncludeInternal"/> adds internal notes and unpublished workarounds;
/// <see cref="Area"/> keeps one affected area; <see cref="Since"/> keeps the issues resolved on or after that local day.
/// </summary>
public sealed record KnowledgeDigestRequest(bool IncludeInternal = false, string? Area = null, DateOnly? Since = null);

/// <summary>
/// Loads what the knowledge digest tells (<see cref="KnowledgeDigest"/>) with projections: one query each for the
/// project, the issues, the known issues, their links, the patches, the patches' issues and the duplicate counts, and one for the resolving comments per
/// <see cref="ChunkSize"/> issues. Nothing is written.
/// </summary>
public sealed class KnowledgeDigestService(HypercareDbContext db, TimeProvider time)
{
    /// <summary>Issue ids per "IN (...)" list, well inside every engine's parameter limit.</summary>
    public const int ChunkSize = 1000;

    // Ended with an answer worth handing over; duplicates are counted on their original instead.
    private static readonly IssueStatus[] Listed = [IssueStatus.Resolved, IssueStatus.Closed, IssueStatus.WontFix];

    public async Task<Outcome<KnowledgeDigestDocument>> BuildAsync(ProjectAccess access, KnowledgeDigestRequest request, CancellationToken cancellationToken = default)
    {
        var mayDownload = access.Can(Permission.ViewExit);
        // Internal text is shown to those who see it elsewhere (the known issue page): ViewAllIssues.
        var maySeeInternal = access.Can(Permission.ViewAllIssues);
        if (!mayDownload || (request.IncludeInternal && !maySeeInternal))
        {
            return Refusal(mayDownload, request.IncludeInternal && !maySeeInternal);
        }

        var project = await db.Projects.AsNoTracking().Where(p => p.Id == access.ProjectId)
            .Select(p => new { p.Name, p.SystemName, p.GoLiveDate, p.TimeZoneId })
            .SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        var today = LocalDays.Today(now, project.TimeZoneId);
        var errors = new FieldErrors();
        var area = errors.Optional("area", request.Area, Issue.AreaMaxLength);
        if (request.Since is { } since && since > today)
        {
            errors.Add("since", $"since ({Iso(since)}) is after today ({Iso(today)}) in the project's time zone: nothing can have been resolved then yet.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var projectId = access.ProjectId;
        var includeInternal = request.IncludeInternal;
        var issuesQuery = db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && Listed.Contains(i.Status) && i.ResolvedAt != null);
        if (request.Since is { } from)
        {
            var start = LocalDays.StartOf(from, project.TimeZoneId);
            issuesQuery = issuesQuery.Where(i => i.ResolvedAt >= start);
        }

        var rows = await issuesQuery
            .Select(i => new
            {
                i.Id,
                i.Title,
                i.Severity,
                i.Status,
                i.AffectedArea,
                i.Category,
                i.OwningTeam,
                i.ReportedAt,
                ResolvedAt = i.ResolvedAt!.Value,
                // The team that owned it when it was resolved: the one the first hand-over after resolving took it from.
                TeamAfterwards = db.Handoffs.Where(h => h.IssueId == i.Id && h.At > i.ResolvedAt)
                    .OrderBy(h => h.At).ThenBy(h => h.Id).Select(h => h.FromTeam).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var areaKey = KnowledgeDigest.AreaKey(area);
        if (areaKey is not null)
        {
            // Areas are grouped ignoring case and spacing, which SQLite's LOWER (ASCII only) cannot do in SQL.
            rows = rows.Where(r => KnowledgeDigest.AreaKey(r.AffectedArea) == areaKey).ToList();
        }

        var resolutions = await ResolutionsAsync(rows.Select(r => r.Id).ToList(), cancellationToken);
        var patches = await db.Patches.AsNoTracking().Where(p => p.ProjectId == projectId)
            .ToDictionaryAsync(p => p.Id, p => new DigestPatch(p.Number, p.Name, p.PlannedFor, p.DeployedAt), cancellationToken);
        var patchOf = await db.PatchIssues.AsNoTracking().Where(pi => pi.ProjectId == projectId)
            .ToDictionaryAsync(pi => pi.IssueId, pi => pi.PatchId, cancellationToken);
        var links = await db.KnownIssueLinks.AsNoTracking().Where(l => l.ProjectId == projectId)
            .Join(db.Issues, l => l.IssueId, i => i.Id, (l, i) => new { l.KnownIssueId, l.IssueId, i.AffectedArea, i.Category })
            .ToListAsync(cancellationToken);
        var duplicates = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == projectId && i.Status == IssueStatus.Duplicate && i.DuplicateOfId != null)
            .GroupBy(i => i.DuplicateOfId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var known = await db.KnownIssues.AsNoTracking().Where(k => k.ProjectId == projectId)
            .Select(k => new
            {
                k.Id,
                k.Title,
                k.Status,
                k.Symptoms,
                // Internal text is never loaded unless it is to be shown.
                Workaround = k.WorkaroundPublishedAt != null || includeInternal ? k.Workaround : null,
                Published = k.WorkaroundPublishedAt != null,
                InternalNotes = includeInternal ? k.InternalNotes : null,
                k.FixedAt,
                k.PatchId,
            })
            .ToListAsync(cancellationToken);

        var knownOf = links.ToDictionary(l => l.IssueId, l => l.KnownIssueId);
        var placesOf = links.ToLookup(l => l.KnownIssueId, l => new DigestPlace(l.AffectedArea, l.Category));
        var inputs = new KnowledgeDigestInputs(project.Name, project.SystemName, project.TimeZoneId, project.GoLiveDate, now,
            includeInternal, area, request.Since,
            rows.Select(r => new DigestIssue(r.Id, r.Title, r.Severity, r.Status, r.AffectedArea, r.Category, r.TeamAfterwards ?? r.OwningTeam,
                r.ReportedAt, r.ResolvedAt, resolutions.GetValueOrDefault(r.Id), knownOf.TryGetValue(r.Id, out var k) ? k : null,
                patchOf.TryGetValue(r.Id, out var p) ? patches[p] : null, duplicates.GetValueOrDefault(r.Id))).ToList(),
            known.Select(k => new DigestKnownIssue(k.Id, k.Title, k.Status, k.Symptoms, k.Workaround, k.Published, k.InternalNotes,
                k.PatchId is { } fix ? patches.GetValueOrDefault(fix) : null, k.FixedAt,
                placesOf[k.Id].Count(), placesOf[k.Id].ToList())).ToList());
        return KnowledgeDigest.Build(inputs);
    }

    /// <summary>
    /// Per issue, how it was resolved: the note written with the move to resolved (a comment at the very instant the issue
    /// was resolved, as <see cref="IssueService.TransitionAsync"/> writes it), else the last comment before by anyone but
    /// the reporter. The comments the system writes for a triage or a hand-over are not resolutions and are skipped.
    /// One query per <see cref="ChunkSize"/> issues; each picks one comment per issue in SQL (by the (IssueId, CreatedAt) index).
    /// </summary>
    private async Task<Dictionary<int, DigestResolution>> ResolutionsAsync(List<int> issueIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<int, DigestResolution>(issueIds.Count);
        foreach (var chunk in issueIds.Chunk(ChunkSize))
        {
            var rows = await (
                from i in db.Issues.AsNoTracking()
                where chunk.Contains(i.Id)
                let commentId = db.IssueComments
                    .Where(c => c.IssueId == i.Id && c.CreatedAt <= i.ResolvedAt
                        && (c.CreatedAt == i.ResolvedAt
                            || (c.AuthorId != i.ReporterId && c.CreatedAt != i.TriagedAt
                                && !db.Handoffs.Any(h => h.IssueId == i.Id && h.At == c.CreatedAt))))
                    .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
                    .Select(c => (int?)c.Id)
                    .FirstOrDefault()
                from c in db.IssueComments
                where c.Id == commentId
                select new { i.Id, c.Body, WrittenWhenResolved = c.CreatedAt == i.ResolvedAt })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[row.Id] = new DigestResolution(row.Body, row.WrittenWhenResolved);
            }
        }

        return found;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Says every reason at once, and names includeInternal when that is one, so it is never silently dropped.</summary>
    private static Failure Refusal(bool mayDownload, bool askedForInternal)
    {
        const string NoDigest = "Your role may not download the knowledge digest: it is for the lead, triage, steady-state support, the change manager and the sponsor.";
        const string NoInternal = "includeInternal: internal text (internal notes, unpublished workarounds) is only for roles that see every issue.";
        if (!askedForInternal)
        {
            return Failure.Forbidden(NoDigest);
        }

        return new Failure(FailureKind.Forbidden, mayDownload ? NoInternal : $"{NoDigest} {NoInternal}",
            new Dictionary<string, string[]> { ["includeInternal"] = [NoInternal] });
    }
}
