using System.Runtime.CompilerServices;
namespace Hypercare.Core.Adoption.Metrics;

/// <summary>A roster member as the metrics see them: licensed or not, and their groups.</summary>
public sealed record RosterMember(string UserKey, bool Licensed, DateOnly? LicensedFrom, string? Profile, string? Role, string? Department);

/// <summary>One user's logins on one local day.</summary>
public readonly record struct UserDay(string UserKey, DateOnly Day, int Successes, int Failures);

/// <summary>One user's logins on one local day, the user by number (<see cref="LoginUser.Number"/>).</summary>
public readonly record struct NumberedUserDay(int User, DateOnly Day, int Successes, int Failures);

/// <summary>
/// Daily, weekly (7 local days ending that day) and monthly (30 days) active users and login rates, overall and per
/// profile, role and department. Pure: values in, values out. Consumes user-days in day order in one pass, keeping
/// per user only the last active day, so memory grows with users and groups, never with events.
/// </summary>
public static class AdoptionSeries
{
    public const string All = "all";
    public static readonly string[] Dimensions = ["profile", "role", "department"];
    public const string NoValue = "(none)";

    public static List<AdoptionDailyStat> Compute(int projectId, IReadOnlyList<RosterMember> roster, IEnumerable<UserDay> userDays,
        DateOnly from, DateOnly to)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        int Number(string key)
        {
            if (!numbers.TryGetValue(key, out var number))
            {
                number = keys.Count;
                numbers[key] = number;
                keys.Add(key);
            }

            return number;
        }

