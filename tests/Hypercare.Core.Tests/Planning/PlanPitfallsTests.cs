using Hypercare.Core.Exit;
using Hypercare.Core.Planning;

namespace Hypercare.Core.Tests.Planning;

/// <summary>The dashboard's pitfalls (pure): each raised by its evidence only, none for a closed project.</summary>
public sealed class PlanPitfallsTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);

    private static PitfallFacts Healthy(DateOnly goLive) => new(Today, goLive, ProjectStage.Planned, true, true, true, true, goLive.AddDays(27), goLive.AddDays(20), null);

    private static List<PitfallKind> Kinds(PitfallFacts facts) => [.. PlanPitfalls.Check(facts).Select(p => p.Kind)];

    [Fact]
    public void Check_HealthyProject_HasNone() => Assert.Empty(Kinds(Healthy(Today.AddDays(10))));

    [Theory]
    [InlineData(0, true)]
    [InlineData(14, true)]
    [InlineData(15, false)]
    [InlineData(-1, false)]
    public void Check_NoPlanAndNoExitCriteria_WarnOnlyWithinFourteenDaysBeforeGoLive(int daysToGoLive, bool warned)
    {
        var facts = Healthy(Today.AddDays(daysToGoLive)) with { HasPlan = false, HasExitCriteria = false };

        var kinds = Kinds(facts);

        Assert.Equal(warned, kinds.Contains(PitfallKind.NoPlan));
        Assert.Equal(warned, kinds.Contains(PitfallKind.NoExitCriteria));
    }

    [Fact]
    public void Check_NobodyToHandOverToOrToSignOff_AlwaysWarns()
    {
        var kinds = Kinds(Healthy(Today.AddDays(-30)) with { Stage = ProjectStage.Live, HasSteadyStateMember = false, HasSponsor = false });

        Assert.Equal([PitfallKind.NoSteadyStateMember, PitfallKind.NoSponsor], kinds);
    }

    [Fact]
    public void Check_ForecastAfterPlannedEnd_NamesBothDates()
    {
        var facts = Healthy(Today.AddDays(-10)) with { Stage = ProjectStage.Live, PlannedEnd = Today.AddDays(5), ForecastEnd = Today.AddDays(12) };

        var pitfall = Assert.Single(PlanPitfalls.Check(facts));

        Assert.Equal(PitfallKind.ForecastAfterPlannedEnd, pitfall.Kind);
        Assert.Contains("7 days after the planned end 2026-05-25", pitfall.Message, StringComparison.Ordinal);
        Assert.Empty(Kinds(facts with { ForecastEnd = Today.AddDays(5) }));
    }

    [Theory]
    [InlineData(10.0, false)]
    [InlineData(10.1, true)]
    public void Check_BudgetWarnsAboveTenPercentOver(double over, bool warned)
    {
        var burn = new BudgetBurn("EUR", DateTimeOffset.UnixEpoch, 1000m, 100m, 0, 0, 0, 0, Today, 1000m * (1 + (decimal)over / 100), null, null, (decimal)over, null, [], "");

        Assert.Equal(warned, Kinds(Healthy(Today.AddDays(-3)) with { Stage = ProjectStage.Live, Burn = burn }).Contains(PitfallKind.BudgetOver));
    }

    [Fact]
    public void Check_ClosedProject_HasNone() =>
        Assert.Empty(Kinds(Healthy(Today.AddDays(3)) with { Stage = ProjectStage.Closed, HasPlan = false, HasSponsor = false, HasSteadyStateMember = false }));
}
