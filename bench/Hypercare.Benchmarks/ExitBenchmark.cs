using System.Diagnostics;
using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Extensions.DependencyInjection;
using static Hypercare.Benchmarks.BenchArgs;

namespace Hypercare.Benchmarks;

/// <summary>
/// Issue 11's goal: evaluating every exit rule and refitting the forecast for a project with 10,000 issues over 120 days
/// under 100 ms. Seeds such a project (SQLite file or PostgreSQL), switches every rule on so each rule's query runs, then
/// times the whole status (facts loaded, rules evaluated, forecast fitted, history and decisions read) and the pure part alone.
/// </summary>
internal static class ExitBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"hypercare-exit-bench-{Guid.NewGuid():N}.db");
        var issues = int.Parse(Option(args, "--issues") ?? "10000", CultureInfo.InvariantCulture);
        var days = int.Parse(Option(args, "--days") ?? "120", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "50", CultureInfo.InvariantCulture);
        var reuse = Option(args, "--project");
        var (projectId, token) = reuse is null ? await LoadSeeder.SeedAsync(db, issues, days) : (int.Parse(reuse, CultureInfo.InvariantCulture), "");
        // --only kind,kind switches just those rules on (to see what each costs); default: every rule.
        var only = Option(args, "--only")?.Split(',').Select(k => Enum.Parse<ExitRuleKind>(k, ignoreCase: true)).ToHashSet();

        var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(db)).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            var access = new ProjectAccess(projectId, Caller.System, null);
            var set = await scope.ServiceProvider.GetRequiredService<ExitService>().SetRulesAsync(access,
                new ExitRulesRequest([.. ExitRuleSetting.Defaults.Select(r => new ExitRuleUpdate(r.Kind, only?.Contains(r.Kind) ?? true))]));
            if (!set.Succeeded)
            {
                throw new InvalidOperationException(set.Failure!.Message);
            }
        }

        var whole = new List<double>();
        var cached = new List<double>();
        var pure = new List<double>();
        ExitStatus? last = null;
        for (var round = 0; round < rounds + 5; round++)
        {
            await using var scope = services.CreateAsyncScope();
            var exit = scope.ServiceProvider.GetRequiredService<ExitService>();
            // Cold: the goal is every rule evaluated *and the forecast refitted*, so the day's cached fit is dropped first.
            ExitService.ClearForecastCache();
            var watch = Stopwatch.StartNew();
            last = (await exit.StatusAsync(new ProjectAccess(projectId, Caller.System, null))).Value!;
            watch.Stop();
            // Warm: the page reloaded later the same day, with the same arrivals, reuses the fit.
            await using var again = services.CreateAsyncScope();
            var warmWatch = Stopwatch.StartNew();
            _ = (await again.ServiceProvider.GetRequiredService<ExitService>().StatusAsync(new ProjectAccess(projectId, Caller.System, null))).Value!;
            warmWatch.Stop();
            var pureWatch = Stopwatch.StartNew();
            var arrivals = last.Forecast.Days.SelectMany(d => Enumerable.Repeat(LocalDays.StartOf(d.Day, "Europe/Berlin").AddHours(12), d.Count)).ToList();
            _ = ExitForecasting.Forecast(arrivals, last.GoLive, last.Evaluation.Day, "Europe/Berlin", last.PlannedEnd, "defects");
            pureWatch.Stop();
            if (round >= 5)
            {
                whole.Add(watch.Elapsed.TotalMilliseconds);
                cached.Add(warmWatch.Elapsed.TotalMilliseconds);
                pure.Add(pureWatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{(db.Contains('=', StringComparison.Ordinal) ? "PostgreSQL" : "SQLite")}, {issues:N0} issues over {days} days, every exit rule on, {rounds} rounds after 5 warm-up");
        Console.WriteLine($"exit status (facts, {last!.Evaluation.Rules.Count} rules, forecast refitted, history): p50 {Percentile(whole, 50):0.0} ms, p95 {Percentile(whole, 95):0.0} ms");
        Console.WriteLine($"exit status, the day's fit reused: p50 {Percentile(cached, 50):0.0} ms, p95 {Percentile(cached, 95):0.0} ms");
        Console.WriteLine($"forecast fit alone ({last.Forecast.Days.Count} days, {last.Forecast.Days[^1].Cumulative} arrivals): p50 {Percentile(pure, 50):0.00} ms, p95 {Percentile(pure, 95):0.00} ms");
        Console.WriteLine($"rules: {string.Join("; ", last.Evaluation.Rules.Select(r => $"{r.Kind} {r.State}"))}");
        Console.WriteLine($"forecast: {last.Forecast.Summary}");
        // For scripts/bench-exit.sh, which then drives the host on the same database.
        Console.WriteLine($"{projectId} {token}");
        return 0;
    }

}
