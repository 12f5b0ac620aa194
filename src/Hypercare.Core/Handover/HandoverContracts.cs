using Hypercare.Core.Issues;

namespace Hypercare.Core.Handover;

/// <summary>POST creates an area; PUT replaces it (every field, with the version last read).</summary>
public sealed record HandoverAreaRequest(
    string? Name,
    DateOnly? ShadowFrom,
    DateOnly? ReverseShadowFrom,
    DateOnly? OwnsFrom,
    int? ContactUserId = null,
    string? Notes = null,
    int? Version = null);

/// <summary>POST creates a custom item; PUT replaces an item's fields (with the version last read). Done is set apart.</summary>
public sealed record HandoverItemRequest(
    string? Title,
    int? AreaId = null,
    int? OwnerUserId = null,
    DateOnly? DueOn = null,
    string? Note = null,
    int? Version = null);

/// <summary>Marks an item done (on <c>doneOn</c>, default today) or reopens it; the note replaces the item's note when given.</summary>
public sealed record HandoverDoneRequest(int? Version, DateOnly? DoneOn = null, string? Note = null);

/// <summary>
/// An area with its stage today and the evidence of how far the steady-state team has taken it: the area's open issues,
/// how many of them the project team still owns, and the rescues since reverse shadow began.
/// </summary>
public sealed record HandoverAreaResponse(
    int Id,
    string Name,
    PersonRef? Contact,
    DateOnly ShadowFrom,
    DateOnly ReverseShadowFrom,
    DateOnly OwnsFrom,
    HandoverStage Stage,
    string? Notes,
    int OpenIssues,
    IReadOnlyList<int> OpenWithProjectTeam,
    IReadOnlyList<int> RescuesSinceReverseShadow,
    int Version);

public sealed record HandoverItemResponse(
    int Id,
    string? DefaultKey,
    string Title,
    int? AreaId,
    string? AreaName,
    PersonRef? Owner,
    DateOnly? DueOn,
    DateOnly? DoneOn,
    PersonRef? DoneBy,
    string? Note,
    bool Overdue,
    bool Removable,
    int Version);

/// <summary>The handover as the Exit and Handover pages show it: areas by their shadow date, the checklist in order.</summary>
public sealed record HandoverStatus(
    DateOnly Today,
    IReadOnlyList<HandoverAreaResponse> Areas,
    IReadOnlyList<HandoverItemResponse> Items,
    int ItemsDone,
    int OpenIssues,
    int OpenIssuesWithProjectTeam,
    bool Complete);