        return Compute(projectId, roster, keys, userDays.Select(d => new NumberedUserDay(Number(d.UserKey), d.Day, d.Successes, d.Failures)), from, to);
    }

    /// <summary>
    /// The same over users numbered by the caller (the packed day sets' user numbers, ADR 0042): <paramref name="users"/>
    /// names number n by the time a user-day with n is read, and per-user state is kept in arrays, not dictionaries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static List<AdoptionDailyStat> Compute(int projectId, IReadOnlyList<RosterMember> roster, IReadOnlyList<string> users,
        IEnumerable<NumberedUserDay> userDays, DateOnly from, DateOnly to)
    {
        var dayCount = to.DayNumber - from.DayNumber + 1;
        if (dayCount <= 0)
        {
            return [];
        }

        var hasRoster = roster.Count > 0;
        var series = new Dictionary<(string Dimension, string Group), Series>();
        Series Get(string dimension, string group)
        {
            if (!series.TryGetValue((dimension, group), out var s))
            {
                s = new Series(dimension, group, dayCount);
                series[(dimension, group)] = s;
            }

            return s;
        }

        var all = Get(All, "");
        var members = new Dictionary<string, (RosterMember Member, Series[] Groups)>(StringComparer.Ordinal);
        foreach (var member in roster)
        {
            var groups = new[]
            {
                Get("profile", member.Profile ?? NoValue),
                Get("role", member.Role ?? NoValue),
                Get("department", member.Department ?? NoValue),
            };
            members[member.UserKey] = (member, groups);
            if (!member.Licensed)
            {
                continue;
            }

            var start = member.LicensedFrom is { } f && f > from ? f.DayNumber - from.DayNumber : 0;
            if (start >= dayCount)
            {
                continue;
            }

            all.LicensedFrom[start]++;
            foreach (var g in groups)
            {
                g.LicensedFrom[start]++;
            }
        }

        var lastActive = new int[Math.Max(16, users.Count)];
        lastActive.AsSpan().Fill(-1);
        // Per user number: -2 not looked up yet, -1 not in the roster, else the index in byNumber.
        var memberOf = new int[lastActive.Length];
        memberOf.AsSpan().Fill(-2);
        var byNumber = new List<(RosterMember Member, Series[] Groups)>();
        var previousDay = int.MinValue;
        var closedThrough = -1;
        void CloseThrough(int day)
        {
            // Rolling windows are read as each day closes: later days move users' "last active day" forward.
            for (var d = closedThrough + 1; d <= day; d++)
            {
                foreach (var s in series.Values)
                {
                    s.Close(d);
                }
            }

            closedThrough = Math.Max(closedThrough, day);
        }

        foreach (var userDay in userDays)
        {
            var index = userDay.Day.DayNumber - from.DayNumber;
            if (index < previousDay)
            {
                throw new ArgumentException("User-days must come in day order.", nameof(userDays));
            }

            previousDay = index;
            if (index < 0 || index >= dayCount)
            {
                continue;
            }

            CloseThrough(index - 1);

            all.Successes[index] += userDay.Successes;
            all.Failures[index] += userDay.Failures;
            if (userDay.Successes == 0)
            {
                continue;
            }

            var user = userDay.User;
            if (user >= lastActive.Length)
            {
                var size = Math.Max(user + 1, lastActive.Length * 2);
                var old = lastActive.Length;
                Array.Resize(ref lastActive, size);
                Array.Resize(ref memberOf, size);
                lastActive.AsSpan(old).Fill(-1);
                memberOf.AsSpan(old).Fill(-2);
            }

            var previous = lastActive[user];
            if (previous == index)
            {
                continue;
            }

            lastActive[user] = index;
            if (memberOf[user] == -2)
            {
                memberOf[user] = members.TryGetValue(users[user], out var found) ? byNumber.Count : -1;
                if (memberOf[user] >= 0)
                {
                    byNumber.Add(found);
                }
            }

            var known = memberOf[user] >= 0;
            var licensed = known && byNumber[memberOf[user]].Member.Licensed;
            all.Activate(index, previous, licensed);
            if (known)
            {
                foreach (var g in byNumber[memberOf[user]].Groups)
                {
                    g.Activate(index, previous, licensed);
                }
            }
        }

        CloseThrough(dayCount - 1);
        var result = new List<AdoptionDailyStat>(series.Count * dayCount);
        foreach (var s in series.Values)
        {
            result.AddRange(s.ToStats(projectId, from, hasRoster));
        }

        return result;
    }

    private sealed class Series(string dimension, string group, int days)
    {
        public readonly int[] LicensedFrom = new int[days];
        public readonly int[] Successes = new int[days];
        public readonly int[] Failures = new int[days];
        private readonly int[] _daily = new int[days];
        private readonly int[] _dailyLicensed = new int[days];
        private readonly int[] _lastDayCount = new int[days];
        private readonly int[] _lastDayLicensedCount = new int[days];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Activate(int day, int previous, bool licensed)
        {
            _daily[day]++;
            _lastDayCount[day]++;
            if (previous >= 0)
            {
                _lastDayCount[previous]--;
            }

            if (licensed)
            {
                _dailyLicensed[day]++;
                _lastDayLicensedCount[day]++;
                if (previous >= 0)
                {
                    _lastDayLicensedCount[previous]--;
                }
            }
        }

        public void Close(int day)
        {
            int weekly = 0, monthly = 0, weeklyLicensed = 0, monthlyLicensed = 0;
            for (var d = Math.Max(0, day - 29); d <= day; d++)
            {
                monthly += _lastDayCount[d];
                monthlyLicensed += _lastDayLicensedCount[d];
                if (d > day - 7)
                {
                    weekly += _lastDayCount[d];
                    weeklyLicensed += _lastDayLicensedCount[d];
                }
            }

            _windows[day] = (weekly, monthly, weeklyLicensed, monthlyLicensed);
        }

        public IEnumerable<AdoptionDailyStat> ToStats(int projectId, DateOnly from, bool hasRoster)
        {
            var licensed = 0;
            for (var d = 0; d < days; d++)
            {
                licensed += LicensedFrom[d];
                yield return new AdoptionDailyStat
                {
                    ProjectId = projectId,
                    Day = from.AddDays(d),
                    Dimension = dimension,
                    Group = group,
                    Licensed = hasRoster ? licensed : null,
                    DailyActive = _daily[d],
                    DailyActiveLicensed = _dailyLicensed[d],
                    WeeklyActive = _windows[d].Weekly,
                    MonthlyActive = _windows[d].Monthly,
                    WeeklyActiveLicensed = _windows[d].WeeklyLicensed,
                    MonthlyActiveLicensed = _windows[d].MonthlyLicensed,
                    SuccessfulLogins = Successes[d],
                    FailedLogins = Failures[d],
                };
            }
        }

        private readonly (int Weekly, int Monthly, int WeeklyLicensed, int MonthlyLicensed)[] _windows = new (int, int, int, int)[days];
    }
}
