namespace Hypercare.Core.Forecasting;

/// <summary>
/// When hypercare can end on the evidence of the arrival trend: the first day on which the fitted process makes a quiet
/// window likely. For an NHPP the chance of no arrival in (d, d + w] is exp(−(m(d + w) − m(d))).
/// </summary>
public static class ExitProjection
{
    /// <summary>
    /// The first day d = now, now + 1, … (at most <paramref name="horizonDays"/> days on) with
    /// P(no arrival in (d, d + <paramref name="windowDays"/>]) ≥ <paramref name="probability"/>; null when the fit is not
    /// finite or the day is not reached within the horizon.
    /// </summary>
    public static double? FirstQuietDay(GrowthFit fit, double now, double windowDays = 3, double probability = 0.8, int horizonDays = 365)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowDays);
        ArgumentOutOfRangeException.ThrowIfNegative(horizonDays);
        if (!(probability > 0 && probability < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must lie strictly between 0 and 1.");
        }

        if (!fit.Finite)
        {
            return null;
        }

        // exp(−Δm) ≥ p ⇔ Δm ≤ −ln p: compare expected arrivals, which stay accurate where exp(−Δm) rounds to 1.
        var allowed = -Math.Log(probability);
        for (var day = 0; day <= horizonDays; day++)
        {
            var d = now + day;
            if (fit.ExpectedArrivals(d, d + windowDays) <= allowed)
            {
                return d;
            }
        }

        return null;
    }
}
