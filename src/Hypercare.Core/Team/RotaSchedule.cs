using System.Globalization;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Team;

/// <summary>
/// The working state of one generation: the shifts and their places, and per person a running state (shifts sorted by
/// start, days worked, days touched, hours and after-hours shifts per ISO week, days in lieu), so every rule is checked
/// for a candidate in O(log n) without scanning the rota.
/// </summary>
internal sealed class RotaSchedule
{
    private readonly RotaInput _input;
    private readonly RotaRules _rules;
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DateOnly> _holidays;
    private readonly DateOnly _baseDay;
    private readonly DateOnly _baseWeek;
    private readonly long _minRest;
    private readonly long _maxWeek;
    private readonly Member[] _members;
    private readonly Dictionary<int, Member> _byId = [];
    private readonly Dictionary<ProjectRole, List<Member>> _byRole = [];
    private readonly List<Slot> _slots = [];
    private readonly Dictionary<(long, long), Slot> _slotAt = [];
    private readonly List<Place> _places = [];
    private readonly List<(ShiftFacts Facts, Member Member)> _extras = [];
    private readonly List<(Place Place, int[] Blocked)> _gaps = [];

    public RotaSchedule(RotaInput input, RotaRules rules, TimeZoneInfo zone)
    {
        _input = input;
        _rules = rules;
        _zone = zone;
        _holidays = [.. input.Holidays ?? []];
        _baseDay = input.From.AddDays(-RotaInput.HistoryDays);
        _baseWeek = LocalDays.WeekStart(_baseDay);
        _minRest = rules.MinRest.Ticks;
        _maxWeek = rules.MaxWeek.Ticks;
        // Shifts start within the history days or the range, last at most a day: they touch one day past its end at most.
        var dayCount = input.To.DayNumber - _baseDay.DayNumber + 2;
        var weekCount = (LocalDays.WeekStart(input.To).DayNumber - _baseWeek.DayNumber) / 7 + 1;
        var people = input.People ?? [];
        _members = [.. people.Select((p, i) => new Member(p, i, dayCount, weekCount))];
        foreach (var role in RotaRules.RosteredRoles)
        {
            _byRole[role] = [];
        }

        foreach (var m in _members)
        {
            _byId[m.Person.UserId] = m;
            _byRole[m.Person.Role].Add(m);
        }

        BuildSlots();
    }

    /// <summary>
    /// Local support windows of each day's phase to shifts: a window longer than shiftLengthHours (wall clock) is cut into
    /// the fewest equal shifts that are not, on whole minutes. Instants come from the SLA calendar's mapping, so a shift
    /// across the spring-forward gap is an hour shorter and one across the fall-back hour an hour longer.
    /// </summary>
    private void BuildSlots()
    {
        var phases = _input.Phases.OrderBy(p => p.StartDate).ToList();
        var maxTicks = TimeSpan.FromHours(_rules.ShiftLengthHours).Ticks;
        for (var day = _input.From; day <= _input.To; day = day.AddDays(1))
        {
            if (_holidays.Contains(day) || phases.Find(p => p.StartDate <= day && day <= p.EndDate) is not { } phase)
            {
                continue;
            }

            var midnight = day.ToDateTime(TimeOnly.MinValue);
            foreach (var window in (phase.SupportHours ?? []).Where(w => w.Day == day.DayOfWeek).OrderBy(w => w.Start))
            {
                var wall = window.LocalLength.Ticks;
                var count = (wall + maxTicks - 1) / maxTicks;
                for (var i = 0L; i < count; i++)
                {
                    var from = window.Start.Ticks + Minute(wall * i / count);
                    var to = i == count - 1 ? window.Start.Ticks + wall : window.Start.Ticks + Minute(wall * (i + 1) / count);
                    var start = BusinessCalendar.ToInstant(_zone, midnight.AddTicks(from));
                    var end = BusinessCalendar.ToInstant(_zone, midnight.AddTicks(to));
                    // A piece wholly inside the spring-forward gap does not exist on the clock; one before NotBefore has begun.
                    if (end <= start || start < _input.NotBefore)
                    {
                        continue;
                    }

                    var slot = new Slot(ShiftFacts.Of(start, end, _zone, _rules), phase.Name);
                    _slots.Add(slot);
                    _slotAt[(start.UtcTicks, end.UtcTicks)] = slot;
                    foreach (var role in RotaRules.RosteredRoles)
                    {
                        for (var k = 0; k < _rules.StaffPerShift.For(role); k++)
                        {
                            var place = new Place(slot, role);
                            slot.Places.Add(place);
                            _places.Add(place);
                        }
                    }
                }
            }
        }

        static long Minute(long ticks) => ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute;
    }

