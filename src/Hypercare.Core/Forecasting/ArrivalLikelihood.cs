using MathNet.Numerics.Distributions;
using MathNet.Numerics.RootFinding;

namespace Hypercare.Core.Forecasting;

/// <summary>
/// The NHPP log-likelihood of one data form under one model, in a = total defects and b = detection rate. For both
/// models a has a closed form given b (a = n / F(bT)), so the fit maximises the profile likelihood in b alone: one
/// smooth equation in one unknown, which MathNet's Brent solver finds reliably once a sign change is bracketed, instead
/// of a two-dimensional search that wanders off along the flat ridge these likelihoods have when the data are weak.
/// </summary>
internal abstract class ArrivalLikelihood(GrowthModel model, ArrivalData data)
{
    // Below this the profile is indistinguishable from the constant-rate limit (a ≈ n / F(1e-6)): a root there is no forecast.
    private const double SmallestScaledRate = 1e-6;
    private const int GridPointsPerDecade = 20;

    // 1.96: the two-sided 95 % standard normal quantile, taken from MathNet rather than typed in.
    private static readonly double Z95 = Normal.InvCDF(0, 1, 0.975);

    protected int Shape { get; } = GrowthCurve.Shape(model);

    /// <summary>
    /// d(profile log-likelihood)/dβ divided by n, with β = bT the rate scaled to the observation window, so that its
    /// size and sign mean the same for a two-week hypercare and a CPU-second test log. Positive: the likelihood still
    /// rises towards larger b.
    /// </summary>
    public abstract double Score(double beta);

    /// <summary>The full log-likelihood ln L(a, b), constants included so that AIC compares across models on the same data.</summary>
    public abstract double LogLikelihood(double a, double b);

    /// <summary>The observed information −∂²ln L at (a, b): (aa, ab, bb).</summary>
    public abstract (double Aa, double Ab, double Bb) Information(double a, double b);

    /// <summary>Where the score may still change sign; above it every term has run into its large-β limit.</summary>
    protected abstract double LargestScaledRate { get; }

    public GrowthFit Fit()
    {
        if (data.Count == 0)
        {
            return GrowthFit.NotFinite(model, data);
        }

        // Scan β on a log grid for every + → − sign change of the score (a local maximum of the profile), solve each
        // with Brent on ln β, and keep the highest. No sign change means the profile rises all the way to β → 0 (the
        // constant-rate limit, a → ∞) or to β → ∞: there is no finite maximum, and the fit says so.
        double? best = null;
        var bestLogLikelihood = double.NegativeInfinity;
        var step = Math.Pow(10, 1.0 / GridPointsPerDecade);
        var beta = SmallestScaledRate;
        double? lastPositive = null;
        while (beta <= LargestScaledRate)
        {
            var score = Score(beta);
            if (!double.IsFinite(score))
            {
                // An interval's mass or the curve has run out of floating-point range: nothing beyond can be a root.
                break;
            }

            // An exact 0 is a tail that underflowed, not a root: the next point with a sign decides.
            if (score > 0)
            {
                lastPositive = beta;
            }
            else if (score < 0 && lastPositive is { } positive)
            {
                if (Brent.TryFindRoot(x => Score(Math.Exp(x)), Math.Log(positive), Math.Log(beta), 1e-12, 200, out var logBeta))
                {
                    var root = Math.Exp(logBeta);
                    var logLikelihood = ProfileLogLikelihood(root);
                    if (logLikelihood > bestLogLikelihood)
                    {
                        (best, bestLogLikelihood) = (root, logLikelihood);
                    }
                }

                lastPositive = null;
            }

            beta *= step;
        }

        return best is { } found ? Result(found) : GrowthFit.NotFinite(model, data);
    }

    private double ProfileLogLikelihood(double beta) => LogLikelihood(data.Count / GrowthCurve.Cdf(Shape, beta), beta / data.End);

    private GrowthFit Result(double beta)
    {
        var b = beta / data.End;
        var a = data.Count / GrowthCurve.Cdf(Shape, beta);
        var logLikelihood = LogLikelihood(a, b);

        // Wald bounds from the inverse of the observed (not expected) Fisher information at the MLE, computed from the
        // analytic second derivatives; the tests check them against MathNet's numerical Hessian.
        var (iaa, iab, ibb) = Information(a, b);
        var determinant = iaa * ibb - iab * iab;
        double? aHalf = null, bHalf = null;
        if (determinant > 0 && double.IsFinite(determinant))
        {
            aHalf = Z95 * Math.Sqrt(ibb / determinant);
            bHalf = Z95 * Math.Sqrt(iaa / determinant);
        }

        return new GrowthFit(model, true, data.Count, data.End, a, b, logLikelihood, 2 * 2 - 2 * logLikelihood, a - data.Count,
            a - aHalf, a + aHalf, b - bHalf, b + bHalf);
    }
}
