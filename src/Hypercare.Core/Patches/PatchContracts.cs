namespace Hypercare.Core.Patches;

public sealed record PlanPatchRequest(DateTimeOffset? PlannedFor, string? Name = null);

/// <summary>PATCH: absent fields stay; sending releaseNotes marks them edited (generation stops overwriting them).</summary>
public sealed record UpdatePatchRequest(int? Version, string? Name = null, DateTimeOffset? PlannedFor = null, string? ReleaseNotes = null,
    bool? RegenerateReleaseNotes = null);

public sealed record AssignIssuesRequest(IReadOnlyList<int>? IssueIds);

public sealed record DeployPatchRequest(DateTimeOffset? DeployedAt = null, int? Version = null);

public sealed record SetCadenceRequest(PatchCadenceKind? Kind, string? DeployAt = null, IReadOnlyList<DayOfWeek>? Days = null,
    IReadOnlyList<DateOnly>? Dates = null);

/// <summary>One line of "what this patch fixes", in user words: a known issue's title, or a fixed issue's title when it has no known issue.</summary>
public sealed record PatchFix(string Title, int? KnownIssueId, int? IssueId);

public sealed record PatchSummary(
    int Id,
    int Number,
    string Name,
    DateTimeOffset PlannedFor,
    PatchStatus Status,
    DateTimeOffset? DeployedAt,
    string ReleaseNotes,
    bool ReleaseNotesEdited,
    int IssueCount,
    IReadOnlyList<PatchFix> Fixes,
    int Version);

public sealed record PatchIssueRow(int Id, string Title, Issues.IssueStatus Status, int? KnownIssueId, string? KnownIssueTitle);

public sealed record PatchDetail(PatchSummary Patch, IReadOnlyList<PatchIssueRow> Issues);

public sealed record CadenceResponse(int PlanPhaseId, string Phase, DateOnly Start, DateOnly End, PatchCadenceKind? Kind, TimeOnly? DeployAt,
    IReadOnlyList<DayOfWeek> Days, IReadOnlyList<DateOnly> Dates);

/// <summary>A proposed slot and the patch already planned in it, if any.</summary>
public sealed record SlotResponse(DateOnly Date, TimeOnly LocalTime, DateTimeOffset At, string Phase, int? PatchId);

public sealed record PatchPlan(IReadOnlyList<CadenceResponse> Cadences, IReadOnlyList<SlotResponse> Slots, IReadOnlyList<PatchSummary> Upcoming,
    IReadOnlyList<PatchSummary> Deployed);