    /// <summary>
    /// Locked shifts first, in time order, each checked against every rule as a generated one would be: one that breaks a
    /// rule among the locked shifts is refused naming it, so the rota that comes out never breaks a rule.
    /// </summary>
    public void PlaceFixedShifts(FieldErrors errors)
    {
        var fixedShifts = _input.FixedShifts ?? [];
        foreach (var i in Enumerable.Range(0, fixedShifts.Count).OrderBy(i => fixedShifts[i].Start).ThenBy(i => fixedShifts[i].End).ThenBy(i => i))
        {
            var f = fixedShifts[i];
            var member = _byId[f.UserId];
            var facts = ShiftFacts.Of(f.Start, f.End, _zone, _rules);
            if (Check(member, facts, out var other) is { } block)
            {
                errors.Add($"fixedShifts[{i}]", FixedMessage(block, member, facts, other));
                continue;
            }

            Commit(member, facts, i);
            if (facts.Date < _input.From)
            {
                continue;
            }

            var place = _slotAt.TryGetValue((facts.Start.UtcTicks, facts.End.UtcTicks), out var slot)
                ? slot.Places.Find(p => p.Role == member.Person.Role && p.Holder is null)
                : null;
            if (place is null)
            {
                _extras.Add((facts, member));
            }
            else
            {
                place.Holder = member;
                place.IsFixed = true;
            }
        }
    }

    /// <summary>
    /// The first rule that stops the candidate's person from also working it, with the locked shifts already placed
    /// (<paramref name="other"/> is the locked shift it clashes with, or -1); null when it breaks none.
    /// </summary>
    public RotaBlock? Blocker(FixedShift candidate, out int other)
    {
        other = -1;
        return _byId.TryGetValue(candidate.UserId, out var member)
            ? Check(member, ShiftFacts.Of(candidate.Start, candidate.End, _zone, _rules), out other)
            : RotaBlock.Unavailable;
    }

    /// <summary>
    /// Every open place in time order (then role), to the candidate of its role with the fewest hours so far, then the
    /// fewest after-hours shifts, then the lowest user id, who breaks no rule; if nobody can, a gap with each one's reason.
    /// </summary>
    public void FillPlaces()
    {
        var blocks = Enum.GetValues<RotaBlock>().Length;
        foreach (var place in _places)
        {
            if (place.Holder is not null)
            {
                continue;
            }

            var candidates = _byRole[place.Role];
            candidates.Sort(Fairness);
            int[]? blocked = null;
            foreach (var candidate in candidates)
            {
                if (Check(candidate, place.Slot.Facts, out _) is { } block)
                {
                    blocked ??= new int[blocks];
                    blocked[(int)block]++;
                    continue;
                }

                place.Holder = candidate;
                Commit(candidate, place.Slot.Facts, -1);
                break;
            }

            if (place.Holder is null)
            {
                _gaps.Add((place, blocked ?? new int[blocks]));
            }
        }
    }

    private static int Fairness(Member a, Member b)
    {
        var byHours = a.Ticks.CompareTo(b.Ticks);
        if (byHours != 0)
        {
            return byHours;
        }

        var byAfterHours = a.AfterHours.CompareTo(b.AfterHours);
        return byAfterHours != 0 ? byAfterHours : a.Person.UserId.CompareTo(b.Person.UserId);
    }

