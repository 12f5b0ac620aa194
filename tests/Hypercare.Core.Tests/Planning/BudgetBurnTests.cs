using Hypercare.Core.Planning;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Tests.Planning;

/// <summary>Budget burn against the SOW plan (pure): the rota's worked hours to date, the rota and then the plan to the end, the forecast's extra days.</summary>
public sealed class BudgetBurnTests
{
    private const string Berlin = "Europe/Berlin";

    // The simple plan: 14 days from Monday 1 June 2026, Intensive (Mon–Sat 07:00–20:00) for 7 days, then Stabilise (Mon–Fri 08:00–18:00).
    private static readonly SowPlan Plan = PlanSamples.Plan(PlanSamples.Simple());

    private static DateTimeOffset Local(DateOnly day, int hour) => new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(2));

    [Fact]
    public void Planned_SpreadsEachPhasesHoursOverItsSupportDays_AndSumsToThePlan()
    {
        foreach (var role in Plan.Budget.Roles)
        {
            var sum = 0m;
            for (var day = Plan.GoLive; day <= Plan.PlannedEnd; day = day.AddDays(1))
            {
                sum += BudgetBurnCalculator.Planned(Plan, role.Role, day, null);
            }

            Assert.Equal(role.Hours, Math.Round(sum, 6));
        }

        var sunday = new DateOnly(2026, 6, 7);
        Assert.Equal(0m, BudgetBurnCalculator.Planned(Plan, ProjectRole.Triage, sunday, null));
        var monday = Plan.GoLive;
        var full = BudgetBurnCalculator.Planned(Plan, ProjectRole.Triage, monday, null);
        // At noon, 5 of the day's 13 support hours have passed.
        Assert.Equal(Math.Round(full * 5 / 13, 6), Math.Round(BudgetBurnCalculator.Planned(Plan, ProjectRole.Triage, monday, new TimeOnly(12, 0)), 6));
        Assert.Equal(0m, BudgetBurnCalculator.Planned(Plan, ProjectRole.Triage, monday.AddDays(-1), null));
    }

    [Fact]
    public void Calculate_WithoutRota_CountsThePlan_AndProjectsExactlyTheBudget()
    {
        var burn = BudgetBurnCalculator.Calculate(Plan, Plan.PlannedEnd, null, Berlin, Local(Plan.GoLive.AddDays(3), 12), []);

        Assert.All(burn.Roles, r => Assert.False(r.Rostered));
        Assert.All(burn.Roles, r => Assert.Equal(r.PlannedHoursToDate, r.HoursToDate));
        Assert.Equal(Plan.Budget.Cost, burn.ProjectedAtPlannedEnd);
        Assert.Equal(0m, burn.OverPercent);
        Assert.Null(burn.RosteredUntil);
        Assert.Null(burn.ProjectedAtForecastEnd);
    }

    [Fact]
    public void Calculate_CountsShiftsWorkedToNow_GapsOnlyInTheProjection_AndThePlanAfterTheRota()
    {
        var thursday = Plan.GoLive.AddDays(3);
        var now = Local(thursday, 12);
        BurnShift[] shifts =
        [
            new(ProjectRole.Triage, Local(thursday.AddDays(-1), 7), Local(thursday.AddDays(-1), 17), false), // worked: 10 h
            new(ProjectRole.Triage, Local(thursday, 8), Local(thursday, 16), false), // under way: 4 h by noon, 4 to come
            new(ProjectRole.Triage, Local(thursday.AddDays(1), 8), Local(thursday.AddDays(1), 16), true), // a gap tomorrow: needed, not worked
        ];

        var burn = BudgetBurnCalculator.Calculate(Plan, Plan.PlannedEnd, null, Berlin, now, shifts);

        var triage = burn.Roles.Single(r => r.Role == ProjectRole.Triage);
        Assert.True(triage.Rostered);
        Assert.Equal(14m, triage.HoursToDate);
        Assert.Equal(14m * 800 / 8, triage.CostToDate);
        var afterRota = 0m;
        for (var day = thursday.AddDays(2); day <= Plan.PlannedEnd; day = day.AddDays(1))
        {
            afterRota += BudgetBurnCalculator.Planned(Plan, ProjectRole.Triage, day, null);
        }

        Assert.Equal(Math.Round(14m + 4 + 8 + afterRota, 1), triage.ProjectedHours);
        Assert.Equal(thursday.AddDays(1), burn.RosteredUntil);
        // The lead has no shift: counted as planned.
        var lead = burn.Roles.Single(r => r.Role == ProjectRole.HypercareLead);
        Assert.False(lead.Rostered);
        Assert.Equal(lead.PlannedHours, lead.ProjectedHours);
    }

    [Fact]
    public void Calculate_ForecastAfterThePlannedEnd_AddsTheLastPhasesDays_AndTheOverrunIsMeasuredOnIt()
    {
        var now = Local(Plan.GoLive.AddDays(3), 12);
        var forecast = Plan.PlannedEnd.AddDays(7); // one more Stabilise week: Monday to Friday

        var burn = BudgetBurnCalculator.Calculate(Plan, Plan.PlannedEnd, forecast, Berlin, now, []);

        var stabilise = Plan.Phases[^1];
        var week = stabilise.Staffing.Sum(s => Math.Round(s.Hours / stabilise.SupportHoursTotal * 50 * Plan.Input.Team.Single(t => t.Role == s.Role).DayRate / 8, 2));
        Assert.Equal(Plan.Budget.Cost, burn.ProjectedAtPlannedEnd);
        // Each extra day is costed to the cent per role, so the week differs from the whole-week figure by cents at most.
        Assert.InRange(burn.ProjectedAtForecastEnd!.Value - (Plan.Budget.Cost + week), -0.1m, 0.1m);
        Assert.True(week > 0);
        Assert.Equal(Math.Round((burn.ProjectedAtForecastEnd!.Value / Plan.Budget.Cost - 1) * 100, 1), burn.OverPercent);
        Assert.True(burn.OverPercent > 0);
        Assert.Contains("forecast end " + forecast.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), burn.Summary, StringComparison.Ordinal);
    }
}
