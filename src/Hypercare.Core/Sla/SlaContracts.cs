using Hypercare.Core.Issues;

namespace Hypercare.Core.Sla;

public sealed record PhaseRequest(
    string? Name,
    DateOnly? StartDate,
    DateOnly? EndDate,
    IReadOnlyList<SupportWindowDto>? SupportHours,
    IReadOnlyList<SlaTargetDto>? Targets,
    IReadOnlyList<string>? TriageTimes = null,
    StandupCadence? StandupCadence = null,
    int? Version = null);

/// <summary>A support window on the wire: day name and "HH:mm" times ("24:00" or "00:00" as end means midnight).</summary>
public sealed record SupportWindowDto(DayOfWeek? Day, string? Start, string? End);

public sealed record SlaTargetDto(Severity? Severity, ClockKind? Kind, int? Amount, TargetUnit? Unit, TargetClock? Clock);

public sealed record PhaseResponse(
    int Id,
    string Name,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<SupportWindowDto> SupportHours,
    IReadOnlyList<SlaTargetDto> Targets,
    IReadOnlyList<string> TriageTimes,
    StandupCadence StandupCadence,
    double SupportDayHours,
    int Version);

public sealed record IssueSlaResponse(int IssueId, Severity Severity, ClockState Response, ClockState Resolution, ClockState Update,
    IReadOnlyList<AlertResponse> Alerts);

public sealed record AlertResponse(long Id, int IssueId, AlertKind Kind, int Threshold, DateTimeOffset CrossedAt, DateTimeOffset RecordedAt);

public sealed record RiskItem(IssueSummary Issue, ClockKind Clock, DateTimeOffset DueAt, TimeSpan Remaining);

public sealed record SlaRiskResponse(int Breached, int AboutToBreach, int Paused, IReadOnlyList<RiskItem> BreachedIssues, IReadOnlyList<RiskItem> AboutToBreachIssues);

public sealed record ComplianceRow(string Group, int Measured, int Met, int Missed, double? CompliancePercent);

public sealed record TeamUsage(OwningTeam Team, double ResponseHours, double ResolutionHours, int Breaches);

public sealed record SlaReport(
    DateOnly From,
    DateOnly To,
    IReadOnlyList<ComplianceRow> ResponseBySeverity,
    IReadOnlyList<ComplianceRow> ResolutionBySeverity,
    IReadOnlyList<ComplianceRow> ResolutionByPhase,
    IReadOnlyList<ComplianceRow> ResolutionByTeam,
    IReadOnlyList<TeamUsage> UsageByTeam,
    double? MeanHoursToAcknowledge,
    double? MeanHoursToResolve,
    IReadOnlyList<AlertResponse> Breaches);
