using Hypercare.Core.People;
using Hypercare.Core.Triage;

namespace Hypercare.Core.Issues;

/// <summary>
/// A reported issue. Its fields change only through the methods below, each of which keeps one rule: Triaged is
/// reached only by <see cref="Triage"/> (severity, category, owning team and assignee in one step); a triaged issue
/// always has a category and an owning team; every change of owning team is a <see cref="Handoff"/>.
/// </summary>
public sealed class Issue : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int AreaMaxLength = 200;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The affected area or feature, in the reporter's words ("Quotes", "Lead conversion").</summary>
    public string? AffectedArea { get; private set; }

    public int ReporterId { get; private set; }

    public User? Reporter { get; private set; }

    /// <summary>What the reporter thought; kept so triage can show where it disagreed.</summary>
    public Severity ProposedSeverity { get; private set; }

    public Severity Severity { get; private set; }

    public IssueCategory? Category { get; private set; }

    public IssueStatus Status { get; private set; }

    public OwningTeam? OwningTeam { get; private set; }

    public int? AssigneeId { get; private set; }

    public User? Assignee { get; private set; }

    public int? DuplicateOfId { get; private set; }

    public DateTimeOffset ReportedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

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

    /// <summary>Triage: severity confirmed or changed, category, owning team and assignee set, and the issue Triaged, in one step.</summary>
    public string? Triage(Severity severity, IssueCategory category, OwningTeam team, int assigneeId, DateTimeOffset now)
    {
        if (Status != IssueStatus.New)
        {
            return $"Issue #{Id} is already {Status.Label()}; triage takes New issues.";
        }

        Severity = severity;
        Category = category;
        OwningTeam = team;
        AssigneeId = assigneeId;
        Status = IssueStatus.Triaged;
        TriagedAt ??= now;
        UpdatedAt = now;
        return null;
    }

    /// <summary>The reporter's words: title, description and affected area.</summary>
    public void Edit(string title, string description, string? area, DateTimeOffset now)
    {
        if (title == Title && description == Description && area == AffectedArea)
        {
            return;
        }

        Title = title;
        Description = description;
        AffectedArea = area;
        UpdatedAt = now;
    }

    /// <summary>Severity and category; a triaged issue keeps a category (it is what triage decided).</summary>
    public string? Classify(Severity severity, IssueCategory? category, DateTimeOffset now)
    {
        if (category is null && Status != IssueStatus.New)
        {
            return $"Issue #{Id} is {Status.Label()}: a triaged issue keeps its category; choose another instead of clearing it.";
        }

        if (severity == Severity && category == Category)
        {
            return null;
        }

        Severity = severity;
        Category = category;
        UpdatedAt = now;
        return null;
    }

    public void Assign(int? assigneeId, DateTimeOffset now)
    {
        if (assigneeId != AssigneeId)
        {
            AssigneeId = assigneeId;
            UpdatedAt = now;
        }
    }

    /// <summary>
    /// Gives the issue to the other team (and, when named, to one of its members). The only way the owning team
    /// changes after triage: the returned record is the hand-over, a rescue when the project team takes an issue
    /// back from the steady-state team. The caller stores it with the issue.
    /// </summary>
    public Handoff HandOver(OwningTeam to, int? assigneeId, int byUserId, string note, DateTimeOffset now)
    {
        if (to == OwningTeam)
        {
            throw new InvalidOperationException($"Issue #{Id} is already owned by the {to.Label()}.");
        }

        var handoff = Handoff.Record(this, to, byUserId, note, now);
        OwningTeam = to;
        AssigneeId = assigneeId;
        UpdatedAt = now;
        return handoff;
    }

    /// <summary>Something happened on the issue (a comment, a link) that makes it recently updated.</summary>
    public void Touch(DateTimeOffset now) => UpdatedAt = now;

    /// <summary>
    /// Moves the issue, or says why it may not move. Duplicate needs the original's id. Triaged is not a move: it is
    /// reached only through <see cref="Triage"/>, which records what triage decided.
    /// </summary>
    public string? TransitionTo(IssueStatus to, DateTimeOffset now, int? duplicateOfId = null)
    {
        var allowed = string.Join(", ", IssueLifecycle.MovesFrom(Status).Select(s => s.Label()));
        if (to == IssueStatus.Triaged && IssueLifecycle.CanMove(Status, to))
        {
            return $"An issue becomes Triaged only through triage, which sets its severity, category, owning team and assignee. From {Status.Label()} it can move to: {allowed}.";
        }

        if (!IssueLifecycle.CanMove(Status, to))
        {
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
