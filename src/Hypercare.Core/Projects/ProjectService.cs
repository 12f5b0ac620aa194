using Hypercare.Core.Data;
using Hypercare.Core.Handover;
using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Projects;

public sealed class ProjectService(HypercareDbContext db, TimeProvider time)
{
    /// <summary>The caller's standing in a project, or null when the project does not exist for them (answer 404).</summary>
    public async Task<ProjectAccess?> AccessAsync(Caller caller, int projectId, CancellationToken cancellationToken = default)
    {
        if (caller.IsAdministrator)
        {
            var exists = await db.Projects.AnyAsync(p => p.Id == projectId, cancellationToken);
            var adminRole = await db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == caller.UserId)
                .Select(m => (ProjectRole?)m.Role).SingleOrDefaultAsync(cancellationToken);
            return exists ? new ProjectAccess(projectId, caller, adminRole) : null;
        }

        var role = await db.ProjectMembers
            .Where(m => m.ProjectId == projectId && m.UserId == caller.UserId)
            .Select(m => (ProjectRole?)m.Role)
            .SingleOrDefaultAsync(cancellationToken);
        return role is null ? null : new ProjectAccess(projectId, caller, role);
    }

    public async Task<IReadOnlyList<ProjectListItem>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        var projects = db.Projects.AsNoTracking();
        if (!caller.IsAdministrator)
        {
            projects = projects.Where(p => p.Members.Any(m => m.UserId == caller.UserId));
        }

        var open = IssueLifecycle.OpenStatuses.ToArray();
        return await projects
            .OrderBy(p => p.GoLiveDate).ThenBy(p => p.Name)
            .Select(p => new ProjectListItem(
                p.Id, p.Name, p.SystemName, p.GoLiveDate, p.PlannedEndDate,
                p.Members.Where(m => m.UserId == caller.UserId).Select(m => (ProjectRole?)m.Role).FirstOrDefault(),
                // Reporters count only what they can see: their own issues.
                db.Issues.Count(i => i.ProjectId == p.Id && open.Contains(i.Status)
                    && (caller.IsAdministrator || i.ReporterId == caller.UserId
                        || p.Members.Any(m => m.UserId == caller.UserId && m.Role != ProjectRole.Reporter)))))
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome<ProjectResponse>> GetAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == access.ProjectId, cancellationToken);
        return project is null ? Failure.NotFound("Project") : project.ToResponse(access.Role);
    }

    public async Task<Outcome<ProjectResponse>> CreateAsync(Caller caller, CreateProjectRequest request, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdministrator)
        {
            return Failure.Forbidden("Only instance administrators create projects.");
        }

        var errors = new FieldErrors();
        var name = errors.Required("name", request.Name, Project.NameMaxLength);
        var system = errors.Required("systemName", request.SystemName, Project.SystemMaxLength);
        if (request.GoLiveDate is null)
        {
            errors.Add("goLiveDate", "goLiveDate is required (YYYY-MM-DD).");
        }

        var zone = ValidateTimeZone(errors, request.TimeZoneId ?? "UTC");
        CheckDates(errors, request.GoLiveDate, request.PlannedEndDate);
        var sev1 = errors.Optional("sev1Definition", request.Sev1Definition, Project.SeverityDefinitionMaxLength);
        var sev2 = errors.Optional("sev2Definition", request.Sev2Definition, Project.SeverityDefinitionMaxLength);
        var sev3 = errors.Optional("sev3Definition", request.Sev3Definition, Project.SeverityDefinitionMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var project = Project.Create(name!, system!, request.GoLiveDate!.Value, request.PlannedEndDate, zone!, time.GetUtcNow());
        project.Sev1Definition = string.IsNullOrEmpty(sev1) ? Project.DefaultSev1Definition : sev1;
        project.Sev2Definition = string.IsNullOrEmpty(sev2) ? Project.DefaultSev2Definition : sev2;
        project.Sev3Definition = string.IsNullOrEmpty(sev3) ? Project.DefaultSev3Definition : sev3;
        // The project and its default plan commit together (inside the caller's transaction when there is one).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        // Every project starts with the seed practice's plan (Intensive, then Stabilise); leads edit it from there.
        db.PlanPhases.AddRange(PlanPhase.DefaultPlan(project.Id, project.GoLiveDate, project.PlannedEndDate));
        // And with the seed practice's handover checklist, which the lead assigns and adds to.
        db.HandoverItems.AddRange(HandoverChecklist.DefaultItems(project.Id));
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return project.ToResponse(null);
    }

    public async Task<Outcome<ProjectResponse>> UpdateAsync(ProjectAccess access, UpdateProjectRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Your role may not change this project's settings.");
        }

        var project = await db.Projects.SingleOrDefaultAsync(p => p.Id == access.ProjectId, cancellationToken);
        if (project is null)
        {
            return Failure.NotFound("Project");
        }

        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        var name = request.Name is null ? null : errors.Required("name", request.Name, Project.NameMaxLength);
        var system = request.SystemName is null ? null : errors.Required("systemName", request.SystemName, Project.SystemMaxLength);
        var zone = request.TimeZoneId is null ? null : ValidateTimeZone(errors, request.TimeZoneId);
        CheckDates(errors, request.GoLiveDate ?? project.GoLiveDate, request.PlannedEndDate ?? project.PlannedEndDate);
        if (project.Stage != Exit.ProjectStage.Planned && request.PlannedEndDate is { } later && project.PlannedEndDate is { } plannedEnd && later > plannedEnd)
        {
            // Once hypercare runs, a later end is an extension: it is recorded with a reason and the sponsor is told.
            errors.Add("plannedEndDate", "Hypercare is running: extend it with a reason on the Exit page (POST …/exit/extensions) instead of moving the planned end.");
        }

        var sev1 = request.Sev1Definition is null ? null : errors.Required("sev1Definition", request.Sev1Definition, Project.SeverityDefinitionMaxLength);
        var sev2 = request.Sev2Definition is null ? null : errors.Required("sev2Definition", request.Sev2Definition, Project.SeverityDefinitionMaxLength);
        var sev3 = request.Sev3Definition is null ? null : errors.Required("sev3Definition", request.Sev3Definition, Project.SeverityDefinitionMaxLength);
        if (request.WarningThresholds is { } thresholds && thresholds.Any(t => t is <= 0 or >= 100))
        {
            errors.Add("warningThresholds", "Each warning threshold is a percentage of the target between 1 and 99 (the breach at 100 always fires).");
        }

        if (request.UntriagedAlertMinutes is <= 0)
        {
            errors.Add("untriagedAlertMinutes", "untriagedAlertMinutes must be greater than zero.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != project.Version)
        {
            return Stale(project, access);
        }

        db.Entry(project).Property(p => p.Version).OriginalValue = request.Version!.Value;
        project.Name = name ?? project.Name;
        project.SystemName = system ?? project.SystemName;
        project.GoLiveDate = request.GoLiveDate ?? project.GoLiveDate;
        project.PlannedEndDate = request.PlannedEndDate ?? project.PlannedEndDate;
        project.TimeZoneId = zone ?? project.TimeZoneId;
        project.Sev1Definition = sev1 ?? project.Sev1Definition;
        project.Sev2Definition = sev2 ?? project.Sev2Definition;
        project.Sev3Definition = sev3 ?? project.Sev3Definition;
        if (request.Holidays is { } holidays)
        {
            project.Holidays = [.. holidays.Distinct().Order()];
        }

        if (request.WarningThresholds is { } warnings)
        {
            project.WarningThresholds = [.. warnings.Distinct().Order()];
        }

        project.UntriagedAlertMinutes = request.UntriagedAlertMinutes ?? project.UntriagedAlertMinutes;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
            return Stale(current, access);
        }

        return project.ToResponse(access.Role);
    }

    public async Task<IReadOnlyList<MemberResponse>> MembersAsync(ProjectAccess access, CancellationToken cancellationToken = default) =>
        await db.ProjectMembers.AsNoTracking()
            .Where(m => m.ProjectId == access.ProjectId)
            .OrderBy(m => m.Role).ThenBy(m => m.User!.DisplayName)
            .Select(m => new MemberResponse(m.UserId, m.User!.Email, m.User.DisplayName, m.Role, m.AddedAt))
            .ToListAsync(cancellationToken);

    public async Task<Outcome<MemberResponse>> AddMemberAsync(ProjectAccess access, AddMemberRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageMembers))
        {
            return Failure.Forbidden("Your role may not manage this project's members.");
        }

        var errors = new FieldErrors();
        if (request.Role is null)
        {
            errors.Add("role", "role is required.");
        }

        // Administrators pick from every account. Anybody else managing members picks from the people they already
        // share a project with; any other id or address gets the answer an unknown one gets, so no lead can list the
        // instance's accounts or learn whether an address has one.
        var candidates = access.IsAdministrator
            ? db.Users
            : db.Users.Where(u => db.ProjectMembers.Any(mine => mine.UserId == access.Caller.UserId
                && db.ProjectMembers.Any(theirs => theirs.ProjectId == mine.ProjectId && theirs.UserId == u.Id)));
        const string AskAnAdministrator = " An administrator adds people you do not yet work with on a project.";
        User? user = null;
        if (request.UserId is { } userId)
        {
            user = await candidates.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null)
            {
                errors.Add("userId", $"No user you can add has id {userId}." + (access.IsAdministrator ? "" : AskAnAdministrator));
            }
        }
        else if (!string.IsNullOrWhiteSpace(request.Email))
        {
            var email = User.NormalizeEmail(request.Email);
            user = await candidates.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
            if (user is null)
            {
                errors.Add("email", $"No user you can add has e-mail {request.Email.Trim()}." + (access.IsAdministrator ? "" : AskAnAdministrator));
            }
        }
        else
        {
            errors.Add("userId", "userId or email is required.");
        }

        if (user is not null && await db.ProjectMembers.AnyAsync(m => m.ProjectId == access.ProjectId && m.UserId == user.Id, cancellationToken))
        {
            errors.Add(request.UserId is null ? "email" : "userId", $"{user.DisplayName} is already a member; change their role instead.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var member = ProjectMember.Create(access.ProjectId, user!.Id, request.Role!.Value, time.GetUtcNow());
        db.ProjectMembers.Add(member);
        await db.SaveChangesAsync(cancellationToken);
        return new MemberResponse(user.Id, user.Email, user.DisplayName, member.Role, member.AddedAt);
    }

    public async Task<Outcome<MemberResponse>> ChangeMemberAsync(ProjectAccess access, int userId, ChangeMemberRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageMembers))
        {
            return Failure.Forbidden("Your role may not manage this project's members.");
        }

        var member = await db.ProjectMembers.Include(m => m.User)
            .SingleOrDefaultAsync(m => m.ProjectId == access.ProjectId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return Failure.NotFound("Member");
        }

        if (request.Role is null)
        {
            return Failure.Invalid("role", "role is required.");
        }

        if (member.Role == ProjectRole.HypercareLead && request.Role != ProjectRole.HypercareLead && await IsLastLeadAsync(member, cancellationToken))
        {
            return Failure.Invalid("role", "This is the project's only hypercare lead; name another lead first.");
        }

        member.Role = request.Role.Value;
        await db.SaveChangesAsync(cancellationToken);
        return new MemberResponse(member.UserId, member.User!.Email, member.User.DisplayName, member.Role, member.AddedAt);
    }

    public async Task<Outcome<bool>> RemoveMemberAsync(ProjectAccess access, int userId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageMembers))
        {
            return Failure.Forbidden("Your role may not manage this project's members.");
        }

        var member = await db.ProjectMembers.SingleOrDefaultAsync(m => m.ProjectId == access.ProjectId && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return Failure.NotFound("Member");
        }

        if (member.Role == ProjectRole.HypercareLead && await IsLastLeadAsync(member, cancellationToken))
        {
            return Failure.Conflict("This is the project's only hypercare lead; name another lead first.");
        }

        db.ProjectMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<DashboardResponse> DashboardAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        var issues = IssueService.Visible(db.Issues.AsNoTracking(), access);
        var open = IssueLifecycle.OpenStatuses.ToArray();
        var openIssues = issues.Where(i => open.Contains(i.Status));

        // One pass over the (status, severity, category) index gives the open breakdown, the per-status totals and the
        // categories: on 100,000 issues one ordered scan instead of two hash aggregations (PostgreSQL 59 ms -> 19 ms).
        var groups = await issues
            .GroupBy(i => new { i.Status, i.Severity, i.Category })
            .Select(g => new { g.Key.Status, g.Key.Severity, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var bySeverityStatus = groups.Where(g => IssueLifecycle.IsOpen(g.Status))
            .GroupBy(g => (g.Severity, g.Status))
            .Select(g => new SeverityStatusCount(g.Key.Severity, g.Key.Status, g.Sum(c => c.Count)))
            .ToList();
        var byStatus = groups.GroupBy(g => g.Status).Select(g => new CountBy<IssueStatus>(g.Key, g.Sum(c => c.Count))).ToList();
        var byCategory = groups.GroupBy(g => g.Category).Select(g => new CountBy<IssueCategory?>(g.Key, g.Sum(c => c.Count))).ToList();
        var withoutOwner = await openIssues.CountAsync(i => i.Status != IssueStatus.New && (i.OwningTeam == null || i.AssigneeId == null), cancellationToken);

        var zone = await db.Projects.Where(p => p.Id == access.ProjectId).Select(p => p.TimeZoneId).SingleAsync(cancellationToken);
        var startOfToday = LocalDays.StartOfDay(time.GetUtcNow(), zone);
        var reportedToday = await issues.CountAsync(i => i.ReportedAt >= startOfToday, cancellationToken);

        var newest = await openIssues.OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id).Take(5)
            .Select(IssueService.SummaryProjection).ToListAsync(cancellationToken);
        var oldest = await openIssues.OrderBy(i => i.ReportedAt).ThenBy(i => i.Id).Take(5)
            .Select(IssueService.SummaryProjection).ToListAsync(cancellationToken);

        var openBySeverity = Enum.GetValues<Severity>()
            .Select(s => new CountBy<Severity>(s, bySeverityStatus.Where(c => c.Severity == s).Sum(c => c.Count)))
            .ToList();
        return new DashboardResponse(
            access.ProjectId,
            openBySeverity.Sum(c => c.Count),
            reportedToday,
            bySeverityStatus.OrderBy(c => c.Severity).ThenBy(c => c.Status).ToList(),
            openBySeverity,
            byStatus.OrderBy(c => c.Key).ToList(),
            byCategory.OrderBy(c => c.Key is null ? -1 : (int)c.Key).ToList(),
            withoutOwner,
            newest,
            oldest);
    }

    private async Task<bool> IsLastLeadAsync(ProjectMember member, CancellationToken cancellationToken) =>
        !await db.ProjectMembers.AnyAsync(m => m.ProjectId == member.ProjectId && m.UserId != member.UserId && m.Role == ProjectRole.HypercareLead, cancellationToken);

    private static Failure Stale(Project current, ProjectAccess access) => Failure.Stale("project", current.ToResponse(access.Role));

    private static string? ValidateTimeZone(FieldErrors errors, string zoneId)
    {
        var trimmed = zoneId.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) || !zone.HasIanaId)
        {
            errors.Add("timeZoneId", $"'{trimmed}' is not a known IANA time zone (e.g. Europe/Berlin, America/New_York).");
            return null;
        }

        return trimmed;
    }

    private static void CheckDates(FieldErrors errors, DateOnly? goLive, DateOnly? plannedEnd)
    {
        if (goLive is { } start && plannedEnd is { } end && end < start)
        {
            errors.Add("plannedEndDate", "plannedEndDate must not be before goLiveDate.");
        }
    }
}

public static class ProjectMappings
{
    public static ProjectResponse ToResponse(this Project p, ProjectRole? myRole) => new(
        p.Id, p.Name, p.SystemName, p.GoLiveDate, p.PlannedEndDate, p.TimeZoneId,
        new SeverityDefinitions(p.Sev1Definition, p.Sev2Definition, p.Sev3Definition), p.CreatedAt, p.Version, myRole,
        p.Holidays, p.WarningThresholds, p.UntriagedAlertMinutes, p.Stage);
}
