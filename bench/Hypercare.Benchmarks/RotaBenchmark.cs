using System.Diagnostics;
using System.Globalization;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;
using static Hypercare.Benchmarks.BenchArgs;

namespace Hypercare.Benchmarks;

/// <summary>
/// Issue 12's goal: a 90-day rota for 40 people under all rules in under 1 s. The seed practice's plan
/// (<see cref="PlanPhase.DefaultPlan"/>: two Intensive weeks Monday–Saturday 07:00–20:00, then Stabilise Monday–Friday
/// 08:00–18:00) from go-live on Monday 2 March 2026 in Europe/Berlin (the range crosses the spring-forward night), with
/// 5-hour shifts (three a day in Intensive, two in Stabilise) and a lead, two triage people and one of the steady-state
/// team on every shift. Some people work weekdays only, some take a week off, a few shifts are locked.
/// </summary>
internal static class RotaBenchmark
{
    public static int Run(string[] args)
    {
        var days = int.Parse(Option(args, "--days") ?? "90", CultureInfo.InvariantCulture);
        var people = int.Parse(Option(args, "--people") ?? "40", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "20", CultureInfo.InvariantCulture);
        var (input, rules) = Scenario(days, people);

        var times = new List<double>();
        RotaResult? last = null;
        for (var round = 0; round < rounds + 5; round++)
        {
            var watch = Stopwatch.StartNew();
            var outcome = RotaGenerator.Generate(input, rules);
            watch.Stop();
            last = outcome.Value ?? throw new InvalidOperationException(string.Join("; ", outcome.Failure!.Errors!.Select(e => $"{e.Key}: {e.Value[0]}")));
            if (round >= 5)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var rota = last!;
        var held = rota.Shifts.Count(s => s.UserId is not null);
        Console.WriteLine($"rota: {days} days, {people} people, default plan (Europe/Berlin, go-live {input.From:yyyy-MM-dd}), shiftLengthHours {rules.ShiftLengthHours}, " +
            $"staff per shift lead {rules.StaffPerShift.HypercareLead} / triage {rules.StaffPerShift.Triage} / steady-state {rules.StaffPerShift.SteadyStateSupport}, {rounds} rounds after 5 warm-up");
        Console.WriteLine($"generate: p50 {Percentile(times, 50):0.00} ms, p95 {Percentile(times, 95):0.00} ms");
        Console.WriteLine($"places: {rota.Shifts.Count} ({held} held, {rota.Gaps.Count} gaps, {rota.Shifts.Count(s => s.IsFixed)} locked); " +
            $"score {rota.Quality.Score} (coverage {rota.Quality.Coverage:P1}, balance {rota.Quality.Balance:0.000})");
        foreach (var reason in rota.Gaps.GroupBy(g => g.Reason).OrderByDescending(g => g.Count()).Take(3))
        {
            Console.WriteLine($"  {reason.Count()} × {reason.Key}");
        }

        var hours = rota.People.Select(p => p.Hours).Order().ToList();
        Console.WriteLine($"hours per person: min {hours[0]:0.#}, median {hours[hours.Count / 2]:0.#}, max {hours[^1]:0.#}; " +
            $"max in one week {rota.People.Max(p => p.Weeks.Max(w => w.Hours)):0.#} h; days in lieu granted {rota.People.Sum(p => p.DaysInLieuGranted)}");
        return 0;
    }

    internal static (RotaInput Input, RotaRules Rules) Scenario(int days, int people)
    {
        var goLive = new DateOnly(2026, 3, 2);
        var to = goLive.AddDays(days - 1);
        var phases = PlanPhase.DefaultPlan(1, goLive, to).ToList();
        var weekdays = PlanPhase.Weekdays(new TimeOnly(7, 0), new TimeOnly(20, 0)).ToList();
        var team = Enumerable.Range(0, people).Select(i => new RotaPerson(
            100 + i,
            $"Person {i}",
            (i % 10) switch { 0 => ProjectRole.HypercareLead, < 6 => ProjectRole.Triage, _ => ProjectRole.SteadyStateSupport },
            Availability: i % 4 == 3 ? weekdays : null,
            TimeOff: i % 5 == 4 ? [new TimeOffPeriod(goLive.AddDays(7 * (i % 12)), goLive.AddDays((7 * (i % 12)) + 6))] : null)).ToList();
        // The first Monday's early shift (07:00–11:20 CET) locked for the first lead and two triage people.
        var early = (Start: new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero), End: new DateTimeOffset(2026, 3, 2, 10, 20, 0, TimeSpan.Zero));
        FixedShift[] locked = [new(100, early.Start, early.End), new(101, early.Start, early.End), new(102, early.Start, early.End)];
        var rules = RotaRules.Default with { ShiftLengthHours = 5, StaffPerShift = new RotaStaffing(HypercareLead: 1, Triage: 2, SteadyStateSupport: 1) };
        return (new RotaInput("Europe/Berlin", goLive, to, phases, team, locked, [new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6)]), rules);
    }

}
