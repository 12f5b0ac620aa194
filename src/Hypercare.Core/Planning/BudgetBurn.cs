using System.Globalization;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Planning;

/// <summary>A rostered stretch of one role as the burn reads it: worked when someone holds it, still needed when it is a gap.</summary>
public sealed record BurnShift(ProjectRole Role, DateTimeOffset Start, DateTimeOffset End, bool IsGap);

/// <summary>
/// One role's burn. <see cref="Rostered"/> is false for a role that has no shift on the rota (the change manager is
/// never rostered): its hours to date are counted as planned, and said so.
/// </summary>
public sealed record RoleBurn(
    ProjectRole Role,
    bool Rostered,
    decimal DayRate,
    decimal PlannedHours,
    decimal PlannedHoursToDate,
    decimal HoursToDate,
    decimal CostToDate,
    decimal ProjectedHours,
    decimal ProjectedCost);

/// <summary>
/// Budget burn of a project against its SOW plan (issue 13): hours and cost to date beside the plan's, and the cost
/// projected at the planned end and at the forecast end. <see cref="OverPercent"/> is how far the larger projection is
/// above the planned cost (contingency not counted): the dashboard warns above <see cref="BudgetBurnCalculator.WarnOverPercent"/>.
/// </summary>
public sealed record BudgetBurn(
    string Currency,
    DateTimeOffset AsOf,
    decimal Budget,
    decimal Contingency,
    decimal PlannedHoursToDate,
    decimal PlannedCostToDate,
    decimal HoursToDate,
    decimal CostToDate,
    DateOnly PlannedEnd,
    decimal ProjectedAtPlannedEnd,
    DateOnly? ForecastEnd,
    decimal? ProjectedAtForecastEnd,
    decimal OverPercent,
    DateOnly? RosteredUntil,
    IReadOnlyList<RoleBurn> Roles,
    string Summary);

/// <summary>
/// The burn as values (pure). The plan's hours of a role in a phase are spread over the phase's days in proportion to
/// each day's support hours; a day after the plan's last phase (an extension) costs what a day of the last phase costs.
/// <list type="bullet">
/// <item>To date: the rota's shifts held by someone, up to now (a shift under way counts up to now).</item>
/// <item>Projected: that, plus the rota's shifts still to come up to the end (gaps too: the cover is needed), plus the
/// plan's hours for the days after the last rostered day.</item>
/// <item>A role without shifts is counted as planned throughout.</item>
/// </list>
/// </summary>
public static class BudgetBurnCalculator
{
    public const decimal WarnOverPercent = 10m;

