using CsCheck;
using Hypercare.Core.Forecasting;

namespace Hypercare.Core.Tests.Forecasting;

public class ReliabilityGrowthPropertyTests
{
    // Processes over a 60-day window with 500 to 1,500 defects in all, most of them (86–99 %) arriving inside the
    // window: βmin/βmax are b·60 for G-O (1 − e^(−β)) and for the S-shaped curve (1 − (1 + β)e^(−β)).
    private static readonly Gen<(GrowthModel Model, double A, double B, int Seed)> Processes =
        Gen.Select(Gen.Enum<GrowthModel>(), Gen.Double[500, 1500], Gen.Double[0, 1], Gen.Int)
            .Select((model, a, position, seed) =>
            {
                var (lowest, highest) = model == GrowthModel.GoelOkumoto ? (2.5, 4.5) : (4.0, 6.5);
                return (model, a, (lowest + position * (highest - lowest)) / 60, seed);
            });

    // Stated tolerance: each estimate within 6 of its own Wald standard errors of the truth (a 6σ miss has odds of
    // about 1 in 500 million, so the test does not flake), and a within 25 %, b within 35 % of the truth. Over 3,000
    // seeded samples of each form the worst misses were 3.9 standard errors, 14 % for a and 20 % for b.
    private static void AssertRecovers(GrowthFit fit, double a, double b)
    {
        Assert.True(fit.Finite, $"no finite fit for a={a}, b={b}");
        var aError = (fit.AUpper!.Value - fit.ALower!.Value) / (2 * 1.959964);
        var bError = (fit.BUpper!.Value - fit.BLower!.Value) / (2 * 1.959964);
        Assert.True(Math.Abs(fit.A!.Value - a) <= 6 * aError, $"a = {fit.A} ± {aError}, truth {a}");
        Assert.True(Math.Abs(fit.B!.Value - b) <= 6 * bError, $"b = {fit.B} ± {bError}, truth {b}");
        Assert.True(Math.Abs(fit.A.Value / a - 1) <= 0.25, $"a = {fit.A}, truth {a}");
        Assert.True(Math.Abs(fit.B.Value / b - 1) <= 0.35, $"b = {fit.B}, truth {b}");
    }

    [Fact]
    public void Fit_FailureTimesFromAKnownProcess_RecoversAAndB() =>
        Processes.Sample(p =>
        {
            var data = ArrivalSimulation.Times(p.Model, p.A, p.B, 60, new Random(p.Seed));
            AssertRecovers(ReliabilityGrowth.Fit(p.Model, data), p.A, p.B);
        }, iter: 200);

    [Fact]
    public void Fit_DailyCountsFromAKnownProcess_RecoversAAndB() =>
        Processes.Sample(p =>
        {
            var data = ArrivalSimulation.Grouped(ArrivalSimulation.Times(p.Model, p.A, p.B, 60, new Random(p.Seed)), 60);
            AssertRecovers(ReliabilityGrowth.Fit(p.Model, data), p.A, p.B);
        }, iter: 200);

    // Constant-rate arrivals: G-O's maximum is finite exactly when the Laplace-type condition Σtᵢ/n < T/2 holds, which
    // for a homogeneous process is a coin toss (so "usually not finite" would be false; the exact condition is checked).
    [Fact]
    public void Fit_ConstantRateArrivals_GoelOkumotoIsFiniteExactlyWhenTheMeanTimeIsBeforeHalfTheWindow()
    {
        var finite = 0;
        var samples = 0;
        Gen.Select(Gen.Double[0.5, 20], Gen.Int).Sample((rate, seed) =>
        {
            var data = ArrivalSimulation.Constant(rate, 30, new Random(seed));
            if (data.Count == 0)
            {
                return;
            }

            var fit = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, data);
            Assert.Equal(data.Times.Average() < data.End / 2, fit.Finite);
            Interlocked.Increment(ref samples);
            if (fit.Finite)
            {
                Interlocked.Increment(ref finite);
            }
        }, iter: 400);

        // Both outcomes occur, roughly half each (a 0.3–0.7 band is over five standard deviations wide).
        Assert.InRange(finite, samples * 3 / 10, samples * 7 / 10);
    }

    // The score's limit at b → 0 is k/(k + 1) − Σtᵢ/(nT) for shape k (1 for G-O, 2 for S-shaped): a finite maximum
    // exists exactly when the mean arrival time lies before 1/2 (G-O) or 2/3 (S-shaped) of the window. Arrival times
    // T·U^p with p from 0.3 (bunched late) to 1.5 (bunched early) put the mean on both sides of both thresholds.
    [Fact]
    public void Fit_FailureTimes_IsFiniteExactlyWhenTheMeanTimeIsBeforeTheModelsThreshold() =>
        Gen.Select(Gen.Int[5, 200], Gen.Double[0.3, 1.5], Gen.Double[0, 0.2], Gen.Int).Sample((n, power, quiet, seed) =>
        {
            var random = new Random(seed);
            var times = Enumerable.Range(0, n).Select(_ => 30 * Math.Pow(1 - random.NextDouble(), power)).Order().ToArray();
            var data = new FailureTimes(times, 30 * (1 + quiet));

            Assert.Equal(times.Average() < data.End / 2, ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto, data).Finite);
            Assert.Equal(times.Average() < 2 * data.End / 3, ReliabilityGrowth.Fit(GrowthModel.DelayedSShaped, data).Finite);
        }, iter: 500);

    // Arrivals that speed up (m(t) ∝ t⁴, Σtᵢ/(nT) ≈ 0.8) give neither model a finite maximum, in either form.
    [Fact]
    public void Fit_AcceleratingArrivals_IsNeverFinite() =>
        Gen.Select(Gen.Int[30, 300], Gen.Int).Sample((n, seed) =>
        {
            var random = new Random(seed);
            var data = new FailureTimes([.. Enumerable.Range(0, n).Select(_ => 30 * Math.Pow(1 - random.NextDouble(), 0.25)).Order()], 30);

            foreach (var fit in ReliabilityGrowth.FitAll(data).Concat(ReliabilityGrowth.FitAll(ArrivalSimulation.Grouped(data, 30))))
            {
                Assert.False(fit.Finite, $"{fit.Model} was finite on {n} accelerating arrivals");
            }
        }, iter: 200);

    // With 150–300 defects, S-shaped data rarely look exponential; the rule must pick the S-shaped model nearly always.
    [Fact]
    public void Choose_DataFromTheSShapedModel_UsuallyChoosesIt()
    {
        var chosen = 0;
        Gen.Select(Gen.Double[150, 300], Gen.Int).Sample((a, seed) =>
        {
            var data = ArrivalSimulation.Times(GrowthModel.DelayedSShaped, a, 5.0 / 40, 40, new Random(seed));
            if (ReliabilityGrowth.Choose(ReliabilityGrowth.FitAll(data))?.Model == GrowthModel.DelayedSShaped)
            {
                Interlocked.Increment(ref chosen);
            }
        }, iter: 200);

        Assert.True(chosen >= 180, $"S-shaped chosen for {chosen} of 200 samples");
    }
}
