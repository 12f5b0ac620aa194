using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

public sealed class SlaService(HypercareDbContext db, SlaPlanService plans, TimeProvider time)
{
    /// <summary>How far ahead "about to breach" looks.</summary>
    public static readonly TimeSpan AboutToBreachWindow = TimeSpan.FromHours(2);

    /// <summary>
    /// Appends timeline events for a change to an issue and brings its stored SLA state up to date, before the caller
    /// saves: event rows, stored state and the change commit together.
    /// </summary>
    public async Task RecordAsync(Issue issue, IReadOnlyList<TimelineEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            db.IssueEvents.Add(IssueEvent.Record(issue, e));
        }

        var stored = issue.Id == 0 ? [] : await StoredTimelineAsync(issue.Id, cancellationToken);
        var pending = db.ChangeTracker.Entries<IssueEvent>()
            .Where(e => e.State == EntityState.Added && ReferenceEquals(e.Navigation(nameof(IssueEvent.Issue)).CurrentValue, issue))
            .Select(e => e.Entity.ToTimeline());
        var timeline = stored.Concat(pending).OrderBy(e => e.At).ThenBy(e => e.Kind == TimelineEventKind.Reported ? 0 : 1).ToList();
        Apply(issue, SlaClock.Evaluate(timeline, await plans.PlanAsync(issue.ProjectId, cancellationToken), time.GetUtcNow()));
    }

    /// <summary>Copies the computed clocks onto the issue's stored columns (what SQL filters on).</summary>
    public static void Apply(Issue issue, SlaState state)
    {
        issue.ResponseDueAt = state.Response.Status is ClockStatus.Running or ClockStatus.Breached ? state.Response.DueAt : null;
        issue.ResolutionDueAt = state.Resolution.Status is ClockStatus.Running or ClockStatus.Breached ? state.Resolution.DueAt : null;
        issue.UpdateDueAt = state.Update.Status is ClockStatus.Running or ClockStatus.Breached ? state.Update.DueAt : null;
        issue.SlaPaused = state.Resolution.Status == ClockStatus.Paused;
        issue.ResponseBreached = state.Response.IsBreached;
        issue.ResolutionBreached = state.Resolution.IsBreached;
    }

    public async Task<List<TimelineEvent>> StoredTimelineAsync(int issueId, CancellationToken cancellationToken = default)
    {
        var rows = await db.IssueEvents.AsNoTracking().Where(e => e.IssueId == issueId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return rows.Select(r => r.ToTimeline()).ToList();
    }

    public async Task<Outcome<IssueSlaResponse>> StateAsync(ProjectAccess access, int issueId, CancellationToken cancellationToken = default)
    {
        var issue = await IssueService.Visible(db.Issues.AsNoTracking(), access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        var timeline = await StoredTimelineAsync(issueId, cancellationToken);
        var state = SlaClock.Evaluate(timeline, await plans.PlanAsync(access.ProjectId, cancellationToken), time.GetUtcNow());
        var alerts = await db.SlaAlerts.AsNoTracking().Where(a => a.IssueId == issueId).OrderBy(a => a.CrossedAt).ToListAsync(cancellationToken);
        return new IssueSlaResponse(issueId, issue.Severity, state.Response, state.Resolution, state.Update, alerts.Select(a => a.ToResponse()).ToList());
    }

    /// <summary>Open issues past a target, and those whose next target falls within <see cref="AboutToBreachWindow"/>: answered from the stored columns in SQL.</summary>
    public async Task<SlaRiskResponse> RiskAsync(ProjectAccess access, int take = 10, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var soon = now + AboutToBreachWindow;
        var open = IssueLifecycle.OpenStatuses.ToArray();
        var issues = IssueService.Visible(db.Issues.AsNoTracking(), access).Where(i => open.Contains(i.Status));
        var breached = issues.Where(i => i.ResponseDueAt <= now || i.ResolutionDueAt <= now);
        var aboutToBreach = issues.Where(i => !(i.ResponseDueAt <= now || i.ResolutionDueAt <= now)
            && ((i.ResponseDueAt > now && i.ResponseDueAt <= soon) || (i.ResolutionDueAt > now && i.ResolutionDueAt <= soon)));

        var breachedCount = await breached.CountAsync(cancellationToken);
        var aboutCount = await aboutToBreach.CountAsync(cancellationToken);
        var pausedCount = await issues.CountAsync(i => i.SlaPaused, cancellationToken);
        var breachedItems = await ItemsAsync(issues, breached, now, pastOnly: true, take, cancellationToken);
        var aboutItems = await ItemsAsync(issues, aboutToBreach, now, pastOnly: false, take, cancellationToken);
        return new SlaRiskResponse(breachedCount, aboutCount, pausedCount, breachedItems, aboutItems);
    }

    private static async Task<List<RiskItem>> ItemsAsync(IQueryable<Issue> visible, IQueryable<Issue> selection, DateTimeOffset now, bool pastOnly, int take,
        CancellationToken cancellationToken)
    {
        var rows = await selection
            .OrderBy(i => i.ResponseDueAt != null && (i.ResolutionDueAt == null || i.ResponseDueAt < i.ResolutionDueAt) ? i.ResponseDueAt : i.ResolutionDueAt)
            .ThenBy(i => i.Id).Take(take)
            .Select(i => new { i.Id, i.ResponseDueAt, i.ResolutionDueAt })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var summaries = await visible.Where(i => ids.Contains(i.Id)).Select(IssueService.SummaryProjection).ToDictionaryAsync(s => s.Id, cancellationToken);
        return rows.Select(r =>
        {
            var (clock, due) = new[] { (ClockKind.Response, r.ResponseDueAt), (ClockKind.Resolution, r.ResolutionDueAt) }
                .Where(c => c.Item2 is not null && (pastOnly ? c.Item2 <= now : c.Item2 > now))
                .OrderBy(c => c.Item2).First();
            return new RiskItem(summaries[r.Id], clock, due!.Value, due.Value - now);
        }).ToList();
    }
}

public static class SlaMappings
{
    public static AlertResponse ToResponse(this SlaAlert a) => new(a.Id, a.IssueId, a.Kind, a.Threshold, a.CrossedAt, a.RecordedAt);
}
