using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>
/// One place on one shift: <see cref="UserId"/> is who holds it, null for a gap. <see cref="Date"/> is the local day the
/// shift starts on (the day it counts for: days in a row, ISO week). <see cref="Hours"/> is real elapsed time: a shift
/// over the spring-forward gap is an hour shorter than its wall-clock times say, one over the fall-back hour an hour
/// longer, and that is what counts toward <see cref="RotaRules.MaxHoursPerWeek"/>.
/// </summary>
public sealed record RotaShift(
    DateOnly Date,
    DateTimeOffset Start,
    DateTimeOffset End,
    ProjectRole Role,
    int? UserId,
    string? Phase,
    bool IsFixed,
    bool IsAfterHours,
    bool IsWeekend,
    bool IsNight)
{
    public double Hours => (End - Start).TotalHours;
}

/// <summary>Why a candidate could not take a shift; the first rule in this order that stopped them is the one counted.</summary>
public enum RotaBlock
{
    TimeOff,
    Unavailable,
    OnAnotherShift,
    DayInLieu,
    MinRest,
    MaxConsecutiveDays,
    MaxHoursPerWeek,
    MaxAfterHoursShifts,
    /// <summary>The shift would earn a day in lieu on a day the person already works (a locked shift).</summary>
    LieuDayTaken,
}

public sealed record GapReason(RotaBlock Block, int People);

/// <summary>A place nobody could take without breaking a rule, with how many of the role's people each rule stopped.</summary>
public sealed record RotaGap(RotaShift Shift, string Reason, IReadOnlyList<GapReason> Blocked);

/// <summary>A person's ISO week (Monday start, project zone): real hours and shifts that start in it.</summary>
public sealed record RotaWeek(DateOnly WeekStart, int IsoYear, int IsoWeek, double Hours, int Shifts, int AfterHoursShifts);

public sealed record RotaPersonTotals(
    int UserId,
    string DisplayName,
    ProjectRole Role,
    double Hours,
    int Shifts,
    int AfterHoursShifts,
    int WeekendShifts,
    int NightShifts,
    IReadOnlyList<DateOnly> DaysInLieu,
    IReadOnlyList<RotaWeek> Weeks)
{
    public int DaysInLieuGranted => DaysInLieu.Count;
}

/// <summary>
/// Schedule quality, after Grafana OnCall's: <see cref="Score"/> = 100 × (coverage + balance) / 2, i.e. 100 minus 50 ×
/// the share of required hours left as gaps minus 50 × the imbalance. Coverage = filled / required place-hours.
/// Balance per role = the mean over every pair of the role's eligible people of min(hours) / max(hours) (1 for a pair
/// with no hours, 1 for a role with fewer than two eligible people); roles are weighted by their required hours.
/// Eligible: could take at least one of the role's shifts by availability and time off. A rota that covers nothing scores 0.
/// </summary>
public sealed record RotaQuality(
    double Score,
    double Coverage,
    double Balance,
    IReadOnlyDictionary<ProjectRole, double> BalanceByRole,
    double RequiredHours,
    double GapHours);

/// <summary>The generated rota: every place (held or a gap) in time order, the gaps with reasons, each person's totals.</summary>
public sealed record RotaResult(
    IReadOnlyList<RotaShift> Shifts,
    IReadOnlyList<RotaGap> Gaps,
    IReadOnlyList<RotaPersonTotals> People,
    RotaQuality Quality);
