using Hypercare.Core.Exit;
using Hypercare.Core.Issues;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Planning;

/// <summary>How intense a phase's cover is; it sets support hours, targets, triage, cadences and staffing.</summary>
public enum SupportIntensity
{
    Extended,
    Business,
    Reduced,
}

/// <summary>One input's effect on the duration: the consultant sees why the plan is as long as it is.</summary>
public sealed record DurationEffect(string Input, string Value, int Days, string Reason);

/// <summary>A support window of a phase as people read it ("Monday 07:00–20:00").</summary>
public sealed record PlanWindow(DayOfWeek Day, TimeOnly Start, TimeOnly End)
{
    /// <summary>Its length in hours; an end of 00:00 is midnight.</summary>
    public double Hours => ((End == TimeOnly.MinValue ? 24 * 60 : End.Hour * 60 + End.Minute) - (Start.Hour * 60 + Start.Minute)) / 60.0;
}

public sealed record PlanSlaTarget(Severity Severity, ClockKind Kind, int Amount, TargetUnit Unit, TargetClock Clock, string Text);

/// <summary>People of one role in one phase and the hours they are planned for.</summary>
public sealed record PhaseStaffing(ProjectRole Role, int People, decimal Hours, string? Shortfall);

public sealed record PlannedPhase(
    string Name,
    SupportIntensity Intensity,
    DateOnly StartDate,
    DateOnly EndDate,
    int Days,
    IReadOnlyList<PlanWindow> SupportHours,
    decimal SupportHoursTotal,
    IReadOnlyList<PlanSlaTarget> Targets,
    IReadOnlyList<TimeOnly> TriageTimes,
    StandupCadence StandupCadence,
    PatchCadenceKind PatchCadence,
    IReadOnlyList<PhaseStaffing> Staffing);

public sealed record RoleBudget(ProjectRole Role, decimal Hours, decimal DayRate, decimal Cost);

/// <summary>The reserve for an extension: a share of the planned cost sized from the complexity, as days at the last phase's rate.</summary>
public sealed record Contingency(int Percent, int ExtensionDays, decimal Hours, decimal Cost, string Reason);

public sealed record PlanBudget(IReadOnlyList<RoleBudget> Roles, decimal Hours, decimal Cost, Contingency Contingency, decimal TotalHours, decimal TotalCost, string Currency);

/// <summary>A generated statement-of-work plan: what goes into the SOW section and what "apply" would create.</summary>
public sealed record SowPlan(
    string System,
    PlanTemplate Template,
    PlanTemplate RecommendedTemplate,
    DateOnly GoLive,
    DateOnly PlannedEnd,
    int DurationDays,
    int ComplexityDays,
    IReadOnlyList<DurationEffect> Effects,
    IReadOnlyList<PlannedPhase> Phases,
    IReadOnlyList<ExitRuleSetting> ExitCriteria,
    PlanBudget Budget,
    IReadOnlyList<string> Warnings,
    PlanInput Input);

/// <summary>The standard (or complex) plan beside 90-day continuous hypercare, and what the longer cover costs more.</summary>
public sealed record PlanComparison(SowPlan Standard, SowPlan Continuous, decimal CostDifference, decimal HoursDifference, string Summary);
