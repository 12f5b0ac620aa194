using System.Linq.Expressions;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Issues;

public sealed class IssueService(HypercareDbContext db, SlaService sla, TimeProvider time)
{
    public const int MaxPageSize = 200;
    public const int MaxQueryLength = 200;

    private static readonly HashSet<string> Clearable = new(StringComparer.Ordinal) { "affectedArea", "category", "owningTeam", "assigneeId" };

    /// <summary>The issues a caller may see: all of the project's, or for reporters only their own.</summary>
    public static IQueryable<Issue> Visible(IQueryable<Issue> issues, ProjectAccess access)
    {
        var inProject = issues.Where(i => i.ProjectId == access.ProjectId);
        return access.Can(Permission.ViewAllIssues) ? inProject : inProject.Where(i => i.ReporterId == access.Caller.UserId);
    }

    public static Expression<Func<Issue, IssueSummary>> SummaryProjection { get; } = i => new IssueSummary(
        i.Id, i.Title, i.AffectedArea, i.Severity, i.Status, i.Category, i.OwningTeam,
        i.Assignee == null ? null : new PersonRef(i.Assignee.Id, i.Assignee.DisplayName),
        new PersonRef(i.Reporter!.Id, i.Reporter.DisplayName),
        i.ReportedAt, i.UpdatedAt);

