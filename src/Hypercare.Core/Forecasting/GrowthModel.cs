using MathNet.Numerics;

namespace Hypercare.Core.Forecasting;

/// <summary>The reliability growth models the end-date forecast can fit: non-homogeneous Poisson processes m(t) = a·F(bt).</summary>
public enum GrowthModel
{
    /// <summary>Goel–Okumoto (1979): m(t) = a(1 − e^(−bt)); arrivals fall from the first day.</summary>
    GoelOkumoto,

    /// <summary>Delayed S-shaped (Yamada, Ohba and Osaki 1983): m(t) = a(1 − (1 + bt)e^(−bt)); arrivals rise, peak at 1/b, then fall.</summary>
    DelayedSShaped,
}

/// <summary>
/// The normalised mean-value shape F(x) of each model, with x = bt. Both are gamma distribution functions (shape 1 and 2),
/// so F and 1 − F come from MathNet's regularised incomplete gamma functions, which stay accurate in both tails where the
/// closed forms cancel (1 − (1 + x)e^(−x) for small x loses every digit).
/// </summary>
internal static class GrowthCurve
{
    public static int Shape(GrowthModel model) => model switch
    {
        GrowthModel.GoelOkumoto => 1,
        GrowthModel.DelayedSShaped => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, null),
    };

    /// <summary>F(x): the share of all defects expected by x.</summary>
    public static double Cdf(int shape, double x) => x <= 0 ? 0 : SpecialFunctions.GammaLowerRegularized(shape, x);

    /// <summary>1 − F(x), computed directly so that late tails do not round to zero.</summary>
    public static double Survival(int shape, double x) => x <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(shape, x);

    /// <summary>f(x) = F'(x).</summary>
    public static double Density(int shape, double x) => shape == 1 ? Math.Exp(-x) : x * Math.Exp(-x);

    /// <summary>f'(x), for the observed information.</summary>
    public static double DensitySlope(int shape, double x) => shape == 1 ? -Math.Exp(-x) : (1 - x) * Math.Exp(-x);

    /// <summary>F(to) − F(from), from whichever tail is small, so neither early nor late intervals cancel to zero.</summary>
    public static double Mass(int shape, double from, double to) =>
        from >= shape ? Survival(shape, from) - Survival(shape, to) : Cdf(shape, to) - Cdf(shape, from);
}
