using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Exit;

public sealed partial class ExitService
{
    public async Task<Outcome<IReadOnlyList<ExitRuleSetting>>> SetRulesAsync(ProjectAccess access, ExitRulesRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return Failure.Forbidden("Only the hypercare lead changes the exit criteria.");
        }

        var errors = new FieldErrors();
        if (request.Rules is not { Count: > 0 } updates)
        {
            return Failure.Invalid("rules", "rules is required: a list of { kind, enabled, days, percent }.");
        }

        var seen = new HashSet<ExitRuleKind>();
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            var at = $"rules[{i}]";
            if (u.Kind is not { } kind || !Enum.IsDefined(kind))
            {
                errors.Add($"{at}.kind", $"kind is one of {string.Join(", ", Enum.GetNames<ExitRuleKind>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
                continue;
            }

            if (!seen.Add(kind))
            {
                errors.Add($"{at}.kind", $"{kind} is named twice.");
            }

            if (u.Enabled is null)
            {
                errors.Add($"{at}.enabled", "enabled is required (true or false).");
            }

            var shape = ExitRuleSetting.Defaults.Single(d => d.Kind == kind);
            if (shape.HasDays && u.Days is not (null or (>= 1 and <= ExitRule.MaxDays)))
            {
                errors.Add($"{at}.days", $"days is a whole number of days from 1 to {ExitRule.MaxDays}.");
            }
            else if (!shape.HasDays && u.Days is not null)
            {
                errors.Add($"{at}.days", $"{kind} has no window of days.");
            }

            if (shape.HasPercent && u.Percent is not (null or (>= 1 and <= 100)))
            {
                errors.Add($"{at}.percent", "percent is a whole number from 1 to 100.");
            }
            else if (!shape.HasPercent && u.Percent is not null)
            {
                errors.Add($"{at}.percent", $"{kind} has no percentage.");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        // A window or threshold left out keeps the rule's current one.
        var current = (await RulesOfAsync(access.ProjectId, cancellationToken)).ToDictionary(r => r.Kind);
        var stored = await db.ExitRules.Where(r => r.ProjectId == access.ProjectId).ToDictionaryAsync(r => r.Kind, cancellationToken);
        foreach (var u in updates)
        {
            var now = current[u.Kind!.Value];
            var days = u.Days ?? now.Days;
            var percent = u.Percent ?? now.Percent;
            if (stored.TryGetValue(u.Kind.Value, out var rule))
            {
                rule.Set(u.Enabled!.Value, days, percent);
            }
            else
            {
                db.ExitRules.Add(ExitRule.Create(access.ProjectId, u.Kind.Value, u.Enabled!.Value, days, percent));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two leads created the same rule row at once: the other's settings stand; show them.
            db.ChangeTracker.Clear();
            return Failure.Stale("exit rules", await RulesOfAsync(access.ProjectId, cancellationToken));
        }

        return (await RulesOfAsync(access.ProjectId, cancellationToken)).ToList();
    }

    /// <summary>
    /// The sponsor signs off (or an administrator for a named sponsor). Refused while another enabled rule does not hold,
    /// unless the lead has recorded an override; the sign-off then carries the override and the rules it overrode.
    /// </summary>
    public async Task<Outcome<ExitStatus>> SignOffAsync(ProjectAccess access, SignOffRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.SignOffExit))
        {
            return Failure.Forbidden("Only the sponsor signs off the end of hypercare.");
        }

        var errors = new FieldErrors();
        var comment = (request.Comment ?? "").Trim();
        if (comment.Length > ExitSignOff.TextMaxLength)
        {
            errors.Add("comment", $"comment is at most {ExitSignOff.TextMaxLength} characters.");
        }

        int? onBehalfOf = null;
        if (access.Role == ProjectRole.Sponsor)
        {
            if (request.OnBehalfOfUserId is not null && request.OnBehalfOfUserId != access.Caller.UserId)
            {
                errors.Add("onBehalfOfUserId", "A sponsor signs for themselves; leave onBehalfOfUserId out.");
            }
        }
        else if (request.OnBehalfOfUserId is not { } sponsorId)
        {
            errors.Add("onBehalfOfUserId", "An administrator signs for a sponsor of the project: name them in onBehalfOfUserId.");
        }
        else if (!await db.ProjectMembers.AnyAsync(m => m.ProjectId == access.ProjectId && m.UserId == sponsorId && m.Role == ProjectRole.Sponsor, cancellationToken))
        {
            errors.Add("onBehalfOfUserId", $"User {sponsorId} is not a sponsor of this project.");
        }
        else
        {
            onBehalfOf = sponsorId;
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        if (project.Stage is ProjectStage.Planned or ProjectStage.Closed)
        {
            return Failure.Conflict($"The project is {project.Stage.Label()}; a sign-off ends a hypercare that is running.");
        }

        var now = time.GetUtcNow();
        var rules = await RulesOfAsync(project.Id, cancellationToken);
        var facts = await FactsAsync(project, rules, now, cancellationToken);
        if (facts.SignOff is { WithdrawnAt: null } && ExitEvaluator.WithdrawsSignOff(facts) is null)
        {
            return Failure.Conflict("The sponsor has already signed off; the sign-off stands.");
        }

        var evaluation = ExitEvaluator.Evaluate(rules, facts);
        var unmet = evaluation.UnmetBeforeSignOff;
        var overriding = await db.ExitOverrides.Where(o => o.ProjectId == project.Id && o.UsedBySignOffId == null && o.ClearedAt == null)
            .OrderByDescending(o => o.At).FirstOrDefaultAsync(cancellationToken);
        if (unmet.Count > 0 && overriding is null)
        {
            return Failure.Conflict(
                $"Not every exit rule holds ({string.Join("; ", unmet.Select(r => $"{r.Title}: {r.Summary}"))}). The sponsor signs when they hold, " +
                "or after the hypercare lead records an override with a reason.", current: evaluation);
        }

        // A sign-off a later Sev1 broke but nobody recorded yet is withdrawn now, so the new one is the only active one.
        foreach (var old in await db.ExitSignOffs.Where(s => s.ProjectId == project.Id && s.WithdrawnAt == null).ToListAsync(cancellationToken))
        {
            old.Withdraw("Superseded by a new sign-off after a Sev1 withdrew it.", now);
        }

        var unmetText = unmet.Count == 0 ? null : string.Join("; ", unmet.Select(r => r.Title));
        var signOff = ExitSignOff.Sign(project.Id, access.Caller.UserId, onBehalfOf, comment, unmet.Count == 0 ? null : overriding!.Reason,
            unmetText?.Length > ExitSignOff.TextMaxLength ? unmetText[..ExitSignOff.TextMaxLength] : unmetText, now);
        db.ExitSignOffs.Add(signOff);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (unmet.Count > 0)
        {
            overriding!.UseFor(signOff.Id);
        }

        await NotifyAsync(project.Id, [ProjectRole.HypercareLead], SignedOffKind, "The sponsor signed off the end of hypercare",
            $"{access.Caller.DisplayName} signed off{(unmet.Count > 0 ? $", overriding: {unmetText}" : "")}.", null, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }

    /// <summary>The lead records why the sponsor may sign although other rules do not hold; it is used by the next sign-off.</summary>
    public async Task<Outcome<ExitStatus>> OverrideAsync(ProjectAccess access, OverrideRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return Failure.Forbidden("Only the hypercare lead records an override.");
        }

        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, ExitSignOff.TextMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        foreach (var old in await db.ExitOverrides.Where(o => o.ProjectId == access.ProjectId && o.UsedBySignOffId == null && o.ClearedAt == null).ToListAsync(cancellationToken))
        {
            old.Clear(now);
        }

        db.ExitOverrides.Add(ExitOverride.Record(access.ProjectId, access.Caller.UserId, reason!, now));
        await db.SaveChangesAsync(cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }

    public async Task<Outcome<ExitStatus>> ClearOverrideAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return Failure.Forbidden("Only the hypercare lead withdraws an override.");
        }

        var open = await db.ExitOverrides.Where(o => o.ProjectId == access.ProjectId && o.UsedBySignOffId == null && o.ClearedAt == null).ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            return Failure.NotFound("An open override");
        }

