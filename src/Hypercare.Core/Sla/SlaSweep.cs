using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

public sealed record SweepResult(int IssuesChecked, int AlertsFired, int Notifications);

/// <summary>
/// The periodic SLA sweep: recomputes every open issue's clocks, records each warning, breach and untriaged alert
/// that has been crossed and not yet recorded, and notifies the people the escalation rules name, in one transaction
/// per issue. Running it twice, or on two nodes at once, fires nothing twice: the alert's unique key refuses the second.
/// </summary>
public sealed class SlaSweep(HypercareDbContext db, SlaPlanService plans, TimeProvider time)
{
    private const int BatchSize = 500;

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        // A closed project is in steady state: its issues raise no hypercare alerts (until it is reopened).
        var projectIds = await db.Projects.AsNoTracking().Where(p => p.Stage != Exit.ProjectStage.Closed).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        var total = new SweepResult(0, 0, 0);
        foreach (var projectId in projectIds)
        {
            var result = await RunAsync(projectId, cancellationToken);
            total = new SweepResult(total.IssuesChecked + result.IssuesChecked, total.AlertsFired + result.AlertsFired, total.Notifications + result.Notifications);
        }

        return total;
    }

    public async Task<SweepResult> RunAsync(int projectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new { p.WarningThresholds, p.UntriagedAlertMinutes, p.Stage }).SingleAsync(cancellationToken);
        if (project.Stage == Exit.ProjectStage.Closed)
        {
            return new SweepResult(0, 0, 0);
        }

        var fractions = project.WarningThresholds.Where(t => t is > 0 and < 100).Select(t => t / 100.0).Append(1.0).Distinct().Order().ToList();
        var plan = await plans.PlanAsync(projectId, cancellationToken);
        var members = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId)
            .Select(m => new Recipient(m.UserId, m.User!.Email, m.Role)).ToListAsync(cancellationToken);
        var open = IssueLifecycle.OpenStatuses.ToArray();
        // Escalations go to who is on duty now (the rota), falling back to the role where the rota has a gap.
        var duty = await TeamService.OnDutyAtAsync(db, projectId, now, cancellationToken);

        int checkedCount = 0, fired = 0, notified = 0, lastId = 0;
        while (true)
        {
            db.ChangeTracker.Clear();
            var batch = await db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && open.Contains(i.Status) && i.Id > lastId)
                .OrderBy(i => i.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            lastId = batch[^1].Id;
            var ids = batch.Select(i => i.Id).ToList();
            var timelines = (await db.IssueEvents.AsNoTracking().Where(e => ids.Contains(e.IssueId)).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken))
                .GroupBy(e => e.IssueId).ToDictionary(g => g.Key, g => g.Select(e => e.ToTimeline()).ToList());
            var existing = (await db.SlaAlerts.AsNoTracking().Where(a => ids.Contains(a.IssueId))
                .Select(a => new { a.IssueId, a.Kind, a.Threshold, a.CycleStart }).ToListAsync(cancellationToken))
                .Select(a => (a.IssueId, a.Kind, a.Threshold, a.CycleStart)).ToHashSet();

            var due = new List<(Issue Issue, List<SlaAlert> Alerts)>();
            var changed = new List<Issue>();
            foreach (var issue in batch)
            {
                checkedCount++;
                if (!timelines.TryGetValue(issue.Id, out var timeline) || timeline.Count == 0)
                {
                    continue;
                }

                var before = (issue.ResponseDueAt, issue.ResolutionDueAt, issue.UpdateDueAt, issue.SlaPaused, issue.ResponseBreached, issue.ResolutionBreached);
                SlaService.Apply(issue, SlaClock.Evaluate(timeline, plan, now));
                if (before != (issue.ResponseDueAt, issue.ResolutionDueAt, issue.UpdateDueAt, issue.SlaPaused, issue.ResponseBreached, issue.ResolutionBreached))
                {
                    changed.Add(issue);
                }

                var alerts = new List<SlaAlert>();
                foreach (var (kind, fraction, at, cycleStart) in SlaClock.Crossings(timeline, plan, now, fractions))
                {
                    var alertKind = Escalation.KindOf(kind, fraction >= 1.0);
                    var threshold = (int)Math.Round(fraction * 100);
                    if (!existing.Contains((issue.Id, alertKind, threshold, cycleStart)))
                    {
                        alerts.Add(SlaAlert.Fire(projectId, issue.Id, alertKind, threshold, cycleStart, at, now));
                    }
                }

                var untriagedAt = plan.UntriagedAlertAt(issue.ReportedAt, project.UntriagedAlertMinutes);
                if (issue.Status == IssueStatus.New && untriagedAt <= now
                    && !existing.Contains((issue.Id, AlertKind.Untriaged, project.UntriagedAlertMinutes, issue.ReportedAt)))
                {
                    alerts.Add(SlaAlert.Fire(projectId, issue.Id, AlertKind.Untriaged, project.UntriagedAlertMinutes, issue.ReportedAt, untriagedAt, now));
                }

                if (alerts.Count > 0)
                {
                    due.Add((issue, alerts));
                }
            }

            // Stored SLA state first. It is derived and idempotent, so it is written past the change tracker: it must not
            // bump the issue's version (a person editing the issue would get a false "changed by someone else") nor
            // collide with another node's sweep writing the same values.
            foreach (var issue in changed)
            {
                await db.Issues.Where(i => i.Id == issue.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(i => i.ResponseDueAt, issue.ResponseDueAt)
                    .SetProperty(i => i.ResolutionDueAt, issue.ResolutionDueAt)
                    .SetProperty(i => i.UpdateDueAt, issue.UpdateDueAt)
                    .SetProperty(i => i.SlaPaused, issue.SlaPaused)
                    .SetProperty(i => i.ResponseBreached, issue.ResponseBreached)
                    .SetProperty(i => i.ResolutionBreached, issue.ResolutionBreached), cancellationToken);
            }

            foreach (var (issue, alerts) in due)
            {
                var (f, n) = await FireAsync(issue, alerts, members, duty, now, cancellationToken);
                fired += f;
                notified += n;
            }
        }

        db.ChangeTracker.Clear();
        return new SweepResult(checkedCount, fired, notified);
    }

    private sealed record Recipient(int UserId, string Email, ProjectRole Role);

    private async Task<(int Fired, int Notified)> FireAsync(Issue issue, List<SlaAlert> alerts, List<Recipient> members, OnDutyResponse duty, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var notifications = 0;
        foreach (var alert in alerts)
        {
            db.SlaAlerts.Add(alert);
            var roles = Escalation.Roles(alert.Kind, alert.Threshold, issue.Severity);
            var chosen = new HashSet<int>();
            var gaps = new List<string>();
            foreach (var role in roles.Order())
            {
                var (onDuty, gap) = DutyRouting.For(duty, role);
                var holders = members.Where(m => m.Role == role && (onDuty is null || onDuty.Contains(m.UserId))).Select(m => m.UserId).ToList();
                if (holders.Count == 0 && onDuty is not null)
                {
                    // Whoever the rota has on duty left the role or the project: the role hears of it.
                    holders = [.. members.Where(m => m.Role == role).Select(m => m.UserId)];
                }

                chosen.UnionWith(holders);
                if (gap is not null)
                {
                    gaps.Add(gap);
                }
            }

            var recipients = members.Where(m => chosen.Contains(m.UserId) || (Escalation.NotifiesAssignee(alert.Kind) && m.UserId == issue.AssigneeId))
                .DistinctBy(m => m.UserId).ToList();
            var what = Escalation.Describe(alert.Kind, alert.Threshold);
            var title = $"#{issue.Id} {issue.Title}: {what}";
            var body = $"Issue #{issue.Id} ({issue.Severity}, {issue.Status.Label()}) — {what} at {alert.CrossedAt:yyyy-MM-dd HH:mm} UTC."
                + (gaps.Count > 0 ? " " + string.Join(" ", gaps) : "");
            foreach (var recipient in recipients)
            {
                db.Notifications.Add(Notification.Create(issue.ProjectId, recipient.UserId, issue.Id, alert.Kind.ToString(), title, body, now));
                db.OutboxMessages.Add(OutboxMessage.Email(issue.ProjectId, recipient.UserId, recipient.Email, title, body, now));
                notifications++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (alerts.Count, notifications);
        }
        catch (DbUpdateException)
        {
            // Another sweep (another node, or an overlapping run) recorded some of these first: its transaction owns
            // them and their notifications. Ours rolled back whole; the next sweep fires whatever is still missing.
            db.ChangeTracker.Clear();
            return (0, 0);
        }
    }
}
