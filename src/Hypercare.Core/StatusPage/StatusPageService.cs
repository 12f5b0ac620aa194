using Hypercare.Core.Data;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.StatusPage;

public sealed record StatusPageSettingsRequest(bool? Enabled = null, string? HowToGetHelp = null);

/// <summary>The link as the project team sees it. <c>Path</c> is null while the page is off.</summary>
public sealed record StatusPageLinkResponse(bool Exists, bool Enabled, string? Token, string? Path, string? HowToGetHelp, DateTimeOffset? RotatedAt);

public sealed record PublicKnownIssue(string Title, string Symptoms, string? Workaround, string Status, string? FixIn, DateTimeOffset? FixPlannedFor,
    DateTimeOffset? FixedAt);

public sealed record PublicPatch(string Name, DateTimeOffset PlannedFor, DateTimeOffset? DeployedAt, IReadOnlyList<string> Fixes, int OtherFixes,
    string? ReleaseNotes);

/// <summary>
/// Everything the public status page shows, built from user-facing fields only: known issues (title, symptoms,
/// published workaround, status), the next patch and what it fixes (known-issue titles and a count of other fixes),
/// recent patches with their release notes, and how to get help. Nothing internal is in this type, so nothing
/// internal can reach the page.
/// </summary>
public sealed record StatusPageView(string Project, string System, string TimeZone, DateTimeOffset GeneratedAt, IReadOnlyList<PublicKnownIssue> KnownIssues,
    PublicPatch? NextPatch, IReadOnlyList<PublicPatch> RecentPatches, string? HowToGetHelp);

public sealed class StatusPageService(HypercareDbContext db, KnownIssueService knownIssues, PatchService patches, TimeProvider time)
{
    /// <summary>Fixed known issues and deployed patches stay on the page this long.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(14);

    public async Task<StatusPageLinkResponse> LinkAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var link = await db.StatusPageLinks.AsNoTracking().SingleOrDefaultAsync(l => l.ProjectId == projectId, cancellationToken);
        return ToResponse(link);
    }

    /// <summary>Turns the page on or off and sets the help text; the first call creates the link.</summary>
    public async Task<Outcome<StatusPageLinkResponse>> UpdateAsync(ProjectAccess access, StatusPageSettingsRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return Failure.Forbidden("Your role may not manage the status page link.");
        }

        var errors = new FieldErrors();
        var help = errors.Optional("howToGetHelp", request.HowToGetHelp, StatusPageLink.HelpMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var link = await LinkForChangeAsync(access.ProjectId, cancellationToken);
        link.Enabled = request.Enabled ?? link.Enabled;
        link.HowToGetHelp = help is null ? link.HowToGetHelp : help.Length == 0 ? null : help;
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(link);
    }

    /// <summary>A new token: the old link answers 404 from now on.</summary>
    public async Task<Outcome<StatusPageLinkResponse>> RotateAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return Failure.Forbidden("Your role may not manage the status page link.");
        }

        var link = await LinkForChangeAsync(access.ProjectId, cancellationToken);
        if (db.Entry(link).State != EntityState.Added)
        {
            link.Rotate(time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(link);
    }

    /// <summary>The page for a token, or null when no enabled link has it (unknown, rotated away or turned off alike).</summary>
    public async Task<StatusPageView?> PublicAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var link = await db.StatusPageLinks.AsNoTracking().SingleOrDefaultAsync(l => l.Token == token && l.Enabled, cancellationToken);
        if (link is null)
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == link.ProjectId, cancellationToken);
        var now = time.GetUtcNow();
        var since = now - RecentWindow;
        var known = (await knownIssues.ListAsync(project.Id, cancellationToken: cancellationToken))
            .Where(k => k.Status != KnownIssueStatus.Fixed || k.FixedAt >= since)
            .Select(k => new PublicKnownIssue(k.Title, k.Symptoms, k.Workaround, k.Status.Label(),
                k.Status is KnownIssueStatus.FixScheduled or KnownIssueStatus.Fixed ? k.PatchName : null,
                k.Status == KnownIssueStatus.FixScheduled ? k.PatchPlannedFor : null, k.FixedAt))
            .ToList();
        var upcoming = await patches.UpcomingAsync(project.Id, cancellationToken);
        var next = upcoming.Count > 0 ? upcoming[0] : null;
        var recent = await patches.RecentlyDeployedAsync(project.Id, since, cancellationToken);
        return new StatusPageView(project.Name, project.SystemName, project.TimeZoneId, now, known,
            next is null ? null : Public(next, withNotes: false), recent.Select(p => Public(p, withNotes: true)).ToList(), link.HowToGetHelp);
    }

    /// <summary>
    /// Upcoming patches show known-issue titles only (their notes are not reviewed yet); deployed ones show their
    /// release notes, which a person reviewed before deploying.
    /// </summary>
    private static PublicPatch Public(PatchSummary p, bool withNotes)
    {
        var known = p.Fixes.Where(f => f.KnownIssueId is not null).Select(f => f.Title).ToList();
        return new PublicPatch(p.Name, p.PlannedFor, p.DeployedAt, known, p.Fixes.Count - known.Count, withNotes ? p.ReleaseNotes : null);
    }

    private async Task<StatusPageLink> LinkForChangeAsync(int projectId, CancellationToken cancellationToken)
    {
        var link = await db.StatusPageLinks.SingleOrDefaultAsync(l => l.ProjectId == projectId, cancellationToken);
        if (link is null)
        {
            link = StatusPageLink.Create(projectId, time.GetUtcNow());
            db.StatusPageLinks.Add(link);
        }

        return link;
    }

    private static StatusPageLinkResponse ToResponse(StatusPageLink? link) => link is null
        ? new StatusPageLinkResponse(false, false, null, null, null, null)
        : new StatusPageLinkResponse(true, link.Enabled, link.Token, link.Enabled ? $"/status/{link.Token}" : null, link.HowToGetHelp, link.RotatedAt);
}
