using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Hypercare.Core.Adoption.Flags;

/// <summary>A concerning trend found in a series: what, since when, how much, and the numbers behind it.</summary>
public sealed record FlagFinding(FlagKind Kind, string Subject, DateOnly Since, double Magnitude, string Summary, IReadOnlyDictionary<string, object> Evidence);

/// <summary>
/// The flag rules, pure: series in, findings out. The statistical tests are stated in ADR 0012: a one-sided paired
/// t-test on like weekdays for week-over-week declines (weekday pairing removes the weekend pattern, and one bad day
/// among seven is not significant), a two-proportion z-test for a lagging group, and a Poisson tail test against the
/// previous two weeks for failed-login spikes. Stale login data is a calendar rule, no test.
/// </summary>
public static class FlagRules
{
    public const double DeclineAlpha = 0.05;
    public const double MinRelativeDecline = 0.10;
    public const double GroupAlpha = 0.01;
    public const double MinGroupGap = 0.15;
    public const int MinGroupSize = 5;
    public const double SpikeAlpha = 0.001;
    public const int MinSpike = 10;

    /// <summary>Days without login data tolerated before a flag, counting today: an export covering yesterday is normal, one a day late too.</summary>
    public const int AllowedStaleDays = 2;

    /// <summary>
    /// The last seven days against the seven before, each day paired with the same weekday a week earlier.
    /// Flags when the mean paired difference is negative with p &lt; 0.05 and at least a 10% drop.
    /// </summary>
    public static FlagFinding? WeekOverWeekDecline(FlagKind kind, string subject, IReadOnlyList<(DateOnly Day, double Value)> series, string unit)
    {
        if (series.Count < 14)
        {
            return null;
        }

        var last = series.Skip(series.Count - 7).ToArray();
        var previous = series.Skip(series.Count - 14).Take(7).ToArray();
        var differences = last.Select((d, i) => d.Value - previous[i].Value).ToArray();
        var mean = differences.Average();
        var previousMean = previous.Average(d => d.Value);
        if (mean >= 0 || previousMean <= 0)
        {
            return null;
        }

        var sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (differences.Length - 1));
        double t, p;
        if (sd == 0)
        {
            (t, p) = (double.NegativeInfinity, 0);
        }
        else
        {
            t = mean / (sd / Math.Sqrt(differences.Length));
            p = StudentT.CDF(0, 1, differences.Length - 1, t);
        }

        var relative = -mean / previousMean;
        if (p >= DeclineAlpha || relative < MinRelativeDecline)
        {
            return null;
        }

