using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.KnownIssues;

public sealed partial class KnownIssueService
{
    public const string WorkaroundNoticeKind = "KnownIssueWorkaround";
    public const int MaxLinkedPerRequest = 200;

    public async Task<Outcome<KnownIssueDetail>> CreateAsync(ProjectAccess access, CreateKnownIssueRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageKnownIssues))
        {
            return Failure.Forbidden("Your role may not create known issues.");
        }

        var errors = new FieldErrors();
        var title = errors.Required("title", request.Title, KnownIssue.TitleMaxLength);
        var symptoms = errors.Required("symptoms", request.Symptoms, KnownIssue.TextMaxLength);
        var workaround = errors.Optional("workaround", request.Workaround, KnownIssue.TextMaxLength);
        var notes = errors.Optional("internalNotes", request.InternalNotes, KnownIssue.TextMaxLength);
        var issueIds = await CheckLinkableAsync(access.ProjectId, null, request.IssueIds ?? [], errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var known = KnownIssue.Create(access.ProjectId, title!, symptoms!, NullIfEmpty(workaround), NullIfEmpty(notes), now);
        db.KnownIssues.Add(known);
        await db.SaveChangesAsync(cancellationToken);
        if (issueIds.Count > 0)
        {
            db.KnownIssueLinks.AddRange(issueIds.Select(id => KnownIssueLink.Create(access.ProjectId, known.Id, id, now)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return await GetAsync(access, known.Id, cancellationToken);
    }

    public async Task<Outcome<KnownIssueDetail>> UpdateAsync(ProjectAccess access, int knownIssueId, UpdateKnownIssueRequest request, CancellationToken cancellationToken = default)
    {
        var (known, refusal) = await LoadForChangeAsync(access, knownIssueId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        var title = request.Title is null ? null : errors.Required("title", request.Title, KnownIssue.TitleMaxLength);
        var symptoms = request.Symptoms is null ? null : errors.Required("symptoms", request.Symptoms, KnownIssue.TextMaxLength);
        var workaround = errors.Optional("workaround", request.Workaround, KnownIssue.TextMaxLength);
        var notes = errors.Optional("internalNotes", request.InternalNotes, KnownIssue.TextMaxLength);
        if (workaround is "" && known!.WorkaroundPublishedAt is not null && known.Status == KnownIssueStatus.WorkaroundAvailable)
        {
            errors.Add("workaround", "The workaround was published and is the known issue's status: edit it rather than clearing it.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != known!.Version)
        {
            return Stale(await GetAsync(access, knownIssueId, cancellationToken));
        }

        db.Entry(known).Property(k => k.Version).OriginalValue = request.Version!.Value;
        known.Title = title ?? known.Title;
        known.Symptoms = symptoms ?? known.Symptoms;
        known.Workaround = workaround is null ? known.Workaround : NullIfEmpty(workaround);
        known.InternalNotes = notes is null ? known.InternalNotes : NullIfEmpty(notes);
        if (db.Entry(known).State == EntityState.Modified)
        {
            known.UpdatedAt = time.GetUtcNow();
        }

        return await SaveAsync(access, known, cancellationToken);
    }

    /// <summary>Links reports to the known issue. An issue already linked elsewhere is refused (unlink it there first).</summary>
    public async Task<Outcome<KnownIssueDetail>> LinkAsync(ProjectAccess access, int knownIssueId, LinkIssuesRequest request, CancellationToken cancellationToken = default)
    {
        var (known, refusal) = await LoadForChangeAsync(access, knownIssueId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        if (request.IssueIds is not { Count: > 0 })
        {
            errors.Add("issueIds", "issueIds is required: the issues to link.");
        }

        var ids = await CheckLinkableAsync(access.ProjectId, known!.Id, request.IssueIds ?? [], errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var already = await db.KnownIssueLinks.Where(l => l.KnownIssueId == known.Id).Select(l => l.IssueId).ToListAsync(cancellationToken);
        db.KnownIssueLinks.AddRange(ids.Except(already).Select(id => KnownIssueLink.Create(access.ProjectId, known.Id, id, now)));
        known.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, known.Id, cancellationToken);
    }

    public async Task<Outcome<KnownIssueDetail>> UnlinkAsync(ProjectAccess access, int knownIssueId, int issueId, CancellationToken cancellationToken = default)
    {
        var (known, refusal) = await LoadForChangeAsync(access, knownIssueId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var link = await db.KnownIssueLinks.SingleOrDefaultAsync(l => l.KnownIssueId == known!.Id && l.IssueId == issueId, cancellationToken);
        if (link is null)
        {
            return Failure.NotFound("Linked issue");
        }

        db.KnownIssueLinks.Remove(link);
        known!.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, known.Id, cancellationToken);
    }

    /// <summary>
    /// Publishes the workaround: the known issue becomes "workaround available" (unless its fix is already scheduled),
    /// the workaround is posted as a comment on every linked issue, and the reporters of the linked issues and of their
    /// duplicates are told (inbox + e-mail), all in one save.
    /// </summary>
    public async Task<Outcome<KnownIssueDetail>> PublishWorkaroundAsync(ProjectAccess access, int knownIssueId, PublishWorkaroundRequest request, CancellationToken cancellationToken = default)
    {
        var (known, refusal) = await LoadForChangeAsync(access, knownIssueId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.Version is not { } version)
        {
            return Failure.Invalid("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        if (version != known!.Version)
        {
            return Stale(await GetAsync(access, knownIssueId, cancellationToken));
        }

        var now = time.GetUtcNow();
        if (known!.PublishWorkaround(now) is { } why)
        {
            var field = string.IsNullOrWhiteSpace(known.Workaround) ? "workaround" : "status";
            return Failure.Conflict(why, field);
        }

        var linkedIds = await db.KnownIssueLinks.Where(l => l.KnownIssueId == known.Id).Select(l => l.IssueId).ToListAsync(cancellationToken);
        var linked = await db.Issues.Where(i => linkedIds.Contains(i.Id)).ToListAsync(cancellationToken);
        var body = $"Workaround for the known issue \"{known.Title}\":\n\n{known.Workaround}";
        foreach (var issue in linked)
        {
            db.IssueComments.Add(IssueComment.Write(issue.Id, access.Caller.UserId, body, now));
            issue.Touch(now);
            if (IssueLifecycle.IsOpen(issue.Status) && issue.ReporterId != access.Caller.UserId)
            {
                // Telling the reporter what to do is a response and an update, as any staff reply is.
                await sla.RecordAsync(issue, [new TimelineEvent(now, TimelineEventKind.StaffReplied)], cancellationToken);
            }
        }

        var duplicates = await db.Issues.AsNoTracking().Where(i => i.DuplicateOfId != null && linkedIds.Contains(i.DuplicateOfId.Value))
            .Select(i => new { i.Id, i.ReporterId }).ToListAsync(cancellationToken);
        var notices = linked.Select(i => (i.ReporterId, i.Id)).Concat(duplicates.Select(d => (d.ReporterId, d.Id)))
            .Select(r => new ReporterNotice(r.ReporterId, r.Id, $"Workaround available: {known.Title}",
                $"There is a workaround for the problem you reported (issue #{r.Id.ToString(CultureInfo.InvariantCulture)}), known as \"{known.Title}\".\n\n{known.Workaround}"));
        await ReporterNotices.AddAsync(db, access.ProjectId, WorkaroundNoticeKind, notices, now, cancellationToken);
        return await SaveAsync(access, known, cancellationToken);
    }

    /// <summary>Moves the known issue's status by hand (fix scheduled needs a planned patch of the project).</summary>
    public async Task<Outcome<KnownIssueDetail>> MoveAsync(ProjectAccess access, int knownIssueId, KnownIssueStatusRequest request, CancellationToken cancellationToken = default)
    {
        var (known, refusal) = await LoadForChangeAsync(access, knownIssueId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        if (request.Status is null)
        {
            errors.Add("status", "status is required (investigating, workaroundAvailable, fixScheduled or fixed).");
        }

        if (request.PatchId is { } patchId && !await db.Patches.AnyAsync(p => p.Id == patchId && p.ProjectId == access.ProjectId && p.Status == PatchStatus.Planned, cancellationToken))
        {
            errors.Add("patchId", $"Patch {patchId} is not a planned patch of this project.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version is { } version && version != known!.Version)
        {
            return Stale(await GetAsync(access, knownIssueId, cancellationToken));
        }

        if (known!.MoveTo(request.Status!.Value, request.PatchId, time.GetUtcNow()) is { } why)
        {
            return Failure.Conflict(why.Message, why.Field);
        }

        return await SaveAsync(access, known, cancellationToken);
    }

    private async Task<(KnownIssue? Known, Failure? Refusal)> LoadForChangeAsync(ProjectAccess access, int knownIssueId, CancellationToken cancellationToken)
    {
        var known = await db.KnownIssues.SingleOrDefaultAsync(k => k.Id == knownIssueId && k.ProjectId == access.ProjectId, cancellationToken);
        if (known is null)
        {
            return (null, Failure.NotFound("Known issue"));
        }

        return access.Can(Permission.ManageKnownIssues)
            ? (known, null)
            : (null, Failure.Forbidden("Your role may not change known issues."));
    }

    private async Task<List<int>> CheckLinkableAsync(int projectId, int? knownIssueId, IReadOnlyList<int> issueIds, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (issueIds.Count > MaxLinkedPerRequest)
        {
            errors.Add("issueIds", $"Link at most {MaxLinkedPerRequest} issues at a time.");
            return [];
        }

        var ids = issueIds.Distinct().ToList();
        var found = await db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && ids.Contains(i.Id)).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(found))
        {
            errors.Add("issueIds", $"Issue {missing} does not exist in this project.");
        }

        var elsewhere = await db.KnownIssueLinks.AsNoTracking()
            .Where(l => ids.Contains(l.IssueId) && l.KnownIssueId != knownIssueId)
            .Select(l => new { l.IssueId, l.KnownIssueId }).ToListAsync(cancellationToken);
        foreach (var e in elsewhere)
        {
            errors.Add("issueIds", $"Issue {e.IssueId} is already linked to known issue {e.KnownIssueId}; unlink it there first.");
        }

        return found;
    }

    private async Task<Outcome<KnownIssueDetail>> SaveAsync(ProjectAccess access, KnownIssue known, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(await GetAsync(access, known.Id, cancellationToken));
        }

        return await GetAsync(access, known.Id, cancellationToken);
    }

    private static Failure Stale(Outcome<KnownIssueDetail> current) => Failure.Stale("known issue", current.Value!);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
