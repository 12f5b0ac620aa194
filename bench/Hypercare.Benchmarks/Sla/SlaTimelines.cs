using Hypercare.Core.Issues;
using Hypercare.Core.Sla;

namespace Hypercare.Benchmarks.Sla;

/// <summary>Deterministic, realistic issue timelines: report, triage, work, waits on the reporter, team changes.</summary>
internal static class SlaTimelines
{
    public static List<TimelineEvent> Open(Random random, DateTimeOffset reportedAt, DateTimeOffset now)
    {
        var severity = random.NextDouble() switch { < 0.05 => Severity.Sev1, < 0.35 => Severity.Sev2, _ => Severity.Sev3 };
        var events = new List<TimelineEvent> { new(reportedAt, TimelineEventKind.Reported, severity, IssueStatus.New, null) };
        var at = reportedAt;
        DateTimeOffset Next(double hours)
        {
            at = at.AddMinutes(hours * 60 * (0.2 + random.NextDouble()));
            return at;
        }

        if (random.NextDouble() < 0.15 || Next(2) >= now)
        {
            return events; // still New
        }

        events.Add(new TimelineEvent(at, TimelineEventKind.StatusChanged, Status: IssueStatus.Triaged));
        events.Add(new TimelineEvent(at, TimelineEventKind.OwningTeamChanged, Team: random.NextDouble() < 0.7 ? OwningTeam.ProjectTeam : OwningTeam.SteadyStateTeam));
        if (Next(4) < now)
        {
            events.Add(new TimelineEvent(at, TimelineEventKind.StatusChanged, Status: IssueStatus.InProgress));
        }

        if (random.NextDouble() < 0.3 && Next(6) < now)
        {
            events.Add(new TimelineEvent(at, TimelineEventKind.StatusChanged, Status: IssueStatus.WaitingOnReporter));
            if (random.NextDouble() < 0.6 && Next(12) < now)
            {
                events.Add(new TimelineEvent(at, TimelineEventKind.StatusChanged, Status: IssueStatus.InProgress));
            }
        }

        if (random.NextDouble() < 0.5 && Next(8) < now)
        {
            events.Add(new TimelineEvent(at, TimelineEventKind.StaffReplied));
        }

        return events;
    }

    public static SlaPlan Plan(DateOnly goLive) => SlaPlanService.Build("Europe/Berlin", [goLive.AddDays(40)],
        [.. PlanPhase.DefaultPlan(1, goLive, goLive.AddDays(60))]);
}
