namespace Hypercare.Benchmarks;

/// <summary>What every benchmark command shares: its <c>--name value</c> options and the percentiles it reports.</summary>
internal static class BenchArgs
{
    public static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–100) of the values.</summary>
    public static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
