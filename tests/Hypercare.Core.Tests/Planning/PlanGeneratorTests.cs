using CsCheck;
using Hypercare.Core.Issues;
using Hypercare.Core.Planning;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Planning;

public sealed class PlanGeneratorTests
{
    [Fact]
    public void Generate_SimplePilot_IsStandardTwoWeeks_IntensiveThenStabilise()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple());

        Assert.Equal(PlanTemplate.Standard, plan.Template);
        Assert.Equal(14, plan.DurationDays);
        Assert.Equal(0, plan.ComplexityDays);
        Assert.Equal(new DateOnly(2026, 6, 14), plan.PlannedEnd);
        Assert.Collection(plan.Phases,
            p => Assert.Equal(("Intensive", new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 7)), (p.Name, p.StartDate, p.EndDate)),
            p => Assert.Equal(("Stabilise", new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 14)), (p.Name, p.StartDate, p.EndDate)));
        // Intensive: Mon–Sat 07:00–20:00 = 6 × 13 h; Stabilise: Mon–Fri 08:00–18:00 = 5 × 10 h.
        Assert.Equal(78m, plan.Phases[0].SupportHoursTotal);
        Assert.Equal(50m, plan.Phases[1].SupportHoursTotal);
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Generate_LargeCriticalBigBang_IsComplexSixWeeksOrMore_WithATaper()
    {
        var plan = PlanSamples.Plan(PlanSamples.Complex());

        Assert.Equal(PlanTemplate.Complex, plan.Template);
        Assert.True(plan.DurationDays >= 42, $"{plan.DurationDays} days");
        Assert.Equal(0, plan.DurationDays % 7);
        Assert.Equal(["Intensive", "Stabilise", "Taper"], plan.Phases.Select(p => p.Name));
        Assert.Equal(plan.DurationDays, plan.Phases.Sum(p => p.Days));
        // Mission critical: the intensive weeks are covered around the clock.
        Assert.Equal(14 * 24m, plan.Phases[0].SupportHoursTotal);
    }

    [Fact]
    public void Generate_EachInputsEffect_IsShown_AndTheDurationIsTheBaseAndTheEffectsInWholeWeeks()
    {
        var plan = PlanSamples.Plan(PlanSamples.Complex());

        Assert.Equal(["licensedUsers", "sites", "timeZones", "integrations", "migratedRecords", "customisation", "criticality", "rollout"],
            plan.Effects.Select(e => e.Input));
        Assert.All(plan.Effects, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        // 7 users + 4 sites + 4 zones + 8 integrations + 5 migration + 7 customisation + 7 criticality + 5 big bang.
        Assert.Equal(47, plan.ComplexityDays);
        Assert.Equal((14 + 47 + 6) / 7 * 7, plan.DurationDays);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(249, 0)]
    [InlineData(250, 2)]
    [InlineData(999, 2)]
    [InlineData(1_000, 4)]
    [InlineData(4_999, 4)]
    [InlineData(5_000, 7)]
    public void Effects_LicensedUsers_AddTheirDays(int users, int days)
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple() with { LicensedUsers = users });

        Assert.Equal(days, plan.Effects.Single(e => e.Input == "licensedUsers").Days);
    }

    [Theory]
    [InlineData(RolloutStyle.Pilot, 0)]
    [InlineData(RolloutStyle.Phased, 4)]
    [InlineData(RolloutStyle.BigBang, 5)]
    public void Effects_Rollout_AddTheirDays(RolloutStyle rollout, int days)
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple() with { Rollout = rollout });

        Assert.Equal(days, plan.Effects.Single(e => e.Input == "rollout").Days);
        Assert.Equal(days, plan.ComplexityDays);
    }

    [Fact]
    public void Generate_Continuous90_TapersExtendedBusinessReduced_OnTheIssuesDays()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple() with { Template = PlanTemplate.Continuous90 });

        Assert.Equal(90, plan.DurationDays);
        Assert.Equal(PlanSamples.GoLive.AddDays(89), plan.PlannedEnd);
        Assert.Collection(plan.Phases,
            p => Assert.Equal((SupportIntensity.Extended, 1, 14), (p.Intensity, Day(p.StartDate), Day(p.EndDate))),
            p => Assert.Equal((SupportIntensity.Business, 15, 42), (p.Intensity, Day(p.StartDate), Day(p.EndDate))),
            p => Assert.Equal((SupportIntensity.Reduced, 43, 90), (p.Intensity, Day(p.StartDate), Day(p.EndDate))));
        Assert.Equal([StandupCadence.Daily, StandupCadence.TwiceWeekly, StandupCadence.Weekly], plan.Phases.Select(p => p.StandupCadence));
        Assert.Equal([3, 2, 1], plan.Phases.Select(p => p.TriageTimes.Count));
        Assert.True(plan.Phases[0].SupportHoursTotal / 14 > plan.Phases[1].SupportHoursTotal / 28);
        Assert.True(plan.Phases[1].SupportHoursTotal / 28 > plan.Phases[2].SupportHoursTotal / 48);

        static int Day(DateOnly d) => d.DayNumber - PlanSamples.GoLive.DayNumber + 1;
    }

    [Fact]
    public void Generate_ExtendedPhase_HasTheIntensiveTargets_OtherPhasesTheStandardOnes()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple());

        var intensive = plan.Phases[0].Targets.Single(t => t is { Severity: Severity.Sev1, Kind: ClockKind.Response });
        var stabilise = plan.Phases[1].Targets.Single(t => t is { Severity: Severity.Sev1, Kind: ClockKind.Response });
        Assert.Equal((15, TargetUnit.Minutes), (intensive.Amount, intensive.Unit));
        Assert.Equal((30, TargetUnit.Minutes), (stabilise.Amount, stabilise.Unit));
    }

    [Fact]
    public void Generate_StandardForcedOnComplexInputs_StopsAtFourWeeks_AndWarns()
    {
        var plan = PlanSamples.Plan(PlanSamples.Complex() with { Template = PlanTemplate.Standard });

        Assert.Equal(28, plan.DurationDays);
        Assert.Equal(PlanTemplate.Complex, plan.RecommendedTemplate);
        Assert.Contains(plan.Warnings, w => w.Contains("complex plan", StringComparison.Ordinal));
    }

    [Fact]
    public void Generate_TooFewTriagePeople_StaffsWhomItHas_AndNamesTheShortfall()
    {
        var request = PlanSamples.Complex() with
        {
            Team = [new PlanTeamRole(ProjectRole.HypercareLead, 1, 1000m), new PlanTeamRole(ProjectRole.Triage, 1, 800m), new PlanTeamRole(ProjectRole.SteadyStateSupport, 1, 600m)],
        };

        var plan = PlanSamples.Plan(request);

        var triage = plan.Phases[0].Staffing.Single(s => s.Role == ProjectRole.Triage);
        Assert.Equal(1, triage.People);
        Assert.NotNull(triage.Shortfall);
        Assert.Contains(plan.Warnings, w => w.StartsWith("Intensive: Triage team needs", StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_Simple_IsTheStaffedHoursAtTheDayRates()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple());

        // Lead: 0.5 × 78 + 0.5 × 50 = 64 h; triage 2 × 78 + 50 = 206 h; steady state 0.5 × 78 + 50 = 89 h; a day is 8 hours.
        var lead = plan.Budget.Roles.Single(r => r.Role == ProjectRole.HypercareLead);
        var triage = plan.Budget.Roles.Single(r => r.Role == ProjectRole.Triage);
        var steady = plan.Budget.Roles.Single(r => r.Role == ProjectRole.SteadyStateSupport);
        Assert.Equal((64m, 9_600m), (lead.Hours, lead.Cost));
        Assert.Equal((206m, 20_600m), (triage.Hours, triage.Cost));
        Assert.Equal((89m, 6_675m), (steady.Hours, steady.Cost));
        Assert.Equal(36_875m, plan.Budget.Cost);
        Assert.Equal(10, plan.Budget.Contingency.Percent);
        Assert.Equal(3_687.50m, plan.Budget.Contingency.Cost);
        Assert.Equal(40_562.50m, plan.Budget.TotalCost);
        Assert.Equal(394.9m, plan.Budget.TotalHours);
    }

    [Fact]
    public void Compare_Continuous90_CostsMore_AndTheDifferenceIsTheTotals()
    {
        var comparison = PlanGenerator.Compare(PlanSamples.Simple());

        Assert.True(comparison.Succeeded);
        var c = comparison.Value!;
        Assert.Equal(PlanTemplate.Standard, c.Standard.Template);
        Assert.Equal(PlanTemplate.Continuous90, c.Continuous.Template);
        Assert.Equal(c.Continuous.Budget.TotalCost - c.Standard.Budget.TotalCost, c.CostDifference);
        Assert.True(c.CostDifference > 0);
        Assert.Contains(PlanGenerator.Money(c.CostDifference, "EUR"), c.Summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<PlanRequest, PlanRequest>> BadRequests => new()
    {
        { "system", r => r with { System = " " } },
        { "system", r => r with { System = new string('x', 201) } },
        { "licensedUsers", r => r with { LicensedUsers = null } },
        { "licensedUsers", r => r with { LicensedUsers = 0 } },
        { "sites", r => r with { Sites = -1 } },
        { "timeZones", r => r with { TimeZones = [] } },
        { "timeZones[1]", r => r with { TimeZones = ["Europe/Berlin", "Mars/Olympus"] } },
        { "timeZones[1]", r => r with { TimeZones = ["Europe/Berlin", "Europe/Berlin"] } },
        { "integrations", r => r with { Integrations = -3 } },
        { "migratedRecords", r => r with { MigratedRecords = null } },
        { "customisation", r => r with { Customisation = null } },
        { "criticality", r => r with { Criticality = (BusinessCriticality)42 } },
        { "rollout", r => r with { Rollout = null } },
        { "goLive", r => r with { GoLive = null } },
        { "team", r => r with { Team = [] } },
        { "team[0].role", r => r with { Team = [new PlanTeamRole(ProjectRole.Sponsor, 1, 100m)] } },
        { "team[1].role", r => r with { Team = [new PlanTeamRole(ProjectRole.Triage, 1, 100m), new PlanTeamRole(ProjectRole.Triage, 2, 100m)] } },
        { "team[0].people", r => r with { Team = [new PlanTeamRole(ProjectRole.Triage, 0, 100m)] } },
        { "team[0].dayRate", r => r with { Team = [new PlanTeamRole(ProjectRole.Triage, 1, 0m)] } },
        { "team[0].dayRate", r => r with { Team = [new PlanTeamRole(ProjectRole.Triage, 1, null)] } },
        { "currency", r => r with { Currency = "euro" } },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Validate_BadField_IsRefusedNamingIt(string field, Func<PlanRequest, PlanRequest> change)
    {
        var outcome = PlanGenerator.Validate(change(PlanSamples.Simple()));

        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        Assert.Equal([field], outcome.Failure.Errors!.Keys);
    }

    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC"];

    // Random but valid requests; each property below holds for every one of them.
    private static readonly Gen<PlanRequest> Requests =
        from users in Gen.Int[1, 20_000]
        from sites in Gen.Int[1, 40]
        from zones in Gen.Int[1, 5]
        from integrations in Gen.Int[0, 20]
        from records in Gen.Long[0, 3_000_000]
        from custom in Gen.Enum<CustomisationDegree>()
        from critical in Gen.Enum<BusinessCriticality>()
        from rollout in Gen.Enum<RolloutStyle>()
        from template in Gen.Enum<PlanTemplate>()
        from triage in Gen.Int[1, 12]
        from rate in Gen.Int[100, 3_000]
        from changeManager in Gen.Bool
        select new PlanRequest("System", users, sites, Zones.Take(zones).ToList(), integrations, records, custom, critical, rollout, PlanSamples.GoLive,
            changeManager
                ? [new PlanTeamRole(ProjectRole.HypercareLead, 1, rate), new PlanTeamRole(ProjectRole.Triage, triage, rate * 0.7m), new PlanTeamRole(ProjectRole.ChangeManager, 1, rate)]
                : [new PlanTeamRole(ProjectRole.HypercareLead, 1, rate), new PlanTeamRole(ProjectRole.Triage, triage, rate * 0.7m), new PlanTeamRole(ProjectRole.SteadyStateSupport, 2, rate / 2m)],
            template);

    /// <summary>Each way to make one input more complex; none of them may shorten the plan or make it cheaper.</summary>
    private static readonly Func<PlanRequest, PlanRequest>[] MoreComplex =
    [
        r => r with { LicensedUsers = r.LicensedUsers * 3 },
        r => r with { Sites = r.Sites + 7 },
        r => r with { TimeZones = Zones.Take(Math.Min(Zones.Length, r.TimeZones!.Count + 1)).ToList() },
        r => r with { Integrations = r.Integrations + 4 },
        r => r with { MigratedRecords = r.MigratedRecords * 10 + 50_000 },
        r => r with { Customisation = (CustomisationDegree)Math.Min(2, (int)r.Customisation! + 1) },
        r => r with { Criticality = (BusinessCriticality)Math.Min(3, (int)r.Criticality! + 1) },
        r => r with { Rollout = (RolloutStyle)Math.Min(2, (int)r.Rollout! + 1) },
    ];

    [Fact]
    public void Generate_MoreComplexInput_NeverShortensThePlanNorLowersItsCost()
    {
        Gen.Select(Requests, Gen.Int[0, MoreComplex.Length - 1]).Sample((request, which) =>
        {
            var before = PlanSamples.Plan(request);
            var after = PlanSamples.Plan(MoreComplex[which](request));
            Assert.True(after.ComplexityDays >= before.ComplexityDays, $"change {which}: complexity {before.ComplexityDays} -> {after.ComplexityDays}");
            Assert.True(after.DurationDays >= before.DurationDays, $"change {which}: {before.DurationDays} -> {after.DurationDays} days");
            Assert.True(after.Budget.TotalCost >= before.Budget.TotalCost, $"change {which}: {before.Budget.TotalCost} -> {after.Budget.TotalCost}");
            Assert.True(after.Budget.Contingency.Percent >= before.Budget.Contingency.Percent);
        }, iter: 300);
    }

    [Fact]
    public void Generate_AnyRequest_TotalsAddUp_AndPhasesTileTheDuration()
    {
        Requests.Sample(request =>
        {
            var plan = PlanSamples.Plan(request);
            var b = plan.Budget;
            Assert.Equal(plan.DurationDays, plan.Phases.Sum(p => p.Days));
            Assert.Equal(plan.GoLive, plan.Phases[0].StartDate);
            Assert.Equal(plan.PlannedEnd, plan.Phases[^1].EndDate);
            for (var i = 1; i < plan.Phases.Count; i++)
            {
                Assert.Equal(plan.Phases[i - 1].EndDate.AddDays(1), plan.Phases[i].StartDate);
            }

            foreach (var role in b.Roles)
            {
                Assert.Equal(role.Hours, plan.Phases.Sum(p => p.Staffing.Where(s => s.Role == role.Role).Sum(s => s.Hours)));
                Assert.Equal(Math.Round(role.Hours * role.DayRate / PlanGenerator.HoursPerDay, 2, MidpointRounding.AwayFromZero), role.Cost);
            }

            Assert.Equal(b.Roles.Sum(r => r.Hours), b.Hours);
            Assert.Equal(b.Roles.Sum(r => r.Cost), b.Cost);
            Assert.Equal(b.Cost + b.Contingency.Cost, b.TotalCost);
            Assert.Equal(b.Hours + b.Contingency.Hours, b.TotalHours);
            Assert.InRange(b.Contingency.Percent, 10, 30);
            var expected = plan.Template switch
            {
                PlanTemplate.Standard => (14, 28),
                PlanTemplate.Complex => (42, 400),
                _ => (90, 90),
            };
            Assert.InRange(plan.DurationDays, expected.Item1, expected.Item2);
        }, iter: 300);
    }
}