    public async Task<Outcome<IssueResponse>> ReportAsync(ProjectAccess access, ReportIssueRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ReportIssue))
        {
            return Failure.Forbidden("Your role may not report issues in this project.");
        }

        var errors = new FieldErrors();
        var title = errors.Required("title", request.Title, Issue.TitleMaxLength);
        var description = errors.Required("description", request.Description, Issue.DescriptionMaxLength);
        var area = errors.Optional("affectedArea", request.AffectedArea, Issue.AreaMaxLength);
        if (request.ProposedSeverity is null)
        {
            errors.Add("proposedSeverity", "proposedSeverity is required (sev1, sev2 or sev3).");
        }

        var reporterId = access.Caller.UserId;
        if (request.ReporterId is { } onBehalfOf && onBehalfOf != reporterId)
        {
            if (!access.Can(Permission.EditIssues))
            {
                errors.Add("reporterId", "Only the triage team and leads may report on behalf of someone else.");
            }
            else if (!await IsMemberAsync(access.ProjectId, onBehalfOf, cancellationToken))
            {
                errors.Add("reporterId", $"User {onBehalfOf} is not a member of this project.");
            }

            reporterId = onBehalfOf;
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var issue = Issue.Report(access.ProjectId, reporterId, title!, description!, string.IsNullOrEmpty(area) ? null : area,
            request.ProposedSeverity!.Value, request.Category, time.GetUtcNow());
        db.Issues.Add(issue);
        await sla.RecordAsync(issue, [new TimelineEvent(issue.ReportedAt, TimelineEventKind.Reported, issue.Severity, IssueStatus.New, issue.OwningTeam)], cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // A new issue has no assignee; the reporter's name is all the response needs beyond the entity itself.
        var reporterName = reporterId == access.Caller.UserId
            ? access.Caller.DisplayName
            : await db.Users.Where(u => u.Id == reporterId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        return issue.ToResponse() with { Reporter = new PersonRef(reporterId, reporterName) };
    }

    public async Task<Outcome<Paged<IssueSummary>>> ListAsync(ProjectAccess access, IssueFilter filter, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (filter.Page < 1)
        {
            errors.Add("page", "page starts at 1.");
        }

        if (filter.PageSize is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        var q = errors.Optional("q", filter.Q, MaxQueryLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var issues = Visible(db.Issues.AsNoTracking(), access);
        if (filter.Status is { Count: > 0 } statuses)
        {
            issues = issues.Where(i => statuses.Contains(i.Status));
        }

        if (filter.Open is { } open)
        {
            var openStatuses = IssueLifecycle.OpenStatuses.ToArray();
            issues = open ? issues.Where(i => openStatuses.Contains(i.Status)) : issues.Where(i => !openStatuses.Contains(i.Status));
        }

        if (filter.Severity is { Count: > 0 } severities)
        {
            issues = issues.Where(i => severities.Contains(i.Severity));
        }

        if (filter.Category is { Count: > 0 } categories)
        {
            var wanted = categories.Select(c => (IssueCategory?)c).ToArray();
            issues = issues.Where(i => wanted.Contains(i.Category));
        }

        if (filter.Unowned == true)
        {
            // Triaged and still open, but missing an owning team or an assignee: what falls between the teams.
            var openStatuses = IssueLifecycle.OpenStatuses.ToArray();
            issues = issues.Where(i => i.Status != IssueStatus.New && openStatuses.Contains(i.Status) && (i.OwningTeam == null || i.AssigneeId == null));
        }

        if (filter.OwningTeam is { } team)
        {
            issues = issues.Where(i => i.OwningTeam == team);
        }

        if (filter.AssigneeId is { } assignee)
        {
            issues = issues.Where(i => i.AssigneeId == assignee);
        }

        if (filter.ReporterId is { } reporter)
        {
            issues = issues.Where(i => i.ReporterId == reporter);
        }

        if (!string.IsNullOrEmpty(q))
        {
            issues = MatchingText(issues, q);
        }

        var total = await issues.CountAsync(cancellationToken);
        var ordered = filter.Sort switch
        {
            IssueSort.Oldest => issues.OrderBy(i => i.ReportedAt).ThenBy(i => i.Id),
            IssueSort.Severity => issues.OrderBy(i => i.Severity).ThenBy(i => i.ReportedAt).ThenBy(i => i.Id),
            IssueSort.Updated => issues.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id),
            _ => issues.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id),
        };
        var items = await ordered.Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .Select(SummaryProjection).ToListAsync(cancellationToken);
        return new Paged<IssueSummary>(items, filter.Page, filter.PageSize, total);
    }

    public async Task<Outcome<IssueDetail>> GetAsync(ProjectAccess access, int issueId, CancellationToken cancellationToken = default)
    {
        var issue = await Visible(db.Issues.AsNoTracking(), access)
            .Include(i => i.Reporter).Include(i => i.Assignee)
            .SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        var comments = await db.IssueComments.AsNoTracking()
            .Where(c => c.IssueId == issueId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentResponse(c.Id, new PersonRef(c.AuthorId, c.Author!.DisplayName), c.Body, c.CreatedAt))
            .ToListAsync(cancellationToken);
        var subjectId = issueId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.SubjectType == "Issue" && a.SubjectId == subjectId)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        var duplicates = await Visible(db.Issues.AsNoTracking(), access)
            .Where(i => i.DuplicateOfId == issueId)
            .OrderBy(i => i.ReportedAt)
            .Select(SummaryProjection)
            .ToListAsync(cancellationToken);
        // How many people this hurts: the reporter and everyone whose report was marked a duplicate of it.
        var affected = await db.Issues.AsNoTracking().Where(i => i.Id == issueId || i.DuplicateOfId == issueId)
            .Select(i => i.ReporterId).Distinct().CountAsync(cancellationToken);
        return new IssueDetail(
            issue.ToResponse(),
            comments,
            history.Select(a => new HistoryEntry(a.At, a.ActorName, a.Action, a.EntityType, a.Changes)).ToList(),
            duplicates,
            affected);
    }

    public async Task<Outcome<IssueResponse>> UpdateAsync(ProjectAccess access, int issueId, UpdateIssueRequest request, CancellationToken cancellationToken = default)
    {
        var issue = await Visible(db.Issues, access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        var canEditAll = access.Can(Permission.EditIssues);
        var isOwnNewIssue = issue.ReporterId == access.Caller.UserId && issue.Status == IssueStatus.New && access.Can(Permission.ReportIssue);
        if (!canEditAll && !isOwnNewIssue)
        {
            return Failure.Forbidden("Your role may not edit this issue.");
        }

        var clear = request.Clear ?? [];
        var touchesTriageFields = request.Severity is not null || request.Category is not null || request.OwningTeam is not null
            || request.AssigneeId is not null || clear.Any(f => f is "category" or "owningTeam" or "assigneeId");
        if (touchesTriageFields && !canEditAll)
        {
            return Failure.Forbidden("Only the triage team, steady-state support and leads may set severity, category, owning team or assignee.");
        }

        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        foreach (var field in clear.Where(f => !Clearable.Contains(f)))
        {
            errors.Add("clear", $"'{field}' cannot be cleared; clearable fields are {string.Join(", ", Clearable)}.");
        }

        var title = request.Title is null ? null : errors.Required("title", request.Title, Issue.TitleMaxLength);
        var description = request.Description is null ? null : errors.Required("description", request.Description, Issue.DescriptionMaxLength);
        var area = errors.Optional("affectedArea", request.AffectedArea, Issue.AreaMaxLength);

        var triaged = issue.Status != IssueStatus.New;
        if (!triaged && request.OwningTeam is not null)
        {
            errors.Add("owningTeam", $"Issue #{issue.Id} is New: its owning team is decided by triage (POST …/issues/{issue.Id}/triage).");
        }

        if (triaged && clear.Contains("owningTeam"))
        {
            errors.Add("owningTeam", $"Issue #{issue.Id} is {issue.Status.Label()}: a triaged issue is always owned by a team; hand it over to the other team instead of clearing it.");
        }

        if (triaged && clear.Contains("category"))
        {
            errors.Add("category", $"Issue #{issue.Id} is {issue.Status.Label()}: a triaged issue keeps its category; choose another instead of clearing it.");
        }

        // The owning team follows its assignee: giving a steady-state issue to a project-team member is a hand-over (a rescue).
        OwningTeam? team = request.OwningTeam ?? issue.OwningTeam;
        int? assignee = clear.Contains("assigneeId") ? null : request.AssigneeId ?? issue.AssigneeId;
        if (request.AssigneeId is { } assigneeId)
        {
            var assigneeTeam = await TeamOfMemberAsync(access.ProjectId, assigneeId, cancellationToken);
            if (assigneeTeam is null)
            {
                errors.Add("assigneeId", $"User {assigneeId} is not a member of this project who works issues (lead, triage or steady-state support).");
            }
            else if (request.OwningTeam is { } chosen && chosen != assigneeTeam)
            {
                errors.Add("assigneeId", $"User {assigneeId} is in the {assigneeTeam.Value.Label()}, not the {chosen.Label()} the issue is given to.");
            }
            else if (triaged)
            {
                team = assigneeTeam;
            }
        }
        else if (request.OwningTeam is { } chosen && chosen != issue.OwningTeam && issue.AssigneeId is { } current)
        {
            // Handed to the other team without naming who: the assignee stays only if they are in that team.
            assignee = await TeamOfMemberAsync(access.ProjectId, current, cancellationToken) == chosen ? current : null;
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != issue.Version)
        {
            return await StaleAsync(issueId, cancellationToken);
        }

        var now = time.GetUtcNow();
        db.Entry(issue).Property(i => i.Version).OriginalValue = request.Version!.Value;
        issue.Edit(title ?? issue.Title, description ?? issue.Description,
            clear.Contains("affectedArea") ? null : string.IsNullOrEmpty(area) ? issue.AffectedArea : area, now);
        if (issue.Classify(request.Severity ?? issue.Severity, clear.Contains("category") ? null : request.Category ?? issue.Category, now) is { } refused)
        {
            return Failure.Invalid("category", refused);
        }

        if (triaged && team is { } to && to != issue.OwningTeam)
        {
            HandOver(issue, to, assignee, access.Caller.UserId,
                $"Owning team changed from the {issue.OwningTeam?.Label() ?? "none"} to the {to.Label()} by an edit of the issue.", now);
        }
        else
        {
            issue.Assign(assignee, now);
        }

        await RecordSlaChangesAsync(issue, cancellationToken);
        return await SaveAsync(issue, cancellationToken);
    }

    public async Task<Outcome<IssueResponse>> TransitionAsync(ProjectAccess access, int issueId, TransitionRequest request, CancellationToken cancellationToken = default)
    {
        var issue = await Visible(db.Issues, access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        if (!access.Can(Permission.TransitionIssues))
        {
            return Failure.Forbidden("Your role may not move issues through their lifecycle.");
        }

        var errors = new FieldErrors();
        if (request.To is null)
        {
            errors.Add("to", "to is required: the status to move the issue to.");
        }

        var note = errors.Optional("note", request.Note, IssueComment.BodyMaxLength);
        if (request.DuplicateOfId is { } originalId)
        {
            var original = await db.Issues.AsNoTracking()
                .Where(i => i.Id == originalId && i.ProjectId == access.ProjectId)
                .Select(i => new { i.Status, i.DuplicateOfId })
                .SingleOrDefaultAsync(cancellationToken);
            if (original is null)
            {
                errors.Add("duplicateOfId", $"Issue {originalId} does not exist in this project.");
            }
            else if (original.Status == IssueStatus.Duplicate)
            {
                errors.Add("duplicateOfId", $"Issue {originalId} is itself a duplicate of issue {original.DuplicateOfId}; link to that one.");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version is { } version && version != issue.Version)
        {
            return await StaleAsync(issueId, cancellationToken);
        }

        var now = time.GetUtcNow();
        if (issue.TransitionTo(request.To!.Value, now, request.DuplicateOfId) is { } refusal)
        {
            return Failure.Conflict(refusal, "to", await ResponseAsync(issueId, cancellationToken));
        }

        if (!string.IsNullOrEmpty(note))
        {
            db.IssueComments.Add(IssueComment.Write(issue.Id, access.Caller.UserId, note, now));
        }

        await sla.RecordAsync(issue, [new TimelineEvent(now, TimelineEventKind.StatusChanged, Status: issue.Status)], cancellationToken);
        return await SaveAsync(issue, cancellationToken);
    }

    public async Task<Outcome<CommentResponse>> CommentAsync(ProjectAccess access, int issueId, CommentRequest request, CancellationToken cancellationToken = default)
    {
        var issue = await Visible(db.Issues, access).SingleOrDefaultAsync(i => i.Id == issueId, cancellationToken);
        if (issue is null)
        {
            return Failure.NotFound("Issue");
        }

        if (!access.Can(Permission.CommentOnIssue))
        {
            return Failure.Forbidden("Your role may not comment on issues.");
        }

        var errors = new FieldErrors();
        var body = errors.Required("body", request.Body, IssueComment.BodyMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var comment = IssueComment.Write(issue.Id, access.Caller.UserId, body!, now);
        db.IssueComments.Add(comment);
        issue.Touch(now);
        if (access.Caller.UserId != issue.ReporterId)
        {
            // A reply from anyone but the reporter is a response to them, and an update.
            await sla.RecordAsync(issue, [new TimelineEvent(now, TimelineEventKind.StaffReplied)], cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new CommentResponse(comment.Id, new PersonRef(access.Caller.UserId, access.Caller.DisplayName), comment.Body, comment.CreatedAt);
    }

    /// <summary>
    /// Free text over title, description and area, case-insensitive (ILIKE on PostgreSQL; LIKE on SQLite, which folds
    /// ASCII only). "#123" or "123" also finds the issue with that id.
    /// </summary>
    private IQueryable<Issue> MatchingText(IQueryable<Issue> issues, string q)
    {
        var pattern = "%" + q.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var id = int.TryParse(q.TrimStart('#'), out var parsed) ? parsed : -1;
        return db.Database.IsNpgsql()
            ? issues.Where(i => i.Id == id || EF.Functions.ILike(i.Title, pattern, "\\") || EF.Functions.ILike(i.Description, pattern, "\\")
                || (i.AffectedArea != null && EF.Functions.ILike(i.AffectedArea, pattern, "\\")))
            : issues.Where(i => i.Id == id || EF.Functions.Like(i.Title, pattern, "\\") || EF.Functions.Like(i.Description, pattern, "\\")
                || (i.AffectedArea != null && EF.Functions.Like(i.AffectedArea, pattern, "\\")));
    }

    /// <summary>Members who can be given issues: those whose role works them.</summary>
    public async Task<IReadOnlyList<PersonRef>> AssignableAsync(int projectId, CancellationToken cancellationToken = default) =>
        await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == projectId && (m.Role == ProjectRole.HypercareLead || m.Role == ProjectRole.Triage || m.Role == ProjectRole.SteadyStateSupport))
            .OrderBy(m => m.User!.DisplayName)
            .Select(m => new PersonRef(m.UserId, m.User!.DisplayName))
            .ToListAsync(cancellationToken);

    /// <summary>Severity and owning-team changes are SLA events: record them and recompute the stored clocks.</summary>
    internal async Task RecordSlaChangesAsync(Issue issue, CancellationToken cancellationToken)
    {
        var entry = db.Entry(issue);
        var now = time.GetUtcNow();
        var events = new List<TimelineEvent>();
        if (entry.Property(i => i.Severity).IsModified && entry.Property(i => i.Severity).OriginalValue != issue.Severity)
        {
            events.Add(new TimelineEvent(now, TimelineEventKind.SeverityChanged, Severity: issue.Severity));
        }

        if (entry.Property(i => i.OwningTeam).IsModified && entry.Property(i => i.OwningTeam).OriginalValue != issue.OwningTeam)
        {
            events.Add(new TimelineEvent(now, TimelineEventKind.OwningTeamChanged, Team: issue.OwningTeam));
        }

        if (events.Count > 0)
        {
            await sla.RecordAsync(issue, events, cancellationToken);
        }
    }

    private async Task<Outcome<IssueResponse>> SaveAsync(Issue issue, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await StaleAsync(issue.Id, cancellationToken);
        }

        return await ResponseAsync(issue.Id, cancellationToken);
    }

    private async Task<Failure> StaleAsync(int issueId, CancellationToken cancellationToken)
    {
        return Failure.Stale("issue", await ResponseAsync(issueId, cancellationToken));
    }

    /// <summary>
    /// Hands the issue to the other team and stores the hand-over with a comment saying so (marked when it is a
    /// rescue). Every path that changes the owning team after triage comes through here.
    /// </summary>
    internal Handoff HandOver(Issue issue, OwningTeam to, int? assigneeId, int byUserId, string note, DateTimeOffset now)
    {
        var handoff = issue.HandOver(to, assigneeId, byUserId, note, now);
        db.Handoffs.Add(handoff);
        db.IssueComments.Add(IssueComment.Write(issue.Id, byUserId, $"Handed over to the {to.Label()}{(handoff.IsRescue ? " (rescue)" : "")}: {note}", now));
        return handoff;
    }

    /// <summary>The team a project member works issues for, or null when they are not a member or their role works none.</summary>
    internal async Task<OwningTeam?> TeamOfMemberAsync(int projectId, int userId, CancellationToken cancellationToken)
    {
        var role = await db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => (ProjectRole?)m.Role).SingleOrDefaultAsync(cancellationToken);
        return role is { } r ? OwningTeams.Of(r) : null;
    }

    /// <summary>The issue as stored now, as the API answers it.</summary>
    internal async Task<IssueResponse> ResponseAsync(int issueId, CancellationToken cancellationToken)
    {
        var issue = await db.Issues.AsNoTracking().Include(i => i.Reporter).Include(i => i.Assignee)
            .SingleAsync(i => i.Id == issueId, cancellationToken);
        return issue.ToResponse();
    }

    private Task<bool> IsMemberAsync(int projectId, int userId, CancellationToken cancellationToken) =>
        db.ProjectMembers.AnyAsync(m => m.ProjectId == projectId && m.UserId == userId, cancellationToken);
}

public static class IssueMappings
{
    public static IssueResponse ToResponse(this Issue i) => new(
        i.Id, i.ProjectId, i.Title, i.Description, i.AffectedArea,
        new PersonRef(i.ReporterId, i.Reporter?.DisplayName ?? ""),
        i.ProposedSeverity, i.Severity, i.Category, i.Status, i.OwningTeam,
        i.AssigneeId is { } a ? new PersonRef(a, i.Assignee?.DisplayName ?? "") : null,
        i.DuplicateOfId, i.ReportedAt, i.UpdatedAt, i.TriagedAt, i.ResolvedAt, i.ClosedAt, i.Version,
        IssueLifecycle.MovesFrom(i.Status));
}
