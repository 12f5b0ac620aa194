using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Planning;

public sealed partial class PlanService
{
    /// <summary>
    /// The budget burn against the saved plan (<see cref="Permission.ViewPlan"/>): the rota's hours and their cost to date,
    /// projected at the project's planned end and at the forecast end when the forecast has one.
    /// </summary>
    public async Task<Outcome<BudgetBurn>> BurnAsync(ProjectAccess access, CancellationToken cancellationToken = default) =>
        await BurnAsync(access, time.GetUtcNow(), cancellationToken);

    /// <summary>The burn as of <paramref name="now"/> (a report generated for its scheduled time).</summary>
    public async Task<Outcome<BudgetBurn>> BurnAsync(ProjectAccess access, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewPlan))
        {
            return NotSeen;
        }

        var kept = await KeptAsync(access.ProjectId, cancellationToken);
        if (!kept.Succeeded)
        {
            return kept.Failure!;
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        return await BurnOfAsync(project, kept.Value!.Plan, now, await ForecastEndAsync(access, cancellationToken), cancellationToken);
    }

    /// <summary>The pitfalls of the project for its dashboard (<see cref="Permission.ViewPlan"/>: the lead, the sponsor and administrators).</summary>
    public async Task<Outcome<IReadOnlyList<Pitfall>>> PitfallsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewPlan))
        {
            return NotSeen;
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var plan = (await KeptAsync(project.Id, cancellationToken)).Value?.Plan;
        var roles = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == project.Id && m.User!.IsActive).Select(m => m.Role).Distinct().ToListAsync(cancellationToken);
        var hasExitCriteria = await db.ExitRules.AnyAsync(r => r.ProjectId == project.Id && r.Enabled, cancellationToken);
        var now = time.GetUtcNow();
        var forecast = await ForecastEndAsync(access, cancellationToken);
        var burn = plan is null ? null : await BurnOfAsync(project, plan, now, forecast, cancellationToken);
        var facts = new PitfallFacts(LocalDays.Today(now, project.TimeZoneId), project.GoLiveDate, project.Stage, plan is not null, hasExitCriteria,
            roles.Contains(ProjectRole.SteadyStateSupport), roles.Contains(ProjectRole.Sponsor), project.PlannedEndDate, forecast, burn);
        return PlanPitfalls.Check(facts).ToList();
    }

    private async Task<BudgetBurn> BurnOfAsync(Project project, SowPlan plan, DateTimeOffset now, DateOnly? forecast, CancellationToken cancellationToken)
    {
        var shifts = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == project.Id)
            .Select(s => new BurnShift(s.Role, s.Start, s.End, s.UserId == null)).ToListAsync(cancellationToken);
        return BudgetBurnCalculator.Calculate(plan, project.PlannedEndDate, forecast, project.TimeZoneId, now, shifts);
    }

    /// <summary>The day the forecast says the quiet-period rule holds, when the caller may see the forecast and it has one.</summary>
    private async Task<DateOnly?> ForecastEndAsync(ProjectAccess access, CancellationToken cancellationToken) =>
        access.Can(Permission.ViewExit) && (await exit.ForecastAsync(access, null, cancellationToken)).Value is { } f ? f.RuleHoldsOn : null;
}
