using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;

namespace Hypercare.Core.Communications;

/// <summary>
/// A known issue as users may see it. The type has no place for internal notes, linked reports, assignees or severity
/// reasons: what is not here cannot leak into the user update.
/// </summary>
public sealed record PublicKnownIssue(int Id, string Title, string Symptoms, string? Workaround, KnownIssueStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? WorkaroundPublishedAt, DateTimeOffset? FixedAt, string? PatchName, DateTimeOffset? PatchPlannedFor);

/// <summary>A patch in the plan: its public name, slot and how many fixes ride it.</summary>
public sealed record PatchPlanItem(string Name, DateTimeOffset PlannedFor, DateTimeOffset? DeployedAt, int Fixes);

public sealed record UserUpdateInputs(string ProjectName, string TimeZoneId, DateTimeOffset Since, DateTimeOffset Now,
    IReadOnlyList<PublicKnownIssue> KnownIssues, IReadOnlyList<PatchPlanItem> Patches);

/// <summary>The issue fields the sponsor and leadership reports count with.</summary>
public sealed record IssueFact(int Id, string Title, Severity Severity, IssueCategory? Category, IssueStatus Status, DateTimeOffset ReportedAt,
    bool Assigned, bool ResponseBreached, bool ResolutionBreached);

/// <summary>SLA compliance (response and resolution, per severity) with the breaches that fired in the period.</summary>
public sealed record SlaFigures(IReadOnlyList<Sla.ComplianceRow> Response, IReadOnlyList<Sla.ComplianceRow> Resolution, int BreachesInPeriod,
    int OpenBreached, int AboutToBreach, IReadOnlyList<RiskLine> Breached, IReadOnlyList<RiskLine> AtRisk);

public sealed record RiskLine(int IssueId, string Title, Severity Severity, string Clock, DateTimeOffset DueAt);

/// <summary>The adoption headline: the latest day's rates, the never-logged-in count, the nearest target and the open flags.</summary>
public sealed record AdoptionHeadline(DateOnly? AsOf, int? LicensedUsers, int ActiveUsers, double? LoginRate, double? WeeklyLoginRate, int NeverLoggedIn,
    TargetLine? Target, IReadOnlyList<string> OpenFlags);

public sealed record TargetLine(string Metric, double Rate, DateOnly ByDate, double? Actual, bool Met);

public sealed record SponsorInputs(string ProjectName, string TimeZoneId, DateTimeOffset Since, DateTimeOffset Now, IReadOnlyList<IssueFact> Issues,
    SlaFigures Sla, AdoptionHeadline? Adoption, IReadOnlyList<PatchPlanItem> Patches, ExitHeadline? Exit = null, TeamHeadline? Team = null,
    Planning.BudgetBurn? Budget = null);

/// <summary>The team behind hypercare for the sponsor: how many are rostered and the burnout flags of the last two weeks (summaries with their evidence).</summary>
public sealed record TeamHeadline(int Rostered, DateOnly From, DateOnly To, IReadOnlyList<string> Flags);

/// <summary>How close hypercare is to its end, for the sponsor status and the leadership report: the rules, sign-off, extensions, forecast.</summary>
public sealed record ExitHeadline(Exit.ProjectStage Stage, DateOnly? PlannedEnd, int RulesMet, int Rules, IReadOnlyList<string> Unmet, bool SignedOff,
    int Extensions, int ExtensionDays, string Forecast, IReadOnlyList<Exit.SteadyStateWeek>? SteadyStateWeeks = null, string? Handover = null);

/// <summary>One local week (Monday first) of the leadership trend; SLA and login figures are loaded per week.</summary>
public sealed record WeekInputs(DateOnly WeekStart, double? ResponseCompliance, double? ResolutionCompliance, double? LoginRate);

public sealed record LeadershipInputs(string ProjectName, string TimeZoneId, DateTimeOffset Now, IReadOnlyList<IssueFact> Issues,
    IReadOnlyList<WeekInputs> Weeks, TargetLine? LoginTarget, ExitHeadline? Exit = null);
