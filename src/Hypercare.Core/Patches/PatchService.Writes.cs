using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Patches;

public sealed partial class PatchService
{
    public const string DeployedNoticeKind = "PatchDeployed";
    public const int SlotHorizonDays = 21;
    public const int MaxIssuesPerRequest = 200;

    /// <summary>The cadence of each plan phase, the slots it proposes from now on, and the patches planned and deployed.</summary>
    public async Task<PatchPlan> PlanAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        var cadences = await db.PatchCadences.AsNoTracking().Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.PlanPhaseId, cancellationToken);
        var now = time.GetUtcNow();
        // A closed project proposes no more patch slots.
        var slots = !Exit.ProjectStages.IsActive(project.Stage) ? [] : PatchCadence.Propose(
            phases.Select(p => CadencePhase.Of(p, cadences.GetValueOrDefault(p.Id)?.ToRule())),
            project.Holidays.ToHashSet(), project.TimeZone, now, now.AddDays(SlotHorizonDays));
        var all = await ListAsync(projectId, cancellationToken);
        var upcoming = all.Where(p => p.Status == PatchStatus.Planned).ToList();
        return new PatchPlan(
            phases.Select(p => cadences.GetValueOrDefault(p.Id) is { } c
                ? new CadenceResponse(p.Id, p.Name, p.StartDate, p.EndDate, c.Kind, c.DeployAt, c.Days, c.Dates)
                : new CadenceResponse(p.Id, p.Name, p.StartDate, p.EndDate, null, null, [], [])).ToList(),
            slots.Select(s => new SlotResponse(s.Date, s.LocalTime, s.At, s.Phase, upcoming.FirstOrDefault(p => p.PlannedFor == s.At)?.Id)).ToList(),
            upcoming,
            all.Where(p => p.Status == PatchStatus.Deployed).ToList());
    }

    public async Task<Outcome<CadenceResponse>> SetCadenceAsync(ProjectAccess access, int planPhaseId, SetCadenceRequest request, CancellationToken cancellationToken = default)
    {
        var phase = await db.PlanPhases.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planPhaseId && p.ProjectId == access.ProjectId, cancellationToken);
        if (phase is null)
        {
            return Failure.NotFound("Plan phase");
        }

        if (!access.Can(Permission.ManagePatches))
        {
            return Failure.Forbidden("Your role may not plan patches.");
        }

        var errors = new FieldErrors();
        if (request.Kind is null)
        {
            errors.Add("kind", "kind is required (daily, everyOtherDay, twiceWeekly or chosenDates).");
        }

        var at = new TimeOnly(18, 0);
        if (request.DeployAt is { } raw && !TimeOnly.TryParseExact(raw, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            errors.Add("deployAt", "deployAt is a local time of day as HH:mm, e.g. 18:00.");
        }

        var days = (request.Days ?? []).Distinct().ToList();
        if (request.Kind == PatchCadenceKind.TwiceWeekly && days.Count is not (0 or 2))
        {
            errors.Add("days", "A twice-weekly cadence has exactly two different weekdays (or none for Tuesday and Thursday).");
        }

        var dates = (request.Dates ?? []).Distinct().Order().ToList();
        if (request.Kind == PatchCadenceKind.ChosenDates)
        {
            if (dates.Count == 0)
            {
                errors.Add("dates", "A chosen-dates cadence needs at least one date.");
            }

            foreach (var d in dates.Where(d => d < phase.StartDate || d > phase.EndDate))
            {
                errors.Add("dates", $"{d:yyyy-MM-dd} is outside the phase {phase.Name} ({phase.StartDate:yyyy-MM-dd} to {phase.EndDate:yyyy-MM-dd}).");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var kind = request.Kind!.Value;
        var row = await db.PatchCadences.SingleOrDefaultAsync(c => c.PlanPhaseId == planPhaseId, cancellationToken);
        if (row is null)
        {
            row = PhasePatchCadence.Create(access.ProjectId, planPhaseId, kind, at);
            db.PatchCadences.Add(row);
        }

        row.Set(new PatchCadence(kind, at, kind == PatchCadenceKind.TwiceWeekly ? days : [], kind == PatchCadenceKind.ChosenDates ? dates : []));
        await db.SaveChangesAsync(cancellationToken);
        return new CadenceResponse(phase.Id, phase.Name, phase.StartDate, phase.EndDate, row.Kind, row.DeployAt, row.Days, row.Dates);
    }

    public async Task<Outcome<PatchDetail>> CreateAsync(ProjectAccess access, PlanPatchRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManagePatches))
        {
            return Failure.Forbidden("Your role may not plan patches.");
        }

        var errors = new FieldErrors();
        var name = errors.Optional("name", request.Name, Patch.NameMaxLength);
        var now = time.GetUtcNow();
        if (request.PlannedFor is null)
        {
            errors.Add("plannedFor", "plannedFor is required: the slot the patch is planned for.");
        }
        else if (request.PlannedFor < now)
        {
            errors.Add("plannedFor", "plannedFor is in the past: plan patches for a slot still to come.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var number = (await db.Patches.Where(p => p.ProjectId == access.ProjectId).MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
        var patch = Patch.Plan(access.ProjectId, number, name, request.PlannedFor!.Value.ToUniversalTime(), now);
        patch.ReleaseNotes = await GenerateNotesAsync(patch, cancellationToken);
        db.Patches.Add(patch);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(access, patch.Id, cancellationToken);
    }

    public async Task<Outcome<PatchDetail>> UpdateAsync(ProjectAccess access, int patchId, UpdatePatchRequest request, CancellationToken cancellationToken = default)
    {
        var (patch, refusal) = await LoadPlannedAsync(access, patchId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        var name = request.Name is null ? null : errors.Required("name", request.Name, Patch.NameMaxLength);
        var notes = request.ReleaseNotes is null ? null : errors.Required("releaseNotes", request.ReleaseNotes, Patch.ReleaseNotesMaxLength);
        if (request.PlannedFor is { } planned && planned < time.GetUtcNow())
        {
            errors.Add("plannedFor", "plannedFor is in the past: plan patches for a slot still to come.");
        }

        if (notes is not null && request.RegenerateReleaseNotes == true)
        {
            errors.Add("releaseNotes", "Send either releaseNotes or regenerateReleaseNotes, not both.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != patch!.Version)
        {
            return Stale(await GetAsync(access, patchId, cancellationToken));
        }

        db.Entry(patch).Property(p => p.Version).OriginalValue = request.Version!.Value;
        patch.Name = name ?? patch.Name;
        patch.PlannedFor = request.PlannedFor?.ToUniversalTime() ?? patch.PlannedFor;
        if (notes is not null)
        {
            patch.ReleaseNotes = notes;
            patch.ReleaseNotesEdited = true;
        }
        else if (request.RegenerateReleaseNotes == true || !patch.ReleaseNotesEdited)
        {
            patch.ReleaseNotesEdited = false;
            patch.ReleaseNotes = await GenerateNotesAsync(patch, cancellationToken);
        }

        if (db.Entry(patch).State == EntityState.Modified)
        {
            patch.UpdatedAt = time.GetUtcNow();
        }

        return await SaveAsync(access, patch, cancellationToken);
    }

    /// <summary>
    /// Puts fixed issues on a planned patch. Their known issues that are not fixed yet become "fix scheduled" in it.
    /// Only Fixed issues ride a patch, and each rides one patch.
    /// </summary>
    public async Task<Outcome<PatchDetail>> AssignAsync(ProjectAccess access, int patchId, AssignIssuesRequest request, CancellationToken cancellationToken = default)
    {
        var (patch, refusal) = await LoadPlannedAsync(access, patchId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        var ids = (request.IssueIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            errors.Add("issueIds", "issueIds is required: the fixed issues to put on the patch.");
        }
        else if (ids.Count > MaxIssuesPerRequest)
        {
            errors.Add("issueIds", $"Assign at most {MaxIssuesPerRequest} issues at a time.");
        }

        var issues = await db.Issues.AsNoTracking().Where(i => i.ProjectId == access.ProjectId && ids.Contains(i.Id))
            .Select(i => new { i.Id, i.Status }).ToListAsync(cancellationToken);
        foreach (var missing in ids.Except(issues.Select(i => i.Id)))
        {
            errors.Add("issueIds", $"Issue {missing} does not exist in this project.");
        }

        foreach (var i in issues.Where(i => i.Status != IssueStatus.Fixed))
        {
            errors.Add("issueIds", $"Issue {i.Id} is {i.Status.Label()}; only Fixed issues ride a patch.");
        }

        var riding = await db.PatchIssues.AsNoTracking().Where(pi => ids.Contains(pi.IssueId) && pi.PatchId != patch!.Id)
            .Join(db.Patches, pi => pi.PatchId, p => p.Id, (pi, p) => new { pi.IssueId, p.Name }).ToListAsync(cancellationToken);
        foreach (var r in riding)
        {
            errors.Add("issueIds", $"Issue {r.IssueId} already rides {r.Name}; remove it there first.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var already = await db.PatchIssues.Where(pi => pi.PatchId == patch!.Id).Select(pi => pi.IssueId).ToListAsync(cancellationToken);
        db.PatchIssues.AddRange(ids.Except(already).Select(id => PatchIssue.Create(access.ProjectId, patch!.Id, id, now)));
        var knownIds = await db.KnownIssueLinks.Where(l => ids.Contains(l.IssueId)).Select(l => l.KnownIssueId).Distinct().ToListAsync(cancellationToken);
        var known = await db.KnownIssues.Where(k => knownIds.Contains(k.Id) && k.Status != KnownIssueStatus.Fixed).ToListAsync(cancellationToken);
        foreach (var k in known)
        {
            k.MoveTo(KnownIssueStatus.FixScheduled, patch!.Id, now);
        }

        patch!.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await RefreshNotesAsync(access, patch, cancellationToken);
    }

    /// <summary>Takes an issue off a planned patch; a known issue left with no fix on the patch falls back to its workaround (or investigating).</summary>
    public async Task<Outcome<PatchDetail>> UnassignAsync(ProjectAccess access, int patchId, int issueId, CancellationToken cancellationToken = default)
    {
        var (patch, refusal) = await LoadPlannedAsync(access, patchId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var row = await db.PatchIssues.SingleOrDefaultAsync(pi => pi.PatchId == patch!.Id && pi.IssueId == issueId, cancellationToken);
        if (row is null)
        {
            return Failure.NotFound("Issue on this patch");
        }

        db.PatchIssues.Remove(row);
        var now = time.GetUtcNow();
        var known = await db.KnownIssueLinks.Where(l => l.IssueId == issueId).Join(db.KnownIssues, l => l.KnownIssueId, k => k.Id, (l, k) => k)
            .SingleOrDefaultAsync(cancellationToken);
        if (known is { Status: KnownIssueStatus.FixScheduled } && known.PatchId == patch!.Id)
        {
            var othersOnPatch = await db.KnownIssueLinks.Where(l => l.KnownIssueId == known.Id && l.IssueId != issueId)
                .AnyAsync(l => db.PatchIssues.Any(pi => pi.PatchId == patch.Id && pi.IssueId == l.IssueId), cancellationToken);
            if (!othersOnPatch)
            {
                known.MoveTo(known.FallbackStatus, null, now);
            }
        }

        patch!.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return await RefreshNotesAsync(access, patch, cancellationToken);
    }

    /// <summary>
    /// Marks the patch deployed. In the same save: its issues move Fixed → Resolved through the issue lifecycle, the
    /// known issues it fixes become Fixed, and the reporters of those issues (and of the known issues' other reports and
    /// their duplicates) are told. Refused while any of its issues is no longer Fixed.
    /// </summary>
    public async Task<Outcome<PatchDetail>> DeployAsync(ProjectAccess access, int patchId, DeployPatchRequest request, CancellationToken cancellationToken = default)
    {
        var (patch, refusal) = await LoadPlannedAsync(access, patchId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (request.Version is not { } version)
        {
            return Failure.Invalid("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        if (version != patch!.Version)
        {
            return Stale(await GetAsync(access, patchId, cancellationToken));
        }

        var now = time.GetUtcNow();
        var issueIds = await db.PatchIssues.Where(pi => pi.PatchId == patch!.Id).Select(pi => pi.IssueId).ToListAsync(cancellationToken);
        var issues = await db.Issues.Where(i => issueIds.Contains(i.Id)).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var notFixed = issues.Where(i => i.Status != IssueStatus.Fixed).Select(i => $"Issue {i.Id} is {i.Status.Label()}").ToArray();
        if (notFixed.Length > 0)
        {
            var message = $"{string.Join("; ", notFixed)}. Take it off the patch or move it back to Fixed before deploying.";
            return new Failure(FailureKind.Conflict, message, new Dictionary<string, string[]> { ["issueIds"] = notFixed });
        }

        if (patch!.Deploy(request.DeployedAt?.ToUniversalTime() ?? now, now) is { } why)
        {
            var kind = why.Field == "status" ? FailureKind.Conflict : FailureKind.Invalid;
            return new Failure(kind, why.Message, new Dictionary<string, string[]> { [why.Field] = [why.Message] });
        }

        if (string.IsNullOrWhiteSpace(patch.ReleaseNotes))
        {
            patch.ReleaseNotes = await GenerateNotesAsync(patch, cancellationToken);
        }

        foreach (var issue in issues)
        {
            // Through the lifecycle's own rule: Fixed → Resolved is allowed, anything else was refused above.
            if (issue.TransitionTo(IssueStatus.Resolved, now) is { } refused)
            {
                return Failure.Conflict(refused, "issueIds");
            }

            await sla.RecordAsync(issue, [new TimelineEvent(now, TimelineEventKind.StatusChanged, Status: issue.Status)], cancellationToken);
        }

        var knownIds = await db.KnownIssueLinks.Where(l => issueIds.Contains(l.IssueId)).Select(l => l.KnownIssueId).ToListAsync(cancellationToken);
        var known = await db.KnownIssues
            .Where(k => k.ProjectId == access.ProjectId && k.Status != KnownIssueStatus.Fixed && (k.PatchId == patch.Id || knownIds.Contains(k.Id)))
            .ToListAsync(cancellationToken);
        foreach (var k in known)
        {
            k.MoveTo(KnownIssueStatus.Fixed, patch.Id, now);
        }

        var fixedKnownIds = known.Select(k => k.Id).ToList();
        var knownLinked = await db.KnownIssueLinks.AsNoTracking().Where(l => fixedKnownIds.Contains(l.KnownIssueId)).Select(l => l.IssueId).ToListAsync(cancellationToken);
        var told = issueIds.Concat(knownLinked).Distinct().ToList();
        var reports = await db.Issues.AsNoTracking()
            .Where(i => told.Contains(i.Id) || (i.DuplicateOfId != null && told.Contains(i.DuplicateOfId.Value)))
            .Select(i => new { i.Id, i.ReporterId }).ToListAsync(cancellationToken);
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(patch.DeployedAt!.Value,
            (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken)).TimeZone).DateTime);
        var notices = reports.Select(r => new ReporterNotice(r.ReporterId, r.Id, $"Fixed in {patch.Name}",
            $"The problem you reported (issue #{r.Id.ToString(CultureInfo.InvariantCulture)}) is fixed by {patch.Name}, deployed on {localDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.\n\n{patch.ReleaseNotes}"));
        await ReporterNotices.AddAsync(db, access.ProjectId, DeployedNoticeKind, notices, now, cancellationToken);
        return await SaveAsync(access, patch, cancellationToken);
    }

    private async Task<Outcome<PatchDetail>> RefreshNotesAsync(ProjectAccess access, Patch patch, CancellationToken cancellationToken)
    {
        if (!patch.ReleaseNotesEdited)
        {
            patch.ReleaseNotes = await GenerateNotesAsync(patch, cancellationToken);
        }

        return await SaveAsync(access, patch, cancellationToken);
    }

    private async Task<string> GenerateNotesAsync(Patch patch, CancellationToken cancellationToken)
    {
        var fixes = patch.Id == 0 ? [] : (await FixesAsync([patch.Id], cancellationToken))[patch.Id];
        var zone = (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == patch.ProjectId, cancellationToken)).TimeZone;
        var at = patch.DeployedAt ?? patch.PlannedFor;
        return ReleaseNotes.Generate(patch.Name, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime), fixes);
    }

    private async Task<(Patch? Patch, Failure? Refusal)> LoadPlannedAsync(ProjectAccess access, int patchId, CancellationToken cancellationToken)
    {
        var patch = await db.Patches.SingleOrDefaultAsync(p => p.Id == patchId && p.ProjectId == access.ProjectId, cancellationToken);
        if (patch is null)
        {
            return (null, Failure.NotFound("Patch"));
        }

        if (!access.Can(Permission.ManagePatches))
        {
            return (null, Failure.Forbidden("Your role may not change patches."));
        }

        if (patch.Status == PatchStatus.Deployed)
        {
            var message = $"{patch.Name} was deployed; a deployed patch is history and does not change.";
            return (null, Failure.Conflict(message, "status"));
        }

        return (patch, null);
    }

    private async Task<Outcome<PatchDetail>> SaveAsync(ProjectAccess access, Patch patch, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale(await GetAsync(access, patch.Id, cancellationToken));
        }

        return await GetAsync(access, patch.Id, cancellationToken);
    }

    private static Failure Stale(Outcome<PatchDetail> current) => Failure.Stale("patch", current.Value!);
}
