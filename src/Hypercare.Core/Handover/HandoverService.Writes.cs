using Hypercare.Core.Exit;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Handover;

public sealed partial class HandoverService
{
    /// <summary>Stage dates lie within this many days of go-live either side: a typo such as 2062 is refused, not planned.</summary>
    public const int DateRangeDays = 3 * 366;

    public async Task<Outcome<HandoverAreaResponse>> CreateAreaAsync(ProjectAccess access, HandoverAreaRequest request, CancellationToken cancellationToken = default)
    {
        var (project, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        var (name, notes) = await CheckAreaAsync(project!, request, null, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var area = HandoverArea.Create(project!.Id, name!, request.ContactUserId, request.ShadowFrom!.Value, request.ReverseShadowFrom!.Value, request.OwnsFrom!.Value, notes);
        db.HandoverAreas.Add(area);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return await AreaAsync(project, area.Id, cancellationToken);
    }

    /// <summary>Replaces the area's name, contact, dates and notes; moving a date moves the stage.</summary>
    public async Task<Outcome<HandoverAreaResponse>> UpdateAreaAsync(ProjectAccess access, int areaId, HandoverAreaRequest request, CancellationToken cancellationToken = default)
    {
        var (project, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var area = await db.HandoverAreas.SingleOrDefaultAsync(a => a.Id == areaId && a.ProjectId == access.ProjectId, cancellationToken);
        if (area is null)
        {
            return Failure.NotFound("Handover area");
        }

        var errors = new FieldErrors();
        RequireVersion(errors, request.Version);
        var (name, notes) = await CheckAreaAsync(project!, request, areaId, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != area.Version)
        {
            return Failure.Stale("handover area", await AreaAsync(project!, areaId, cancellationToken));
        }

        db.Entry(area).Property(a => a.Version).OriginalValue = request.Version!.Value;
        area.Change(name!, request.ContactUserId, request.ShadowFrom!.Value, request.ReverseShadowFrom!.Value, request.OwnsFrom!.Value, notes);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict.Kind == FailureKind.Stale ? Failure.Stale("handover area", await AreaAsync(project!, areaId, cancellationToken)) : conflict;
        }

        return await AreaAsync(project!, areaId, cancellationToken);
    }

    /// <summary>Removes an area; its checklist items stay, for the whole handover.</summary>
    public async Task<Outcome<bool>> DeleteAreaAsync(ProjectAccess access, int areaId, CancellationToken cancellationToken = default)
    {
        var (_, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var area = await db.HandoverAreas.SingleOrDefaultAsync(a => a.Id == areaId && a.ProjectId == access.ProjectId, cancellationToken);
        if (area is null)
        {
            return Failure.NotFound("Handover area");
        }

        foreach (var item in await db.HandoverItems.Where(i => i.AreaId == areaId).ToListAsync(cancellationToken))
        {
            item.DetachArea();
        }

        db.HandoverAreas.Remove(area);
        return await SaveAsync(cancellationToken) is { } conflict ? conflict : true;
    }

    public async Task<Outcome<HandoverItemResponse>> CreateItemAsync(ProjectAccess access, HandoverItemRequest request, CancellationToken cancellationToken = default)
    {
        var (project, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        var (title, note) = await CheckItemAsync(project!, request, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var position = (await db.HandoverItems.Where(i => i.ProjectId == project!.Id).MaxAsync(i => (int?)i.Position, cancellationToken) ?? 0) + 1;
        var item = HandoverItem.Create(project!.Id, null, title!, position, request.AreaId, request.OwnerUserId, request.DueOn, note);
        db.HandoverItems.Add(item);
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return await ItemAsync(project, item.Id, cancellationToken);
    }

    /// <summary>Replaces the item's title, area, owner, due day and note (a default item keeps its place and cannot be removed).</summary>
    public async Task<Outcome<HandoverItemResponse>> UpdateItemAsync(ProjectAccess access, int itemId, HandoverItemRequest request, CancellationToken cancellationToken = default)
    {
        var (project, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var item = await db.HandoverItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProjectId == access.ProjectId, cancellationToken);
        if (item is null)
        {
            return Failure.NotFound("Handover item");
        }

        var errors = new FieldErrors();
        RequireVersion(errors, request.Version);
        var (title, note) = await CheckItemAsync(project!, request, errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != item.Version)
        {
            return Failure.Stale("handover item", await ItemAsync(project!, itemId, cancellationToken));
        }

        db.Entry(item).Property(i => i.Version).OriginalValue = request.Version!.Value;
        item.Change(title!, request.AreaId, request.OwnerUserId, request.DueOn, note);
        return await SaveItemAsync(project!, itemId, cancellationToken);
    }

    public async Task<Outcome<bool>> DeleteItemAsync(ProjectAccess access, int itemId, CancellationToken cancellationToken = default)
    {
        var (_, refusal) = await LoadForChangeAsync(access, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var item = await db.HandoverItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProjectId == access.ProjectId, cancellationToken);
        if (item is null)
        {
            return Failure.NotFound("Handover item");
        }

        if (item.DefaultKey is not null)
        {
            return Failure.Conflict($"\"{item.Title}\" is one of the default items and stays on the checklist; mark it done with a note if it does not apply.");
        }

        db.HandoverItems.Remove(item);
        return await SaveAsync(cancellationToken) is { } conflict ? conflict : true;
    }

    /// <summary>The lead, or the item's owner, marks it done on a day (today by default, never in the future).</summary>
    public Task<Outcome<HandoverItemResponse>> MarkDoneAsync(ProjectAccess access, int itemId, HandoverDoneRequest request, CancellationToken cancellationToken = default) =>
        TickAsync(access, itemId, request, done: true, cancellationToken);

    /// <summary>The lead, or the item's owner, reopens a done item.</summary>
    public Task<Outcome<HandoverItemResponse>> ReopenAsync(ProjectAccess access, int itemId, HandoverDoneRequest request, CancellationToken cancellationToken = default) =>
        TickAsync(access, itemId, request, done: false, cancellationToken);

    private async Task<Outcome<HandoverItemResponse>> TickAsync(ProjectAccess access, int itemId, HandoverDoneRequest request, bool done, CancellationToken cancellationToken)
    {
        if (!access.Can(Permission.ViewExit))
        {
            return Failure.Forbidden("Your role does not see the handover.");
        }

        var item = await db.HandoverItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ProjectId == access.ProjectId, cancellationToken);
        if (item is null)
        {
            return Failure.NotFound("Handover item");
        }

        if (!access.Can(Permission.ManageExit) && item.OwnerUserId != access.Caller.UserId)
        {
            return Failure.Forbidden("Only the hypercare lead or the item's owner marks it done or reopens it.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        if (project.Stage == ProjectStage.Closed)
        {
            return ClosedRefusal;
        }

        var today = LocalDays.Today(time.GetUtcNow(), project.TimeZoneId);
        var errors = new FieldErrors();
        RequireVersion(errors, request.Version);
        var note = errors.Optional("note", request.Note, HandoverItem.NoteMaxLength);
        if (!done && request.DoneOn is not null)
        {
            errors.Add("doneOn", "doneOn is for marking an item done; reopening takes none.");
        }
        else if (request.DoneOn is { } on && on > today)
        {
            errors.Add("doneOn", $"doneOn cannot be in the future (today is {today:yyyy-MM-dd}).");
        }
        else if (request.DoneOn is { } early && early < project.GoLiveDate.AddDays(-DateRangeDays))
        {
            errors.Add("doneOn", $"doneOn is more than three years before go-live ({project.GoLiveDate:yyyy-MM-dd}).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != item.Version)
        {
            return Failure.Stale("handover item", await ItemAsync(project, itemId, cancellationToken));
        }

        if (done == item.IsDone)
        {
            return Failure.Conflict(done ? $"\"{item.Title}\" is already done (on {item.DoneOn:yyyy-MM-dd})." : $"\"{item.Title}\" is not done.", "version",
                await ItemAsync(project, itemId, cancellationToken));
        }

        var text = string.IsNullOrEmpty(note) ? null : note;
        db.Entry(item).Property(i => i.Version).OriginalValue = request.Version!.Value;
        if (done)
        {
            item.MarkDone(request.DoneOn ?? today, access.Caller.UserId, text);
        }
        else
        {
            item.Reopen(text);
        }

        return await SaveItemAsync(project, itemId, cancellationToken);
    }

    private static readonly Failure ClosedRefusal =
        Failure.Conflict("The project is closed (steady state): its handover is kept as it ended. Reopen the project to change it.");

    private async Task<(Project? Project, Failure? Refusal)> LoadForChangeAsync(ProjectAccess access, CancellationToken cancellationToken)
    {
        if (!access.Can(Permission.ManageExit))
        {
            return (null, access.Can(Permission.ViewExit)
                ? Failure.Forbidden("Only the hypercare lead plans the handover.")
                : Failure.Forbidden("Your role does not see the handover."));
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        return project.Stage == ProjectStage.Closed ? (project, ClosedRefusal) : (project, null);
    }

    private static void RequireVersion(FieldErrors errors, int? version)
    {
        if (version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }
    }

    private async Task<(string? Name, string? Notes)> CheckAreaAsync(Project project, HandoverAreaRequest request, int? areaId, FieldErrors errors, CancellationToken cancellationToken)
    {
        var name = errors.Required("name", request.Name, HandoverArea.NameMaxLength);
        var notes = errors.Optional("notes", request.Notes, HandoverArea.NotesMaxLength);
        if (name is { Length: > 0 })
        {
            var key = HandoverArea.Key(name);
            if (await db.HandoverAreas.AnyAsync(a => a.ProjectId == project.Id && a.NameKey == key && a.Id != areaId, cancellationToken))
            {
                errors.Add("name", $"The handover already has an area named \"{name}\".");
            }
        }

        CheckDay(errors, "shadowFrom", request.ShadowFrom, project, required: true);
        CheckDay(errors, "reverseShadowFrom", request.ReverseShadowFrom, project, required: true);
        CheckDay(errors, "ownsFrom", request.OwnsFrom, project, required: true);
        if (request.ShadowFrom is { } shadow && request.ReverseShadowFrom is { } reverse && reverse < shadow)
        {
            errors.Add("reverseShadowFrom", $"reverseShadowFrom ({reverse:yyyy-MM-dd}) cannot come before shadowFrom ({shadow:yyyy-MM-dd}).");
        }

        if (request.ReverseShadowFrom is { } reverseFrom && request.OwnsFrom is { } owns && owns < reverseFrom)
        {
            errors.Add("ownsFrom", $"ownsFrom ({owns:yyyy-MM-dd}) cannot come before reverseShadowFrom ({reverseFrom:yyyy-MM-dd}).");
        }

        await CheckMemberAsync(errors, "contactUserId", request.ContactUserId, project.Id, cancellationToken);
        return (name, string.IsNullOrEmpty(notes) ? null : notes);
    }

    private async Task<(string? Title, string? Note)> CheckItemAsync(Project project, HandoverItemRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        var title = errors.Required("title", request.Title, HandoverItem.TitleMaxLength);
        var note = errors.Optional("note", request.Note, HandoverItem.NoteMaxLength);
        if (request.AreaId is { } areaId && !await db.HandoverAreas.AnyAsync(a => a.Id == areaId && a.ProjectId == project.Id, cancellationToken))
        {
            errors.Add("areaId", $"Area {areaId} is not an area of this project's handover.");
        }

        await CheckMemberAsync(errors, "ownerUserId", request.OwnerUserId, project.Id, cancellationToken);
        CheckDay(errors, "dueOn", request.DueOn, project, required: false);
        return (title, string.IsNullOrEmpty(note) ? null : note);
    }

    private static void CheckDay(FieldErrors errors, string field, DateOnly? day, Project project, bool required)
    {
        if (day is not { } d)
        {
            if (required)
            {
                errors.Add(field, $"{field} is required (yyyy-MM-dd).");
            }

            return;
        }

        if (Math.Abs(d.DayNumber - project.GoLiveDate.DayNumber) > DateRangeDays)
        {
            errors.Add(field, $"{field} ({d:yyyy-MM-dd}) is more than three years from go-live ({project.GoLiveDate:yyyy-MM-dd}).");
        }
    }

    private async Task CheckMemberAsync(FieldErrors errors, string field, int? userId, int projectId, CancellationToken cancellationToken)
    {
        if (userId is { } id && !await db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == id, cancellationToken))
        {
            errors.Add(field, $"User {id} is not a member of this project.");
        }
    }

    /// <summary>Saves; a concurrent change of the same row is Stale, a concurrent area of the same name a conflict on name.</summary>
    private async Task<Failure?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.Stale("handover", "reload and try again");
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("Another area of that name was added at the same moment.", "name");
        }
    }

    private async Task<Outcome<HandoverItemResponse>> SaveItemAsync(Project project, int itemId, CancellationToken cancellationToken)
    {
        if (await SaveAsync(cancellationToken) is { } conflict)
        {
            return conflict.Kind == FailureKind.Stale ? Failure.Stale("handover item", await ItemAsync(project, itemId, cancellationToken)) : conflict;
        }

        return await ItemAsync(project, itemId, cancellationToken);
    }

    private async Task<HandoverAreaResponse> AreaAsync(Project project, int areaId, CancellationToken cancellationToken) =>
        (await StatusOfAsync(project, cancellationToken)).Areas.Single(a => a.Id == areaId);

    private async Task<HandoverItemResponse> ItemAsync(Project project, int itemId, CancellationToken cancellationToken) =>
        (await StatusOfAsync(project, cancellationToken)).Items.Single(i => i.Id == itemId);
}
