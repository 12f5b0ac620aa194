using System.Text.RegularExpressions;
using CsCheck;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;

namespace Hypercare.Core.Tests.Team;

public partial class RotaGeneratorPropertyTests
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"];

    // Days a few before each zone's 2026 clock changes, so many rotas cross one.
    private static readonly DateOnly[] NearClockChanges =
        [new(2026, 3, 26), new(2026, 10, 22), new(2026, 3, 5), new(2026, 10, 29), new(2026, 4, 2), new(2026, 10, 1)];

    /// <summary>A random team, plan, availability, time off, holidays and rules, built from one seed (printed on failure).</summary>
    private sealed record Scenario(int Seed, RotaInput Input, RotaRules Rules)
    {
        public override string ToString() => $"seed {Seed}: {Input.TimeZoneId} {Input.From}–{Input.To}, {Input.People.Count} people, rules {Rules}";
    }

    private static readonly Gen<Scenario> Scenarios = Gen.Int[0, int.MaxValue].Select(Build);

    private static Scenario Build(int seed)
    {
        var r = new Random(seed);
        var zone = Zones[r.Next(Zones.Length)];
        var from = r.Next(2) == 0 ? NearClockChanges[r.Next(NearClockChanges.Length)] : new DateOnly(2026, 1, 1).AddDays(r.Next(365));
        var to = from.AddDays(r.Next(0, 42));
        var phases = new List<PlanPhase>();
        var phaseStart = from.AddDays(-r.Next(0, 5));
        var phaseCount = r.Next(1, 4);
        for (var i = 0; i < phaseCount && phaseStart <= to.AddDays(3); i++)
        {
            // The first phase reaches into the range, so there is support to roster.
            var phaseEnd = phaseStart.AddDays(r.Next(3, 30)) is var end && end < from ? from : end;
            phases.Add(PlanPhase.Create(1, $"Phase {i + 1}", phaseStart, phaseEnd, Windows(r, 0.75, 2, minimum: 4), [], [], StandupCadence.Daily));
            phaseStart = phaseEnd.AddDays(r.Next(1, 4));
        }

        var staffing = new RotaStaffing(r.Next(0, 2), r.Next(0, 3), r.Next(0, 3));
        var rules = new RotaRules
        {
            MaxConsecutiveDays = r.Next(1, 8),
            MaxHoursPerWeek = r.Next(12, 61),
            MinRestHours = r.Next(0, 17),
            MaxAfterHoursShiftsPerWeek = r.Next(0, 5),
            OfficeHoursStart = new TimeOnly(r.Next(7, 10), 0),
            OfficeHoursEnd = new TimeOnly(r.Next(16, 20), 0),
            NightStart = new TimeOnly(r.Next(22, 24), 0),
            NightEnd = new TimeOnly(r.Next(5, 7), 0),
            TimeOffInLieuDays = r.Next(0, 3),
            ShiftLengthHours = r.Next(4, 13),
            StaffPerShift = staffing.Total > 0 ? staffing : new RotaStaffing(0, 1, 0),
        };
        var people = new List<RotaPerson>();
        var teamSize = r.Next(0, 17);
        for (var i = 0; i < teamSize; i++)
        {
            var timeOff = Enumerable.Range(0, r.Next(0, 3)).Select(_ => from.AddDays(r.Next(-3, 45)))
                .Select(d => new TimeOffPeriod(d, d.AddDays(r.Next(0, 6)))).ToList();
            var availability = r.Next(3) == 0 ? Windows(r, 0.8, 1, minimum: 16) : null;
            people.Add(new RotaPerson(10 + (i * 7), $"Person {i}", RotaCheck.Roles[r.Next(3)], availability is { Count: > 0 } ? availability : null, timeOff));
        }

        var holidays = Enumerable.Range(0, r.Next(0, 3)).Select(_ => from.AddDays(r.Next(0, 42))).ToList();
        return new Scenario(seed, new RotaInput(zone, from, to, phases, people, null, holidays), rules);
    }

    /// <summary>Up to <paramref name="perDay"/> windows on each weekday, on whole or half hours, at least <paramref name="minimum"/> half hours long, ending by midnight.</summary>
    private static List<SupportWindow> Windows(Random r, double chance, int perDay, int minimum)
    {
        var windows = new List<SupportWindow>();
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var earliest = 0;
            for (var i = 0; i < perDay && r.NextDouble() < chance; i++)
            {
                var startHalfHours = r.Next(earliest, 49 - minimum);
                var endHalfHours = Math.Min(48, startHalfHours + r.Next(minimum, minimum + 25));
                if (endHalfHours - startHalfHours < minimum)
                {
                    break;
                }

                windows.Add(new SupportWindow(day, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(30 * startHalfHours)),
                    endHalfHours == 48 ? TimeOnly.MinValue : TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(30 * endHalfHours))));
                earliest = endHalfHours;
                if (earliest > 48 - minimum)
                {
                    break;
                }
            }
        }

        return windows;
    }

    [GeneratedRegex(@"^people\[(\d+)\]\.availability\[(\d+)\]$")]
    private static partial Regex AvailabilityField();

    /// <summary>
    /// Generates the scenario's rota. A random availability window can miss every support window of the range, which
    /// the generator rightly refuses naming it: those windows are dropped (a person left with none is available any
    /// time) and the rota generated again. Any other refusal of a valid scenario fails the test.
    /// </summary>
    private static (RotaInput Input, RotaResult Rota) Rota(Scenario s)
    {
        var outcome = RotaGenerator.Generate(s.Input, s.Rules);
        var input = s.Input;
        if (!outcome.Succeeded)
        {
            var fields = outcome.Failure!.Errors!.Keys.ToList();
            var matches = fields.Select(f => AvailabilityField().Match(f)).ToList();
            Assert.True(matches.All(m => m.Success), $"{s}: refused {string.Join(", ", fields)}");
            var drop = matches.Select(m => (Person: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                Window: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
            input = input with
            {
                People = [.. input.People.Select((p, i) => p.Availability is null ? p
                    : p.Availability.Where((_, j) => !drop.Contains((i, j))).ToList() is { Count: > 0 } kept ? p with { Availability = kept } : p with { Availability = null })],
            };
            outcome = RotaGenerator.Generate(input, s.Rules);
        }

        Assert.True(outcome.Succeeded, $"{s}: {string.Join("; ", outcome.Failure?.Errors?.Select(e => $"{e.Key}: {e.Value[0]}") ?? [])}");
        return (input, outcome.Value!);
    }

    [Fact]
    public void Generate_NeverBreaksARule_NorAssignsOutsideAvailabilityOrOnTimeOff()
    {
        var assigned = 0;
        var gaps = 0;
        Scenarios.Sample(s =>
        {
            var (input, rota) = Rota(s);
            Assert.Empty(RotaCheck.Violations(input, s.Rules, rota.Shifts));
            Interlocked.Add(ref assigned, rota.Shifts.Count(x => x.UserId is not null));
            Interlocked.Add(ref gaps, rota.Gaps.Count);
        }, iter: 400);

        // The scenarios are neither trivially empty nor trivially full.
        Assert.True(assigned > 5000 && gaps > 5000, $"{assigned} places held, {gaps} gaps");
    }

    [Fact]
    public void Generate_EveryPlaceIsHeldOrReportedAsAGap()
    {
        Scenarios.Sample(s =>
        {
            var (input, rota) = Rota(s);
            Assert.Equal(RotaCheck.ExpectedPlaces(input, s.Rules), rota.Shifts.Count);
            foreach (var shift in rota.Shifts.GroupBy(x => (x.Start, x.End)))
            {
                foreach (var role in RotaCheck.Roles)
                {
                    Assert.Equal(s.Rules.StaffPerShift.For(role), shift.Count(x => x.Role == role));
                }

                Assert.Equal(shift.Count(x => x.UserId is not null), shift.Where(x => x.UserId is not null).Select(x => x.UserId).Distinct().Count());
            }

            Assert.Equal(rota.Shifts.Where(x => x.UserId is null).OrderBy(x => x.Start).ThenBy(x => x.Role),
                rota.Gaps.Select(g => g.Shift).OrderBy(x => x.Start).ThenBy(x => x.Role));
            Assert.All(rota.Gaps, g => Assert.Equal(input.People.Count(p => p.Role == g.Shift.Role), g.Blocked.Sum(b => b.People)));
            Assert.Equal(rota.Shifts.Where(x => x.UserId is not null).Sum(x => x.Hours), rota.People.Sum(p => p.Hours), 6);
            Assert.InRange(rota.Quality.Score, 0, 100);
        }, iter: 300);
    }

    // A gap is only left when taking it would break a rule for everyone of the role: put any of them on it, and the
    // independent check finds a broken rule, time off or availability.
    [Fact]
    public void Generate_LeavesAGapOnlyWhenNobodyOfTheRoleCouldTakeIt()
    {
        var tried = 0;
        Scenarios.Sample(s =>
        {
            var (input, rota) = Rota(s);
            foreach (var gap in rota.Gaps.Take(5))
            {
                foreach (var person in input.People.Where(p => p.Role == gap.Shift.Role))
                {
                    var withPerson = rota.Shifts.Select(x => ReferenceEquals(x, gap.Shift) ? x with { UserId = person.UserId } : x).ToList();
                    Assert.Contains(RotaCheck.Violations(input, s.Rules, withPerson), v => v.StartsWith($"user {person.UserId}:", StringComparison.Ordinal));
                    Interlocked.Increment(ref tried);
                }
            }
        }, iter: 200);

        Assert.True(tried > 1000, $"{tried} gap candidates tried");
    }

    // Lock a random part of a generated rota and generate again: the locked shifts stay where they were, with the same
    // people, and the rest is filled around them without breaking a rule; the same input twice gives the same rota.
    [Fact]
    public void Generate_WithSomeShiftsLocked_KeepsThemAndStillKeepsEveryRule()
    {
        Scenarios.Sample(s =>
        {
            var (input, rota) = Rota(s);
            var r = new Random(s.Seed);
            var locked = rota.Shifts.Where(x => x.UserId is not null && r.Next(3) == 0).ToList();
            var again = input with { FixedShifts = [.. locked.Select(x => new FixedShift(x.UserId!.Value, x.Start, x.End))] };

            var first = RotaGenerator.Generate(again, s.Rules);
            var second = RotaGenerator.Generate(again, s.Rules);

            Assert.True(first.Succeeded, $"{s}: {string.Join("; ", first.Failure?.Errors?.Select(e => $"{e.Key}: {e.Value[0]}") ?? [])}");
            var result = first.Value!;
            Assert.Empty(RotaCheck.Violations(again, s.Rules, result.Shifts));
            foreach (var x in locked)
            {
                Assert.Contains(result.Shifts, y => y.Start == x.Start && y.End == x.End && y.UserId == x.UserId && y.IsFixed);
            }

            Assert.Equal(locked.Count, result.Shifts.Count(y => y.IsFixed));
            Assert.Equal(rota.Shifts.Count, result.Shifts.Count);
            Assert.Equal(result.Shifts, second.Value!.Shifts);
            Assert.Equal(result.Gaps.Select(g => g.Reason), second.Value!.Gaps.Select(g => g.Reason));
        }, iter: 200);
    }
}
