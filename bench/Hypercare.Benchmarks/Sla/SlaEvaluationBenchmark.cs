using BenchmarkDotNet.Attributes;
using Hypercare.Core.Sla;

namespace Hypercare.Benchmarks.Sla;

/// <summary>SLA state of 100,000 open issues (the sweep's and the report's inner loop), and the sweep's threshold crossings.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class SlaEvaluationBenchmark
{
    private readonly DateTimeOffset _now = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private List<List<TimelineEvent>> _timelines = [];
    private SlaPlan _plan = null!;

    [Params(100_000)]
    public int Issues { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var goLive = new DateOnly(2026, 3, 2);
        _plan = SlaTimelines.Plan(goLive);
        var start = new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
        var span = (_now - start).TotalMinutes;
        _timelines = [.. Enumerable.Range(0, Issues).Select(_ => SlaTimelines.Open(random, start.AddMinutes(random.NextDouble() * span), _now))];
    }

    [Benchmark(Description = "Evaluate 3 clocks × 100k open issues")]
    public int EvaluateAll()
    {
        var breached = 0;
        foreach (var timeline in _timelines)
        {
            if (SlaClock.Evaluate(timeline, _plan, _now).Resolution.IsBreached)
            {
                breached++;
            }
        }

        return breached;
    }

    [Benchmark(Description = "Threshold crossings (50/75/100 %) × 100k open issues")]
    public int CrossingsAll()
    {
        var count = 0;
        foreach (var timeline in _timelines)
        {
            count += SlaClock.Crossings(timeline, _plan, _now, [0.5, 0.75, 1.0]).Count;
        }

        return count;
    }
}
