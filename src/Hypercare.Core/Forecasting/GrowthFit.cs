namespace Hypercare.Core.Forecasting;

/// <summary>
/// A maximum-likelihood fit of one <see cref="GrowthModel"/>, or the finding that the data have no finite maximum
/// (<see cref="Finite"/> false: arrivals are not slowing down, so no total and no end date can be estimated and none is
/// made up). Bounds are 95 % Wald intervals from the observed information; being symmetric they can reach below the
/// arrivals already seen (for a) or below zero (for b) when the data say little.
/// </summary>
public sealed record GrowthFit(
    GrowthModel Model,
    bool Finite,
    int Observed,
    double ObservationEnd,
    double? A,
    double? B,
    double? LogLikelihood,
    double? Aic,
    double? ExpectedRemaining,
    double? ALower,
    double? AUpper,
    double? BLower,
    double? BUpper)
{
    internal static GrowthFit NotFinite(GrowthModel model, ArrivalData data) =>
        new(model, false, data.Count, data.End, null, null, null, null, null, null, null, null, null);

    /// <summary>m(t): the expected number of arrivals by time t.</summary>
    public double MeanValue(double t)
    {
        var (a, b) = Parameters();
        return a * GrowthCurve.Cdf(GrowthCurve.Shape(Model), b * t);
    }

    /// <summary>λ(t) = m'(t): the expected arrival rate at time t.</summary>
    public double Intensity(double t)
    {
        var (a, b) = Parameters();
        return a * b * GrowthCurve.Density(GrowthCurve.Shape(Model), b * t);
    }

    /// <summary>m(to) − m(from), without the cancellation of subtracting two nearly equal m values late in the period.</summary>
    public double ExpectedArrivals(double from, double to)
    {
        var (a, b) = Parameters();
        return a * GrowthCurve.Mass(GrowthCurve.Shape(Model), b * Math.Max(0, from), b * Math.Max(0, to));
    }

    private (double A, double B) Parameters() =>
        Finite && A is { } a && B is { } b ? (a, b) : throw new InvalidOperationException("The fit has no finite maximum, so it has no mean-value function.");
}
