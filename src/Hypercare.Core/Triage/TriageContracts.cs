using Hypercare.Core.Issues;

namespace Hypercare.Core.Triage;

/// <summary>One triage decision in one step. A severity that differs from the reporter's needs a reason.</summary>
public sealed record TriageRequest(
    Severity? Severity,
    IssueCategory? Category,
    OwningTeam? OwningTeam,
    int? AssigneeId = null,
    bool AutoAssign = false,
    string? Reason = null,
    int? SessionId = null,
    int? Version = null);

public sealed record HandoffRequest(OwningTeam? ToTeam, string? Note, int? AssigneeId = null, bool AutoAssign = false);

public sealed record QueueItem(IssueSummary Issue, Severity ProposedSeverity, TimeSpan WaitingFor, DateTimeOffset? ResponseDueAt, TimeSpan? ResponseLeft, bool OverUntriagedLimit);

public sealed record TriageQueue(IReadOnlyList<QueueItem> Items, int Total, DateTimeOffset? NextSessionAt, int? OpenSessionId);

public sealed record StartSessionRequest(IReadOnlyList<int>? AttendeeIds);

public sealed record SessionResponse(int Id, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, PersonRef Facilitator, IReadOnlyList<PersonRef> Attendees,
    IReadOnlyList<DecisionResponse> Decisions);

public sealed record DecisionResponse(long Id, int IssueId, string IssueTitle, PersonRef DecidedBy, DateTimeOffset At, Severity ProposedSeverity,
    Severity Severity, string? Reason, IssueCategory Category, OwningTeam OwningTeam, int AssigneeId);

public sealed record HandoffResponse(long Id, int IssueId, OwningTeam? FromTeam, OwningTeam ToTeam, PersonRef By, DateTimeOffset At, string Note, bool IsRescue);
