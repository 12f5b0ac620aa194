using Hypercare.Core.Issues;

namespace Hypercare.Core.Triage;

/// <summary>An explicit hand-over of an issue between the project team and the steady-state team.</summary>
public sealed class Handoff
{
    public const int NoteMaxLength = 2000;

    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int IssueId { get; private set; }

    public OwningTeam? FromTeam { get; private set; }

    public OwningTeam ToTeam { get; private set; }

    public int ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Note { get; private set; } = "";

    /// <summary>The project team took back an issue the steady-state team owned: the exit criteria count these.</summary>
    public bool IsRescue { get; private set; }

    public static Handoff Record(Issue issue, OwningTeam to, int byUserId, string note, DateTimeOffset now) => new()
    {
        ProjectId = issue.ProjectId,
        IssueId = issue.Id,
        FromTeam = issue.OwningTeam,
        ToTeam = to,
        ByUserId = byUserId,
        At = now,
        Note = note,
        IsRescue = issue.OwningTeam == OwningTeam.SteadyStateTeam && to == OwningTeam.ProjectTeam,
    };
}

/// <summary>A triage meeting: when, who facilitated, who attended, and (through decisions) what was triaged.</summary>
public sealed class TriageSession
{
    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int FacilitatorId { get; private set; }

    public List<int> AttendeeIds { get; set; } = [];

    public static TriageSession Start(int projectId, int facilitatorId, IEnumerable<int> attendees, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        FacilitatorId = facilitatorId,
        AttendeeIds = [.. attendees.Append(facilitatorId).Distinct().Order()],
        StartedAt = now,
    };
}

/// <summary>One triage decision: severity confirmed or changed (with the reason), category, team, assignee.</summary>
public sealed class TriageDecision
{
    public const int ReasonMaxLength = 1000;

    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int IssueId { get; private set; }

    public int? SessionId { get; private set; }

    public int DecidedBy { get; private set; }

    public DateTimeOffset At { get; private set; }

    public Severity ProposedSeverity { get; private set; }

    public Severity Severity { get; private set; }

    public string? Reason { get; private set; }

    public IssueCategory Category { get; private set; }

    public OwningTeam OwningTeam { get; private set; }

    public int AssigneeId { get; private set; }

    public static TriageDecision Record(Issue issue, int? sessionId, int decidedBy, string? reason, DateTimeOffset now) => new()
    {
        ProjectId = issue.ProjectId,
        IssueId = issue.Id,
        SessionId = sessionId,
        DecidedBy = decidedBy,
        At = now,
        ProposedSeverity = issue.ProposedSeverity,
        Severity = issue.Severity,
        Reason = reason,
        Category = issue.Category!.Value,
        OwningTeam = issue.OwningTeam!.Value,
        AssigneeId = issue.AssigneeId!.Value,
    };
}
