using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>A rostered person whose hours are counted.</summary>
public sealed record HoursPerson(int UserId, string Name, ProjectRole Role);

/// <summary>A held shift of the rota (instants).</summary>
public sealed record HoursShift(int UserId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>One thing a person did, from the audit trail: a comment, a transition, a triage; <see cref="IssueId"/> when it was on an issue.</summary>
public sealed record WorkEvent(int UserId, DateTimeOffset At, int? IssueId);

/// <summary>An issue as the Sev1 and bus-factor rules see it: its severity, area, category and everyone who was ever its assignee.</summary>
public sealed record HoursIssue(int IssueId, Severity Severity, string? Area, IssueCategory? Category, IReadOnlyCollection<int> Assignees);

/// <summary>Everything <see cref="TeamHours.Compute"/> needs: the local days (widened to whole ISO weeks), the rules and the facts.</summary>
public sealed record TeamHoursInput(
    string TimeZoneId,
    DateOnly From,
    DateOnly To,
    RotaRules Rules,
    IReadOnlyList<HoursPerson> People,
    IReadOnlyList<HoursShift> Shifts,
    IReadOnlyList<WorkEvent> Events,
    IReadOnlyList<HoursIssue> Issues);

public enum BurnoutFlagKind
{
    /// <summary>Shift hours plus off-shift work in an ISO week above <see cref="RotaRules.MaxHoursPerWeek"/>.</summary>
    OverWeeklyHours,
    /// <summary>More local days worked in a row (a shift or off-shift work) than <see cref="RotaRules.MaxConsecutiveDays"/>.</summary>
    TooManyDaysInARow,
    /// <summary>Off-shift work outside office hours (evenings, nights, weekends) in an ISO week above <see cref="RotaRules.BurnoutAfterHoursPerWeek"/>.</summary>
    AfterHoursWork,
    /// <summary>One person did more than <see cref="RotaRules.BurnoutSev1Share"/> of the team's Sev1 work.</summary>
    Sev1Concentration,
    /// <summary>Only one person was ever assignee of an area's or category's issues (at least <see cref="RotaRules.BurnoutBusFactorMinIssues"/>).</summary>
    BusFactor,
}

/// <summary>The facts behind a flag: the week, the hours against the threshold, the days and the issues.</summary>
public sealed record BurnoutEvidence(DateOnly? Week, double? Value, double? Threshold, IReadOnlyList<DateOnly> Days, IReadOnlyList<int> IssueIds, string? Subject);

public sealed record BurnoutFlag(BurnoutFlagKind Kind, PersonRef Person, string Summary, BurnoutEvidence Evidence);

/// <summary>
/// One person's ISO week (Monday first, project zone): rota hours (held shifts, by the day they start), off-shift work
/// (sessions of audit events outside their shifts) and the part of it outside office hours, and the days worked.
/// </summary>
public sealed record PersonWeekHours(DateOnly WeekStart, int IsoYear, int IsoWeek, double ShiftHours, int Shifts, double OffShiftHours, int OffShiftSessions,
    double AfterHoursOffShiftHours, double TotalHours, IReadOnlyList<DateOnly> DaysWorked);

public sealed record PersonHoursReport(PersonRef Person, ProjectRole Role, IReadOnlyList<PersonWeekHours> Weeks, double TotalHours, IReadOnlyList<BurnoutFlag> Flags);

public sealed record TeamHoursReport(DateOnly From, DateOnly To, string TimeZoneId, IReadOnlyList<PersonHoursReport> People, IReadOnlyList<BurnoutFlag> Flags);

/// <summary>
/// Hours per person per ISO week and the burnout flags (issue 12, docs/team-hours.md), pure: values in, values out.
/// Off-shift work is counted in sessions: each audit event outside the person's shifts stands for a
/// <see cref="BlockMinutes"/>-minute block from its instant; blocks that touch or overlap merge into one session, and the
/// part of a session that runs into a shift is the shift's, not counted twice.
/// </summary>
public static class TeamHours
{
    public const int BlockMinutes = 15;

    public static TeamHoursReport Compute(TeamHoursInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(input.TimeZoneId);
        var rules = input.Rules;
        var from = LocalDays.WeekStart(input.From);
        var to = LocalDays.WeekStart(input.To).AddDays(6);
        var start = LocalDays.StartOf(from, input.TimeZoneId);
        var end = LocalDays.StartOf(to.AddDays(1), input.TimeZoneId);
        var shifts = input.Shifts.Where(s => s.Start < end && s.End > start).ToLookup(s => s.UserId);
        var events = input.Events.Where(e => e.At >= start && e.At < end).ToLookup(e => e.UserId);
        var flags = new List<BurnoutFlag>();
        var people = new List<PersonHoursReport>();
        var weeks = Enumerable.Range(0, (to.DayNumber - from.DayNumber + 1) / 7).Select(i => from.AddDays(7 * i)).ToList();

        foreach (var person in input.People.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.UserId))
        {
            var who = new PersonRef(person.UserId, person.Name);
            var own = shifts[person.UserId].OrderBy(s => s.Start).ToList();
            var sessions = Sessions(events[person.UserId], own);
            var days = new SortedSet<DateOnly>();
            var personFlags = new List<BurnoutFlag>();
            var rows = new List<PersonWeekHours>();
            foreach (var week in weeks)
            {
                bool InWeek(DateOnly d) => d >= week && d < week.AddDays(7);
                var weekShifts = own.Where(s => InWeek(Day(s.Start, zone))).ToList();
                var weekSessions = sessions.Where(s => InWeek(Day(s.Start, zone))).ToList();
                var worked = weekShifts.Select(s => Day(s.Start, zone)).Concat(weekSessions.Select(s => Day(s.Start, zone))).Distinct().Order().ToList();
                days.UnionWith(worked);
                var shiftHours = weekShifts.Sum(s => (s.End - s.Start).TotalHours);
                var offHours = weekSessions.Sum(s => s.Hours);
                var late = weekSessions.Where(s => IsAfterHours(s.Start, zone, rules)).ToList();
                var lateHours = late.Sum(s => s.Hours);
                var total = shiftHours + offHours;
                rows.Add(new PersonWeekHours(week, ISOWeek.GetYear(week.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(week.ToDateTime(TimeOnly.MinValue)),
                    R(shiftHours), weekShifts.Count, R(offHours), weekSessions.Count, R(lateHours), R(total), worked));

                if (total > rules.MaxHoursPerWeek + 1e-9)
                {
                    personFlags.Add(new BurnoutFlag(BurnoutFlagKind.OverWeeklyHours, who,
                        F($"{person.Name} worked {R(total)} h in the week of {D(week)} (cap {rules.MaxHoursPerWeek} h): {R(shiftHours)} h on {weekShifts.Count} shift(s) and {R(offHours)} h off shift."),
                        new BurnoutEvidence(week, R(total), rules.MaxHoursPerWeek, worked, Issues(weekSessions), null)));
                }

                if (lateHours > rules.BurnoutAfterHoursPerWeek + 1e-9)
                {
                    var lateDays = late.Select(s => Day(s.Start, zone)).Distinct().Order().ToList();
                    personFlags.Add(new BurnoutFlag(BurnoutFlagKind.AfterHoursWork, who,
                        F($"{person.Name} worked {R(lateHours)} h outside their shifts and office hours in the week of {D(week)} (threshold {rules.BurnoutAfterHoursPerWeek} h), on {string.Join(", ", lateDays.Select(D))}."),
                        new BurnoutEvidence(week, R(lateHours), rules.BurnoutAfterHoursPerWeek, lateDays, Issues(late), null)));
                }
            }

            foreach (var run in Runs(days).Where(r => r.Count > rules.MaxConsecutiveDays))
            {
                personFlags.Add(new BurnoutFlag(BurnoutFlagKind.TooManyDaysInARow, who,
                    F($"{person.Name} worked {run.Count} days in a row, {D(run[0])} to {D(run[^1])} (at most {rules.MaxConsecutiveDays})."),
                    new BurnoutEvidence(LocalDays.WeekStart(run[^1]), run.Count, rules.MaxConsecutiveDays, run, [], null)));
            }

            people.Add(new PersonHoursReport(who, person.Role, rows, R(rows.Sum(r => r.TotalHours)), personFlags));
            flags.AddRange(personFlags);
        }

        var team = input.People.ToDictionary(p => p.UserId);
        flags.AddRange(Sev1Concentration(input, team, start, end));
        flags.AddRange(BusFactor(input, team));
        var byPerson = flags.ToLookup(f => f.Person.Id);
        return new TeamHoursReport(from, to, input.TimeZoneId,
            [.. people.Select(p => p with { Flags = [.. byPerson[p.Person.Id]] })], flags);
    }

    /// <summary>A local time is after hours on a weekend, or on a weekday outside office hours (as the rota rules define them).</summary>
    public static bool IsAfterHours(DateTimeOffset instant, TimeZoneInfo zone, RotaRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return true;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        var officeEnd = rules.OfficeHoursEnd == TimeOnly.MinValue ? TimeSpan.FromDays(1) : rules.OfficeHoursEnd.ToTimeSpan();
        return time < rules.OfficeHoursStart || time.ToTimeSpan() >= officeEnd;
    }

    internal sealed record Session(DateTimeOffset Start, double Hours, IReadOnlyList<int> IssueIds);

    /// <summary>Off-shift sessions: events inside a shift are the shift's work; the rest become merged blocks, cut where a shift begins.</summary>
    internal static List<Session> Sessions(IEnumerable<WorkEvent> events, IReadOnlyList<HoursShift> shifts)
    {
        var block = TimeSpan.FromMinutes(BlockMinutes);
        var outside = events.Where(e => !shifts.Any(s => s.Start <= e.At && e.At < s.End)).OrderBy(e => e.At).ToList();
        var sessions = new List<Session>();
        var i = 0;
        while (i < outside.Count)
        {
            var first = outside[i].At;
            var last = first + block;
            var issues = new SortedSet<int>();
            while (i < outside.Count && outside[i].At <= last)
            {
                last = Max(last, outside[i].At + block);
                if (outside[i].IssueId is { } id)
                {
                    issues.Add(id);
                }

                i++;
            }

            // The part of the session that overlaps a shift is counted by the shift.
            var length = last - first;
            foreach (var s in shifts.Where(s => s.Start < last && s.End > first))
            {
                length -= Min(s.End, last) - Max(s.Start, first);
            }

            sessions.Add(new Session(first, Math.Max(0, length.TotalHours), [.. issues]));
        }

        return sessions;
    }

    private static IEnumerable<BurnoutFlag> Sev1Concentration(TeamHoursInput input, Dictionary<int, HoursPerson> team, DateTimeOffset start, DateTimeOffset end)
    {
        var sev1 = input.Issues.Where(i => i.Severity == Severity.Sev1).Select(i => i.IssueId).ToHashSet();
        // One action writes several audit rows at the same instant: count each (person, issue, instant) once.
        var work = input.Events.Where(e => e.At >= start && e.At < end && e.IssueId is { } id && sev1.Contains(id) && team.ContainsKey(e.UserId))
            .Select(e => (e.UserId, IssueId: e.IssueId!.Value, e.At)).Distinct().ToList();
        var issues = work.Select(w => w.IssueId).Distinct().Count();
        if (work.Count == 0 || issues < input.Rules.BurnoutSev1MinIssues)
        {
            yield break;
        }

        foreach (var group in work.GroupBy(w => w.UserId).OrderBy(g => g.Key))
        {
            var share = (double)group.Count() / work.Count;
            if (share > input.Rules.BurnoutSev1Share + 1e-9)
            {
                var person = team[group.Key];
                var ids = group.Select(w => w.IssueId).Distinct().Order().ToList();
                yield return new BurnoutFlag(BurnoutFlagKind.Sev1Concentration, new PersonRef(person.UserId, person.Name),
                    F($"{person.Name} did {Pct(share)} of the team's Sev1 work ({group.Count()} of {work.Count} actions, on {ids.Count} of {issues} Sev1 issues: {string.Join(", ", ids.Select(id => "#" + I(id)))}), above {Pct(input.Rules.BurnoutSev1Share)}."),
                    new BurnoutEvidence(null, Math.Round(share, 4), input.Rules.BurnoutSev1Share, [], ids, "Sev1"));
            }
        }
    }

    private static IEnumerable<BurnoutFlag> BusFactor(TeamHoursInput input, Dictionary<int, HoursPerson> team)
    {
        var subjects = input.Issues.Where(i => !string.IsNullOrWhiteSpace(i.Area)).GroupBy(i => "area " + i.Area!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Concat(input.Issues.Where(i => i.Category is not null).GroupBy(i => "category " + i.Category!.Value.Label(), StringComparer.Ordinal));
        foreach (var group in subjects.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var handled = group.Where(i => i.Assignees.Count > 0).ToList();
            var handlers = handled.SelectMany(i => i.Assignees).Distinct().ToList();
            if (handled.Count < input.Rules.BurnoutBusFactorMinIssues || handlers.Count != 1 || !team.TryGetValue(handlers[0], out var person))
            {
                continue;
            }

            var ids = handled.Select(i => i.IssueId).Order().ToList();
            yield return new BurnoutFlag(BurnoutFlagKind.BusFactor, new PersonRef(person.UserId, person.Name),
                F($"Only {person.Name} ever handled {group.Key} ({ids.Count} issues: {string.Join(", ", ids.Select(id => "#" + I(id)))}): nobody else could cover it."),
                new BurnoutEvidence(null, ids.Count, input.Rules.BurnoutBusFactorMinIssues, [], ids, group.Key));
        }
    }

    private static IEnumerable<List<DateOnly>> Runs(SortedSet<DateOnly> days)
    {
        var run = new List<DateOnly>();
        foreach (var day in days)
        {
            if (run.Count > 0 && run[^1].AddDays(1) != day)
            {
                yield return run;
                run = [];
            }

            run.Add(day);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }

    private static List<int> Issues(IEnumerable<Session> sessions) => [.. sessions.SelectMany(s => s.IssueIds).Distinct().Order()];

    private static DateOnly Day(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Pct(double share) => Math.Round(share * 100).ToString(CultureInfo.InvariantCulture) + "%";

    private static double R(double hours) => Math.Round(hours, 2);

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
