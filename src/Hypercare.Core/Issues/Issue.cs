using Hypercare.Core.People;

namespace Hypercare.Core.Issues;

public sealed class Issue : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int AreaMaxLength = 200;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The affected area or feature, in the reporter's words ("Quotes", "Lead conversion").</summary>
    public string? AffectedArea { get; set; }

    public int ReporterId { get; private set; }

    public User? Reporter { get; private set; }

    /// <summary>What the reporter thought; kept so triage can show where it disagreed.</summary>
    public Severity ProposedSeverity { get; private set; }

    public Severity Severity { get; set; }

    public IssueCategory? Category { get; set; }

    public IssueStatus Status { get; private set; }

    public OwningTeam? OwningTeam { get; set; }

    public int? AssigneeId { get; set; }

    public User? Assignee { get; private set; }

    public int? DuplicateOfId { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? TriagedAt { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Stored SLA state, kept equal to the clocks computed from the timeline, so SQL can find what is at risk.</summary>
    public DateTimeOffset? ResponseDueAt { get; set; }

    public DateTimeOffset? ResolutionDueAt { get; set; }

    public DateTimeOffset? UpdateDueAt { get; set; }

    public bool SlaPaused { get; set; }

    public bool ResponseBreached { get; set; }

    public bool ResolutionBreached { get; set; }

    public int Version { get; set; }

    public List<IssueComment> Comments { get; } = [];

    public static Issue Report(int projectId, int reporterId, string title, string description, string? area,
        Severity proposed, IssueCategory? category, DateTimeOffset now) => new()
        {
            ProjectId = projectId,
            ReporterId = reporterId,
            Title = title,
            Description = description,
            AffectedArea = area,
            ProposedSeverity = proposed,
            Severity = proposed,
            Category = category,
            Status = IssueStatus.New,
            ReportedAt = now,
            UpdatedAt = now,
        };

    /// <summary>Moves the issue, or says why it may not move. Duplicate needs the original's id.</summary>
    public string? TransitionTo(IssueStatus to, DateTimeOffset now, int? duplicateOfId = null)
    {
        if (!IssueLifecycle.CanMove(Status, to))
        {
            var allowed = string.Join(", ", IssueLifecycle.AllowedFrom(Status).Select(s => s.Label()));
            return $"An issue that is {Status.Label()} cannot move to {to.Label()}. From {Status.Label()} it can move to: {allowed}.";
        }

        if (to == IssueStatus.Duplicate)
        {
            if (duplicateOfId is null)
            {
                return "Marking an issue as a duplicate needs the original issue (duplicateOfId).";
            }

            if (duplicateOfId == Id)
            {
                return "An issue cannot be a duplicate of itself.";
            }

            DuplicateOfId = duplicateOfId;
        }
        else if (IssueLifecycle.IsReopen(Status, to))
        {
            DuplicateOfId = null;
            ResolvedAt = null;
            ClosedAt = null;
        }

        switch (to)
        {
            case IssueStatus.Triaged:
                TriagedAt ??= now;
                break;
            case IssueStatus.Resolved or IssueStatus.Duplicate or IssueStatus.WontFix:
                ResolvedAt = now;
                break;
            case IssueStatus.Closed:
                ClosedAt = now;
                break;
        }

        Status = to;
        UpdatedAt = now;
        return null;
    }
}
