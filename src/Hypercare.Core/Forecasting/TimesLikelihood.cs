namespace Hypercare.Core.Forecasting;

/// <summary>
/// ln L = n ln a + Σ ln f(tᵢ; b) − a F(bT) for arrival times over (0, T]. The data enter only through n, T, Σtᵢ and
/// Σ ln tᵢ, so a fit costs one pass over the times however long the root search takes.
/// </summary>
internal sealed class TimesLikelihood : ArrivalLikelihood
{
    private readonly int _n;
    private readonly double _end;
    private readonly double _sum;
    private readonly double _sumOfLogs;
    private readonly double _meanShare;

    public TimesLikelihood(GrowthModel model, FailureTimes data)
        : base(model, data)
    {
        _n = data.Count;
        _end = data.End;
        foreach (var t in data.Times)
        {
            _sum += t;
            _sumOfLogs += Math.Log(t);
        }

        // Σtᵢ / (nT): the Laplace-type statistic. The score's limit at β → 0 is shape/(shape + 1) − this, so G-O has a
        // finite maximum exactly when it is below 1/2 (Goel and Okumoto 1979) and the delayed S-shaped model, as the
        // property tests check, when it is below 2/3.
        _meanShare = _n > 0 ? _sum / (_n * _end) : 0;
    }

    protected override double LargestScaledRate => Math.Max(1e4, 100 * Shape / Math.Max(_meanShare, double.Epsilon));

    public override double Score(double beta) =>
        Shape / beta - _meanShare - GrowthCurve.Density(Shape, beta) / GrowthCurve.Cdf(Shape, beta);

    // ln f(t) = ln a + k ln b + (k − 1) ln t − bt for shape k; ln Γ(k) is 0 for k = 1 and 2.
    public override double LogLikelihood(double a, double b) =>
        _n * Math.Log(a) + _n * Shape * Math.Log(b) + (Shape - 1) * _sumOfLogs - b * _sum - a * GrowthCurve.Cdf(Shape, b * _end);

    public override (double Aa, double Ab, double Bb) Information(double a, double b) =>
        (_n / (a * a),
         _end * GrowthCurve.Density(Shape, b * _end),
         _n * Shape / (b * b) + a * _end * _end * GrowthCurve.DensitySlope(Shape, b * _end));
}
