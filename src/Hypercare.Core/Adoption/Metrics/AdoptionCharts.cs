using Hypercare.Core.Adoption.Flags;
using ScottPlot;

namespace Hypercare.Core.Adoption.Metrics;

public enum ChartFormat
{
    Png,
    Svg,
}

/// <summary>
/// The adoption charts, drawn on the server with ScottPlot (ADR 0011) so the page and, later, e-mails show the same
/// picture: PNG for e-mail clients, SVG for the page.
/// </summary>
public static class AdoptionCharts
{
    public const int Width = 820;
    public const int Height = 320;

    public static byte[] LoginRate(AdoptionOverview overview, ChartFormat format)
    {
        var plot = NewPlot("Login rate against target", "share of licensed users");
        var days = overview.Days;
        if (days.Count > 0 && overview.HasRoster)
        {
            Line(plot, days.Select(d => d.Date).ToArray(), days.Select(d => (d.LoginRate ?? 0) * 100).ToArray(), "daily", Colors.SteelBlue);
            Line(plot, days.Select(d => d.Date).ToArray(), days.Select(d => (d.WeeklyLoginRate ?? 0) * 100).ToArray(), "weekly", Colors.DarkOrange);
            foreach (var target in overview.Targets)
            {
                var marker = plot.Add.Marker(target.ByDate.ToDateTime(TimeOnly.MinValue).ToOADate(), target.Rate * 100);
                marker.MarkerShape = MarkerShape.FilledDiamond;
                marker.MarkerSize = 12;
                marker.Color = Colors.Crimson;
                marker.LegendText = $"target {FlagRules.Metric(target.Metric)} {target.Rate:P0}";
            }

            plot.Axes.SetLimitsY(0, 100);
        }
        else if (days.Count > 0)
        {
            Line(plot, days.Select(d => d.Date).ToArray(), days.Select(d => (double)d.ActiveUsers).ToArray(), "daily active users", Colors.SteelBlue);
            plot.YLabel("active users (no roster imported)");
        }

        return Render(plot, format);
    }

    public static byte[] ByDepartment(AdoptionOverview overview, ChartFormat format)
    {
        var plot = NewPlot("Weekly login rate by department", "share of licensed users", dates: false);
        var groups = overview.Groups.Where(g => g.Dimension == "department" && g.LicensedUsers > 0).OrderBy(g => g.WeeklyLoginRate).Take(25).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            var bar = plot.Add.Bar(i, (groups[i].WeeklyLoginRate ?? 0) * 100);
            bar.Color = Colors.SteelBlue;
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select((g, i) => new Tick(i, g.Group.Length > 14 ? g.Group[..13] + "…" : g.Group)).ToArray());
        plot.Axes.SetLimitsY(0, 100);
        return Render(plot, format);
    }

    public static byte[] FeatureUsage(AdoptionOverview overview, ChartFormat format)
    {
        var plot = NewPlot("Feature usage: daily users", "users");
        var palette = new ScottPlot.Palettes.Category10();
        var i = 0;
        foreach (var feature in overview.Features)
        {
            if (feature.Days.Count > 0)
            {
                Line(plot, feature.Days.Select(d => d.Date).ToArray(), feature.Days.Select(d => (double)d.Users).ToArray(), feature.Feature, palette.GetColor(i++));
            }
        }

        return Render(plot, format);
    }

    private static Plot NewPlot(string title, string yLabel, bool dates = true)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.YLabel(yLabel);
        if (dates)
        {
            plot.Axes.DateTimeTicksBottom();
        }

        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Line(Plot plot, DateOnly[] days, double[] values, string label, Color color)
    {
        var scatter = plot.Add.Scatter(days.Select(d => d.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray(), values);
        scatter.LegendText = label;
        scatter.Color = color;
        scatter.MarkerSize = days.Length > 60 ? 0 : 4;
    }

    private static byte[] Render(Plot plot, ChartFormat format) => format == ChartFormat.Png
        ? plot.GetImageBytes(Width, Height, ImageFormat.Png)
        : System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height));
}
