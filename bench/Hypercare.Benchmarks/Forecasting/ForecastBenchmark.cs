using BenchmarkDotNet.Attributes;
using Hypercare.Core.Forecasting;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Hypercare.Benchmarks.Forecasting;

/// <summary>
/// The end-date forecast's fits (`hypercare forecast` without --model: both models, then the AIC choice) on a
/// hypercare-sized series, 120 daily counts, and on a long test log of 10,000 failure times.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ForecastBenchmark
{
    private GroupedCounts _daily = null!;
    private FailureTimes _times = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        // A delayed S-shaped process with 600 defects, its peak on day 20 (b = 1/20), over 120 days.
        const double b = 0.05;
        var ends = Enumerable.Range(1, 120).Select(d => (double)d).ToArray();
        var counts = ends.Select(d => Poisson.Sample(random, 600 * (SpecialFunctions.GammaLowerRegularized(2, b * d) - SpecialFunctions.GammaLowerRegularized(2, b * (d - 1))))).ToArray();
        _daily = new GroupedCounts(ends, counts);

        // 10,000 Goel-Okumoto arrivals (b = 1) drawn from the first 90 % of the total, so bT ends near ln 10.
        var share = 0.9;
        var times = Enumerable.Range(0, 10_000).Select(_ => -Math.Log(1 - (1 - random.NextDouble()) * share)).Order().ToArray();
        _times = new FailureTimes(times);
    }

    [Benchmark(Description = "Fit both models + AIC choice, 120 daily counts")]
    public GrowthFit? DailyCounts() => ReliabilityGrowth.Choose(ReliabilityGrowth.FitAll(_daily));

    [Benchmark(Description = "Fit both models + AIC choice, 10,000 failure times")]
    public GrowthFit? FailureTimes() => ReliabilityGrowth.Choose(ReliabilityGrowth.FitAll(_times));
}
