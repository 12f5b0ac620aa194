using Hypercare.Core.Issues;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Exit;

/// <summary>One local week (Monday first): how many new issues the steady-state team resolved itself, and the rescues.</summary>
public sealed record SteadyStateWeek(DateOnly WeekStart, int NewIssues, int ResolvedBySteadyState, int Rescues)
{
    public double? Share => NewIssues == 0 ? null : (double)ResolvedBySteadyState / NewIssues;
}

/// <summary>The handover trend the dashboard and the sponsor status show, by the same measure as exit rule 2.</summary>
public static class SteadyStateWeeks
{
    public const int Weeks = 8;

    /// <summary>
    /// Weeks from <paramref name="firstWeek"/> to the week of <paramref name="today"/>. A new issue counts as the
    /// steady-state team's when it was first resolved while the team owned it and it was never rescued; the week is the
    /// one it was reported in. Rescues count in the week they happened.
    /// </summary>
    public static IReadOnlyList<SteadyStateWeek> Of(IReadOnlyList<NewIssueOutcome> issues, IReadOnlyList<Rescue> rescues, DateOnly firstWeek, DateOnly today,
        string timeZoneId)
    {
        var rescued = rescues.Select(r => r.IssueId).ToHashSet();
        var byWeek = issues.ToLookup(i => LocalDays.WeekStart(LocalDays.Today(i.ReportedAt, timeZoneId)));
        var rescuesByWeek = rescues.ToLookup(r => LocalDays.WeekStart(LocalDays.Today(r.At, timeZoneId)));
        var weeks = new List<SteadyStateWeek>();
        for (var week = LocalDays.WeekStart(firstWeek); week <= today; week = week.AddDays(7))
        {
            var reported = byWeek[week].ToList();
            weeks.Add(new SteadyStateWeek(week, reported.Count,
                reported.Count(i => i.ResolvedAt is not null && i.OwnerAtResolution == OwningTeam.SteadyStateTeam && !rescued.Contains(i.IssueId)),
                rescuesByWeek[week].Count()));
        }

        return weeks;
    }
}
