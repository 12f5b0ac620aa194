using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Planning;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The SOW plan the lead generated three days before go-live and kept (issue 13): a standard plan for the Sales Cloud
    /// rollout at the consultancy's day rates. It was not applied (the project kept the seed practice's phases), so the SOW
    /// page shows what applying it now would change, and the burn compares the rota the team has worked with the plan.
    /// </summary>
    internal static PlanRequest DemoPlanRequest(DateOnly goLive) => new(
        "Salesforce Sales Cloud", 450, 3, [Zone, "Europe/London"], 4, 1_200_000, CustomisationDegree.Medium, BusinessCriticality.High, RolloutStyle.BigBang,
        goLive,
        [
            new PlanTeamRole(ProjectRole.HypercareLead, 1, 1_100m),
            new PlanTeamRole(ProjectRole.Triage, 2, 750m),
            new PlanTeamRole(ProjectRole.SteadyStateSupport, 2, 600m),
            new PlanTeamRole(ProjectRole.ChangeManager, 1, 900m),
        ],
        PlanTemplate.Standard, "EUR");

    private static async Task SeedPlanAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, int projectId, DateOnly goLive,
        (int Id, string Name, ProjectRole Role) lead, CancellationToken cancellationToken)
    {
        var access = As(projectId, lead);
        var actor = new AuditActor { Current = access.Caller };
        var clock = new WalkingClock(LocalDays.StartOf(goLive.AddDays(-3), Zone).AddHours(11));
        await using var db = new HypercareDbContext(options, actor, clock);
        var exit = new Exit.ExitService(db, new Sla.SlaPlanService(db),
            new Adoption.AdoptionService(db, clock, new Adoption.Metrics.AdoptionStatsBuilder(db), new Adoption.Flags.AdoptionFlagEvaluator(db, clock)), clock);
        var saved = await new PlanService(db, actor, clock, exit).GenerateAsync(access, DemoPlanRequest(goLive), cancellationToken);
        if (!saved.Succeeded)
        {
            throw new InvalidOperationException($"Demo SOW plan refused: {saved.Failure!.Message}");
        }
    }
}
