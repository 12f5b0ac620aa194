namespace Hypercare.Core.Forecasting;

/// <summary>
/// Defect arrivals on one time axis (days since go-live in the product; any unit for published data sets), in one of the
/// two forms the models can be fitted to. Constructors refuse data the likelihood is undefined for; readers such as
/// <see cref="ArrivalCsv"/> check first so that people get a line and column instead of an exception.
/// </summary>
public abstract class ArrivalData
{
    private protected ArrivalData()
    {
    }

    /// <summary>How many arrivals were observed.</summary>
    public abstract int Count { get; }

    /// <summary>When observation ended (T).</summary>
    public abstract double End { get; }
}

/// <summary>Each arrival's time t1 ≤ … ≤ tn, observed over (0, T].</summary>
public sealed class FailureTimes : ArrivalData
{
    /// <param name="times">Arrival times, ascending, each greater than 0 (ties allowed).</param>
    /// <param name="end">End of observation; the last arrival when omitted (the usual failure-truncated test).</param>
    public FailureTimes(IReadOnlyList<double> times, double? end = null)
    {
        ArgumentNullException.ThrowIfNull(times);
        for (var i = 0; i < times.Count; i++)
        {
            if (!double.IsFinite(times[i]) || times[i] <= 0)
            {
                throw new ArgumentException($"Time {i + 1} is {times[i]}; every time must be a finite number greater than 0.", nameof(times));
            }

            if (i > 0 && times[i] < times[i - 1])
            {
                throw new ArgumentException($"Time {i + 1} ({times[i]}) comes before time {i} ({times[i - 1]}); times must ascend.", nameof(times));
            }
        }

        var last = times.Count > 0 ? times[^1] : 0;
        if (end is { } e && (!double.IsFinite(e) || e < last || e <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(end), e, "The end of observation must be positive and not before the last arrival.");
        }

        Times = [.. times];
        End = end ?? last;
    }

    public IReadOnlyList<double> Times { get; }

    public override int Count => Times.Count;

    public override double End { get; }
}

/// <summary>Arrival counts y1..yk in the intervals (0, s1], (s1, s2], …, (sk−1, sk].</summary>
public sealed class GroupedCounts : ArrivalData
{
    /// <param name="ends">Interval ends, strictly increasing, the first greater than 0.</param>
    /// <param name="counts">Arrivals in each interval, not negative.</param>
    public GroupedCounts(IReadOnlyList<double> ends, IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(ends);
        ArgumentNullException.ThrowIfNull(counts);
        if (ends.Count != counts.Count)
        {
            throw new ArgumentException($"{ends.Count} interval ends but {counts.Count} counts.", nameof(counts));
        }

        var total = 0;
        for (var i = 0; i < ends.Count; i++)
        {
            var previous = i == 0 ? 0 : ends[i - 1];
            if (!double.IsFinite(ends[i]) || ends[i] <= previous)
            {
                throw new ArgumentException($"Interval end {i + 1} ({ends[i]}) must be greater than {previous}.", nameof(ends));
            }

            if (counts[i] < 0)
            {
                throw new ArgumentException($"Count {i + 1} is {counts[i]}; counts must not be negative.", nameof(counts));
            }

            total = checked(total + counts[i]);
        }

        Ends = [.. ends];
        Counts = [.. counts];
        Count = total;
    }

    public IReadOnlyList<double> Ends { get; }

    public IReadOnlyList<int> Counts { get; }

    public override int Count { get; }

    public override double End => Ends.Count > 0 ? Ends[^1] : 0;
}
