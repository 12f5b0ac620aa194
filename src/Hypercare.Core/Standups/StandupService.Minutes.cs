using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Standups;

public sealed partial class StandupService
{
    /// <summary>Minutes may be recorded for a standup held up to this many days ago (a lead catching up after a busy day).</summary>
    public const int MinutesBackDays = 14;

    public const int MaxMinutesListed = 60;

    public async Task<Outcome<StandupMinutesResponse>> RecordMinutesAsync(ProjectAccess access, StandupMinutesRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return Failure.Forbidden(access.Can(Permission.ViewRota) ? "Only the hypercare lead records the standup's minutes." : "Your role does not see the standups.");
        }

        var now = time.GetUtcNow();
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var today = LocalDays.Today(now, project.TimeZoneId);
        var heldOn = request.HeldOn ?? today;
        var errors = new FieldErrors();
        if (heldOn > today)
        {
            errors.Add("heldOn", $"heldOn ({heldOn:yyyy-MM-dd}) is in the future: minutes are recorded after the standup (today is {today:yyyy-MM-dd} in {project.TimeZoneId}).");
        }
        else if (heldOn < today.AddDays(-MinutesBackDays))
        {
            errors.Add("heldOn", $"heldOn ({heldOn:yyyy-MM-dd}) is more than {MinutesBackDays} days ago.");
        }

        var notes = errors.Optional("notes", request.Notes, StandupMinutes.NotesMaxLength) ?? "";
        var decisions = new List<string>();
        var decisionList = request.Decisions ?? [];
        if (decisionList.Count > StandupMinutes.MaxDecisions)
        {
            errors.Add("decisions", $"At most {StandupMinutes.MaxDecisions} decisions per standup; {decisionList.Count} were sent.");
        }

        for (var i = 0; i < decisionList.Count && i < StandupMinutes.MaxDecisions; i++)
        {
            if (errors.Required($"decisions[{i}]", decisionList[i], StandupMinutes.DecisionMaxLength) is { } d)
            {
                decisions.Add(d);
            }
        }

        var items = request.ActionItems ?? [];
        if (items.Count > StandupActionItem.MaxPerMinutes)
        {
            errors.Add("actionItems", $"At most {StandupActionItem.MaxPerMinutes} action items per standup; {items.Count} were sent.");
        }