    /// <summary>
    /// The first rule that stops <paramref name="m"/> from working <paramref name="f"/>, or null. <paramref name="other"/>
    /// is the fixed shift it clashes with (or -1), for the messages about locked shifts.
    /// </summary>
    private RotaBlock? Check(Member m, ShiftFacts f, out int other)
    {
        other = -1;
        if (m.IsOffDuring(f))
        {
            return RotaBlock.TimeOff;
        }

        if (!m.Covers(f))
        {
            return RotaBlock.Unavailable;
        }

        var at = m.IndexAfter(f.Start.UtcTicks);
        var hasPrevious = at > 0;
        var hasNext = at < m.Shifts.Count;
        var previous = hasPrevious ? m.Shifts[at - 1] : default;
        var next = hasNext ? m.Shifts[at] : default;
        if ((hasPrevious && previous.End > f.Start.UtcTicks) || (hasNext && next.Start < f.End.UtcTicks))
        {
            other = hasPrevious && previous.End > f.Start.UtcTicks ? previous.Fixed : next.Fixed;
            return RotaBlock.OnAnotherShift;
        }

        for (var d = f.Date; d <= f.LastDay; d = d.AddDays(1))
        {
            if (m.Lieu.TryGetValue(d.DayNumber, out var source))
            {
                other = source;
                return RotaBlock.DayInLieu;
            }
        }

        if ((hasPrevious && f.Start.UtcTicks - previous.End < _minRest) || (hasNext && next.Start - f.End.UtcTicks < _minRest))
        {
            other = hasPrevious && f.Start.UtcTicks - previous.End < _minRest ? previous.Fixed : next.Fixed;
            return RotaBlock.MinRest;
        }

        var day = f.Date.DayNumber - _baseDay.DayNumber;
        if (!m.Works[day])
        {
            var run = 1;
            for (var d = day - 1; d >= 0 && m.Works[d] && run <= _rules.MaxConsecutiveDays; d--)
            {
                run++;
            }

            for (var d = day + 1; d < m.Works.Length && m.Works[d] && run <= _rules.MaxConsecutiveDays; d++)
            {
                run++;
            }

            if (run > _rules.MaxConsecutiveDays)
            {
                return RotaBlock.MaxConsecutiveDays;
            }
        }

        var week = Week(f.Date);
        if (m.WeekTicks[week] + f.Ticks > _maxWeek)
        {
            return RotaBlock.MaxHoursPerWeek;
        }

        if (f.IsAfterHours && m.WeekAfterHours[week] + 1 > _rules.MaxAfterHoursShiftsPerWeek)
        {
            return RotaBlock.MaxAfterHoursShifts;
        }

        if (f.EarnsLieu)
        {
            foreach (var lieu in LieuDays(m, f))
            {
                var index = lieu - _baseDay.DayNumber;
                if (index < m.Touches.Length && m.Touches[index] > 0)
                {
                    return RotaBlock.LieuDayTaken;
                }
            }
        }

        return null;
    }

    private void Commit(Member m, ShiftFacts f, int fixedIndex)
    {
        m.Shifts.Insert(m.IndexAfter(f.Start.UtcTicks), (f.Start.UtcTicks, f.End.UtcTicks, fixedIndex));
        m.Works[f.Date.DayNumber - _baseDay.DayNumber] = true;
        for (var d = f.Date; d <= f.LastDay; d = d.AddDays(1))
        {
            m.Touches[d.DayNumber - _baseDay.DayNumber]++;
        }

        var week = Week(f.Date);
        m.WeekTicks[week] += f.Ticks;
        m.WeekAfterHours[week] += f.IsAfterHours ? 1 : 0;
        var inRange = f.Date >= _input.From;
        if (f.EarnsLieu)
        {
            foreach (var lieu in LieuDays(m, f))
            {
                m.Lieu.TryAdd(lieu, fixedIndex);
                if (inRange)
                {
                    m.LieuEarned.Add(lieu);
                }
            }
        }

        if (inRange)
        {
            m.Ticks += f.Ticks;
            m.AfterHours += f.IsAfterHours ? 1 : 0;
        }
    }

