using Hypercare.Core.Forecasting;
using MathNet.Numerics.Differentiation;

namespace Hypercare.Core.Tests.Forecasting;

public class PublishedFitTests
{
    // Goel and Okumoto (1979), NTDS: a ≈ 33.99 defects, b ≈ 0.00579 per day.
    [Fact]
    public void Fit_NtdsGoelOkumoto_MatchesThePublishedEstimates()
    {
        var fit = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, PublishedData.Ntds);

        Assert.True(fit.Finite);
        Assert.Equal((26, 250.0), (fit.Observed, fit.ObservationEnd));
        Assert.Equal(33.99, fit.A!.Value, 0.005);
        Assert.Equal(0.00579, fit.B!.Value, 0.000005);
        Assert.Equal(fit.A.Value - 26, fit.ExpectedRemaining!.Value, 1e-9);
        Assert.Equal(4 - 2 * fit.LogLikelihood!.Value, fit.Aic!.Value, 1e-9);
        Assert.True(fit.ALower < fit.A && fit.A < fit.AUpper);
        Assert.True(fit.BLower < fit.B && fit.B < fit.BUpper);
        Assert.Equal(fit.A.Value * (1 - Math.Exp(-fit.B.Value * 250)), fit.MeanValue(250), 1e-9);
        Assert.Equal(26, fit.MeanValue(250), 1e-6);
    }

    // Musa's SYS1 (CPU seconds): a ≈ 142.88 defects, b ≈ 3.4204e-5 per CPU second.
    [Fact]
    public void Fit_Sys1GoelOkumoto_MatchesThePublishedEstimates()
    {
        var fit = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, PublishedData.Sys1);

        Assert.True(fit.Finite);
        Assert.Equal((136, 88682.0), (fit.Observed, fit.ObservationEnd));
        Assert.Equal(142.88, fit.A!.Value, 0.005);
        Assert.Equal(3.4204e-5, fit.B!.Value, 5e-9);
    }

    // The MLE satisfies the closed-form G-O likelihood equations (Goel and Okumoto 1979, eqs. for failure times):
    // n/a = 1 − e^(−bT) and n/b = Σtᵢ + a T e^(−bT).
    [Fact]
    public void Fit_Sys1GoelOkumoto_SolvesTheLikelihoodEquations()
    {
        var data = PublishedData.Sys1;
        var fit = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, data);
        var (a, b, t) = (fit.A!.Value, fit.B!.Value, data.End);

        Assert.Equal(136 / a, 1 - Math.Exp(-b * t), 1e-12);
        Assert.Equal(1, (data.Times.Sum() + a * t * Math.Exp(-b * t)) * b / 136, 1e-9);
    }

    // The Wald bounds come from analytic second derivatives; MathNet's numerical Hessian of the same log-likelihood
    // is an independent check of them, for both models and both data forms.
    [Theory]
    [InlineData(GrowthModel.GoelOkumoto, false)]
    [InlineData(GrowthModel.DelayedSShaped, false)]
    [InlineData(GrowthModel.GoelOkumoto, true)]
    [InlineData(GrowthModel.DelayedSShaped, true)]
    public void Information_Ntds_AgreesWithTheNumericalHessian(GrowthModel model, bool grouped)
    {
        var times = PublishedData.Ntds;
        ArrivalLikelihood likelihood = grouped ? new GroupedLikelihood(model, ArrivalSimulation.Grouped(times, 250)) : new TimesLikelihood(model, times);
        var fit = ReliabilityGrowth.Fit(model, grouped ? ArrivalSimulation.Grouped(times, 250) : times);

        var (aa, ab, bb) = likelihood.Information(fit.A!.Value, fit.B!.Value);
        var hessian = new NumericalHessian().Evaluate(p => likelihood.LogLikelihood(p[0], p[1]), [fit.A.Value, fit.B.Value]);

        Assert.Equal(1, -hessian[0, 0] / aa, 1e-4);
        Assert.Equal(1, -hessian[0, 1] / ab, 1e-4);
        Assert.Equal(1, -hessian[1, 1] / bb, 1e-4);
    }

    [Fact]
    public void Choose_Ntds_PrefersTheSShapedCurveByAic()
    {
        var fits = ReliabilityGrowth.FitAll(PublishedData.Ntds);

        var chosen = ReliabilityGrowth.Choose(fits);

        // The NTDS arrivals start slowly (9, 12, 11 days apart) before they bunch up, which the delayed S-shaped model
        // follows better: ln L −80.92 against −82.69.
        Assert.Equal(GrowthModel.DelayedSShaped, chosen?.Model);
        Assert.True(fits[1].Aic < fits[0].Aic);
    }
}
