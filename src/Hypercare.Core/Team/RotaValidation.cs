using System.Globalization;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Team;

/// <summary>
/// The input checks that need no rota state, each naming its field as the API's JSON spells it
/// (<c>people[3].timeOff[0].to</c>). Fixed shifts that break a rule among themselves are refused later, naming the
/// shift, when they are placed (<see cref="RotaSchedule"/>).
/// </summary>
internal static class RotaValidation
{
    /// <summary>Adds the errors; returns the project's zone when the input is fit to generate from.</summary>
    public static TimeZoneInfo? Check(RotaInput input, FieldErrors errors)
    {
        var zone = Zone(input.TimeZoneId, errors);
        var days = input.To.DayNumber - input.From.DayNumber + 1;
        var rangeOk = true;
        if (days < 1)
        {
            errors.Add("to", $"to ({D(input.To)}) is before from ({D(input.From)}).");
            rangeOk = false;
        }
        else if (days > RotaInput.MaxDays)
        {
            errors.Add("to", $"The range covers {days} days; a rota covers at most {RotaInput.MaxDays}.");
            rangeOk = false;
        }

        var phasesOk = Phases(input, errors, rangeOk);
        var support = phasesOk && rangeOk ? SupportInRange(input) : null;
        var ids = People(input, errors, support);
        FixedShifts(input, errors, ids, zone);
        return errors.Any ? null : zone;
    }

    private static TimeZoneInfo? Zone(string? id, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("timeZoneId", "timeZoneId is required: the project's IANA time zone, such as Europe/Berlin.");
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZoneId", $"Unknown time zone '{id}': use an IANA id such as Europe/Berlin.");
            return null;
        }