        var members = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == project.Id && m.Role != ProjectRole.Reporter)
            .Select(m => m.UserId).ToListAsync(cancellationToken);
        var checkedItems = new List<(string Text, int Owner, DateOnly Due)>();
        for (var i = 0; i < items.Count && i < StandupActionItem.MaxPerMinutes; i++)
        {
            var item = items[i];
            var text = errors.Required($"actionItems[{i}].text", item.Text, StandupActionItem.TextMaxLength);
            if (item.OwnerUserId is not { } owner)
            {
                errors.Add($"actionItems[{i}].ownerUserId", "ownerUserId is required: an action item without an owner is not done.");
            }
            else if (!members.Contains(owner))
            {
                errors.Add($"actionItems[{i}].ownerUserId", $"User {owner} is not on this project's team (reporters cannot own standup actions).");
            }

            if (item.DueOn is not { } due)
            {
                errors.Add($"actionItems[{i}].dueOn", "dueOn is required (yyyy-MM-dd).");
            }
            else if (due < heldOn)
            {
                errors.Add($"actionItems[{i}].dueOn", $"dueOn ({due:yyyy-MM-dd}) is before the standup it came from ({heldOn:yyyy-MM-dd}).");
            }
            else if (due > heldOn.AddDays(366))
            {
                errors.Add($"actionItems[{i}].dueOn", $"dueOn ({due:yyyy-MM-dd}) is more than a year after the standup.");
            }

            if (text is not null && item.OwnerUserId is { } o && item.DueOn is { } d)
            {
                checkedItems.Add((text, o, d));
            }
        }

        if (!errors.Any && await db.StandupMinutes.AnyAsync(m => m.ProjectId == project.Id && m.HeldOn == heldOn, cancellationToken))
        {
            errors.Add("heldOn", $"The minutes of the standup on {heldOn:yyyy-MM-dd} are already recorded.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var minutes = StandupMinutes.Create(project.Id, heldOn, notes, decisions, access.Caller.UserId, now);
        db.StandupMinutes.Add(minutes);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.StandupActionItems.AddRange(checkedItems.Select(i => StandupActionItem.Create(project.Id, minutes.Id, i.Text, i.Owner, i.Due)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict($"The minutes of the standup on {heldOn:yyyy-MM-dd} were recorded at the same moment by someone else.", "heldOn");
        }

        return (await MinutesListAsync(project, minutes.Id, 1, now, cancellationToken))[0];
    }

    public async Task<Outcome<IReadOnlyList<StandupMinutesResponse>>> MinutesAsync(ProjectAccess access, int take = 10, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return Failure.Forbidden("Your role does not see the standups.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        return (await MinutesListAsync(project, null, Math.Clamp(take, 1, MaxMinutesListed), time.GetUtcNow(), cancellationToken)).ToList();
    }

    /// <summary>Marks an action item done: its owner or the hypercare lead.</summary>
    public async Task<Outcome<ActionItemResponse>> MarkDoneAsync(ProjectAccess access, int itemId, ActionItemDoneRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return Failure.Forbidden("Your role does not see the standups.");
        }

        var item = await db.StandupActionItems.SingleOrDefaultAsync(a => a.Id == itemId && a.ProjectId == access.ProjectId, cancellationToken);
        if (item is null)
        {
            return Failure.NotFound("Action item");
        }

        if (!access.Can(Permission.ManageRota) && item.OwnerUserId != access.Caller.UserId)
        {
            return Failure.Forbidden("Only the action's owner or the hypercare lead marks it done.");
        }

        if (request.Version is null)
        {
            return Failure.Invalid("version", "version is required: send the version you last read.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var now = time.GetUtcNow();
        if (request.Version != item.Version)
        {
            return Failure.Stale("action item", (await ActionItemsAsync(project, [item.Id], now, cancellationToken))[0]);
        }

        if (item.DoneAt is not null)
        {
            return Failure.Conflict("The action item is already done.");
        }

        db.Entry(item).Property(a => a.Version).OriginalValue = request.Version.Value;
        item.MarkDone(access.Caller.UserId, now);
        item.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.Stale("action item", (await ActionItemsAsync(project, [itemId], now, cancellationToken))[0]);
        }

        return (await ActionItemsAsync(project, [itemId], now, cancellationToken))[0];
    }

    private async Task<IReadOnlyList<ActionItemResponse>> OpenActionsAsync(Project project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = await db.StandupActionItems.AsNoTracking().Where(a => a.ProjectId == project.Id && a.DoneAt == null).Select(a => a.Id).ToListAsync(cancellationToken);
        return await ActionItemsAsync(project, ids, now, cancellationToken);
    }

    private async Task<IReadOnlyList<ActionItemResponse>> ActionItemsAsync(Project project, IReadOnlyCollection<int> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalDays.Today(now, project.TimeZoneId);
        var rows = await db.StandupActionItems.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Join(db.StandupMinutes, a => a.MinutesId, m => m.Id, (a, m) => new { Item = a, m.HeldOn })
            .ToListAsync(cancellationToken);
        var people = await NamesAsync(rows.Select(r => r.Item.OwnerUserId).Concat(rows.Where(r => r.Item.DoneByUserId != null).Select(r => r.Item.DoneByUserId!.Value)), cancellationToken);
        return [.. rows.OrderBy(r => r.Item.DueOn).ThenBy(r => r.Item.Id).Select(r => new ActionItemResponse(r.Item.Id, r.Item.MinutesId, r.HeldOn, r.Item.Text,
            people[r.Item.OwnerUserId], r.Item.DueOn, r.Item.DoneAt is null && r.Item.DueOn < today, r.Item.DoneAt,
            r.Item.DoneByUserId is { } by ? people[by] : null, r.Item.Version))];
    }

    private async Task<Dictionary<int, PersonRef>> NamesAsync(IEnumerable<int> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new PersonRef(u.Id, u.DisplayName), cancellationToken);
    }

    private async Task<IReadOnlyList<StandupMinutesResponse>> MinutesListAsync(Project project, int? minutesId, int take, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minutes = await db.StandupMinutes.AsNoTracking().Where(m => m.ProjectId == project.Id && (minutesId == null || m.Id == minutesId))
            .OrderByDescending(m => m.HeldOn).Take(take).ToListAsync(cancellationToken);
        var minuteIds = minutes.Select(m => m.Id).ToList();
        var itemIds = await db.StandupActionItems.AsNoTracking().Where(a => minuteIds.Contains(a.MinutesId)).Select(a => a.Id).ToListAsync(cancellationToken);
        var items = await ActionItemsAsync(project, itemIds, now, cancellationToken);
        var names = await NamesAsync(minutes.Select(m => m.RecordedByUserId), cancellationToken);
        return [.. minutes.Select(m => new StandupMinutesResponse(m.Id, m.HeldOn, m.Notes, m.Decisions, names[m.RecordedByUserId], m.RecordedAt,
            [.. items.Where(i => i.MinutesId == m.Id)]))];
    }
}
