using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Standups;

/// <summary>A change of the standup schedule: time "HH:mm" in the project's zone, length, invited roles; left out keeps its value.</summary>
public sealed record StandupScheduleRequest(string? Time = null, int? DurationMinutes = null, IReadOnlyList<string>? AttendeeRoles = null,
    bool? SendInvitations = null, int? Version = null);

public sealed record StandupSeriesResponse(int PhaseId, string PhaseName, StandupCadence Cadence, DateOnly First, DateOnly Last, IReadOnlyList<DayOfWeek> Days,
    IReadOnlyList<DateOnly> Skipped, int? Sequence, DateTimeOffset? InvitedAt);

/// <summary>The schedule, the series it makes of the plan, the next standups and who is invited. <see cref="Saved"/> false: defaults, not yet saved.</summary>
public sealed record StandupScheduleResponse(string TimeZoneId, string Time, int DurationMinutes, IReadOnlyList<ProjectRole> AttendeeRoles, bool SendInvitations,
    bool Saved, int Version, IReadOnlyList<StandupSeriesResponse> Series, IReadOnlyList<StandupOccurrence> Upcoming, IReadOnlyList<PersonRef> Attendees);

public sealed record ActionItemRequest(string? Text = null, int? OwnerUserId = null, DateOnly? DueOn = null);

/// <summary>The minutes of the standup held on a local day (default today): notes, decisions, action items.</summary>
public sealed record StandupMinutesRequest(DateOnly? HeldOn = null, string? Notes = null, IReadOnlyList<string>? Decisions = null,
    IReadOnlyList<ActionItemRequest>? ActionItems = null);

public sealed record ActionItemResponse(int Id, int MinutesId, DateOnly RaisedOn, string Text, PersonRef Owner, DateOnly DueOn, bool Overdue,
    DateTimeOffset? DoneAt, PersonRef? DoneBy, int Version);

public sealed record StandupMinutesResponse(int Id, DateOnly HeldOn, string Notes, IReadOnlyList<string> Decisions, PersonRef RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<ActionItemResponse> ActionItems);

/// <summary>Marks an action item done; send the version last read.</summary>
public sealed record ActionItemDoneRequest(int? Version = null);

public sealed record AgendaIssue(int Id, string Title, Severity Severity, IssueStatus Status, DateTimeOffset ReportedAt, bool Assigned);

public sealed record AgendaRisk(int IssueId, string Title, Severity Severity, string Clock, DateTimeOffset DueAt);

public sealed record AgendaKnownIssue(int Id, string Title, KnownIssueStatus Status, bool IsNew, bool WorkaroundPublished);

public sealed record AgendaPatch(string Name, DateTimeOffset PlannedFor, IReadOnlyList<string> Riding);

public sealed record AgendaExit(int RulesMet, int Rules, IReadOnlyList<string> Unmet, DateOnly? PlannedEnd, string Forecast);

public sealed record AgendaDuty(string? Person, ProjectRole Role, DateTimeOffset Start, DateTimeOffset End, string LocalStart, string LocalEnd, string? Gap);

/// <summary>
/// What the next standup goes through (docs/standups.md): everything since the previous standup began, the open risks,
/// who is on duty the next 24 hours and the action items still open.
/// </summary>
public sealed record StandupAgenda(
    string ProjectName,
    string TimeZoneId,
    DateTimeOffset GeneratedAt,
    DateTimeOffset Since,
    StandupOccurrence? Next,
    IReadOnlyList<AgendaIssue> NewSevere,
    IReadOnlyList<AgendaRisk> Breached,
    IReadOnlyList<AgendaRisk> AtRisk,
    int Untriaged,
    DateTimeOffset? OldestUntriagedAt,
    IReadOnlyList<AgendaKnownIssue> KnownIssues,
    AgendaPatch? NextPatch,
    IReadOnlyList<string> AdoptionFlags,
    AgendaExit? Exit,
    IReadOnlyList<string> BurnoutFlags,
    IReadOnlyList<AgendaDuty> OnDuty,
    IReadOnlyList<ActionItemResponse> OpenActions);
