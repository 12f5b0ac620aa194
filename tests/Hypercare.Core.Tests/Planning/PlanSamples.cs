using Hypercare.Core.Planning;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Tests.Planning;

/// <summary>Plan requests the tests start from: a small pilot and a large, critical big bang.</summary>
internal static class PlanSamples
{
    public static readonly DateOnly GoLive = new(2026, 6, 1);

    public static PlanRequest Simple() => new(
        "Salesforce Service Cloud", 120, 1, ["Europe/Berlin"], 1, 0, CustomisationDegree.Low, BusinessCriticality.Low, RolloutStyle.Pilot, GoLive,
        [
            new PlanTeamRole(ProjectRole.HypercareLead, 1, 1200m),
            new PlanTeamRole(ProjectRole.Triage, 4, 800m),
            new PlanTeamRole(ProjectRole.SteadyStateSupport, 2, 600m),
        ]);

    public static PlanRequest Complex() => new(
        "SAP S/4HANA", 8_000, 12, ["Europe/Berlin", "America/New_York", "Asia/Singapore"], 14, 5_000_000, CustomisationDegree.High,
        BusinessCriticality.MissionCritical, RolloutStyle.BigBang, GoLive,
        [
            new PlanTeamRole(ProjectRole.HypercareLead, 2, 1500m),
            new PlanTeamRole(ProjectRole.Triage, 10, 900m),
            new PlanTeamRole(ProjectRole.SteadyStateSupport, 8, 650m),
            new PlanTeamRole(ProjectRole.ChangeManager, 1, 1100m),
        ]);

    public static SowPlan Plan(PlanRequest request)
    {
        var plan = PlanGenerator.Generate(request);
        Assert.True(plan.Succeeded, plan.Failure?.Message + " " + string.Join("; ", plan.Failure?.Errors?.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}") ?? []));
        return plan.Value!;
    }
}
