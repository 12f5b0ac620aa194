using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

/// <summary>SLA compliance by severity, phase and team; mean time to acknowledge and resolve; the breaches.</summary>
public sealed class SlaReports(HypercareDbContext db, SlaPlanService plans, TimeProvider time)
{
    public async Task<Outcome<SlaReport>> ReportAsync(ProjectAccess access, DateOnly? from, DateOnly? to, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return Failure.Forbidden("SLA reports cover every issue of the project; your role sees only your own.");
        }

        var now = time.GetUtcNow();
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == access.ProjectId).Select(p => new { p.GoLiveDate, p.TimeZoneId }).SingleAsync(cancellationToken);
        var first = from ?? project.GoLiveDate;
        var last = to ?? LocalDays.Today(now, project.TimeZoneId);
        if (last < first)
        {
            return Failure.Invalid("to", "to must not be before from.");
        }

        var start = LocalDays.StartOf(first, project.TimeZoneId);
        var end = LocalDays.StartOf(last.AddDays(1), project.TimeZoneId);
        var plan = await plans.PlanAsync(access.ProjectId, cancellationToken);
        var issues = await db.Issues.AsNoTracking()
            // As of now: an issue stamped a moment later (another node's clock, a report generated for an earlier slot) is not in it yet.
            .Where(i => i.ProjectId == access.ProjectId && i.ReportedAt >= start && i.ReportedAt < end && i.ReportedAt <= now && i.Status != IssueStatus.Duplicate)
            .Select(i => new { i.Id, i.Severity, i.OwningTeam }).ToListAsync(cancellationToken);
        var ids = issues.Select(i => i.Id).ToList();
        var events = new Dictionary<int, List<TimelineEvent>>();
        foreach (var chunk in ids.Chunk(1000))
        {
            var rows = await db.IssueEvents.AsNoTracking().Where(e => chunk.Contains(e.IssueId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
            foreach (var group in rows.GroupBy(r => r.IssueId))
            {
                events[group.Key] = group.Select(r => r.ToTimeline()).ToList();
            }
        }

        var evaluated = issues.Where(i => events.ContainsKey(i.Id))
            .Select(i => (Issue: i, State: SlaClock.Evaluate(events[i.Id], plan, now))).ToList();

        static ComplianceRow Row(string group, IEnumerable<ClockState> clocks)
        {
            var decided = clocks.Where(c => c.Status is ClockStatus.Met or ClockStatus.Missed or ClockStatus.Breached).ToList();
            var met = decided.Count(c => c.Status == ClockStatus.Met);
            return new ComplianceRow(group, decided.Count, met, decided.Count - met, decided.Count == 0 ? null : Math.Round(100.0 * met / decided.Count, 1));
        }

        var severities = Enum.GetValues<Severity>();
        var acknowledged = evaluated.Where(e => e.State.Response.StoppedAt is not null).ToList();
        var resolved = evaluated.Where(e => e.State.Resolution.StoppedAt is not null).ToList();
        var usage = Enum.GetValues<OwningTeam>().Select(team => new TeamUsage(team,
            Math.Round(evaluated.Sum(e => e.State.Response.UsedByTeam.GetValueOrDefault(team).TotalHours), 1),
            Math.Round(evaluated.Sum(e => e.State.Resolution.UsedByTeam.GetValueOrDefault(team).TotalHours), 1),
            evaluated.Count(e => e.State.Resolution.IsBreached && e.State.Resolution.UsedByTeam.Count > 0
                && e.State.Resolution.UsedByTeam.MaxBy(u => u.Value).Key == team))).ToList();
        var breaches = await db.SlaAlerts.AsNoTracking()
            .Where(a => a.ProjectId == access.ProjectId && a.CrossedAt >= start && a.CrossedAt < end
                && (a.Kind == AlertKind.ResponseBreach || a.Kind == AlertKind.ResolutionBreach || a.Kind == AlertKind.UpdateBreach))
            .OrderByDescending(a => a.CrossedAt).ToListAsync(cancellationToken);

        return new SlaReport(
            first,
            last,
            severities.Select(s => Row(s.ToString(), evaluated.Where(e => e.Issue.Severity == s).Select(e => e.State.Response))).ToList(),
            severities.Select(s => Row(s.ToString(), evaluated.Where(e => e.Issue.Severity == s).Select(e => e.State.Resolution))).ToList(),
            evaluated.GroupBy(e => e.State.Resolution.Phase).OrderBy(g => g.Key).Select(g => Row(g.Key, g.Select(e => e.State.Resolution))).ToList(),
            evaluated.GroupBy(e => e.Issue.OwningTeam?.Label() ?? "No owning team").OrderBy(g => g.Key).Select(g => Row(g.Key, g.Select(e => e.State.Resolution))).ToList(),
            usage,
            acknowledged.Count == 0 ? null : Math.Round(acknowledged.Average(e => (e.State.Response.StoppedAt!.Value - e.State.Response.StartedAt!.Value).TotalHours), 2),
            resolved.Count == 0 ? null : Math.Round(resolved.Average(e => (e.State.Resolution.StoppedAt!.Value - e.State.Resolution.StartedAt!.Value).TotalHours), 2),
            breaches.Select(b => b.ToResponse()).ToList());
    }
}
