using System.Globalization;
using Hypercare.Core.Forecasting;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using ScottPlot;

namespace Hypercare.Core.Exit;

/// <summary>One local day of the arrivals the forecast is fitted to.</summary>
public sealed record ArrivalDay(DateOnly Day, int Count, int Cumulative);

/// <summary>
/// The end-date forecast of a project: its defect arrivals per local day since go-live fitted to the reliability growth
/// models, the model AIC chose, and the first day from which the fit makes the exit rule's quiet window likely.
/// </summary>
public sealed record ExitForecast(
    DateOnly GoLive,
    string Selection,
    IReadOnlyList<ArrivalDay> Days,
    IReadOnlyList<GrowthFit> Fits,
    GrowthFit? Chosen,
    DateOnly? QuietFrom,
    DateOnly? RuleHoldsOn,
    DateOnly? PlannedEnd,
    int WindowDays,
    double Probability,
    string Summary);

/// <summary>Which issues count as arrivals: by default defects of Sev1 and Sev2, as the exit rule counts them.</summary>
public sealed record ForecastSelection(IReadOnlyList<Severity> Severities, IssueCategory? Category)
{
    public static ForecastSelection Default { get; } = new([Severity.Sev1, Severity.Sev2], IssueCategory.Defect);

    /// <summary>Asks for what <see cref="Default"/> asks for (records compare the severity list by reference, not by items).</summary>
    public bool IsDefault => Severities.SequenceEqual(Default.Severities) && Category == Default.Category;

    public string Describe() => $"{(Category is { } c ? c.ToString().ToLowerInvariant() + " " : "")}issues of {string.Join(" and ", Severities)}";
}

public static class ExitForecasting
{
    public const string NoEvidence = "Not enough evidence that arrivals are falling; no end date can be forecast yet.";

    /// <summary>
    /// Fits the complete local days from go-live to yesterday (today is not over, so its count would read as a fall).
    /// Pure: the arrivals come in as instants, the day boundaries are the project's.
    /// </summary>
    public static ExitForecast Forecast(IReadOnlyList<DateTimeOffset> arrivals, DateOnly goLive, DateOnly today, string timeZoneId, DateOnly? plannedEnd,
        string selection, int windowDays = 3, double probability = 0.8)
    {
        var last = today.AddDays(-1);
        var byDay = arrivals.Select(a => LocalDays.Today(a, timeZoneId)).Where(d => d >= goLive && d <= last).GroupBy(d => d).ToDictionary(g => g.Key, g => g.Count());
        var days = new List<ArrivalDay>();
        var cumulative = 0;
        for (var d = goLive; d <= last; d = d.AddDays(1))
        {
            var n = byDay.GetValueOrDefault(d);
            cumulative += n;
            days.Add(new ArrivalDay(d, n, cumulative));
        }

        if (days.Count < 2 || cumulative == 0)
        {
            return new ExitForecast(goLive, selection, days, [], null, null, null, plannedEnd, windowDays, probability,
                days.Count < 2 ? "Fewer than two whole days since go-live: nothing to fit yet." : $"No {selection} since go-live: nothing to fit.");
        }

        var data = new GroupedCounts([.. days.Select((_, i) => (double)(i + 1))], [.. days.Select(d => d.Count)]);
        var fits = ReliabilityGrowth.FitAll(data);
        var chosen = ReliabilityGrowth.Choose(fits);
        if (chosen is null)
        {
            return new ExitForecast(goLive, selection, days, fits, null, null, null, plannedEnd, windowDays, probability, NoEvidence);
        }

        var quiet = ExitProjection.FirstQuietDay(chosen, data.End, windowDays, probability);
        var quietFrom = quiet is { } q ? goLive.AddDays((int)Math.Ceiling(q)) : (DateOnly?)null;
        var holds = quietFrom?.AddDays(windowDays);
        var model = chosen.Model == GrowthModel.GoelOkumoto ? "Goel–Okumoto" : "delayed S-shaped";
        var remaining = chosen.ExpectedRemaining!.Value;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"The {model} model (AIC {chosen.Aic:0.0}) expects {chosen.A:0.#} {selection} in all, {remaining:0.#} still to come. ") + (holds is { } h
            ? $"From {quietFrom:yyyy-MM-dd} a {windowDays}-day quiet window is at least {probability:P0} likely, so the no-new-Sev1/Sev2 rule would hold on {h:yyyy-MM-dd}" +
              (plannedEnd is { } p ? h <= p ? $", on or before the planned end {p:yyyy-MM-dd}." : $", {h.DayNumber - p.DayNumber} days after the planned end {p:yyyy-MM-dd}." : ".")
            : "The fit does not make a quiet window likely within a year; no end date can be forecast yet.");
        return new ExitForecast(goLive, selection, days, fits, chosen, quietFrom, holds, plannedEnd, windowDays, probability, summary);
    }

    /// <summary>Observed cumulative arrivals, the fitted mean value curve and its projection, the predicted and the planned end.</summary>
    public static byte[] Chart(ExitForecast forecast) => Chart(forecast, 720, 320);

    public static byte[] Chart(ExitForecast forecast, int width, int height)
    {
        var goLive = forecast.GoLive;
        var plot = new Plot();
        plot.Title("Defect arrivals and the end-date forecast");
        plot.YLabel(forecast.Selection);
        plot.XLabel("days since go-live");
        if (forecast.Days.Count > 0)
        {
            var observed = plot.Add.Scatter(forecast.Days.Select((_, i) => (double)(i + 1)).ToArray(), forecast.Days.Select(d => (double)d.Cumulative).ToArray());
            observed.LegendText = "observed (cumulative)";
            observed.Color = Colors.SteelBlue;
            observed.LineWidth = 0;
            observed.MarkerSize = 6;
        }

        var horizon = Math.Max(forecast.Days.Count + 7, Math.Max(
            forecast.RuleHoldsOn is { } h ? h.DayNumber - goLive.DayNumber + 5 : 0,
            forecast.PlannedEnd is { } p ? p.DayNumber - goLive.DayNumber + 5 : 0));
        if (forecast.Chosen is { } fit)
        {
            var xs = Enumerable.Range(0, horizon * 4 + 1).Select(i => i / 4.0).ToArray();
            var curve = plot.Add.Scatter(xs, xs.Select(fit.MeanValue).ToArray());
            curve.LegendText = "fitted m(t) and projection";
            curve.Color = Colors.DarkOrange;
            curve.MarkerSize = 0;
            var total = plot.Add.HorizontalLine(fit.A!.Value);
            total.Color = Colors.Gray;
            total.LinePattern = LinePattern.Dotted;
            total.LegendText = "expected total";
        }

        if (forecast.RuleHoldsOn is { } holds)
        {
            var line = plot.Add.VerticalLine(holds.DayNumber - goLive.DayNumber);
            line.Color = Colors.SeaGreen;
            line.LegendText = $"predicted end {holds:yyyy-MM-dd}";
        }

        if (forecast.PlannedEnd is { } planned)
        {
            var line = plot.Add.VerticalLine(planned.DayNumber - goLive.DayNumber);
            line.Color = Colors.Crimson;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = $"planned end {planned:yyyy-MM-dd}";
        }

        plot.Axes.SetLimitsX(0, horizon);
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
