using Hypercare.Core.Issues;

namespace Hypercare.Core.Sla;

public enum TimelineEventKind
{
    /// <summary>The issue was reported; carries severity and status New.</summary>
    Reported,
    SeverityChanged,
    StatusChanged,
    OwningTeamChanged,
    /// <summary>Someone other than the reporter wrote to the issue: a first response, and an update to the reporter.</summary>
    StaffReplied,
}

/// <summary>One SLA-relevant fact about an issue. The clocks are a pure function of these events, the plan and now.</summary>
public sealed record TimelineEvent(DateTimeOffset At, TimelineEventKind Kind, Severity? Severity = null, IssueStatus? Status = null, OwningTeam? Team = null);
