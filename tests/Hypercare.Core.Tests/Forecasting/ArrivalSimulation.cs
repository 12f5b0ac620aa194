using Hypercare.Core.Forecasting;
using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Hypercare.Core.Tests.Forecasting;

/// <summary>Seeded draws from a known NHPP, for tests that check a fit recovers what generated the data.</summary>
internal static class ArrivalSimulation
{
    /// <summary>
    /// Arrivals over (0, end] of the process m(t) = a·F(bt): a Poisson number with mean m(end), each placed
    /// independently with density m'(t)/m(end) by inverting the model's gamma distribution function.
    /// </summary>
    public static FailureTimes Times(GrowthModel model, double a, double b, double end, Random random)
    {
        var shape = model == GrowthModel.GoelOkumoto ? 1 : 2;
        var share = SpecialFunctions.GammaLowerRegularized(shape, b * end);
        var n = Poisson.Sample(random, a * share);
        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            // 1 − U keeps the draw away from 0, where the inverse is 0 and a time must be positive.
            times[i] = Math.Min(end, SpecialFunctions.GammaLowerRegularizedInv(shape, (1 - random.NextDouble()) * share) / b);
        }

        Array.Sort(times);
        return new FailureTimes(times, end);
    }

    /// <summary>Arrivals from <paramref name="rate"/> per unit of time, constant: a homogeneous Poisson process.</summary>
    public static FailureTimes Constant(double rate, double end, Random random)
    {
        var n = Poisson.Sample(random, rate * end);
        var times = new double[n];
        for (var i = 0; i < n; i++)
        {
            times[i] = (1 - random.NextDouble()) * end;
        }

        Array.Sort(times);
        return new FailureTimes(times, end);
    }

    /// <summary>The same arrivals counted in <paramref name="intervals"/> equal intervals of (0, end].</summary>
    public static GroupedCounts Grouped(FailureTimes data, int intervals)
    {
        var width = data.End / intervals;
        var ends = Enumerable.Range(1, intervals).Select(i => i * width).ToArray();
        ends[^1] = data.End;
        var counts = new int[intervals];
        foreach (var t in data.Times)
        {
            // Interval i is (ends[i-1], ends[i]]: a time exactly on an end belongs to the interval it closes.
            counts[Math.Clamp((int)Math.Ceiling(t / width) - 1, 0, intervals - 1)]++;
        }

        return new GroupedCounts(ends, counts);
    }
}
