using Hypercare.Core.Issues;

namespace Hypercare.Core.Projects;

public sealed record CreateProjectRequest(
    string? Name,
    string? SystemName,
    DateOnly? GoLiveDate,
    DateOnly? PlannedEndDate,
    string? TimeZoneId,
    string? Sev1Definition = null,
    string? Sev2Definition = null,
    string? Sev3Definition = null);

/// <summary>PATCH: absent (null) fields stay as they are; <c>version</c> is required and must match.</summary>
public sealed record UpdateProjectRequest(
    int? Version,
    string? Name = null,
    string? SystemName = null,
    DateOnly? GoLiveDate = null,
    DateOnly? PlannedEndDate = null,
    string? TimeZoneId = null,
    string? Sev1Definition = null,
    string? Sev2Definition = null,
    string? Sev3Definition = null,
    IReadOnlyList<DateOnly>? Holidays = null,
    IReadOnlyList<int>? WarningThresholds = null,
    int? UntriagedAlertMinutes = null);

public sealed record SeverityDefinitions(string Sev1, string Sev2, string Sev3);

public sealed record ProjectResponse(
    int Id,
    string Name,
    string SystemName,
    DateOnly GoLiveDate,
    DateOnly? PlannedEndDate,
    string TimeZoneId,
    SeverityDefinitions SeverityDefinitions,
    DateTimeOffset CreatedAt,
    int Version,
    ProjectRole? MyRole,
    IReadOnlyList<DateOnly> Holidays,
    IReadOnlyList<int> WarningThresholds,
    int UntriagedAlertMinutes,
    Exit.ProjectStage Stage);

public sealed record ProjectListItem(int Id, string Name, string SystemName, DateOnly GoLiveDate, DateOnly? PlannedEndDate, ProjectRole? MyRole, int OpenIssues);

public sealed record AddMemberRequest(int? UserId, string? Email, ProjectRole? Role);

public sealed record ChangeMemberRequest(ProjectRole? Role);

public sealed record MemberResponse(int UserId, string Email, string DisplayName, ProjectRole Role, DateTimeOffset AddedAt);

public sealed record CountBy<TKey>(TKey Key, int Count);

public sealed record SeverityStatusCount(Severity Severity, IssueStatus Status, int Count);

public sealed record DashboardResponse(
    int ProjectId,
    int OpenIssues,
    int ReportedToday,
    IReadOnlyList<SeverityStatusCount> OpenBySeverityAndStatus,
    IReadOnlyList<CountBy<Severity>> OpenBySeverity,
    IReadOnlyList<CountBy<IssueStatus>> ByStatus,
    IReadOnlyList<CountBy<IssueCategory?>> ByCategory,
    int OpenWithoutOwner,
    IReadOnlyList<IssueSummary> NewestOpen,
    IReadOnlyList<IssueSummary> OldestOpen);
