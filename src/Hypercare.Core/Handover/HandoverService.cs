using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Handover;

/// <summary>
/// The handover to the steady-state team: the areas and their shadow → reverse shadow → steady-state-owns dates, with
/// the evidence of each area's open issues and rescues, and the checklist (HandoverService.Writes.cs changes them).
/// </summary>
public sealed partial class HandoverService(HypercareDbContext db, TimeProvider time)
{
    public async Task<Outcome<HandoverStatus>> StatusAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewExit))
        {
            return Failure.Forbidden("Your role does not see the handover.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        return await StatusOfAsync(project, cancellationToken);
    }

    private async Task<HandoverStatus> StatusOfAsync(Project project, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = LocalDays.Today(now, project.TimeZoneId);
        var users = db.Users.AsNoTracking();
        var areas = await db.HandoverAreas.AsNoTracking().Where(a => a.ProjectId == project.Id)
            .OrderBy(a => a.ShadowFrom).ThenBy(a => a.NameKey)
            .Select(a => new { Area = a, Contact = users.Where(u => u.Id == a.ContactUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleOrDefault() })
            .ToListAsync(cancellationToken);

        var open = IssueLifecycle.OpenStatuses.ToArray();
        var openIssues = await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id && open.Contains(i.Status))
            .Select(i => new { i.Id, i.AffectedArea, i.OwningTeam }).ToListAsync(cancellationToken);
        var openByArea = openIssues.ToLookup(i => HandoverArea.Key(i.AffectedArea));

        var rescues = new List<(int IssueId, DateTimeOffset At, string Key)>();
        if (areas.Count > 0)
        {
            var since = LocalDays.StartOf(areas.Min(a => a.Area.ReverseShadowFrom), project.TimeZoneId);
            rescues = [.. (await db.Handoffs.AsNoTracking().Where(h => h.ProjectId == project.Id && h.IsRescue && h.At >= since && h.At <= now)
                .Select(h => new { h.IssueId, h.At, Area = db.Issues.Where(i => i.Id == h.IssueId).Select(i => i.AffectedArea).Single() })
                .ToListAsync(cancellationToken)).Select(r => (r.IssueId, r.At, HandoverArea.Key(r.Area)))];
        }

        var areaResponses = areas.Select(x =>
        {
            var a = x.Area;
            var inArea = openByArea[a.NameKey].ToList();
            var from = LocalDays.StartOf(a.ReverseShadowFrom, project.TimeZoneId);
            return new HandoverAreaResponse(a.Id, a.Name, x.Contact, a.ShadowFrom, a.ReverseShadowFrom, a.OwnsFrom, a.StageOn(today), a.Notes, inArea.Count,
                [.. inArea.Where(i => i.OwningTeam != OwningTeam.SteadyStateTeam).Select(i => i.Id).Order()],
                [.. rescues.Where(r => r.Key == a.NameKey && r.At >= from).OrderBy(r => r.At).Select(r => r.IssueId)],
                a.Version);
        }).ToList();

        var names = areas.ToDictionary(a => a.Area.Id, a => a.Area.Name);
        var items = (await db.HandoverItems.AsNoTracking().Where(i => i.ProjectId == project.Id).OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new
            {
                Item = i,
                Owner = users.Where(u => u.Id == i.OwnerUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleOrDefault(),
                DoneBy = users.Where(u => u.Id == i.DoneByUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleOrDefault(),
            }).ToListAsync(cancellationToken))
            .Select(x => new HandoverItemResponse(x.Item.Id, x.Item.DefaultKey, x.Item.Title, x.Item.AreaId,
                x.Item.AreaId is { } areaId ? names.GetValueOrDefault(areaId) : null, x.Owner, x.Item.DueOn, x.Item.DoneOn, x.DoneBy, x.Item.Note,
                x.Item.DoneOn is null && x.Item.DueOn < today, x.Item.DefaultKey is null, x.Item.Version))
            .ToList();

        var done = items.Count(i => i.DoneOn is not null);
        return new HandoverStatus(today, areaResponses, items, done, openIssues.Count, openIssues.Count(i => i.OwningTeam != OwningTeam.SteadyStateTeam),
            done == items.Count && areaResponses.All(a => a.Stage == HandoverStage.SteadyStateOwns));
    }

    /// <summary>
    /// What keeps the handover from being complete on <paramref name="today"/>: each checklist item not done (with its owner
    /// and due day) and each area the steady-state team does not own yet. Empty: complete. Read by the exit rule.
    /// </summary>
    internal static async Task<List<string>> GapsAsync(HypercareDbContext db, int projectId, DateOnly today, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var items = await db.HandoverItems.AsNoTracking().Where(i => i.ProjectId == projectId && i.DoneOn == null).OrderBy(i => i.Position).ThenBy(i => i.Id)
            .Select(i => new { i.Title, i.DueOn, Owner = users.Where(u => u.Id == i.OwnerUserId).Select(u => u.DisplayName).SingleOrDefault() })
            .ToListAsync(cancellationToken);
        var areas = await db.HandoverAreas.AsNoTracking().Where(a => a.ProjectId == projectId && a.OwnsFrom > today).OrderBy(a => a.OwnsFrom)
            .Select(a => new { a.Name, a.ShadowFrom, a.ReverseShadowFrom, a.OwnsFrom }).ToListAsync(cancellationToken);
        return
        [
            .. items.Select(i => $"Checklist: {i.Title} is not done ({(i.Owner is null ? "no owner" : $"owner {i.Owner}")}"
                + (i.DueOn is { } due ? $", {(due < today ? "overdue since" : "due")} {due:yyyy-MM-dd})" : ")")),
            .. areas.Select(a => $"Area {a.Name}: {HandoverArea.StageOn(today, a.ShadowFrom, a.ReverseShadowFrom, a.OwnsFrom).Label()}; the steady-state team owns it from {a.OwnsFrom:yyyy-MM-dd}"),
        ];
    }
}