    /// <summary>The next timeOffInLieuDays weekdays after the shift's last day that are neither holidays nor time off.</summary>
    private List<int> LieuDays(Member m, ShiftFacts f)
    {
        var days = new List<int>(_rules.TimeOffInLieuDays);
        var day = f.LastDay;
        for (var guard = 0; days.Count < _rules.TimeOffInLieuDays && guard < RotaInput.MaxDays; guard++)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day) && !m.IsOff(day))
            {
                days.Add(day.DayNumber);
            }
        }

        return days;
    }

    private int Week(DateOnly day) => (LocalDays.WeekStart(day).DayNumber - _baseWeek.DayNumber) / 7;

    private string FixedMessage(RotaBlock block, Member m, ShiftFacts f, int other)
    {
        var who = $"user {m.Person.UserId}";
        var week = RotaValidation.D(LocalDays.WeekStart(f.Date));
        var previous = other >= 0 ? $"fixedShifts[{other}]" : "another shift";
        return block switch
        {
            RotaBlock.TimeOff => $"The shift falls on time off of {who} (people[{m.Index}].timeOff).",
            RotaBlock.Unavailable => $"The shift lies outside the availability of {who} (people[{m.Index}].availability).",
            RotaBlock.OnAnotherShift => $"The shift overlaps {previous} of the same person ({who}).",
            RotaBlock.DayInLieu => $"The shift falls on a day in lieu that {who} earned with {previous}.",
            RotaBlock.MinRest => string.Create(CultureInfo.InvariantCulture, $"The shift leaves {who} less than minRestHours ({_rules.MinRestHours} h) of rest next to {previous}."),
            RotaBlock.MaxConsecutiveDays => $"The shift makes more than maxConsecutiveDays ({_rules.MaxConsecutiveDays}) days in a row for {who}.",
            RotaBlock.MaxHoursPerWeek => string.Create(CultureInfo.InvariantCulture, $"The shift takes {who} over maxHoursPerWeek ({_rules.MaxHoursPerWeek} h) in the week of {week}."),
            RotaBlock.MaxAfterHoursShifts => $"The shift takes {who} over maxAfterHoursShiftsPerWeek ({_rules.MaxAfterHoursShiftsPerWeek}) in the week of {week}.",
            _ => $"The shift earns {who} a day in lieu on a day they already work.",
        };
    }

    private static string RoleName(ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead => "hypercare lead",
        ProjectRole.Triage => "triage person",
        _ => "steady-state support person",
    };

    private string Phrase(RotaBlock block) => block switch
    {
        RotaBlock.TimeOff => "on time off",
        RotaBlock.Unavailable => "not available then",
        RotaBlock.OnAnotherShift => "already on a shift then",
        RotaBlock.DayInLieu => "on a day in lieu",
        RotaBlock.MinRest => string.Create(CultureInfo.InvariantCulture, $"would rest less than minRestHours ({_rules.MinRestHours} h)"),
        RotaBlock.MaxConsecutiveDays => $"would work more than maxConsecutiveDays ({_rules.MaxConsecutiveDays}) in a row",
        RotaBlock.MaxHoursPerWeek => string.Create(CultureInfo.InvariantCulture, $"would exceed maxHoursPerWeek ({_rules.MaxHoursPerWeek} h)"),
        RotaBlock.MaxAfterHoursShifts => $"would exceed maxAfterHoursShiftsPerWeek ({_rules.MaxAfterHoursShiftsPerWeek})",
        _ => "would earn a day in lieu on a day they already work",
    };

    public RotaResult Result()
    {
        var shiftOf = new Dictionary<Place, RotaShift>(_places.Count);
        var shifts = new List<RotaShift>(_places.Count + _extras.Count);
        foreach (var place in _places)
        {
            var shift = ToShift(place.Slot.Facts, place.Role, place.Holder, place.Slot.Phase, place.IsFixed);
            shiftOf[place] = shift;
            shifts.Add(shift);
        }

        foreach (var (facts, member) in _extras)
        {
            var phase = _input.Phases.FirstOrDefault(p => p.StartDate <= facts.Date && facts.Date <= p.EndDate)?.Name;
            shifts.Add(ToShift(facts, member.Person.Role, member, phase, isFixed: true));
        }

        // Stable: the places of one shift keep their role order; a locked extra shift sorts in by time.
        shifts = [.. shifts.OrderBy(s => s.Start).ThenBy(s => s.End)];
        var gaps = _gaps.Select(g => Gap(shiftOf[g.Place], g.Blocked)).ToList();
        var people = _members.Select(m => Totals(m, shifts)).ToList();
        return new RotaResult(shifts, gaps, people, Quality(gaps));
    }

    private static RotaShift ToShift(ShiftFacts f, ProjectRole role, Member? holder, string? phase, bool isFixed) =>
        new(f.Date, f.Start, f.End, role, holder?.Person.UserId, phase, isFixed, f.IsAfterHours, f.IsWeekend, f.IsNight);

    private RotaGap Gap(RotaShift shift, int[] blocked)
    {
        var reasons = blocked.Select((n, i) => new GapReason((RotaBlock)i, n)).Where(r => r.People > 0).ToList();
        var role = RoleName(shift.Role);
        var reason = reasons.Count == 0
            ? $"Nobody on the team is a {role}."
            : $"No {role} could take it: {string.Join(", ", reasons.Select(r => $"{r.People} {Phrase(r.Block)}"))}.";
        return new RotaGap(shift, reason, reasons);
    }

    private RotaPersonTotals Totals(Member m, List<RotaShift> shifts)
    {
        var mine = shifts.Where(s => s.UserId == m.Person.UserId).ToList();
        var weeks = new List<RotaWeek>();
        for (var week = LocalDays.WeekStart(_input.From); week <= _input.To; week = week.AddDays(7))
        {
            var inWeek = mine.Where(s => LocalDays.WeekStart(s.Date) == week).ToList();
            var monday = week.ToDateTime(TimeOnly.MinValue);
            weeks.Add(new RotaWeek(week, ISOWeek.GetYear(monday), ISOWeek.GetWeekOfYear(monday),
                Hours(inWeek), inWeek.Count, inWeek.Count(s => s.IsAfterHours)));
        }

        return new RotaPersonTotals(m.Person.UserId, m.Person.DisplayName, m.Person.Role, Hours(mine), mine.Count,
            mine.Count(s => s.IsAfterHours), mine.Count(s => s.IsWeekend), mine.Count(s => s.IsNight),
            [.. m.LieuEarned.Select(DateOnly.FromDayNumber)], weeks);
    }

    private static double Hours(IEnumerable<RotaShift> shifts) => TimeSpan.FromTicks(shifts.Sum(s => (s.End - s.Start).Ticks)).TotalHours;

    private RotaQuality Quality(List<RotaGap> gaps)
    {
        var required = TimeSpan.FromTicks(_places.Sum(p => p.Slot.Facts.Ticks)).TotalHours;
        var gapHours = Hours(gaps.Select(g => g.Shift));
        var coverage = required > 0 ? (required - gapHours) / required : 1;
        var byRole = new Dictionary<ProjectRole, double>();
        double weighted = 0, weights = 0;
        foreach (var role in RotaRules.RosteredRoles)
        {
            var hours = _members.Where(m => m.Person.Role == role && IsEligible(m)).Select(m => TimeSpan.FromTicks(m.Ticks).TotalHours).ToList();
            var balance = Balance(hours);
            byRole[role] = balance;
            var weight = TimeSpan.FromTicks(_places.Where(p => p.Role == role).Sum(p => p.Slot.Facts.Ticks)).TotalHours;
            weighted += balance * weight;
            weights += weight;
        }

        var overall = weights > 0 ? weighted / weights : 1;
        // As Grafana's: a rota that covers nothing scores 0, however "balanced" its empty hours are.
        var score = coverage > 0 ? Math.Round(100 * (coverage + overall) / 2, 1) : 0;
        return new RotaQuality(score, coverage, overall, byRole, required, gapHours);
    }

    /// <summary>Grafana OnCall's balance: the mean over all pairs of min/max hours (O(n²) over one role's people, n ≤ 500).</summary>
    internal static double Balance(List<double> hours)
    {
        if (hours.Count < 2)
        {
            return 1;
        }

        double sum = 0;
        var pairs = 0;
        for (var i = 0; i < hours.Count; i++)
        {
            for (var j = i + 1; j < hours.Count; j++)
            {
                var max = Math.Max(hours[i], hours[j]);
                sum += max > 0 ? Math.Min(hours[i], hours[j]) / max : 1;
                pairs++;
            }
        }

        return sum / pairs;
    }

    /// <summary>Could take at least one of the role's shifts by time off and availability, or holds a locked one.</summary>
    private bool IsEligible(Member m)
    {
        if (m.Ticks > 0)
        {
            return true;
        }

        foreach (var slot in _slots)
        {
            if (_rules.StaffPerShift.For(m.Person.Role) > 0 && m.Covers(slot.Facts) && !m.IsOffDuring(slot.Facts))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Slot(ShiftFacts facts, string phase)
    {
        public ShiftFacts Facts { get; } = facts;

        public string Phase { get; } = phase;

        public List<Place> Places { get; } = [];
    }

    private sealed class Place(Slot slot, ProjectRole role)
    {
        public Slot Slot { get; } = slot;

        public ProjectRole Role { get; } = role;

        public Member? Holder { get; set; }

        public bool IsFixed { get; set; }
    }

    private sealed class Member
    {
        private readonly (long From, long To)[]?[]? _availability;
        private readonly (int From, int To)[] _timeOff;

        public Member(RotaPerson person, int index, int dayCount, int weekCount)
        {
            Person = person;
            Index = index;
            Works = new bool[dayCount];
            Touches = new int[dayCount];
            WeekTicks = new long[weekCount];
            WeekAfterHours = new int[weekCount];
            _timeOff = [.. (person.TimeOff ?? []).Select(t => (t.From.DayNumber, t.To.DayNumber))];
            if (person.Availability is { } windows)
            {
                _availability = new (long, long)[]?[7];
                foreach (var day in windows.GroupBy(w => w.Day))
                {
                    var merged = new List<(long From, long To)>();
                    foreach (var w in day.OrderBy(w => w.Start))
                    {
                        var (from, to) = (w.Start.Ticks, ShiftFacts.DayTicks(w.End));
                        if (merged.Count > 0 && from <= merged[^1].To)
                        {
                            merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, to));
                        }
                        else
                        {
                            merged.Add((from, to));
                        }
                    }

                    _availability[(int)day.Key] = [.. merged];
                }
            }
        }

        public RotaPerson Person { get; }

        public int Index { get; }

        /// <summary>This person's shifts (locked and assigned) as UTC ticks, sorted by start and never overlapping.</summary>
        public List<(long Start, long End, int Fixed)> Shifts { get; } = [];

        /// <summary>Per local day from the history start: a shift starts on it (days in a row).</summary>
        public bool[] Works { get; }

        /// <summary>Per local day: how many shifts lie on it at all (days in lieu must be free of work).</summary>
        public int[] Touches { get; }

        public long[] WeekTicks { get; }

        public int[] WeekAfterHours { get; }

        /// <summary>Day number of each day in lieu → the fixed shift that earned it (-1: a generated one).</summary>
        public Dictionary<int, int> Lieu { get; } = [];

        /// <summary>Days in lieu earned by shifts in the range (history shifts' lieu counts for the rules only).</summary>
        public SortedSet<int> LieuEarned { get; } = [];

        /// <summary>Real time on shifts in the range so far: the fairness order.</summary>
        public long Ticks { get; set; }

        public int AfterHours { get; set; }

        public bool IsOff(DateOnly day)
        {
            foreach (var (from, to) in _timeOff)
            {
                if (from <= day.DayNumber && day.DayNumber <= to)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Any local day the shift lies on is time off.</summary>
        public bool IsOffDuring(ShiftFacts f)
        {
            for (var d = f.Date; d <= f.LastDay; d = d.AddDays(1))
            {
                if (IsOff(d))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every wall-clock piece of the shift lies inside one (merged) availability window of its weekday.</summary>
        public bool Covers(ShiftFacts f)
        {
            if (_availability is null)
            {
                return true;
            }

            foreach (var piece in f.Pieces)
            {
                if (_availability[(int)piece.Day.DayOfWeek] is not { } windows || !Array.Exists(windows, w => w.From <= piece.From && piece.To <= w.To))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The index of the first shift starting at or after <paramref name="start"/>.</summary>
        public int IndexAfter(long start)
        {
            int lo = 0, hi = Shifts.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (Shifts[mid].Start < start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }
}
