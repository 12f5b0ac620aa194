using Hypercare.Core.Issues;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Standups;

public sealed partial class StandupService
{
    /// <summary>How many breached and at-risk issues the agenda lists.</summary>
    public const int RiskLines = 10;

    /// <summary>
    /// The agenda of the next standup (the one not yet over at <paramref name="at"/>, default now): what happened since the
    /// previous standup began (24 hours when there was none), the open risks and the action items still open.
    /// </summary>
    public async Task<Outcome<StandupAgenda>> AgendaAsync(ProjectAccess access, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return Failure.Forbidden("Your role does not see the standups.");
        }

        var now = at ?? time.GetUtcNow();
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var schedule = await db.StandupSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken)
            ?? StandupSchedule.Create(project.Id);
        var specs = await SeriesAsync(project, schedule, cancellationToken);
        var today = LocalDays.Today(now, project.TimeZoneId);
        var around = StandupCalendar.Occurrences(specs, project.TimeZoneId, today.AddDays(-8), today.AddDays(8));
        var next = around.FirstOrDefault(o => o.End > now);
        var previous = around.LastOrDefault(o => o.Start < (next?.Start ?? now) && o.End <= now);
        var since = previous?.Start ?? now.AddDays(-1);

        // The agenda reads as the system: it is for the people who run hypercare, whose role (ViewRota) was checked above.
        var system = new ProjectAccess(project.Id, Caller.System, null);
        var severe = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && i.ReportedAt >= since && i.ReportedAt <= now && i.Severity != Severity.Sev3
                && i.Status != IssueStatus.Duplicate)
            .OrderBy(i => i.Severity).ThenBy(i => i.ReportedAt)
            .Select(i => new AgendaIssue(i.Id, i.Title, i.Severity, i.Status, i.ReportedAt, i.AssigneeId != null))
            .ToListAsync(cancellationToken);
        var risk = await sla.RiskAsync(system, RiskLines, cancellationToken);
        static AgendaRisk Line(Sla.RiskItem r) => new(r.Issue.Id, r.Issue.Title, r.Issue.Severity, r.Clock.ToString().ToLowerInvariant(), r.DueAt);
        var untriaged = await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id && i.Status == IssueStatus.New)
            .Select(i => i.ReportedAt).ToListAsync(cancellationToken);
        var known = await db.KnownIssues.AsNoTracking()
            .Where(k => k.ProjectId == project.Id && (k.CreatedAt >= since || k.UpdatedAt >= since))
            .OrderBy(k => k.Id)
            .Select(k => new AgendaKnownIssue(k.Id, k.Title, k.Status, k.CreatedAt >= since, k.WorkaroundPublishedAt != null))
            .ToListAsync(cancellationToken);
        var adoptionFlags = (await adoption.OverviewAsync(system, cancellationToken)).Value is { } overview
            ? overview.OpenFlags.Select(f => f.Summary).ToList()
            : [];
        var exitStatus = (await exit.StatusAsync(system, cancellationToken)).Value;
        var exitLine = exitStatus is null
            ? null
            : new AgendaExit(exitStatus.Evaluation.Rules.Count(r => r.State == Exit.RuleState.Met), exitStatus.Evaluation.Rules.Count,
                [.. exitStatus.Evaluation.Rules.Where(r => r.State != Exit.RuleState.Met).Select(r => $"{r.Title}: {r.Summary}")],
                exitStatus.PlannedEnd, exitStatus.Forecast.Summary);
        return new StandupAgenda(project.Name, project.TimeZoneId, now, since, next, severe,
            [.. risk.BreachedIssues.Select(Line)], [.. risk.AboutToBreachIssues.Select(Line)],
            untriaged.Count, untriaged.Count == 0 ? null : untriaged.Min(),
            known, await NextPatchAsync(project.Id, now, cancellationToken), adoptionFlags, exitLine,
            await BurnoutFlagsAsync(system, project, now, cancellationToken),
            await DutyAsync(system, project, now, cancellationToken),
            await OpenActionsAsync(project, now, cancellationToken));
    }

    private async Task<AgendaPatch?> NextPatchAsync(int projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var patch = await db.Patches.AsNoTracking().Where(p => p.ProjectId == projectId && p.Status == PatchStatus.Planned)
            .OrderBy(p => p.PlannedFor).FirstOrDefaultAsync(cancellationToken);
        if (patch is null)
        {
            return null;
        }

        var issues = await db.PatchIssues.AsNoTracking().Where(pi => pi.PatchId == patch.Id)
            .Join(db.Issues, pi => pi.IssueId, i => i.Id, (pi, i) => new { i.Id, i.Title }).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var known = await db.KnownIssues.AsNoTracking().Where(k => k.PatchId == patch.Id).OrderBy(k => k.Id)
            .Select(k => new { k.Id, k.Title }).ToListAsync(cancellationToken);
        return new AgendaPatch(patch.Name, patch.PlannedFor,
            [.. known.Select(k => $"Known issue KI-{k.Id}: {k.Title}"), .. issues.Select(i => $"#{i.Id} {i.Title}")]);
    }

    private async Task<IReadOnlyList<AgendaDuty>> DutyAsync(ProjectAccess system, Project project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalDays.Today(now, project.TimeZoneId);
        var rota = (await team.RotaAsync(system, today, today.AddDays(1), cancellationToken)).Value;
        if (rota is null)
        {
            return [];
        }

        var until = now.AddHours(24);
        return [.. rota.Shifts.Where(s => s.End > now && s.Start < until).OrderBy(s => s.Start).ThenBy(s => s.Role)
            .Select(s => new AgendaDuty(s.Person?.DisplayName, s.Role, s.Start, s.End, s.LocalStart, s.LocalEnd, s.Person is null ? s.GapReason ?? "nobody on this shift" : null))];
    }

    /// <summary>The burnout flags (Team/TeamHours, docs/team-hours.md) of this week and last, as the sponsor status shows them.</summary>
    private async Task<IReadOnlyList<string>> BurnoutFlagsAsync(ProjectAccess system, Project project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalDays.Today(now, project.TimeZoneId);
        var hours = (await team.HoursAsync(system, LocalDays.WeekStart(today).AddDays(-7), today, cancellationToken)).Value;
        return hours is null ? [] : [.. hours.Flags.Select(f => f.Summary)];
    }
}
