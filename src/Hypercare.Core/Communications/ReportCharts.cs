using ScottPlot;

namespace Hypercare.Core.Communications;

/// <summary>The reports' charts as PNG (e-mail clients show PNG, not SVG), drawn with ScottPlot like the adoption charts (ADR 0011).</summary>
public static class ReportCharts
{
    public const string SeverityChart = "severity";
    public const string ArrivalsChart = "arrivals";
    public const string TrainingChart = "training-vs-defects";
    public const string SlaChart = "sla";
    public const string LoginChart = "login-rate";

    // E-mail bodies are read at about 600 px wide.
    private const int Width = 640;
    private const int Height = 280;

    public static byte[] Severity(SeverityCounts created, SeverityCounts open)
    {
        var plot = NewPlot("New and open issues by severity", "issues");
        var severities = Enum.GetValues<Issues.Severity>();
        for (var i = 0; i < severities.Length; i++)
        {
            Bar(plot, i * 3, created.Of(severities[i]), Colors.SteelBlue);
            Bar(plot, i * 3 + 1, open.Of(severities[i]), Colors.DarkOrange);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            severities.Select((s, i) => new Tick(i * 3 + 0.5, s.ToString())).ToArray());
        Legend(plot, ("new", Colors.SteelBlue), ("open", Colors.DarkOrange));
        return Png(plot);
    }

    public static byte[] Arrivals(IReadOnlyList<WeekRow> weeks)
    {
        var plot = NewPlot("Issue arrivals by severity", "issues");
        var colors = new[] { Colors.Crimson, Colors.DarkOrange, Colors.SteelBlue };
        for (var i = 0; i < weeks.Count; i++)
        {
            double bottom = 0;
            var severities = Enum.GetValues<Issues.Severity>();
            for (var s = 0; s < severities.Length; s++)
            {
                var value = weeks[i].Arrivals.Of(severities[s]);
                plot.Add.Bar(new Bar { Position = i, ValueBase = bottom, Value = bottom + value, FillColor = colors[s] });
                bottom += value;
            }
        }

        WeekTicks(plot, weeks);
        Legend(plot, ("Sev1", colors[0]), ("Sev2", colors[1]), ("Sev3", colors[2]));
        return Png(plot);
    }

    public static byte[] Training(IReadOnlyList<WeekRow> weeks)
    {
        var plot = NewPlot("Training gaps versus defects", "issues");
        Line(plot, weeks, w => w.TrainingGaps, "training gaps", Colors.SeaGreen);
        Line(plot, weeks, w => w.Defects, "defects", Colors.Crimson);
        WeekTicks(plot, weeks);
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot);
    }

    public static byte[] Sla(IReadOnlyList<WeekRow> weeks)
    {
        var plot = NewPlot("SLA compliance", "% met");
        Line(plot, weeks, w => w.ResponseCompliance, "response", Colors.SteelBlue);
        Line(plot, weeks, w => w.ResolutionCompliance, "resolution", Colors.DarkOrange);
        WeekTicks(plot, weeks);
        plot.Axes.SetLimitsY(0, 105);
        plot.ShowLegend(Alignment.LowerLeft);
        return Png(plot);
    }

    public static byte[] Login(IReadOnlyList<WeekRow> weeks, TargetLine? target)
    {
        var plot = NewPlot("7-day login rate against target", "% of licensed users");
        Line(plot, weeks, w => w.LoginRate * 100, "login rate", Colors.SteelBlue);
        if (target is not null)
        {
            var line = plot.Add.HorizontalLine(target.Rate * 100);
            line.Color = Colors.Crimson;
            line.LinePattern = LinePattern.Dashed;
            line.LegendText = "target";
        }

        WeekTicks(plot, weeks);
        plot.Axes.SetLimitsY(0, 105);
        plot.ShowLegend(Alignment.LowerLeft);
        return Png(plot);
    }

    private static Plot NewPlot(string title, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        return plot;
    }

    private static void Bar(Plot plot, double position, double value, Color color) =>
        plot.Add.Bar(new Bar { Position = position, Value = value, FillColor = color });

    private static void Line(Plot plot, IReadOnlyList<WeekRow> weeks, Func<WeekRow, double?> value, string label, Color color)
    {
        var points = weeks.Select((w, i) => (X: (double)i, Y: value(w))).Where(p => p.Y is not null).ToList();
        if (points.Count == 0)
        {
            return;
        }

        var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y!.Value).ToArray());
        scatter.LegendText = label;
        scatter.Color = color;
        scatter.MarkerSize = 6;
    }

    private static void WeekTicks(Plot plot, IReadOnlyList<WeekRow> weeks) =>
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            weeks.Select((w, i) => new Tick(i, w.WeekStart.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture))).ToArray());

    private static void Legend(Plot plot, params (string Label, Color Color)[] items)
    {
        plot.Legend.ManualItems.AddRange(items.Select(i => new LegendItem { LabelText = i.Label, FillColor = i.Color }));
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
