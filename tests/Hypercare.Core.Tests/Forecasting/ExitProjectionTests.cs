using Hypercare.Core.Forecasting;

namespace Hypercare.Core.Tests.Forecasting;

public class ExitProjectionTests
{
    private static GrowthFit Fit(GrowthModel model, double a, double b) =>
        new(model, true, 0, 10, a, b, null, null, null, null, null, null, null);

    // G-O, a = 30, b = 0.1: m(d + 3) − m(d) = 30·e^(−0.1d)·(1 − e^(−0.3)) = 7.7755·e^(−0.1d).
    // d = 35: 0.2348, P(quiet) = e^(−0.2348) = 0.7907 < 0.8; d = 36: 0.2125, P = 0.8086 ≥ 0.8.
    [Fact]
    public void FirstQuietDay_GoelOkumoto_IsTheHandComputedDay()
    {
        var day = ExitProjection.FirstQuietDay(Fit(GrowthModel.GoelOkumoto, 30, 0.1), now: 10);

        Assert.Equal(36, day);
    }

    // Delayed S-shaped, a = 20, b = 0.5: m(d + 3) − m(d) = 20·((1 + 0.5d)e^(−0.5d) − (1 + 0.5(d + 3))e^(−0.5(d + 3))).
    // d = 12: 20·(7e^(−6) − 8.5e^(−7.5)) = 0.2530, P = 0.7765; d = 13: 20·(7.5e^(−6.5) − 9e^(−8)) = 0.1651, P = 0.8478.
    [Fact]
    public void FirstQuietDay_DelayedSShaped_IsTheHandComputedDay()
    {
        var fit = Fit(GrowthModel.DelayedSShaped, 20, 0.5);

        Assert.Equal(0.2530, fit.ExpectedArrivals(12, 15), 1e-4);
        Assert.Equal(13, ExitProjection.FirstQuietDay(fit, now: 10));
    }

    [Fact]
    public void FirstQuietDay_AlreadyQuiet_IsNow()
    {
        Assert.Equal(40.5, ExitProjection.FirstQuietDay(Fit(GrowthModel.GoelOkumoto, 30, 0.1), now: 40.5));
    }

    // A stricter threshold or a longer window moves the day later: P ≥ 0.9 needs Δm ≤ 0.10536, e^(−0.1d) ≤ 0.013550,
    // d ≥ 43.01, so day 44.
    [Fact]
    public void FirstQuietDay_HigherProbability_IsLater()
    {
        var fit = Fit(GrowthModel.GoelOkumoto, 30, 0.1);

        Assert.Equal(44, ExitProjection.FirstQuietDay(fit, now: 10, probability: 0.9));
        Assert.True(ExitProjection.FirstQuietDay(fit, now: 10, windowDays: 7) > 36);
    }

    [Fact]
    public void FirstQuietDay_BeyondTheHorizon_IsNull()
    {
        var fit = Fit(GrowthModel.GoelOkumoto, 30, 0.1);

        Assert.Null(ExitProjection.FirstQuietDay(fit, now: 10, horizonDays: 25));
        Assert.Equal(36, ExitProjection.FirstQuietDay(fit, now: 10, horizonDays: 26));
    }

    [Fact]
    public void FirstQuietDay_NotFinite_IsNull()
    {
        var none = new GrowthFit(GrowthModel.GoelOkumoto, false, 12, 10, null, null, null, null, null, null, null, null, null);

        Assert.Null(ExitProjection.FirstQuietDay(none, now: 10));
    }

    [Fact]
    public void FirstQuietDay_ProbabilityOutsideZeroAndOne_IsRefused()
    {
        var fit = Fit(GrowthModel.GoelOkumoto, 30, 0.1);

        Assert.Throws<ArgumentOutOfRangeException>(() => ExitProjection.FirstQuietDay(fit, 10, probability: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ExitProjection.FirstQuietDay(fit, 10, windowDays: 0));
    }
}
