namespace Hypercare.Core.Issues;

/// <summary>
/// The issue lifecycle as a pure table. New → Triaged → In progress ⇄ Waiting on reporter → Fixed → Resolved → Closed,
/// with Duplicate and Won't fix as early exits, and reopen (back to In progress) from any ended state.
/// </summary>
public static class IssueLifecycle
{
    private static readonly Dictionary<IssueStatus, IssueStatus[]> Allowed = new()
    {
        [IssueStatus.New] = [IssueStatus.Triaged, IssueStatus.Duplicate, IssueStatus.WontFix],
        [IssueStatus.Triaged] = [IssueStatus.InProgress, IssueStatus.WaitingOnReporter, IssueStatus.Fixed, IssueStatus.Resolved, IssueStatus.Duplicate, IssueStatus.WontFix],
        [IssueStatus.InProgress] = [IssueStatus.WaitingOnReporter, IssueStatus.Fixed, IssueStatus.Resolved, IssueStatus.Duplicate, IssueStatus.WontFix],
        [IssueStatus.WaitingOnReporter] = [IssueStatus.InProgress, IssueStatus.Resolved, IssueStatus.WontFix],
        [IssueStatus.Fixed] = [IssueStatus.Resolved, IssueStatus.InProgress],
        [IssueStatus.Resolved] = [IssueStatus.Closed, IssueStatus.InProgress],
        [IssueStatus.Closed] = [IssueStatus.InProgress],
        [IssueStatus.Duplicate] = [IssueStatus.InProgress],
        [IssueStatus.WontFix] = [IssueStatus.InProgress],
    };

    public static IReadOnlyList<IssueStatus> AllowedFrom(IssueStatus from) => Allowed[from];

    public static bool CanMove(IssueStatus from, IssueStatus to) => Allowed[from].Contains(to);

    /// <summary>The moves a plain transition may make: every allowed one but Triaged, which only triage reaches.</summary>
    public static IReadOnlyList<IssueStatus> MovesFrom(IssueStatus from) => Moves[from];

    private static readonly Dictionary<IssueStatus, IssueStatus[]> Moves =
        Allowed.ToDictionary(p => p.Key, p => p.Value.Where(s => s != IssueStatus.Triaged).ToArray());

    /// <summary>Ended states: the issue needs no more work unless it is reopened.</summary>
    public static bool IsEnded(IssueStatus status) =>
        status is IssueStatus.Resolved or IssueStatus.Closed or IssueStatus.Duplicate or IssueStatus.WontFix;

    /// <summary>Open means someone still owes work (Fixed counts: the fix has not reached users yet).</summary>
    public static bool IsOpen(IssueStatus status) => !IsEnded(status);

    public static IReadOnlyList<IssueStatus> OpenStatuses { get; } =
        Enum.GetValues<IssueStatus>().Where(IsOpen).ToArray();

    public static bool IsReopen(IssueStatus from, IssueStatus to) => IsEnded(from) && to == IssueStatus.InProgress;
}
