using Hypercare.Core.Issues;

namespace Hypercare.Core.Exit;

public sealed record ExitRuleUpdate(ExitRuleKind? Kind, bool? Enabled, int? Days = null, int? Percent = null);

/// <summary>PUT the rules: every rule named is set; rules not named keep their settings.</summary>
public sealed record ExitRulesRequest(IReadOnlyList<ExitRuleUpdate>? Rules);

public sealed record SignOffRequest(string? Comment, int? OnBehalfOfUserId = null);

public sealed record OverrideRequest(string? Reason);

public sealed record ExtendRequest(DateOnly? NewEnd, string? Reason);

public sealed record StageRequest(ProjectStage? To, string? Reason);

public sealed record SignOffResponse(long Id, PersonRef SignedBy, PersonRef? OnBehalfOf, DateTimeOffset At, string Comment, string? OverrideReason,
    string? UnmetAtSignOff, DateTimeOffset? WithdrawnAt, string? WithdrawnReason);

public sealed record OverrideResponse(long Id, PersonRef By, DateTimeOffset At, string Reason);

public sealed record ExtensionResponse(long Id, DateOnly? FromEnd, DateOnly ToEnd, string Reason, PersonRef By, DateTimeOffset At);

public sealed record StageChangeResponse(long Id, ProjectStage From, ProjectStage To, PersonRef? By, DateTimeOffset At, string Reason);

public sealed record ExitHistoryDay(DateOnly Day, bool AllMet, IReadOnlyList<RuleDayState> Rules);

/// <summary>Everything the Exit page, the CLI gate and the reports show about how hypercare ends.</summary>
public sealed record ExitStatus(
    ProjectStage Stage,
    DateOnly GoLive,
    DateOnly? PlannedEnd,
    IReadOnlyList<ExitRuleSetting> Rules,
    ExitEvaluation Evaluation,
    SignOffResponse? SignOff,
    OverrideResponse? Override,
    IReadOnlyList<ExtensionResponse> Extensions,
    int ExtensionDays,
    IReadOnlyList<ExitHistoryDay> History,
    IReadOnlyList<StageChangeResponse> StageChanges,
    IReadOnlyList<ProjectStage> NextStages,
    ExitForecast Forecast,
    IReadOnlyList<SteadyStateWeek> SteadyStateWeeks);

public sealed record ExitSweepResult(int Projects, int WentLive, int SignOffsWithdrawn, int EndAlerts);