        open.ForEach(o => o.Clear(time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }

    /// <summary>
    /// Extends hypercare to a later planned end, with a reason: recorded, the stage becomes Extended, the last plan phase
    /// (and with it its patch cadence and standups) runs to the new end, and the sponsors are told.
    /// </summary>
    public async Task<Outcome<ExitStatus>> ExtendAsync(ProjectAccess access, ExtendRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return Failure.Forbidden("Only the hypercare lead extends hypercare.");
        }

        var project = await db.Projects.SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var now = time.GetUtcNow();
        var today = LocalDays.Today(now, project.TimeZoneId);
        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, ExitSignOff.TextMaxLength);
        if (request.NewEnd is not { } newEnd)
        {
            errors.Add("newEnd", "newEnd is required: the new planned end of hypercare (yyyy-MM-dd).");
        }
        else if (project.PlannedEndDate is { } end && newEnd <= end)
        {
            errors.Add("newEnd", $"newEnd must be after the current planned end {end:yyyy-MM-dd}.");
        }
        else if (newEnd <= today)
        {
            errors.Add("newEnd", $"newEnd must be after today ({today:yyyy-MM-dd}).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (project.Stage is not (ProjectStage.Live or ProjectStage.Extended or ProjectStage.HandingOver))
        {
            return Failure.Conflict($"The project is {project.Stage.Label()}; only a running hypercare is extended.", "newEnd");
        }

        var to = request.NewEnd!.Value;
        db.ExitExtensions.Add(ExitExtension.Record(project.Id, project.PlannedEndDate, to, reason!, access.Caller.UserId, now));
        if (project.Stage != ProjectStage.Extended)
        {
            db.ProjectStageChanges.Add(project.MoveTo(ProjectStage.Extended, access.Caller.UserId, reason!, now));
        }

        var from = project.PlannedEndDate;
        project.PlannedEndDate = to;
        project.Version++;
        var last = await db.PlanPhases.Where(p => p.ProjectId == project.Id).OrderByDescending(p => p.EndDate).FirstOrDefaultAsync(cancellationToken);
        if (last is not null && last.EndDate < to)
        {
            last.EndDate = to;
            last.Version++;
        }

        await NotifyAsync(project.Id, [ProjectRole.Sponsor], ExtendedKind, $"Hypercare extended to {to:yyyy-MM-dd}",
            $"{access.Caller.DisplayName} extended hypercare from {(from is { } f ? f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "no planned end")} to {to:yyyy-MM-dd}: {reason}",
            null, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }

    /// <summary>The lead moves the stage (with a reason); reopening a closed project goes back to live.</summary>
    public async Task<Outcome<ExitStatus>> MoveStageAsync(ProjectAccess access, StageRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return Failure.Forbidden("Only the hypercare lead moves the project's stage.");
        }

        var errors = new FieldErrors();
        var reason = errors.Required("reason", request.Reason, ProjectStages.ReasonMaxLength);
        if (request.To is not { } to || !Enum.IsDefined(to))
        {
            errors.Add("to", "to is one of planned, live, handingOver, closed (extended is reached by extending the planned end).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var project = await db.Projects.SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var allowed = ProjectStages.AllowedFrom(project.Stage);
        if (!allowed.Contains(request.To!.Value))
        {
            return Failure.Conflict(
                $"A {project.Stage.Label()} project cannot move to {request.To.Value.Label()}; it can move to {(allowed.Count == 0 ? "nothing" : string.Join(", ", allowed.Select(a => a.Label())))}" +
                (request.To == ProjectStage.Extended ? " (extend the planned end to reach extended)." : "."), "to");
        }

        db.ProjectStageChanges.Add(project.MoveTo(request.To.Value, access.Caller.UserId, reason!, time.GetUtcNow()));
        project.Version++;
        await db.SaveChangesAsync(cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }
}
