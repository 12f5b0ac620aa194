using Hypercare.Core.Audit;

namespace Hypercare.Core.Issues;

public sealed record ReportIssueRequest(
    string? Title,
    string? Description,
    string? AffectedArea = null,
    Severity? ProposedSeverity = null,
    IssueCategory? Category = null,
    int? ReporterId = null);

/// <summary>
/// PATCH: absent (null) fields stay as they are. To empty an optional field, name it in <c>clear</c>
/// (affectedArea, category, owningTeam, assigneeId). <c>version</c> is required and must match.
/// </summary>
public sealed record UpdateIssueRequest(
    int? Version,
    string? Title = null,
    string? Description = null,
    string? AffectedArea = null,
    Severity? Severity = null,
    IssueCategory? Category = null,
    OwningTeam? OwningTeam = null,
    int? AssigneeId = null,
    IReadOnlyList<string>? Clear = null);

public sealed record TransitionRequest(IssueStatus? To, string? Note = null, int? DuplicateOfId = null, int? Version = null);

public sealed record CommentRequest(string? Body);

public sealed record PersonRef(int Id, string DisplayName);

public sealed record IssueSummary(
    int Id,
    string Title,
    string? AffectedArea,
    Severity Severity,
    IssueStatus Status,
    IssueCategory? Category,
    OwningTeam? OwningTeam,
    PersonRef? Assignee,
    PersonRef Reporter,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt);

public sealed record IssueResponse(
    int Id,
    int ProjectId,
    string Title,
    string Description,
    string? AffectedArea,
    PersonRef Reporter,
    Severity ProposedSeverity,
    Severity Severity,
    IssueCategory? Category,
    IssueStatus Status,
    OwningTeam? OwningTeam,
    PersonRef? Assignee,
    int? DuplicateOfId,
    DateTimeOffset ReportedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? TriagedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? ClosedAt,
    int Version,
    IReadOnlyList<IssueStatus> AllowedTransitions);

public sealed record CommentResponse(int Id, PersonRef Author, string Body, DateTimeOffset CreatedAt);

public sealed record HistoryEntry(DateTimeOffset At, string Actor, AuditAction Action, string EntityType, IReadOnlyList<FieldChange> Changes);

public sealed record IssueDetail(
    IssueResponse Issue,
    IReadOnlyList<CommentResponse> Comments,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<IssueSummary> Duplicates,
    int AffectedPeople);

public sealed record IssueFilter(
    IReadOnlyList<IssueStatus>? Status = null,
    IReadOnlyList<Severity>? Severity = null,
    IReadOnlyList<IssueCategory>? Category = null,
    OwningTeam? OwningTeam = null,
    int? AssigneeId = null,
    int? ReporterId = null,
    bool? Open = null,
    string? Q = null,
    bool? Unowned = null,
    IssueSort Sort = IssueSort.Newest,
    int Page = 1,
    int PageSize = 25);

public enum IssueSort
{
    Newest,
    Oldest,
    Severity,
    Updated,
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int TotalPages => TotalCount == 0 ? 0 : (TotalCount + PageSize - 1) / PageSize;
}
