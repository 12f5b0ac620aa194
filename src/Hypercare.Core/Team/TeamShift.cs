using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>Where a shift came from: the generator, a lead's hand, or a swap between two people.</summary>
public enum ShiftSource
{
    Generated,
    Manual,
    Swap,
}

/// <summary>
/// One place on one shift of a project's rota: who holds it (<see cref="UserId"/>; null for a gap the generator could
/// not fill, with the reason), the role it is for and its instants (UTC). A generated shift is replaced when the rota
/// is generated again; a manual or swapped one stays and is locked for the generator.
/// </summary>
public sealed class TeamShift : IVersioned
{
    public const int PhaseMaxLength = 80;
    public const int GapReasonMaxLength = 500;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int? UserId { get; private set; }

    public ProjectRole Role { get; private set; }

    public DateTimeOffset Start { get; private set; }

    public DateTimeOffset End { get; private set; }

    public ShiftSource Source { get; private set; }

    /// <summary>The plan phase the shift came from; null for a manual shift outside the generated ones.</summary>
    public string? Phase { get; private set; }

    /// <summary>Why nobody holds the shift: the generator's reason, or what emptied it (time off taken after it was rostered).</summary>
    public string? GapReason { get; private set; }

    public bool IsAfterHours { get; private set; }

    public bool IsWeekend { get; private set; }

    public bool IsNight { get; private set; }

    public int Version { get; set; }

    public bool IsGap => UserId is null;

    public double Hours => (End - Start).TotalHours;

    public static TeamShift Generated(int projectId, RotaShift shift, string? gapReason) => new()
    {
        ProjectId = projectId,
        UserId = shift.UserId,
        Role = shift.Role,
        Start = shift.Start,
        End = shift.End,
        Source = ShiftSource.Generated,
        Phase = shift.Phase,
        GapReason = shift.UserId is null ? Truncate(gapReason) : null,
        IsAfterHours = shift.IsAfterHours,
        IsWeekend = shift.IsWeekend,
        IsNight = shift.IsNight,
    };

    internal static TeamShift Manual(int projectId, int userId, ProjectRole role, ShiftFacts facts) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        Role = role,
        Start = facts.Start,
        End = facts.End,
        Source = ShiftSource.Manual,
        IsAfterHours = facts.IsAfterHours,
        IsWeekend = facts.IsWeekend,
        IsNight = facts.IsNight,
    };

    /// <summary>A lead puts someone on a gap by hand.</summary>
    public void Fill(int userId)
    {
        UserId = userId;
        Source = ShiftSource.Manual;
        GapReason = null;
    }

    /// <summary>The shift changes hands through a swap.</summary>
    public void HandTo(int userId)
    {
        UserId = userId;
        Source = ShiftSource.Swap;
        GapReason = null;
    }

    /// <summary>Its holder can no longer work it (time off): it stays on the rota as a gap until someone fills it.</summary>
    public void Vacate(string reason)
    {
        UserId = null;
        GapReason = Truncate(reason);
    }

    private static string? Truncate(string? text) => text is { Length: > GapReasonMaxLength } ? text[..GapReasonMaxLength] : text;
}

public enum SwapStatus
{
    /// <summary>The holder offers the shift; nobody has taken it yet.</summary>
    Offered,
    /// <summary>Someone took it, but working it would break a rota rule: the lead decides.</summary>
    AwaitingApproval,
    /// <summary>The shift changed hands (automatically when no rule broke, else by the lead).</summary>
    Approved,
    Declined,
}

/// <summary>
/// A shift offered by its holder and taken by another person of the same role. When the taker can work it without
/// breaking a rule the swap is approved at once; otherwise it waits for the hypercare lead, with the rule it breaks.
/// </summary>
public sealed class ShiftSwap : IVersioned
{
    public const int NoteMaxLength = 500;
    public const int RuleBreakMaxLength = 500;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int ShiftId { get; private set; }

    public int OfferedByUserId { get; private set; }

    public int? TakenByUserId { get; private set; }

    public SwapStatus Status { get; private set; }

    public string? Note { get; private set; }

    /// <summary>The rule the taker would break by working the shift; why the lead must approve.</summary>
    public string? RuleBreak { get; private set; }

    public DateTimeOffset OfferedAt { get; private set; }

    public DateTimeOffset? TakenAt { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The lead who approved or declined; null when the swap was approved automatically.</summary>
    public int? DecidedByUserId { get; private set; }

    public int Version { get; set; }

    public bool IsOpen => Status is SwapStatus.Offered or SwapStatus.AwaitingApproval;

    public static ShiftSwap Offer(int projectId, int shiftId, int byUserId, string? note, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        ShiftId = shiftId,
        OfferedByUserId = byUserId,
        Note = note,
        Status = SwapStatus.Offered,
        OfferedAt = now,
    };

    /// <summary>Taken: approved at once when <paramref name="ruleBreak"/> is null, else waiting for the lead.</summary>
    public void Take(int userId, string? ruleBreak, DateTimeOffset now)
    {
        TakenByUserId = userId;
        TakenAt = now;
        RuleBreak = ruleBreak is { Length: > RuleBreakMaxLength } ? ruleBreak[..RuleBreakMaxLength] : ruleBreak;
        Status = ruleBreak is null ? SwapStatus.Approved : SwapStatus.AwaitingApproval;
        DecidedAt = ruleBreak is null ? now : null;
    }

    public void Approve(int leadUserId, DateTimeOffset now)
    {
        Status = SwapStatus.Approved;
        DecidedByUserId = leadUserId;
        DecidedAt = now;
    }

    public void Decline(int leadUserId, DateTimeOffset now)
    {
        Status = SwapStatus.Declined;
        DecidedByUserId = leadUserId;
        DecidedAt = now;
    }
}
