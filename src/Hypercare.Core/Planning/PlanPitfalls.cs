using System.Globalization;
using Hypercare.Core.Exit;

namespace Hypercare.Core.Planning;

public enum PitfallKind
{
    /// <summary>Go-live within 14 days and no SOW plan.</summary>
    NoPlan,

    /// <summary>Go-live within 14 days and no exit criteria agreed (none saved, or none enabled).</summary>
    NoExitCriteria,

    /// <summary>Nobody of the steady-state team is on the project: who takes over?</summary>
    NoSteadyStateMember,

    /// <summary>No sponsor on the project: who signs off?</summary>
    NoSponsor,

    /// <summary>The end-date forecast is later than the planned end: the duration was underestimated.</summary>
    ForecastAfterPlannedEnd,

    /// <summary>The budget is projected over by more than <see cref="BudgetBurnCalculator.WarnOverPercent"/>.</summary>
    BudgetOver,
}

/// <summary>A warning on the dashboard with the evidence and where to act (a page of the project, relative to it).</summary>
public sealed record Pitfall(PitfallKind Kind, string Message, string Page);

/// <summary>What the pitfall check reads of a project.</summary>
public sealed record PitfallFacts(
    DateOnly Today,
    DateOnly GoLive,
    ProjectStage Stage,
    bool HasPlan,
    bool HasExitCriteria,
    bool HasSteadyStateMember,
    bool HasSponsor,
    DateOnly? PlannedEnd,
    DateOnly? ForecastEnd,
    BudgetBurn? Burn);

/// <summary>
/// The pitfalls of docs/sow-plan.md as values (pure): no hypercare planned, no exit criteria, nobody to hand over to or
/// to sign off, an underestimated duration and a budget running over. A closed project has none.
/// </summary>
public static class PlanPitfalls
{
    public const int GoLiveWindowDays = 14;

    public static IReadOnlyList<Pitfall> Check(PitfallFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var list = new List<Pitfall>();
        if (facts.Stage == ProjectStage.Closed)
        {
            return list;
        }

        var days = facts.GoLive.DayNumber - facts.Today.DayNumber;
        var soon = days is >= 0 and <= GoLiveWindowDays;
        var when = days == 0 ? "today" : string.Create(CultureInfo.InvariantCulture, $"in {days} day{(days == 1 ? "" : "s")} ({facts.GoLive:yyyy-MM-dd})");
        if (soon && !facts.HasPlan)
        {
            list.Add(new(PitfallKind.NoPlan, $"Go-live is {when} and hypercare has no SOW plan: duration, staffing and budget are not agreed.", "sow"));
        }

        if (soon && !facts.HasExitCriteria)
        {
            list.Add(new(PitfallKind.NoExitCriteria, $"Go-live is {when} and no exit criteria are agreed: nobody can say when hypercare ends.", "exit"));
        }

        if (!facts.HasSteadyStateMember)
        {
            list.Add(new(PitfallKind.NoSteadyStateMember, "Nobody of the steady-state team is on the project: there is no one to hand over to.", "members"));
        }

        if (!facts.HasSponsor)
        {
            list.Add(new(PitfallKind.NoSponsor, "The project has no sponsor: nobody can sign off the exit.", "members"));
        }

        if (facts.PlannedEnd is { } end && facts.ForecastEnd is { } forecast && forecast > end)
        {
            list.Add(new(PitfallKind.ForecastAfterPlannedEnd, string.Create(CultureInfo.InvariantCulture,
                $"The forecast end {forecast:yyyy-MM-dd} is {forecast.DayNumber - end.DayNumber} days after the planned end {end:yyyy-MM-dd}: plan the extension or the cut-over now."), "exit"));
        }

        if (facts.Burn is { } burn && burn.OverPercent > BudgetBurnCalculator.WarnOverPercent)
        {
            var atForecast = burn.ProjectedAtForecastEnd is { } f && f > burn.ProjectedAtPlannedEnd && burn.ForecastEnd is { } fe ? (f, fe) : ((decimal, DateOnly)?)null;
            var (projected, by) = atForecast ?? (burn.ProjectedAtPlannedEnd, burn.PlannedEnd);
            list.Add(new(PitfallKind.BudgetOver, string.Create(CultureInfo.InvariantCulture,
                $"The budget is projected over by {burn.OverPercent:0.#} %: {PlanGenerator.Money(projected, burn.Currency)} at the {(atForecast is null ? "planned" : "forecast")} end {by:yyyy-MM-dd} against {PlanGenerator.Money(burn.Budget, burn.Currency)} planned."), "sow"));
        }

        return list;
    }
}
