using MathNet.Numerics;

namespace Hypercare.Core.Forecasting;

/// <summary>
/// ln L = Σ yᵢ ln(m(sᵢ) − m(sᵢ₋₁)) − m(sₖ) − Σ ln yᵢ! for counts in consecutive intervals. Empty intervals add nothing
/// but their share of m(sₖ), so they are skipped in the sums.
/// </summary>
internal sealed class GroupedLikelihood : ArrivalLikelihood
{
    private readonly double[] _ends;
    private readonly int[] _counts;
    private readonly int _total;
    private readonly double _end;
    private readonly double _logFactorials;

    public GroupedLikelihood(GrowthModel model, GroupedCounts data)
        : base(model, data)
    {
        _ends = [.. data.Ends];
        _counts = [.. data.Counts];
        _total = data.Count;
        _end = data.End;
        foreach (var y in _counts)
        {
            _logFactorials += SpecialFunctions.FactorialLn(y);
        }
    }

    // All arrivals in the first interval push the maximum towards β → ∞. Beyond b·s₁ = 700 the first interval's density
    // e^(−700) is about to underflow, and with it the only term that could still change the score's sign.
    protected override double LargestScaledRate => 700 * _end / _ends[0];

    public override double Score(double beta)
    {
        var sum = 0.0;
        var previous = 0.0;
        for (var i = 0; i < _ends.Length; i++)
        {
            var share = _ends[i] / _end;
            if (_counts[i] > 0)
            {
                var mass = GrowthCurve.Mass(Shape, beta * previous, beta * share);
                var slope = share * GrowthCurve.Density(Shape, beta * share) - previous * GrowthCurve.Density(Shape, beta * previous);
                sum += _counts[i] * slope / mass;
            }

            previous = share;
        }

        return sum / _total - GrowthCurve.Density(Shape, beta) / GrowthCurve.Cdf(Shape, beta);
    }

    public override double LogLikelihood(double a, double b)
    {
        var sum = 0.0;
        var previous = 0.0;
        for (var i = 0; i < _ends.Length; i++)
        {
            if (_counts[i] > 0)
            {
                sum += _counts[i] * Math.Log(a * GrowthCurve.Mass(Shape, b * previous, b * _ends[i]));
            }

            previous = _ends[i];
        }

        return sum - a * GrowthCurve.Cdf(Shape, b * _end) - _logFactorials;
    }

    public override (double Aa, double Ab, double Bb) Information(double a, double b)
    {
        var bb = a * _end * _end * GrowthCurve.DensitySlope(Shape, b * _end);
        var previous = 0.0;
        for (var i = 0; i < _ends.Length; i++)
        {
            if (_counts[i] > 0)
            {
                var s = _ends[i];
                var mass = GrowthCurve.Mass(Shape, b * previous, b * s);
                var first = s * GrowthCurve.Density(Shape, b * s) - previous * GrowthCurve.Density(Shape, b * previous);
                var second = s * s * GrowthCurve.DensitySlope(Shape, b * s) - previous * previous * GrowthCurve.DensitySlope(Shape, b * previous);
                bb -= _counts[i] * (second / mass - first * first / (mass * mass));
            }

            previous = _ends[i];
        }

        return (_total / (a * a), _end * GrowthCurve.Density(Shape, b * _end), bb);
    }
}
