using System.Globalization;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

public sealed partial class TeamService
{
    /// <summary>
    /// Hours per person per ISO week and the burnout flags (docs/team-hours.md) for local days from–to, widened to whole
    /// weeks (default: this week and the three before). The lead sees everyone; other members with the rota see only
    /// their own row and their own flags.
    /// </summary>
    public async Task<Outcome<TeamHoursReport>> HoursAsync(ProjectAccess access, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        var today = LocalDays.Today(time.GetUtcNow(), project.TimeZoneId);
        var last = to ?? LocalDays.WeekStart(today).AddDays(6);
        var first = from ?? LocalDays.WeekStart(last).AddDays(-21);
        var errors = new FieldErrors();
        if (last < first)
        {
            errors.Add("to", $"to ({D(last)}) is before from ({D(first)}).");
        }
        else if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            errors.Add("to", $"An hours read covers at most {MaxRangeDays} days (asked for {last.DayNumber - first.DayNumber + 1}).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var report = await TeamHoursAsync(db, project, first, last, cancellationToken);
        if (access.Can(Permission.ManageRota))
        {
            return report;
        }

        var me = access.Caller.UserId;
        return report with { People = [.. report.People.Where(p => p.Person.Id == me)], Flags = [.. report.Flags.Where(f => f.Person.Id == me)] };
    }

    /// <summary>The whole team's hours and flags, for the lead's views and the sponsor status (which shows the flags, not the hours).</summary>
    internal static async Task<TeamHoursReport> TeamHoursAsync(HypercareDbContext db, Project project, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var start = LocalDays.StartOf(LocalDays.WeekStart(from), project.TimeZoneId);
        var end = LocalDays.StartOf(LocalDays.WeekStart(to).AddDays(7), project.TimeZoneId);
        var roles = RotaRules.RosteredRoles.ToArray();
        var team = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == project.Id && roles.Contains(m.Role) && m.User!.IsActive)
            .Select(m => new HoursPerson(m.UserId, m.User!.DisplayName, m.Role)).ToListAsync(cancellationToken);
        var ids = team.Select(p => p.UserId).ToArray();
        var rules = (await db.RotaSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken))?.ToRules() ?? RotaRules.Default;
        var shifts = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == project.Id && s.UserId != null && s.Start < end && s.End > start)
            .Select(s => new HoursShift(s.UserId!.Value, s.Start, s.End)).ToListAsync(cancellationToken);
        // A comment's audit row names its issue but no project (AuditRecorder): it is this project's when its issue is.
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.ProjectId == project.Id || (a.ProjectId == null && a.SubjectType == "Issue")) && a.ActorUserId != null && ids.Contains(a.ActorUserId.Value)
                && a.At >= start && a.At < end)
            .Select(a => new { UserId = a.ActorUserId!.Value, a.ProjectId, a.At, a.SubjectType, a.SubjectId }).ToListAsync(cancellationToken);
        var issues = await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id)
            .Select(i => new { i.Id, i.Severity, i.AffectedArea, i.Category, i.AssigneeId }).ToListAsync(cancellationToken);
        var ours = issues.Select(i => i.Id).ToHashSet();
        var events = audit.Select(a => (a.UserId, a.ProjectId, a.At, Issue: a.SubjectType == "Issue" && int.TryParse(a.SubjectId, CultureInfo.InvariantCulture, out var id) ? id : (int?)null))
            .Where(a => a.ProjectId == project.Id || (a.Issue is { } i && ours.Contains(i)))
            .Select(a => new WorkEvent(a.UserId, a.At, a.Issue)).ToList();

        // Every assignee an issue ever had: the current one and each AssigneeId the audit trail recorded.
        var assignments = (await db.AuditEntries.AsNoTracking().Where(a => a.ProjectId == project.Id && a.EntityType == "Issue")
                .Select(a => new { a.EntityId, a.Changes }).ToListAsync(cancellationToken))
            .SelectMany(a => a.Changes.Where(c => c.Field == "AssigneeId" && c.After is not null)
                .Select(c => (Issue: int.TryParse(a.EntityId, CultureInfo.InvariantCulture, out var i) ? i : 0,
                    User: int.TryParse(c.After, CultureInfo.InvariantCulture, out var u) ? u : 0)))
            .Where(x => x.Issue > 0 && x.User > 0).ToLookup(x => x.Issue, x => x.User);
        var facts = issues.Select(i => new HoursIssue(i.Id, i.Severity, i.AffectedArea, i.Category,
            [.. assignments[i.Id].Concat(i.AssigneeId is { } a ? [a] : []).Distinct()])).ToList();
        return TeamHours.Compute(new TeamHoursInput(project.TimeZoneId, from, to, rules, team, shifts, events, facts));
    }
}
