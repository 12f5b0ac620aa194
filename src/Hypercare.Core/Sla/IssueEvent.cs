using Hypercare.Core.Issues;

namespace Hypercare.Core.Sla;

/// <summary>A stored <see cref="TimelineEvent"/>: the SLA-relevant history of an issue, appended as it happens.</summary>
public sealed class IssueEvent
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int IssueId { get; private set; }

    /// <summary>Set when recorded, so the event of a just-reported issue gets its id when both are saved.</summary>
    public Issue? Issue { get; private set; }

    public DateTimeOffset At { get; private set; }

    public TimelineEventKind Kind { get; private set; }

    public Severity? Severity { get; private set; }

    public IssueStatus? Status { get; private set; }

    public OwningTeam? Team { get; private set; }

    public static IssueEvent Record(Issue issue, TimelineEvent e) => new()
    {
        ProjectId = issue.ProjectId,
        IssueId = issue.Id,
        Issue = issue,
        At = e.At,
        Kind = e.Kind,
        Severity = e.Severity,
        Status = e.Status,
        Team = e.Team,
    };

    public TimelineEvent ToTimeline() => new(At, Kind, Severity, Status, Team);
}
