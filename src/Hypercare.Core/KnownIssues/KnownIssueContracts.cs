using Hypercare.Core.Issues;

namespace Hypercare.Core.KnownIssues;

public sealed record CreateKnownIssueRequest(string? Title, string? Symptoms, string? Workaround = null, string? InternalNotes = null,
    IReadOnlyList<int>? IssueIds = null);

/// <summary>PATCH: absent (null) fields stay as they are; an empty string clears workaround or internalNotes. version is required.</summary>
public sealed record UpdateKnownIssueRequest(int? Version, string? Title = null, string? Symptoms = null, string? Workaround = null,
    string? InternalNotes = null);

public sealed record KnownIssueStatusRequest(KnownIssueStatus? Status, int? PatchId = null, int? Version = null);

public sealed record LinkIssuesRequest(IReadOnlyList<int>? IssueIds);

public sealed record PublishWorkaroundRequest(int? Version = null);

/// <summary>
/// What anyone in the project (and the reports built from it) may read about a known issue: user-facing fields only.
/// Internal notes are in <see cref="KnownIssueDetail"/> for the project team, never here; <c>Workaround</c> is the
/// published workaround only (a draft not yet published is in the detail as <c>DraftWorkaround</c>).
/// </summary>
public sealed record KnownIssueSummary(
    int Id,
    string Title,
    string Symptoms,
    string? Workaround,
    KnownIssueStatus Status,
    int? PatchId,
    string? PatchName,
    DateTimeOffset? PatchPlannedFor,
    int LinkedIssues,
    int AffectedPeople,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? WorkaroundPublishedAt,
    DateTimeOffset? FixedAt);

public sealed record KnownIssueDetail(
    KnownIssueSummary KnownIssue,
    string? DraftWorkaround,
    string? InternalNotes,
    IReadOnlyList<IssueSummary> Issues,
    int Version,
    IReadOnlyList<KnownIssueStatus> AllowedStatuses);

/// <summary>A known issue suggested for a new report, with how closely it matched (0–1, higher is closer).</summary>
public sealed record KnownIssueSuggestion(int Id, string Title, string Symptoms, string? Workaround, KnownIssueStatus Status, double Score);

public sealed record KnownIssueFilter(IReadOnlyList<KnownIssueStatus>? Status = null, bool? Open = null);
