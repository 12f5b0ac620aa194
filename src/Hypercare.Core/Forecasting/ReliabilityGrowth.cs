namespace Hypercare.Core.Forecasting;

/// <summary>Fits reliability growth models to defect arrivals by maximum likelihood and chooses between them.</summary>
public static class ReliabilityGrowth
{
    public static IReadOnlyList<GrowthModel> Models { get; } = Enum.GetValues<GrowthModel>();

    public static GrowthFit Fit(GrowthModel model, ArrivalData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArrivalLikelihood likelihood = data switch
        {
            FailureTimes times => new TimesLikelihood(model, times),
            GroupedCounts counts => new GroupedLikelihood(model, counts),
            _ => throw new ArgumentException($"Unknown arrival data {data.GetType().Name}.", nameof(data)),
        };
        return likelihood.Fit();
    }

    /// <summary>Every model, in <see cref="Models"/> order.</summary>
    public static IReadOnlyList<GrowthFit> FitAll(ArrivalData data) => [.. Models.Select(model => Fit(model, data))];

    /// <summary>
    /// The finite fit with the lowest AIC, or null when no model has a finite maximum. Both models have two
    /// parameters, so this is the higher likelihood; AIC keeps the rule right if a three-parameter model joins.
    /// </summary>
    public static GrowthFit? Choose(IEnumerable<GrowthFit> fits) =>
        fits.Where(f => f.Finite).OrderBy(f => f.Aic).FirstOrDefault();
}
