using System.Globalization;

namespace Hypercare.Cli.Shared;

/// <summary>Durations as people read them in a table: "2d 3h", "4h 05m", "12m".</summary>
internal static class Durations
{
    public static string Text(TimeSpan span)
    {
        var d = span.Duration();
        return d.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalDays}d {d.Hours}h")
            : d.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalHours}h {d.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)d.TotalMinutes}m");
    }

    public static string Left(TimeSpan left) => left < TimeSpan.Zero ? $"{Text(left)} overdue" : $"{Text(left)} left";
}
