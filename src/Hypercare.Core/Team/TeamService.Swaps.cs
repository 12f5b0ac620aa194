using Hypercare.Core.Audit;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

public sealed partial class TeamService
{
    /// <summary>
    /// Rules a swap can never break, not even with the lead's approval: nobody works two shifts at once, or on time off.
    /// The others (rest, days in a row, weekly hours, after-hours, days in lieu, availability) are the lead's call.
    /// </summary>
    private static readonly HashSet<RotaBlock> HardBlocks = [RotaBlock.OnAnotherShift, RotaBlock.TimeOff];

    /// <summary>The open swaps and those of the last two weeks, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<SwapResponse>>> SwapsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var since = time.GetUtcNow().AddDays(-RotaInput.HistoryDays);
        var ids = await db.ShiftSwaps.AsNoTracking()
            .Where(w => w.ProjectId == access.ProjectId && (w.Status == SwapStatus.Offered || w.Status == SwapStatus.AwaitingApproval || w.OfferedAt >= since))
            .OrderByDescending(w => w.OfferedAt).ThenByDescending(w => w.Id).Select(w => w.Id).Take(200).ToListAsync(cancellationToken);
        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        var swaps = new List<SwapResponse>(ids.Count);
        foreach (var id in ids)
        {
            swaps.Add(await SwapResponseAsync(project, id, cancellationToken));
        }

