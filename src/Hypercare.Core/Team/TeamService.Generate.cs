using Hypercare.Core.Audit;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

public sealed partial class TeamService
{
    /// <summary>
    /// Generates the rota for local days <c>from</c> (default today, never before) to <c>to</c> (default the plan's last
    /// day, at most a year on): loads the plan's phases, the team by role with availability and time off, and the rules; keeps as locked
    /// shifts every manual or swapped shift, every shift already started and every one with an open swap (with the 14
    /// days before, which count for rest, days in a row and the first week's hours); calls <see cref="RotaGenerator"/>;
    /// and replaces the future generated shifts of the range, gaps included, in one transaction with one audit row.
    /// </summary>
    public async Task<Outcome<GenerateRotaResponse>> GenerateAsync(ProjectAccess access, GenerateRotaRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead generates the rota.") : NotSeen;
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        if (IsClosed(project))
        {
            return ClosedRefusal;
        }

        var now = time.GetUtcNow();
        var zone = project.TimeZone;
        var today = LocalDays.Today(now, project.TimeZoneId);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        var errors = new FieldErrors();
        if (phases.Count == 0)
        {
            errors.Add("phases", "The project has no plan phases: their dates and support hours give the shifts.");
        }

        var from = request.From ?? today;
        // By default to the plan's end, at most the longest rota the generator makes.
        var planEnd = phases.Count > 0 ? phases.Max(p => p.EndDate) : today;
        var to = request.To ?? (planEnd.DayNumber - from.DayNumber + 1 > RotaInput.MaxDays ? from.AddDays(RotaInput.MaxDays - 1) : planEnd);
        if (from < today)
        {
            errors.Add("from", $"from ({D(from)}) is in the past: the rota is generated from today ({D(today)}) on; what was worked stays.");
        }

        if (to < from)
        {
            errors.Add("to", $"to ({D(to)}) is before from ({D(from)}){(request.To is null ? ": the plan ends before it" : "")}.");
        }
        else if (to.DayNumber - from.DayNumber + 1 > RotaInput.MaxDays)
        {
            errors.Add("to", $"The range covers {to.DayNumber - from.DayNumber + 1} days; a rota covers at most {RotaInput.MaxDays}.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var rules = await RulesAsync(project.Id, cancellationToken);
        var team = await TeamAsync(project.Id, cancellationToken);
        var people = await PeopleAsync(project.Id, team, cancellationToken);
        var ids = team.Select(t => t.UserId).ToHashSet();
        var historyStart = LocalDays.StartOf(from.AddDays(-RotaInput.HistoryDays), project.TimeZoneId);
        var rangeStart = LocalDays.StartOf(from, project.TimeZoneId);
        var rangeEnd = LocalDays.StartOf(to.AddDays(1), project.TimeZoneId);
        var swapped = db.ShiftSwaps.Where(w => w.ProjectId == project.Id && (w.Status == SwapStatus.Offered || w.Status == SwapStatus.AwaitingApproval)).Select(w => w.ShiftId);
        var existing = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == project.Id && s.Start >= historyStart && s.Start < rangeEnd)
            .Select(s => new { Shift = s, Swapped = swapped.Contains(s.Id) }).ToListAsync(cancellationToken);
        bool Replaced(TeamShift s, bool open) => s.Source == ShiftSource.Generated && s.Start > now && s.Start >= rangeStart && !open;
        var locked = existing.Where(e => e.Shift.UserId is { } id && ids.Contains(id) && !Replaced(e.Shift, e.Swapped))
            .Select(e => e.Shift).OrderBy(s => s.Start).ThenBy(s => s.Id).ToList();
        var replaced = existing.Count(e => Replaced(e.Shift, e.Swapped));

        // A locked shift can break a rule on purpose (a swap the lead approved): the generator refuses it, so it is left out
        // of the generator's input (it stays on the rota) and no generated shift of its person comes near it (below).
        var placed = locked;
        var exceptions = new List<TeamShift>();
        Outcome<RotaResult> outcome;
        while (true)
        {
            var input = new RotaInput(project.TimeZoneId, from, to, phases, people, [.. placed.Select(s => new FixedShift(s.UserId!.Value, s.Start, s.End))], project.Holidays,
                now);
            outcome = RotaGenerator.Generate(input, rules);
            if (outcome.Succeeded)
            {
                break;
            }

            if (RefusedLocked(outcome.Failure!, placed) is not { Count: > 0 } refused)
            {
                return Explain(outcome.Failure!, placed, people, zone);
            }

            exceptions.AddRange(refused);
            placed = [.. placed.Except(refused)];
        }

        var result = outcome.Value!;
        var reasons = result.Gaps.GroupBy(g => (g.Shift.Start, g.Shift.End, g.Shift.Role)).ToDictionary(g => g.Key, g => g.First().Reason);
        var fresh = result.Shifts.Where(s => !s.IsFixed && s.Start > now)
            .Select(s => TeamShift.Generated(project.Id, s, reasons.GetValueOrDefault((s.Start, s.End, s.Role)))).ToList();
        var names = team.ToDictionary(t => t.UserId, t => t.Name);
        foreach (var shift in fresh.Where(f => f.UserId is not null))
        {
            if (exceptions.FirstOrDefault(e => e.UserId == shift.UserId && e.Start < shift.End + rules.MinRest && shift.Start < e.End + rules.MinRest) is { } near)
            {
                shift.Vacate($"{names[shift.UserId!.Value]} keeps shift {I(near.Id)} ({Local(near.Start, zone)}–{Local(near.End, zone)}), which the lead let break a rota rule.");
            }
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var deleted = await db.TeamShifts.Where(s => s.ProjectId == project.Id && s.Source == ShiftSource.Generated && s.Start > now && s.Start >= rangeStart
                && s.Start < rangeEnd && !swapped.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            db.TeamShifts.AddRange(fresh);
            Audit(project.Id, $"{D(from)}..{D(to)}", AuditAction.Updated,
                new FieldChange("generated", I(deleted), I(fresh.Count)),
                new FieldChange("gaps", null, I(fresh.Count(s => s.IsGap))),
                new FieldChange("score", null, result.Quality.Score.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            replaced = deleted;
        }

        var q = result.Quality;
        return new GenerateRotaResponse(from, to, fresh.Count, replaced, locked.Count(s => s.Start >= rangeStart), [.. exceptions.Select(e => e.Id).Order()],
            [.. fresh.Where(s => s.IsGap).Select(s => new RotaGapResponse(s.Start, s.End, s.Role, s.GapReason ?? ""))],
            new RotaScore(Math.Round(q.Score, 1), Math.Round(q.Coverage, 4), Math.Round(q.Balance, 4), Math.Round(q.RequiredHours, 2), Math.Round(q.GapHours, 2)));
    }

    /// <summary>
    /// The generator names its input (fixedShifts[3], people[2].availability[0]); the API names what the lead can change:
    /// the locked shift by id, the person by user id.
    /// </summary>
    private static Failure Explain(Failure failure, List<TeamShift> locked, List<RotaPerson> people, TimeZoneInfo zone)
    {
        if (failure.Errors is not { } errors)
        {
            return failure;
        }

        var renamed = new FieldErrors();
        foreach (var (key, messages) in errors)
        {
            var field = key;
            var prefix = "";
            if (Index(key, "fixedShifts[") is { } f && f < locked.Count)
            {
                var s = locked[f];
                field = $"shifts[{I(s.Id)}]";
                prefix = $"The locked shift {I(s.Id)} ({Local(s.Start, zone)}–{Local(s.End, zone)}, {s.Source}) cannot stay: ";
            }
            else if (Index(key, "people[") is { } p && p < people.Count)
            {
                field = $"people[{I(people[p].UserId)}]" + key[(key.IndexOf(']', StringComparison.Ordinal) + 1)..];
                prefix = $"{people[p].DisplayName}: ";
            }

            foreach (var message in messages)
            {
                renamed.Add(field, prefix + message);
            }
        }

        return renamed.ToFailure();
    }

    /// <summary>The locked shifts the generator refused, when it refused nothing else; null when something else is wrong.</summary>
    private static List<TeamShift>? RefusedLocked(Failure failure, List<TeamShift> locked)
    {
        if (failure.Errors is not { Count: > 0 } errors)
        {
            return null;
        }

        var refused = new List<TeamShift>();
        foreach (var key in errors.Keys)
        {
            if (Index(key, "fixedShifts[") is not { } i || i >= locked.Count || key.Length != $"fixedShifts[{I(i)}]".Length)
            {
                return null;
            }

            refused.Add(locked[i]);
        }

        return refused;
    }

    private static int? Index(string key, string prefix)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var close = key.IndexOf(']', StringComparison.Ordinal);
        return close > prefix.Length && int.TryParse(key.AsSpan(prefix.Length, close - prefix.Length), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