        var lastMean = last.Average(d => d.Value);
        return new FlagFinding(kind, subject, last[0].Day, relative,
            string.Create(CultureInfo.InvariantCulture,
                $"{subject}: {unit} fell {relative:P0} week over week ({previousMean:0.###} → {lastMean:0.###} a day on average), like weekdays compared, {PValue(p)}."),
            new Dictionary<string, object>
            {
                ["test"] = "one-sided paired t-test, same weekday a week earlier",
                ["previousWeek"] = previous.Select(d => new { day = d.Day, value = Math.Round(d.Value, 4) }).ToArray(),
                ["lastWeek"] = last.Select(d => new { day = d.Day, value = Math.Round(d.Value, 4) }).ToArray(),
                ["meanDifference"] = Math.Round(mean, 4),
                ["t"] = double.IsInfinity(t) ? -1e9 : Math.Round(t, 3),
                ["pValue"] = Math.Round(p, 6),
                ["relativeDecline"] = Math.Round(relative, 4),
            });
    }

    /// <summary>The login rate on or after the target date is below the target.</summary>
    public static FlagFinding? BelowTarget(AdoptionTarget target, IReadOnlyList<(DateOnly Day, double? Rate)> series)
    {
        var due = series.Where(d => d.Day >= target.ByDate && d.Rate is not null).ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var latest = due[^1];
        if (latest.Rate >= target.Rate)
        {
            return null;
        }

        var since = due.First(d => d.Rate < target.Rate).Day;
        var gap = target.Rate - latest.Rate!.Value;
        return new FlagFinding(FlagKind.BelowTarget, $"target: {Metric(target.Metric)} {target.Rate:P0} by {target.ByDate:yyyy-MM-dd}", since, gap,
            string.Create(CultureInfo.InvariantCulture,
                $"{Metric(target.Metric)} is {latest.Rate:P1} on {latest.Day:yyyy-MM-dd}, {gap * 100:0.#} points below the target of {target.Rate:P0} due {target.ByDate:yyyy-MM-dd}."),
            new Dictionary<string, object>
            {
                ["target"] = target.Rate,
                ["byDate"] = target.ByDate,
                ["actual"] = Math.Round(latest.Rate!.Value, 4),
                ["day"] = latest.Day,
            });
    }

    /// <summary>A group whose weekly login rate is well below the rest of the licensed users (two-proportion z-test).</summary>
    public static FlagFinding? GroupLagging(string dimension, string group, DateOnly day, int groupLicensed, int groupActive, int allLicensed, int allActive)
    {
        var restLicensed = allLicensed - groupLicensed;
        var restActive = allActive - groupActive;
        if (groupLicensed < MinGroupSize || restLicensed < MinGroupSize)
        {
            return null;
        }

        var p1 = (double)groupActive / groupLicensed;
        var p2 = (double)restActive / restLicensed;
        var pooled = (double)(groupActive + restActive) / (groupLicensed + restLicensed);
        var se = Math.Sqrt(pooled * (1 - pooled) * (1.0 / groupLicensed + 1.0 / restLicensed));
        if (se == 0 || p2 - p1 < MinGroupGap)
        {
            return null;
        }

        var z = (p1 - p2) / se;
        var p = Normal.CDF(0, 1, z);
        if (p >= GroupAlpha)
        {
            return null;
        }

        return new FlagFinding(FlagKind.GroupLagging, $"{dimension}: {group}", day, p2 - p1,
            string.Create(CultureInfo.InvariantCulture,
                $"{dimension} {group}: weekly login rate {p1:P0} against {p2:P0} for everyone else ({groupActive} of {groupLicensed} users), {PValue(p)}."),
            new Dictionary<string, object>
            {
                ["test"] = "one-sided two-proportion z-test against the rest",
                ["groupLicensed"] = groupLicensed,
                ["groupWeeklyActive"] = groupActive,
                ["restLicensed"] = restLicensed,
                ["restWeeklyActive"] = restActive,
                ["z"] = Math.Round(z, 3),
                ["pValue"] = Math.Round(p, 6),
            });
    }

    /// <summary>The last day's failures far above the previous 14 days' mean (Poisson upper tail p &lt; 0.001, at least 10).</summary>
    public static FlagFinding? FailureSpike(string subject, IReadOnlyList<(DateOnly Day, int Count)> series)
    {
        if (series.Count < 8)
        {
            return null;
        }

        var latest = series[^1];
        var baseline = series.Skip(Math.Max(0, series.Count - 15)).Take(Math.Min(14, series.Count - 1)).ToArray();
        var lambda = Math.Max(baseline.Average(d => d.Count), 0.5);
        if (latest.Count < MinSpike || latest.Count < 2 * lambda)
        {
            return null;
        }

        var p = 1 - Poisson.CDF(lambda, latest.Count - 1);
        if (p >= SpikeAlpha)
        {
            return null;
        }

        return new FlagFinding(FlagKind.FailedLoginSpike, subject, latest.Day, latest.Count / lambda,
            string.Create(CultureInfo.InvariantCulture,
                $"{subject}: {latest.Count} failed logins on {latest.Day:yyyy-MM-dd} against {lambda:0.#} a day in the two weeks before ({PValue(p)})."),
            new Dictionary<string, object>
            {
                ["test"] = "Poisson upper tail against the previous 14 days' mean",
                ["count"] = latest.Count,
                ["baselineMean"] = Math.Round(lambda, 3),
                ["baseline"] = baseline.Select(d => new { day = d.Day, count = d.Count }).ToArray(),
                ["pValue"] = p,
            });
    }

    /// <summary>
    /// No login figures for more than <paramref name="allowedDays"/> local days up to today: the imports stopped or the
    /// export job broke, and every figure silently ends at <paramref name="lastDataDay"/>. Only while hypercare runs:
    /// nothing before go-live, and days before go-live never count as missing (a pilot's data may end weeks earlier).
    /// </summary>
    /// <param name="lastDataDay">The newest local day with login figures.</param>
    /// <param name="today">The project's local today.</param>
    /// <param name="goLive">The project's go-live date.</param>
    /// <param name="lastImportAt">The last login import, in the project's local offset (shown as local time); null if unknown.</param>
    /// <param name="allowedDays">Days without data tolerated, counting today (<see cref="AllowedStaleDays"/>).</param>
    public static FlagFinding? LoginDataStale(DateOnly lastDataDay, DateOnly today, DateOnly goLive, DateTimeOffset? lastImportAt, int allowedDays = AllowedStaleDays)
    {
        if (today < goLive)
        {
            return null;
        }

        var since = lastDataDay >= goLive ? lastDataDay.AddDays(1) : goLive;
        var daysMissing = today.DayNumber - since.DayNumber + 1;
        if (daysMissing <= allowedDays)
        {
            return null;
        }

        // An import made after the first missing day was over should have carried it: then the export is the problem, not the importing.
        var advice = lastImportAt switch
        {
            null => "import the latest LoginHistory export",
            { } at when DateOnly.FromDateTime(at.DateTime) > since =>
                string.Create(CultureInfo.InvariantCulture, $"the last login import ({at:ddd d MMM HH:mm}) brought no newer day; check the LoginHistory export"),
            { } at => string.Create(CultureInfo.InvariantCulture, $"the last login import was {at:ddd d MMM HH:mm}; import the latest LoginHistory export"),
        };
        var evidence = new Dictionary<string, object>
        {
            ["lastDataDay"] = lastDataDay,
            ["today"] = today,
            // "day" is the day the condition was last seen (the flag's LastSeen), as for the other rules.
            ["day"] = today,
            ["daysMissing"] = daysMissing,
            ["allowedDays"] = allowedDays,
        };
        if (lastImportAt is { } last)
        {
            evidence["lastImportAt"] = last.ToUniversalTime();
        }

        return new FlagFinding(FlagKind.DataStale, "login data", since, daysMissing,
            string.Create(CultureInfo.InvariantCulture, $"No login data since {since:ddd d MMM} ({daysMissing} days): {advice}."),
            evidence);
    }

    public static string Metric(TargetMetric metric) => metric switch
    {
        TargetMetric.DailyLoginRate => "daily login rate",
        TargetMetric.WeeklyLoginRate => "weekly login rate",
        _ => "monthly login rate",
    };

    /// <summary>A p-value as people read it: "p = 0.0123", or "p &lt; 0.0001" rather than a rounded "p = 0".</summary>
    public static string PValue(double p) =>
        p < 0.0001 ? "p < 0.0001" : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.####}");
}