        return swaps;
    }

    /// <summary>The person on a future shift (or the lead for them) offers it to the others of its role.</summary>
    public async Task<Outcome<SwapResponse>> OfferAsync(ProjectAccess access, int shiftId, SwapOfferRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var shift = await db.TeamShifts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shiftId && s.ProjectId == access.ProjectId, cancellationToken);
        if (shift is null)
        {
            return Failure.NotFound("Shift");
        }

        if (shift.UserId != access.Caller.UserId && !access.Can(Permission.ManageRota))
        {
            return Failure.Forbidden("Only the person on the shift (or the hypercare lead) offers it.");
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        if (IsClosed(project))
        {
            return ClosedRefusal;
        }

        var errors = new FieldErrors();
        var note = errors.Optional("note", request.Note, ShiftSwap.NoteMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (shift.UserId is not { } holder)
        {
            return Failure.Conflict("The shift is a gap: nobody holds it to offer. The lead fills it by hand.", "shiftId");
        }

        if (shift.Start <= time.GetUtcNow())
        {
            return Failure.Conflict("The shift has started; only a future shift is offered.", "shiftId");
        }

        if (await db.ShiftSwaps.AnyAsync(w => w.ShiftId == shiftId && (w.Status == SwapStatus.Offered || w.Status == SwapStatus.AwaitingApproval), cancellationToken))
        {
            return Failure.Conflict("The shift is already offered.", "shiftId");
        }

        var swap = ShiftSwap.Offer(project.Id, shiftId, holder, string.IsNullOrEmpty(note) ? null : note, time.GetUtcNow());
        db.ShiftSwaps.Add(swap);
        await db.SaveChangesAsync(cancellationToken);
        return await SwapResponseAsync(project, swap.Id, cancellationToken);
    }

    /// <summary>
    /// Another person of the shift's role takes an offered shift. If they can work it without breaking a rota rule it is
    /// theirs at once; if it breaks one, the swap waits for the lead with the rule named. Overlapping another of their
    /// shifts or falling on their time off is refused outright.
    /// </summary>
    public async Task<Outcome<SwapResponse>> TakeAsync(ProjectAccess access, int swapId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var (swap, shift, project, refusal) = await LoadSwapAsync(access, swapId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (swap!.Status != SwapStatus.Offered)
        {
            return Failure.Conflict($"The swap is {swap.Status}: only an offered shift is taken.", "status", await SwapResponseAsync(project!, swapId, cancellationToken));
        }

        var me = access.Caller.UserId;
        if (me == swap.OfferedByUserId)
        {
            return Failure.Conflict("You offered this shift; someone else of your role takes it.", "userId");
        }

        if (access.Role != shift!.Role)
        {
            return Failure.Conflict($"The shift is for {shift.Role}; it is taken by someone of that role.", "role");
        }

        var errors = new FieldErrors();
        var taker = await RosteredAsync(project!.Id, me, "userId", errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var rules = await RulesAsync(project.Id, cancellationToken);
        var check = await CheckAsync(project, rules, me, taker!.Value.Name, shift.Role, shift.Start, shift.End, shift.Id, cancellationToken);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (check.Breach is { } hard && HardBlocks.Contains(hard.Block))
        {
            return Failure.Conflict(hard.Message, hard.Field);
        }

        var now = time.GetUtcNow();
        db.Entry(swap).Property(w => w.Version).OriginalValue = swap.Version;
        swap.Take(me, check.Breach?.Message, now);
        if (check.Breach is null)
        {
            shift.HandTo(me);
        }

        return await SaveSwapAsync(project, swap, shift, check.Breach is null, cancellationToken);
    }

    /// <summary>The lead lets a swap that breaks a rule go ahead: the shift changes hands.</summary>
    public async Task<Outcome<SwapResponse>> ApproveAsync(ProjectAccess access, int swapId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead approves a swap.") : NotSeen;
        }

        var (swap, shift, project, refusal) = await LoadSwapAsync(access, swapId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (swap!.Status != SwapStatus.AwaitingApproval)
        {
            return Failure.Conflict(swap.Status == SwapStatus.Offered ? "Nobody has taken the shift yet: there is nothing to approve." : $"The swap is already {swap.Status}.",
                "status", await SwapResponseAsync(project!, swapId, cancellationToken));
        }

        var takerId = swap.TakenByUserId!.Value;
        var errors = new FieldErrors();
        var taker = await RosteredAsync(project!.Id, takerId, "takenByUserId", errors, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var check = await CheckAsync(project, await RulesAsync(project.Id, cancellationToken), takerId, taker!.Value.Name, shift!.Role, shift.Start, shift.End, shift.Id, cancellationToken);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (check.Breach is { } hard && HardBlocks.Contains(hard.Block))
        {
            return Failure.Conflict(hard.Message, hard.Field);
        }

        swap.Approve(access.Caller.UserId, time.GetUtcNow());
        shift.HandTo(takerId);
        return await SaveSwapAsync(project, swap, shift, true, cancellationToken);
    }

    /// <summary>The lead declines an open swap: the shift stays with the person who offered it.</summary>
    public async Task<Outcome<SwapResponse>> DeclineAsync(ProjectAccess access, int swapId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead declines a swap.") : NotSeen;
        }

        var swap = await db.ShiftSwaps.SingleOrDefaultAsync(w => w.Id == swapId && w.ProjectId == access.ProjectId, cancellationToken);
        if (swap is null)
        {
            return Failure.NotFound("Swap");
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        if (!swap.IsOpen)
        {
            return Failure.Conflict($"The swap is already {swap.Status}.", "status", await SwapResponseAsync(project, swapId, cancellationToken));
        }

        swap.Decline(access.Caller.UserId, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.Stale("swap", await SwapResponseAsync(project, swapId, cancellationToken));
        }

        return await SwapResponseAsync(project, swapId, cancellationToken);
    }

    private async Task<(ShiftSwap? Swap, TeamShift? Shift, Project? Project, Failure? Refusal)> LoadSwapAsync(ProjectAccess access, int swapId, CancellationToken cancellationToken)
    {
        var swap = await db.ShiftSwaps.SingleOrDefaultAsync(w => w.Id == swapId && w.ProjectId == access.ProjectId, cancellationToken);
        if (swap is null)
        {
            return (null, null, null, Failure.NotFound("Swap"));
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        if (IsClosed(project))
        {
            return (null, null, null, ClosedRefusal);
        }

        var shift = await db.TeamShifts.SingleAsync(s => s.Id == swap.ShiftId, cancellationToken);
        if (shift.UserId != swap.OfferedByUserId)
        {
            return (null, null, null, Failure.Conflict("The shift no longer belongs to the person who offered it (it was changed since).", "shiftId"));
        }

        if (shift.Start <= time.GetUtcNow())
        {
            return (null, null, null, Failure.Conflict("The shift has started; it can no longer change hands.", "shiftId"));
        }

        return (swap, shift, project, null);
    }

    private async Task<Outcome<SwapResponse>> SaveSwapAsync(Project project, ShiftSwap swap, TeamShift shift, bool handed, CancellationToken cancellationToken)
    {
        try
        {
            await SaveWithAuditAsync(() =>
            {
                if (handed)
                {
                    Audit(project.Id, I(shift.Id), AuditAction.Updated, new FieldChange("UserId", I(swap.OfferedByUserId), I(shift.UserId!.Value)),
                        new FieldChange("Source", null, nameof(ShiftSource.Swap)), new FieldChange("Swap", null, I(swap.Id)));
                }
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Failure.Stale("swap", await SwapResponseAsync(project, swap.Id, cancellationToken));
        }

        return await SwapResponseAsync(project, swap.Id, cancellationToken);
    }

    private async Task<SwapResponse> SwapResponseAsync(Project project, int swapId, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var row = await db.ShiftSwaps.AsNoTracking().Where(w => w.Id == swapId).Select(w => new
        {
            Swap = w,
            Shift = db.TeamShifts.Single(s => s.Id == w.ShiftId),
            Holder = users.Where(u => db.TeamShifts.Any(s => s.Id == w.ShiftId && s.UserId == u.Id)).Select(u => u.DisplayName).FirstOrDefault(),
            OfferedBy = users.Where(u => u.Id == w.OfferedByUserId).Select(u => u.DisplayName).Single(),
            TakenBy = users.Where(u => u.Id == w.TakenByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            DecidedBy = users.Where(u => u.Id == w.DecidedByUserId).Select(u => u.DisplayName).FirstOrDefault(),
        }).SingleAsync(cancellationToken);
        var w = row.Swap;
        return new SwapResponse(w.Id, ToResponse(row.Shift, row.Holder, project.TimeZone), new PersonRef(w.OfferedByUserId, row.OfferedBy),
            w.TakenByUserId is { } t ? new PersonRef(t, row.TakenBy ?? "") : null, w.Status, w.Note, w.RuleBreak, w.OfferedAt, w.TakenAt, w.DecidedAt,
            w.DecidedByUserId is { } d ? new PersonRef(d, row.DecidedBy ?? "") : null, w.Version);
    }
}