        return zone;
    }

    private static bool Phases(RotaInput input, FieldErrors errors, bool rangeOk)
    {
        var phases = input.Phases ?? [];
        if (phases.Count == 0)
        {
            errors.Add("phases", "phases needs at least one plan phase: its dates and support hours give the shifts.");
            return false;
        }

        var ok = true;
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            if (p is null)
            {
                errors.Add($"phases[{i}]", "A phase is required here.");
                ok = false;
                continue;
            }

            if (p.EndDate < p.StartDate)
            {
                errors.Add($"phases[{i}].endDate", $"The phase '{p.Name}' ends ({D(p.EndDate)}) before it starts ({D(p.StartDate)}).");
                ok = false;
            }

            foreach (var message in CalendarValidation.WindowErrors(p.SupportHours ?? []))
            {
                errors.Add($"phases[{i}].supportHours", message);
                ok = false;
            }

            for (var j = 0; j < i; j++)
            {
                if (phases[j] is { } q && p.StartDate <= q.EndDate && q.StartDate <= p.EndDate)
                {
                    errors.Add($"phases[{i}].startDate", $"The phase '{p.Name}' overlaps phases[{j}] '{q.Name}' ({D(q.StartDate)} to {D(q.EndDate)}).");
                    ok = false;
                }
            }
        }

        if (ok && rangeOk && !phases.Any(p => p.StartDate <= input.To && input.From <= p.EndDate))
        {
            errors.Add("phases", $"No phase overlaps {D(input.From)} to {D(input.To)}, so there is no support to roster.");
            ok = false;
        }

        return ok;
    }

    /// <summary>The support windows that occur on some day of the range (by weekday), to judge availability against.</summary>
    private static ILookup<DayOfWeek, SupportWindow> SupportInRange(RotaInput input)
    {
        var holidays = (input.Holidays ?? []).ToHashSet();
        var windows = new HashSet<SupportWindow>();
        for (var day = input.From; day <= input.To; day = day.AddDays(1))
        {
            if (holidays.Contains(day))
            {
                continue;
            }

            foreach (var p in input.Phases.Where(p => p.StartDate <= day && day <= p.EndDate))
            {
                windows.UnionWith((p.SupportHours ?? []).Where(w => w.Day == day.DayOfWeek));
            }
        }

        return windows.ToLookup(w => w.Day);
    }

    private static Dictionary<int, int> People(RotaInput input, FieldErrors errors, ILookup<DayOfWeek, SupportWindow>? support)
    {
        var people = input.People ?? [];
        var ids = new Dictionary<int, int>();
        if (people.Count > RotaInput.MaxPeople)
        {
            errors.Add("people", $"A rota takes at most {RotaInput.MaxPeople} people (got {people.Count}).");
            return ids;
        }

        for (var i = 0; i < people.Count; i++)
        {
            var field = $"people[{i}]";
            var person = people[i];
            if (person is null)
            {
                errors.Add(field, "A person is required here.");
                continue;
            }

            if (person.UserId <= 0)
            {
                errors.Add($"{field}.userId", $"userId must be a user's id, greater than zero (got {person.UserId}).");
            }
            else if (!ids.TryAdd(person.UserId, i))
            {
                errors.Add($"{field}.userId", $"User {person.UserId} is already in the team as people[{ids[person.UserId]}].");
            }

            errors.Required($"{field}.displayName", person.DisplayName, RotaPerson.DisplayNameMaxLength);
            if (!RotaRules.RosteredRoles.Contains(person.Role))
            {
                errors.Add($"{field}.role", $"Only hypercareLead, triage and steadyStateSupport are rostered (got {person.Role}).");
            }

            Availability(person, field, errors, support);
            for (var j = 0; j < (person.TimeOff?.Count ?? 0); j++)
            {
                var off = person.TimeOff![j];
                if (off is null)
                {
                    errors.Add($"{field}.timeOff[{j}]", "A time-off period { from, to } is required here.");
                }
                else if (off.To < off.From)
                {
                    errors.Add($"{field}.timeOff[{j}].to", $"Time off ends ({D(off.To)}) before it starts ({D(off.From)}).");
                }
            }
        }

        return ids;
    }

    private static void Availability(RotaPerson person, string field, FieldErrors errors, ILookup<DayOfWeek, SupportWindow>? support)
    {
        if (person.Availability is not { } availability)
        {
            return;
        }

        if (availability.Count == 0)
        {
            errors.Add($"{field}.availability", "availability is empty, so the person could never be rostered: leave it out to mean any time.");
            return;
        }

        for (var j = 0; j < availability.Count; j++)
        {
            var w = availability[j];
            var at = $"{field}.availability[{j}]";
            if (w is null)
            {
                errors.Add(at, "A weekly window { day, start, end } is required here.");
            }
            else if (!Enum.IsDefined(w.Day))
            {
                errors.Add($"{at}.day", "day must be monday … sunday.");
            }
            else if (w.LocalLength <= TimeSpan.Zero)
            {
                errors.Add($"{at}.end", $"The {w.Day} window {w.Start:HH\\:mm}–{w.End:HH\\:mm} is empty: its end must be after its start (00:00 means midnight).");
            }
            else if (support is not null && !support[w.Day].Any(s => w.Start.Ticks < ShiftFacts.DayTicks(s.End) && s.Start.Ticks < ShiftFacts.DayTicks(w.End)))
            {
                errors.Add(at, $"{w.Day} {w.Start:HH\\:mm}–{w.End:HH\\:mm} lies outside every phase's support hours in the range, so no shift could ever use it.");
            }
        }
    }

    private static void FixedShifts(RotaInput input, FieldErrors errors, Dictionary<int, int> ids, TimeZoneInfo? zone)
    {
        var fixedShifts = input.FixedShifts ?? [];
        var earliest = input.From.AddDays(-RotaInput.HistoryDays);
        for (var i = 0; i < fixedShifts.Count; i++)
        {
            var field = $"fixedShifts[{i}]";
            var f = fixedShifts[i];
            if (f is null)
            {
                errors.Add(field, "A fixed shift { userId, start, end } is required here.");
                continue;
            }

            if (!ids.ContainsKey(f.UserId))
            {
                errors.Add($"{field}.userId", $"No person with user id {f.UserId} in people: only the rostered team can hold a shift.");
            }

            if (f.End <= f.Start)
            {
                errors.Add($"{field}.end", $"The shift ends ({f.End:O}) before it starts ({f.Start:O}).");
            }
            else if (f.End - f.Start > TimeSpan.FromDays(1))
            {
                errors.Add($"{field}.end", string.Create(CultureInfo.InvariantCulture, $"A shift lasts at most 24 hours (this one {(f.End - f.Start).TotalHours:0.#})."));
            }

            if (zone is not null && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f.Start, zone).DateTime) is var day
                && (day < earliest || day > input.To))
            {
                errors.Add($"{field}.start", $"The shift starts on {D(day)}, outside the range {D(input.From)} to {D(input.To)} (or the {RotaInput.HistoryDays} days before it, which count toward the rules).");
            }
        }
    }

    internal static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