    public static BudgetBurn Calculate(SowPlan plan, DateOnly? plannedEnd, DateOnly? forecastEnd, string timeZoneId, DateTimeOffset now, IReadOnlyList<BurnShift> shifts)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shifts);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var clock = TimeOnly.FromDateTime(local.DateTime);
        var end = plannedEnd ?? plan.PlannedEnd;
        var endInstant = LocalDays.StartOf(end.AddDays(1), timeZoneId);
        var rosteredUntil = shifts.Count == 0 ? (DateOnly?)null : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(shifts.Max(s => s.End), zone).DateTime);
        var rates = plan.Input.Team.ToDictionary(t => t.Role, t => t.DayRate);
        var roles = plan.Budget.Roles.Select(r => r.Role).Union(shifts.Select(s => s.Role)).Distinct().Order().ToList();

        var burns = new List<RoleBurn>();
        foreach (var role in roles)
        {
            var rate = rates.GetValueOrDefault(role);
            var own = shifts.Where(s => s.Role == role).ToList();
            var rostered = own.Count > 0;
            var plannedToDate = 0m;
            var plannedAll = 0m;
            var plannedAfterRota = 0m;
            for (var day = plan.GoLive; day <= end; day = day.AddDays(1))
            {
                var full = Planned(plan, role, day, null);
                plannedAll += full;
                if (day < today)
                {
                    plannedToDate += full;
                }
                else if (day == today)
                {
                    plannedToDate += Planned(plan, role, day, clock);
                }

                if (rostered && day > rosteredUntil)
                {
                    plannedAfterRota += day == today ? full - Planned(plan, role, day, clock) : full;
                }
            }

            decimal hoursToDate, projected;
            if (rostered)
            {
                hoursToDate = Hours(own.Where(s => !s.IsGap), DateTimeOffset.MinValue, now);
                projected = hoursToDate + Hours(own, now, endInstant) + plannedAfterRota;
            }
            else
            {
                hoursToDate = plannedToDate;
                projected = plannedAll;
            }

            burns.Add(new RoleBurn(role, rostered, rate, Round(plannedAll), Round(plannedToDate), Round(hoursToDate), Cost(hoursToDate, rate),
                Round(projected), Cost(projected, rate)));
        }

        var atPlanned = burns.Sum(b => b.ProjectedCost);
        decimal? atForecast = null;
        if (forecastEnd is { } forecast)
        {
            var extra = 0m;
            for (var day = end.AddDays(1); day <= forecast; day = day.AddDays(1))
            {
                extra += burns.Sum(b => Cost(Planned(plan, b.Role, day, null), b.DayRate));
            }

            atForecast = atPlanned + extra;
        }

        var budget = plan.Budget.Cost;
        var worst = Math.Max(atPlanned, atForecast ?? 0);
        var over = budget == 0 ? 0 : Math.Round((worst / budget - 1) * 100, 1, MidpointRounding.AwayFromZero);
        var plannedCostToDate = burns.Sum(b => Cost(b.PlannedHoursToDate, b.DayRate));
        var costToDate = burns.Sum(b => b.CostToDate);
        var money = (decimal amount) => PlanGenerator.Money(amount, plan.Budget.Currency);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{money(costToDate)} spent to date against {money(plannedCostToDate)} planned; projected {money(atPlanned)} at the planned end {end:yyyy-MM-dd}")
            + (atForecast is { } f && forecastEnd is { } fe && fe > end ? string.Create(CultureInfo.InvariantCulture, $" and {money(f)} at the forecast end {fe:yyyy-MM-dd}") : "")
            + string.Create(CultureInfo.InvariantCulture, $", against a budget of {money(budget)} ({(over >= 0 ? "+" : "")}{over:0.#} %).");
        return new BudgetBurn(plan.Budget.Currency, now, budget, plan.Budget.Contingency.Cost, burns.Sum(b => b.PlannedHoursToDate), plannedCostToDate,
            burns.Sum(b => b.HoursToDate), costToDate, end, atPlanned, forecastEnd, atForecast, over, rosteredUntil, burns, summary);
    }

    /// <summary>The plan's hours of a role on a local day, up to <paramref name="until"/> on that day when given.</summary>
    public static decimal Planned(SowPlan plan, ProjectRole role, DateOnly day, TimeOnly? until)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (day < plan.GoLive || plan.Phases.Count == 0)
        {
            return 0;
        }

        var phase = plan.Phases.FirstOrDefault(p => p.StartDate <= day && day <= p.EndDate) ?? plan.Phases[^1];
        var staffed = phase.Staffing.Where(s => s.Role == role).Sum(s => s.Hours);
        if (staffed == 0 || phase.SupportHoursTotal == 0)
        {
            return 0;
        }

        var dayHours = 0.0;
        foreach (var w in phase.SupportHours.Where(w => w.Day == day.DayOfWeek))
        {
            var start = w.Start.ToTimeSpan().TotalHours;
            var stop = w.End == TimeOnly.MinValue ? 24 : w.End.ToTimeSpan().TotalHours;
            if (until is { } u)
            {
                stop = Math.Min(stop, u.ToTimeSpan().TotalHours);
            }

            dayHours += Math.Max(0, stop - start);
        }

        return staffed * (decimal)dayHours / phase.SupportHoursTotal;
    }

    private static decimal Hours(IEnumerable<BurnShift> shifts, DateTimeOffset from, DateTimeOffset to) =>
        (decimal)shifts.Sum(s => Math.Max(0, ((s.End < to ? s.End : to) - (s.Start > from ? s.Start : from)).TotalHours));

    private static decimal Cost(decimal hours, decimal dayRate) => Math.Round(hours * dayRate / PlanGenerator.HoursPerDay, 2, MidpointRounding.AwayFromZero);

    private static decimal Round(decimal hours) => Math.Round(hours, 1, MidpointRounding.AwayFromZero);
}
