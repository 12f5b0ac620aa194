using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Triage;

public sealed class TriageService(HypercareDbContext db, IssueService issues, SlaService sla, SlaPlanService plans, TimeProvider time)
{
    /// <summary>
    /// New issues, most severe first (by the reporter's proposed severity, since triage has not yet decided), then
    /// oldest first, with how long they have waited and how much first-response time is left. Overdue means past the
    /// untriaged alert, counted in support time as the alert is.
    /// </summary>
    public async Task<Outcome<TriageQueue>> QueueAsync(ProjectAccess access, int take = 100, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.TriageIssues))
        {
            return Failure.Forbidden("Your role does not triage.");
        }

        var now = time.GetUtcNow();
        var limit = await db.Projects.Where(p => p.Id == access.ProjectId).Select(p => p.UntriagedAlertMinutes).SingleAsync(cancellationToken);
        var queue = db.Issues.AsNoTracking().Where(i => i.ProjectId == access.ProjectId && i.Status == IssueStatus.New);
        var total = await queue.CountAsync(cancellationToken);
        var rows = await queue.OrderBy(i => i.ProposedSeverity).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id).Take(take)
            .Select(i => new
            {
                Summary = new IssueSummary(i.Id, i.Title, i.AffectedArea, i.Severity, i.Status, i.Category, i.OwningTeam,
                    i.Assignee == null ? null : new PersonRef(i.Assignee.Id, i.Assignee.DisplayName),
                    new PersonRef(i.Reporter!.Id, i.Reporter.DisplayName), i.ReportedAt, i.UpdatedAt),
                i.ProposedSeverity,
                i.ResponseDueAt
            })
            .ToListAsync(cancellationToken);
        var plan = await plans.PlanAsync(access.ProjectId, cancellationToken);
        var items = rows.Select(r => new QueueItem(r.Summary, r.ProposedSeverity, now - r.Summary.ReportedAt, r.ResponseDueAt,
            r.ResponseDueAt - now, plan.UntriagedAlertAt(r.Summary.ReportedAt, limit) <= now)).ToList();
        var openSession = await db.TriageSessions.Where(s => s.ProjectId == access.ProjectId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        return new TriageQueue(items, total, await NextSessionAsync(access.ProjectId, now, cancellationToken), openSession);
    }

    /// <summary>Confirms or changes severity, sets category, owning team and assignee, and moves the issue to Triaged — one step, one transaction.</summary>
    public async Task<Outcome<IssueResponse>> TriageAsync(ProjectAccess access, int issueId, TriageRequest request, CancellationToken cancellationToken = default)
    {
        var issue = await IssueService.Visible(db.Issues, access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        if (!access.Can(Permission.TriageIssues))
        {
            return Failure.Forbidden("Your role does not triage.");
        }

        var errors = new FieldErrors();
        if (request.Severity is null)
        {
            errors.Add("severity", "severity is required: confirm the reporter's or choose another.");
        }

        var reason = errors.Optional("reason", request.Reason, TriageDecision.ReasonMaxLength);
        if (request.Severity is { } severity && severity != issue.ProposedSeverity && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", $"The reporter proposed {issue.ProposedSeverity}; say why it is {severity}.");
        }

        if (request.Category is null)
        {
            errors.Add("category", "category is required (defect, trainingGap, dataQuestion, accessPermissions, configurationChange, enhancementRequest).");
        }

        if (request.OwningTeam is null)
        {
            errors.Add("owningTeam", "owningTeam is required (projectTeam or steadyStateTeam).");
        }

        int? assigneeId = request.AssigneeId;
        if (request.OwningTeam is { } team)
        {
            if (assigneeId is null && request.AutoAssign)
            {
                assigneeId = await LeastLoadedAsync(access.ProjectId, team, cancellationToken);
                if (assigneeId is null)
                {
                    errors.Add("autoAssign", $"Nobody in the {team.Label()} can take issues in this project.");
                }
            }
            else if (assigneeId is null)
            {
                errors.Add("assigneeId", "assigneeId is required (or autoAssign: true for the least-loaded member of the owning team).");
            }
            else if (!await InTeamAsync(access.ProjectId, assigneeId.Value, team, cancellationToken))
            {
                errors.Add("assigneeId", $"User {assigneeId} is not a member of the {team.Label()} in this project.");
            }
        }

        if (request.SessionId is { } sessionId
            && !await db.TriageSessions.AnyAsync(s => s.Id == sessionId && s.ProjectId == access.ProjectId && s.EndedAt == null, cancellationToken))
        {
            errors.Add("sessionId", $"There is no open triage session {sessionId} in this project.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version is { } version && version != issue.Version)
        {
            return Failure.Stale("issue", await issues.ResponseAsync(issueId, cancellationToken));
        }

        var now = time.GetUtcNow();
        if (issue.Triage(request.Severity!.Value, request.Category!.Value, request.OwningTeam!.Value, assigneeId!.Value, now) is { } refusal)
        {
            return Failure.Conflict(refusal, "status", await issues.ResponseAsync(issueId, cancellationToken));
        }

        await issues.RecordSlaChangesAsync(issue, cancellationToken);

        await sla.RecordAsync(issue, [new TimelineEvent(now, TimelineEventKind.StatusChanged, Status: IssueStatus.Triaged)], cancellationToken);
        db.TriageDecisions.Add(TriageDecision.Record(issue, request.SessionId, access.Caller.UserId, string.IsNullOrEmpty(reason) ? null : reason, now));
        if (!string.IsNullOrEmpty(reason))
        {
            db.IssueComments.Add(IssueComment.Write(issue.Id, access.Caller.UserId, $"Triage: {issue.ProposedSeverity} → {issue.Severity}. {reason}", now));
        }

        await db.SaveChangesAsync(cancellationToken);
        return (await issues.GetAsync(access, issueId, cancellationToken)).Value!.Issue;
    }

    /// <summary>An explicit hand-over between the teams, with a note; the steady-state team handing back to the project team is a rescue.</summary>
    public async Task<Outcome<HandoffResponse>> HandoffAsync(ProjectAccess access, int issueId, HandoffRequest request, CancellationToken cancellationToken = default)
    {
        var issue = await IssueService.Visible(db.Issues, access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        if (!access.Can(Permission.EditIssues))
        {
            return Failure.Forbidden("Your role may not hand issues over.");
        }

        var errors = new FieldErrors();
        var note = errors.Required("note", request.Note, Handoff.NoteMaxLength);
        if (request.ToTeam is null)
        {
            errors.Add("toTeam", "toTeam is required (projectTeam or steadyStateTeam).");
        }
        else if (request.ToTeam == issue.OwningTeam)
        {
            errors.Add("toTeam", $"The issue is already owned by the {issue.OwningTeam!.Value.Label()}.");
        }

        if (!IssueLifecycle.IsOpen(issue.Status))
        {
            errors.Add("issueId", $"Issue #{issue.Id} is {issue.Status.Label()}; reopen it before handing it over.");
        }

        int? assigneeId = request.AssigneeId;
        if (request.ToTeam is { } team && errors.Any == false)
        {
            if (assigneeId is null && request.AutoAssign)
            {
                assigneeId = await LeastLoadedAsync(access.ProjectId, team, cancellationToken);
            }

            if (assigneeId is { } id && !await InTeamAsync(access.ProjectId, id, team, cancellationToken))
            {
                errors.Add("assigneeId", $"User {id} is not a member of the {team.Label()} in this project.");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var handoff = issues.HandOver(issue, request.ToTeam!.Value, assigneeId, access.Caller.UserId, note!, now);
        await issues.RecordSlaChangesAsync(issue, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new HandoffResponse(handoff.Id, issue.Id, handoff.FromTeam, handoff.ToTeam, new PersonRef(access.Caller.UserId, access.Caller.DisplayName),
            now, handoff.Note, handoff.IsRescue);
    }

    public async Task<Outcome<IReadOnlyList<HandoffResponse>>> HandoffsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return Failure.Forbidden("Hand-overs cover every issue of the project; your role sees only your own.");
        }

        return await db.Handoffs.AsNoTracking().Where(h => h.ProjectId == access.ProjectId).OrderByDescending(h => h.At).Take(200)
            .Join(db.Users, h => h.ByUserId, u => u.Id, (h, u) => new HandoffResponse(h.Id, h.IssueId, h.FromTeam, h.ToTeam, new PersonRef(u.Id, u.DisplayName), h.At, h.Note, h.IsRescue))
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome<SessionResponse>> StartSessionAsync(ProjectAccess access, StartSessionRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.TriageIssues))
        {
            return Failure.Forbidden("Your role does not triage.");
        }

        var attendees = (request.AttendeeIds ?? []).Distinct().ToList();
        var members = await db.ProjectMembers.Where(m => m.ProjectId == access.ProjectId && attendees.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
        var unknown = attendees.Except(members).ToList();
        if (unknown.Count > 0)
        {
            return Failure.Invalid("attendeeIds", $"Not members of this project: {string.Join(", ", unknown)}.");
        }

        if (await db.TriageSessions.AnyAsync(s => s.ProjectId == access.ProjectId && s.EndedAt == null, cancellationToken))
        {
            return Failure.Conflict("A triage session is already open in this project; end it first.");
        }

        var session = TriageSession.Start(access.ProjectId, access.Caller.UserId, attendees, time.GetUtcNow());
        db.TriageSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return await SessionAsync(access, session.Id, cancellationToken);
    }

    public async Task<Outcome<SessionResponse>> EndSessionAsync(ProjectAccess access, int sessionId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.TriageIssues))
        {
            return Failure.Forbidden("Your role does not triage.");
        }

        var session = await db.TriageSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.ProjectId == access.ProjectId, cancellationToken);
        if (session is null)
        {
            return Failure.NotFound("Triage session");
        }

        if (session.EndedAt is not null)
        {
            return Failure.Conflict("The session has already ended.");
        }

        session.EndedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return await SessionAsync(access, sessionId, cancellationToken);
    }

    public async Task<Outcome<IReadOnlyList<SessionResponse>>> SessionsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return Failure.Forbidden("Triage sessions cover every issue of the project; your role sees only your own.");
        }

        var ids = await db.TriageSessions.AsNoTracking().Where(s => s.ProjectId == access.ProjectId)
            .OrderByDescending(s => s.StartedAt).Take(50).Select(s => s.Id).ToListAsync(cancellationToken);
        var result = new List<SessionResponse>();
        foreach (var id in ids)
        {
            result.Add((await SessionAsync(access, id, cancellationToken)).Value!);
        }

        return result;
    }

    public async Task<Outcome<SessionResponse>> SessionAsync(ProjectAccess access, int sessionId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return Failure.Forbidden("Triage sessions cover every issue of the project; your role sees only your own.");
        }

        var session = await db.TriageSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.ProjectId == access.ProjectId, cancellationToken);
        if (session is null)
        {
            return Failure.NotFound("Triage session");
        }

        var people = await db.Users.AsNoTracking().Where(u => session.AttendeeIds.Contains(u.Id) || u.Id == session.FacilitatorId)
            .Select(u => new PersonRef(u.Id, u.DisplayName)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var decisions = await db.TriageDecisions.AsNoTracking().Where(d => d.SessionId == sessionId).OrderBy(d => d.At)
            .Join(db.Issues, d => d.IssueId, i => i.Id, (d, i) => new { d, i.Title })
            .Join(db.Users, x => x.d.DecidedBy, u => u.Id, (x, u) => new DecisionResponse(x.d.Id, x.d.IssueId, x.Title, new PersonRef(u.Id, u.DisplayName), x.d.At,
                x.d.ProposedSeverity, x.d.Severity, x.d.Reason, x.d.Category, x.d.OwningTeam, x.d.AssigneeId))
            .ToListAsync(cancellationToken);
        return new SessionResponse(session.Id, session.StartedAt, session.EndedAt, people[session.FacilitatorId],
            session.AttendeeIds.Where(people.ContainsKey).Select(id => people[id]).ToList(), decisions);
    }

    /// <summary>The next triage time of the phase in effect (or the next phase), as an instant.</summary>
    public async Task<DateTimeOffset?> NextSessionAsync(int projectId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var zoneId = await db.Projects.Where(p => p.Id == projectId).Select(p => p.TimeZoneId).SingleAsync(cancellationToken);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        var today = LocalDays.Today(now, zoneId);
        for (var day = today; day <= today.AddDays(14); day = day.AddDays(1))
        {
            var phase = phases.FirstOrDefault(p => p.StartDate <= day && day <= p.EndDate);
            foreach (var t in phase?.TriageTimes ?? [])
            {
                var at = LocalDays.StartOf(day, zoneId) + t.ToTimeSpan();
                if (at > now)
                {
                    return at;
                }
            }
        }

        return null;
    }

    /// <summary>The member of the team's roles with the fewest open issues (ties: the earliest member). "On duty" = holds the team's role.</summary>
    private async Task<int?> LeastLoadedAsync(int projectId, OwningTeam team, CancellationToken cancellationToken)
    {
        var roles = OwningTeams.RolesOf(team);
        var open = IssueLifecycle.OpenStatuses.ToArray();
        // Someone on duty now (the rota, issue 12) first, then the least loaded.
        var now = time.GetUtcNow();
        return await db.ProjectMembers.Where(m => m.ProjectId == projectId && roles.Contains(m.Role))
            .Select(m => new
            {
                m.UserId,
                OnDuty = db.TeamShifts.Any(s => s.ProjectId == projectId && s.UserId == m.UserId && s.Start <= now && s.End > now),
                Load = db.Issues.Count(i => i.ProjectId == projectId && i.AssigneeId == m.UserId && open.Contains(i.Status)),
            })
            .OrderByDescending(x => x.OnDuty).ThenBy(x => x.Load).ThenBy(x => x.UserId)
            .Select(x => (int?)x.UserId).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<bool> InTeamAsync(int projectId, int userId, OwningTeam team, CancellationToken cancellationToken) =>
        await issues.TeamOfMemberAsync(projectId, userId, cancellationToken) == team;
}
