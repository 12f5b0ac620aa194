using System.Globalization;
using Hypercare.Core.Audit;
using Hypercare.Core.Exit;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Planning;

/// <summary>"Apply to project": the saved plan written into the project's phases, cadences, exit rules and rota rules.</summary>
public sealed record ApplyPlanRequest(int? Version);

public sealed partial class PlanService
{
    private static readonly Failure NotYoursToApply = Failure.Forbidden("Only the hypercare lead (or an administrator) applies the SOW plan.");

    /// <summary>What applying the saved plan would change, changing nothing (the lead; <see cref="Permission.ManagePlan"/>).</summary>
    public async Task<Outcome<PlanApplyPreview>> PreviewApplyAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        var diff = await DiffAsync(access, null, cancellationToken);
        return diff.Succeeded ? diff.Value!.Preview : diff.Failure!;
    }

    /// <summary>What applying a plan of these inputs would change, keeping neither the plan nor anything else (a dry run).</summary>
    public async Task<Outcome<PlanApplyPreview>> PreviewApplyAsync(ProjectAccess access, PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diff = await DiffAsync(access, request, cancellationToken);
        return diff.Succeeded ? diff.Value!.Preview : diff.Failure!;
    }

    /// <summary>
    /// Applies the saved plan in one transaction, audited: refused whole (nothing written) when the version is not the
    /// saved plan's (it was generated again since the preview), the dates do not fit, or the project is closed.
    /// </summary>
    public async Task<Outcome<PlanApplyPreview>> ApplyAsync(ProjectAccess access, ApplyPlanRequest? request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManagePlan))
        {
            return access.Can(Permission.ViewPlan) ? NotYoursToApply : NotSeen;
        }

        if (request?.Version is not { } version)
        {
            return Failure.Invalid("version", "version is required: the version of the SOW plan you previewed.");
        }

        var diff = await DiffAsync(access, null, cancellationToken);
        if (!diff.Succeeded)
        {
            return diff.Failure!;
        }

        var result = diff.Value!;
        if (version != result.Preview.PlanVersion)
        {
            return Failure.Stale("SOW plan", result.Preview);
        }

        var projectId = access.ProjectId;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var phases = await db.PlanPhases.Where(p => p.ProjectId == projectId).ToDictionaryAsync(p => p.Id, cancellationToken);
        var cadences = await db.PatchCadences.Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.PlanPhaseId, cancellationToken);
        foreach (var id in result.Remove)
        {
            if (cadences.Remove(id, out var cadence))
            {
                db.PatchCadences.Remove(cadence);
            }

            db.PlanPhases.Remove(phases[id]);
        }

        // Removed first, so a phase moved onto the dates of one removed never overlaps it in between.
        await db.SaveChangesAsync(cancellationToken);
        var written = new List<(PlanPhase Phase, AppliedPhase Values)>();
        foreach (var w in result.Write)
        {
            var phase = w.ExistingId is { } existing ? phases[existing] : null;
            if (phase is null)
            {
                phase = PlanPhase.Create(projectId, w.Name, w.Start, w.End, w.Hours, w.Targets, w.TriageTimes, w.Standup);
                db.PlanPhases.Add(phase);
            }
            else
            {
                phase.Set(w.Name, w.Start, w.End, w.Hours, w.Targets, w.TriageTimes, w.Standup);
            }

            written.Add((phase, w));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (phase, w) in written)
        {
            if (cadences.TryGetValue(phase.Id, out var cadence))
            {
                cadence.Set(w.Patches);
            }
            else
            {
                db.PatchCadences.Add(PhasePatchCadence.Create(projectId, phase.Id, w.Patches.Kind, w.Patches.DeployAt, w.Patches.Days, w.Patches.Dates));
            }
        }

        var project = await db.Projects.SingleAsync(p => p.Id == projectId, cancellationToken);
        if (result.PlannedEnd is { } end)
        {
            project.PlannedEndDate = end;
        }

        if (result.ExitRules is { } rules)
        {
            var stored = await db.ExitRules.Where(r => r.ProjectId == projectId).ToDictionaryAsync(r => r.Kind, cancellationToken);
            foreach (var r in rules)
            {
                if (stored.TryGetValue(r.Kind, out var rule))
                {
                    rule.Set(r.Enabled, r.Days, r.Percent);
                }
                else
                {
                    db.ExitRules.Add(ExitRule.Create(projectId, r.Kind, r.Enabled, r.Days, r.Percent));
                }
            }
        }

        if (result.Staffing is { } staffing)
        {
            var settings = await db.RotaSettings.SingleOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken);
            var rota = (settings?.ToRules() ?? RotaRules.Default) with { StaffPerShift = staffing };
            if (settings is null)
            {
                db.RotaSettings.Add(RotaSettings.Create(projectId, rota));
            }
            else
            {
                settings.Apply(rota);
            }
        }

        if (!await db.StandupSchedules.AnyAsync(s => s.ProjectId == projectId, cancellationToken))
        {
            db.StandupSchedules.Add(Standups.StandupSchedule.Create(projectId));
        }

        var caller = actor.Current;
        var p = result.Preview;
        db.AuditEntries.Add(AuditEntry.Record(projectId, "Project", I(projectId), nameof(ProjectSowPlan), I(projectId), AuditAction.Updated,
            caller.UserId == 0 ? null : caller.UserId, caller.DisplayName, time.GetUtcNow(),
            [
                new FieldChange("applied", null, "version " + I(version)),
                new FieldChange("phases", null, string.Join("; ", p.Phases.Where(c => c.Kind != PhaseChangeKind.Keep).Select(c => $"{c.Kind.ToString().ToLowerInvariant()} {c.Name}"))),
                new FieldChange("settings", null, string.Join("; ", p.Settings.Select(s => $"{s.Area}.{s.Setting} = {s.After}"))),
            ]));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone changed a phase, a rule or the rota rules at the same moment: nothing of this application stands.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var again = await DiffAsync(access, null, cancellationToken);
            return again.Succeeded ? Failure.Stale("project plan", again.Value!.Preview) : again.Failure!;
        }

        return p;
    }

    private async Task<Outcome<PlanApplicationResult>> DiffAsync(ProjectAccess access, PlanRequest? request, CancellationToken cancellationToken)
    {
        if (!access.Can(Permission.ManagePlan))
        {
            return access.Can(Permission.ViewPlan) ? NotYoursToApply : NotSeen;
        }

        SowPlan plan;
        int version;
        if (request is null)
        {
            var kept = await KeptAsync(access.ProjectId, cancellationToken);
            if (!kept.Succeeded)
            {
                return kept.Failure!;
            }

            (plan, version) = (kept.Value!.Plan, kept.Value.Version);
        }
        else
        {
            var generated = PlanGenerator.Generate(request);
            if (!generated.Succeeded)
            {
                return generated.Failure!;
            }

            plan = generated.Value!;
            version = await db.SowPlans.Where(p => p.ProjectId == access.ProjectId).Select(p => (int?)p.Version).SingleOrDefaultAsync(cancellationToken) ?? 0;
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        var cadences = await db.PatchCadences.AsNoTracking().Where(c => c.ProjectId == project.Id).ToDictionaryAsync(c => c.PlanPhaseId, cancellationToken);
        var exitRules = await db.ExitRules.AsNoTracking().Where(r => r.ProjectId == project.Id).Select(r => r.ToSetting()).ToListAsync(cancellationToken);
        var rota = (await db.RotaSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken))?.ToRules() ?? RotaRules.Default;
        var hasSchedule = await db.StandupSchedules.AnyAsync(s => s.ProjectId == project.Id, cancellationToken);
        var target = new ApplyTarget(project.GoLiveDate, project.PlannedEndDate, project.Stage, LocalDays.Today(time.GetUtcNow(), project.TimeZoneId),
            [.. phases.Select(p => new CurrentPhase(p, cadences.GetValueOrDefault(p.Id)))], exitRules, rota, hasSchedule);
        return PlanApplication.Diff(plan, version, target);
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
