using Hypercare.Core.Forecasting;

namespace Hypercare.Core.Tests.Forecasting;

public class ReliabilityGrowthTests
{
    // Arrivals speeding up: t = 30·(i/40)^(1/3), i.e. m(t) ∝ t³. Σtᵢ/(nT) ≈ 3/4, above G-O's 1/2 and the S-shaped 2/3.
    private static readonly FailureTimes Accelerating = new([.. Enumerable.Range(1, 40).Select(i => 30 * Math.Pow(i / 40.0, 1.0 / 3))]);

    [Fact]
    public void Fit_AcceleratingArrivals_HasNoFiniteMaximumInEitherModelOrForm()
    {
        var fits = ReliabilityGrowth.FitAll(Accelerating).Concat(ReliabilityGrowth.FitAll(ArrivalSimulation.Grouped(Accelerating, 30))).ToList();

        Assert.Equal(4, fits.Count);
        Assert.All(fits, fit =>
        {
            Assert.False(fit.Finite);
            Assert.Equal((40, 30.0), (fit.Observed, fit.ObservationEnd));
            Assert.Null(fit.A);
            Assert.Null(fit.B);
            Assert.Null(fit.Aic);
            Assert.Null(fit.ExpectedRemaining);
            Assert.Null(fit.ALower);
            Assert.Throws<InvalidOperationException>(() => fit.MeanValue(10));
        });
        Assert.Null(ReliabilityGrowth.Choose(fits));
    }

    // The G-O condition for failure times: a finite MLE exists iff Σtᵢ/n < T/2. Nine arrivals at 1, 2, …, 9 have mean 5,
    // so observation ending at 10 is the boundary: half a quiet day more gives a finite fit, ending at 9.5 none.
    [Fact]
    public void Fit_GoelOkumotoAtTheLaplaceBoundary_IsFiniteOnlyBelowHalfTheWindow()
    {
        double[] even = [1, 2, 3, 4, 5, 6, 7, 8, 9];

        var below = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, new FailureTimes(even, 10.5));
        var above = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, new FailureTimes(even, 9.5));

        Assert.True(below.Finite);
        Assert.False(above.Finite);
    }

    [Fact]
    public void Fit_GroupedFineIntervals_AgreesWithTheFailureTimesFit()
    {
        var times = ArrivalSimulation.Times(GrowthModel.GoelOkumoto, 2000, 0.05, 60, new Random(7));
        var grouped = ArrivalSimulation.Grouped(times, 3000);

        foreach (var model in ReliabilityGrowth.Models)
        {
            var fromTimes = ReliabilityGrowth.Fit(model, times);
            var fromCounts = ReliabilityGrowth.Fit(model, grouped);

            Assert.Equal(fromTimes.Observed, fromCounts.Observed);
            Assert.Equal(1, fromCounts.A!.Value / fromTimes.A!.Value, 1e-4);
            Assert.Equal(1, fromCounts.B!.Value / fromTimes.B!.Value, 1e-4);
            Assert.Equal(1, fromCounts.AUpper!.Value / fromTimes.AUpper!.Value, 1e-3);
        }
    }

    // Counting NTDS per day loses where in the day each failure fell; the estimates move by under 3 %.
    [Fact]
    public void Fit_NtdsCountedPerDay_StaysCloseToTheFailureTimesFit()
    {
        var fromTimes = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, PublishedData.Ntds);
        var fromCounts = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, ArrivalSimulation.Grouped(PublishedData.Ntds, 250));

        Assert.Equal(1, fromCounts.A!.Value / fromTimes.A!.Value, 0.03);
        Assert.Equal(1, fromCounts.B!.Value / fromTimes.B!.Value, 0.03);
    }

    [Fact]
    public void Choose_DataFromTheSShapedModel_ChoosesTheSShapedModel()
    {
        var data = ArrivalSimulation.Times(GrowthModel.DelayedSShaped, 200, 5.0 / 40, 40, new Random(1));

        var fits = ReliabilityGrowth.FitAll(data);
        var grouped = ReliabilityGrowth.FitAll(ArrivalSimulation.Grouped(data, 40));

        Assert.All(fits.Concat(grouped), fit => Assert.True(fit.Finite));
        Assert.Equal(GrowthModel.DelayedSShaped, ReliabilityGrowth.Choose(fits)?.Model);
        Assert.Equal(GrowthModel.DelayedSShaped, ReliabilityGrowth.Choose(grouped)?.Model);
    }

    [Fact]
    public void Choose_DataFromGoelOkumoto_ChoosesGoelOkumoto()
    {
        var data = ArrivalSimulation.Times(GrowthModel.GoelOkumoto, 200, 3.0 / 40, 40, new Random(1));

        Assert.Equal(GrowthModel.GoelOkumoto, ReliabilityGrowth.Choose(ReliabilityGrowth.FitAll(data))?.Model);
    }

    [Fact]
    public void Choose_OnlyFiniteFitsCompete()
    {
        var finite = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, PublishedData.Ntds);
        var none = ReliabilityGrowth.Fit(GrowthModel.DelayedSShaped, Accelerating);

        Assert.Same(finite, ReliabilityGrowth.Choose([none, finite]));
    }

    // Every arrival in the first interval and none after: the likelihood keeps rising as b → ∞ (all defects already
    // found), so there is no finite b to report.
    [Fact]
    public void Fit_AllArrivalsInTheFirstInterval_HasNoFiniteMaximum()
    {
        var data = new GroupedCounts([1, 2, 3, 4], [12, 0, 0, 0]);

        Assert.All(ReliabilityGrowth.FitAll(data), fit => Assert.False(fit.Finite));
    }

    [Fact]
    public void Fit_NoArrivals_HasNoFiniteMaximum()
    {
        Assert.All(ReliabilityGrowth.FitAll(new GroupedCounts([1, 2, 3], [0, 0, 0])), fit => Assert.False(fit.Finite));
        Assert.All(ReliabilityGrowth.FitAll(new FailureTimes([], 5)), fit => Assert.False(fit.Finite));
    }

    [Fact]
    public void Fit_FailureTimesWithALaterEnd_UsesTheGivenEnd()
    {
        var atLast = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, PublishedData.Ntds);
        var later = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, new FailureTimes(PublishedData.Ntds.Times, 300));

        // Fifty quiet days more are evidence that fewer defects remain.
        Assert.Equal(300, later.ObservationEnd);
        Assert.True(later.ExpectedRemaining < atLast.ExpectedRemaining);
    }

    [Fact]
    public void FailureTimes_DescendingOrNotPositive_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new FailureTimes([3, 2]));
        Assert.Throws<ArgumentException>(() => new FailureTimes([0, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FailureTimes([1, 2], end: 1.5));
        Assert.Throws<ArgumentException>(() => new GroupedCounts([1, 1], [1, 1]));
        Assert.Throws<ArgumentException>(() => new GroupedCounts([1, 2], [1, -1]));
    }
}
