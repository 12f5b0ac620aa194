namespace Hypercare.Core.Sla;

public enum AlertKind
{
    ResponseWarning,
    ResponseBreach,
    ResolutionWarning,
    ResolutionBreach,
    UpdateWarning,
    UpdateBreach,
    Untriaged,
}

/// <summary>
/// A warning or breach that has fired. The unique key (issue, kind, threshold, cycle) is what makes each fire exactly
/// once, however often the sweep runs and on however many nodes: a second insert is refused by the database.
/// </summary>
public sealed class SlaAlert
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int IssueId { get; private set; }

    public AlertKind Kind { get; private set; }

    /// <summary>Percent of the target used (50, 75, 100 = breach); for untriaged alerts, minutes waited.</summary>
    public int Threshold { get; private set; }

    /// <summary>When the clock (or the update cycle) started: a reopened or re-updated issue can warn again.</summary>
    public DateTimeOffset CycleStart { get; private set; }

    /// <summary>When the threshold was crossed (not when the sweep noticed).</summary>
    public DateTimeOffset CrossedAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static SlaAlert Fire(int projectId, int issueId, AlertKind kind, int threshold, DateTimeOffset cycleStart, DateTimeOffset crossedAt, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        IssueId = issueId,
        Kind = kind,
        Threshold = threshold,
        CycleStart = cycleStart,
        CrossedAt = crossedAt,
        RecordedAt = now,
    };

    public bool IsBreach => Kind is AlertKind.ResponseBreach or AlertKind.ResolutionBreach or AlertKind.UpdateBreach;
}
