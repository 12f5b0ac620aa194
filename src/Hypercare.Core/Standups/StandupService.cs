using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Issues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Standups;

/// <summary>
/// The standups (issue 12, docs/standups.md): the schedule, the invitations it sends as iCalendar requests through the
/// outbox, the generated agenda, the minutes and their action items. Everyone who sees the rota sees the standups; the
/// hypercare lead changes the schedule and records minutes; an action item's owner may mark it done.
/// </summary>
public sealed partial class StandupService(HypercareDbContext db, TimeProvider time, Team.TeamService team, Sla.SlaService sla,
    Adoption.AdoptionService adoption, ExitService exit)
{
    /// <summary>How far ahead the schedule lists standups.</summary>
    public const int UpcomingDays = 14;

    public async Task<Outcome<StandupScheduleResponse>> ScheduleAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return Failure.Forbidden("Your role does not see the standups.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var schedule = await db.StandupSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken);
        return await ResponseAsync(project, schedule, cancellationToken);
    }

    public async Task<Outcome<StandupScheduleResponse>> UpdateScheduleAsync(ProjectAccess access, StandupScheduleRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return Failure.Forbidden(access.Can(Permission.ViewRota) ? "Only the hypercare lead schedules the standups." : "Your role does not see the standups.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var schedule = await db.StandupSchedules.SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken);
        var errors = new FieldErrors();
        TimeOnly? at = null;
        if (request.Time is { } text)
        {
            if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                at = parsed;
            }
            else
            {
                errors.Add("time", $"'{text}' is not a time of day (HH:mm, e.g. 09:15, in the project's time zone {project.TimeZoneId}).");
            }
        }

        if (request.DurationMinutes is { } minutes && (minutes < 5 || minutes > StandupCalendar.MaxDurationMinutes))
        {
            errors.Add("durationMinutes", $"durationMinutes must be between 5 and {StandupCalendar.MaxDurationMinutes}; {minutes} is not.");
        }

        List<ProjectRole>? roles = null;
        if (request.AttendeeRoles is { } names)
        {
            roles = [];
            for (var i = 0; i < names.Count; i++)
            {
                if (Enum.TryParse<ProjectRole>(names[i], ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(names[i], out _))
                {
                    if (!roles.Contains(role))
                    {
                        roles.Add(role);
                    }
                }
                else
                {
                    errors.Add($"attendeeRoles[{i}]", $"'{names[i]}' is not a role ({string.Join(", ", Enum.GetNames<ProjectRole>().Select(JsonName))}).");
                }
            }

            if (names.Count == 0)
            {
                errors.Add("attendeeRoles", "attendeeRoles needs at least one role: a standup nobody is invited to is not held.");
            }
        }

        if (schedule is not null && request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read, so a concurrent change is not overwritten.");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (schedule is not null && request.Version != schedule.Version)
        {
            return Failure.Stale("standup schedule", (await ResponseAsync(project, schedule, cancellationToken)).Value!);
        }

        if (schedule is null)
        {
            schedule = StandupSchedule.Create(project.Id);
            db.StandupSchedules.Add(schedule);
        }
        else
        {
            db.Entry(schedule).Property(s => s.Version).OriginalValue = request.Version!.Value;
        }

        schedule.Time = at ?? schedule.Time;
        schedule.DurationMinutes = request.DurationMinutes ?? schedule.DurationMinutes;
        schedule.AttendeeRoles = roles ?? schedule.AttendeeRoles;
        schedule.SendInvitations = request.SendInvitations ?? schedule.SendInvitations;
        schedule.Version++;
        await SyncProjectAsync(project, schedule, time.GetUtcNow(), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.StandupSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken);
            return Failure.Stale("standup schedule", (await ResponseAsync(project, current, cancellationToken)).Value!);
        }

        return await ResponseAsync(project, schedule, cancellationToken);
    }

    /// <summary>
    /// Brings every scheduled project's invitations up to date with its plan, schedule and team: a changed series is sent
    /// again with a higher SEQUENCE, a removed one cancelled. Run by the standup worker, so a phase edited on the plan page
    /// or a member added reaches the calendars whichever path changed it.
    /// </summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ids = await db.StandupSchedules.AsNoTracking().Select(s => s.ProjectId).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
            var schedule = await db.StandupSchedules.SingleAsync(s => s.ProjectId == id, cancellationToken);
            sent += await SyncProjectAsync(project, schedule, now, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node synced the same project at the same moment (unique series key): its sends stand.
                sent = 0;
            }
        }

        db.ChangeTracker.Clear();
        return sent;
    }

    /// <summary>Adds the outbox rows and series changes that bring one project's calendars up to date (not saved). Returns the messages queued.</summary>
    private async Task<int> SyncProjectAsync(Project project, StandupSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var specs = project.Stage == ProjectStage.Closed || !schedule.SendInvitations ? [] : await SeriesAsync(project, schedule, cancellationToken);
        var attendees = await AttendeesAsync(project.Id, schedule, cancellationToken);
        var rows = await db.StandupSeries.Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var lead = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == project.Id && m.Role == ProjectRole.HypercareLead)
            .OrderBy(m => m.UserId).Select(m => new CalendarPerson(m.User!.DisplayName, m.User.Email)).FirstOrDefaultAsync(cancellationToken);
        var organizer = lead ?? new CalendarPerson($"{project.Name} hypercare", "hypercare@localhost");
        var queued = 0;
        foreach (var spec in specs)
        {
            var row = rows.SingleOrDefault(r => r.PhaseId == spec.PhaseId);
            if (row is null)
            {
                row = StandupSeries.Create(project.Id, spec.PhaseId, $"standup-{project.Id}-{spec.PhaseId}-{Guid.NewGuid():N}@hypercare");
                db.StandupSeries.Add(row);
            }

            var fingerprint = Fingerprint(project, spec, attendees);
            if (row.Fingerprint == fingerprint && row.CancelledAt is null)
            {
                continue;
            }

            row.Sequence++;
            row.Fingerprint = fingerprint;
            row.SentAt = now;
            row.CancelledAt = null;
            var description = $"Hypercare standup of {project.Name}, {spec.PhaseName}: {StandupText.Cadence(spec)} at {spec.Time:HH\\:mm} ({project.TimeZoneId}), "
                + $"{spec.DurationMinutes} minutes. The agenda is generated before each standup.";
            var calendar = StandupInvitation.Request(spec, row.Uid, row.Sequence, project.TimeZoneId, project.Name, organizer,
                attendees.Select(a => a.Person), now, description);
            var subject = row.Sequence == 0 ? $"Invitation: {project.Name} standup ({spec.PhaseName})" : $"Updated: {project.Name} standup ({spec.PhaseName})";
            foreach (var a in attendees)
            {
                db.OutboxMessages.Add(OutboxMessage.Invitation(project.Id, a.UserId, a.Person.Email, subject, description, calendar, now));
                queued++;
            }

            var removed = row.InvitedUserIds.Except(attendees.Select(a => a.UserId)).ToList();
            queued += await CancelAsync(project, row, organizer, removed, now, cancellationToken);
            row.InvitedUserIds = [.. attendees.Select(a => a.UserId)];
        }

        foreach (var row in rows.Where(r => r.CancelledAt is null && specs.All(s => s.PhaseId != r.PhaseId)))
        {
            row.Sequence++;
            row.CancelledAt = now;
            row.Fingerprint = "";
            queued += await CancelAsync(project, row, organizer, row.InvitedUserIds, now, cancellationToken);
            row.InvitedUserIds = [];
        }

        return queued;
    }

    private async Task<int> CancelAsync(Project project, StandupSeries row, CalendarPerson organizer, List<int> userIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (userIds.Count == 0)
        {
            return 0;
        }

        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var calendar = StandupInvitation.Cancel(row.Uid, row.Sequence, project.TimeZoneId, project.Name, organizer,
            people.Select(p => new CalendarPerson(p.DisplayName, p.Email)), now);
        var subject = $"Cancelled: {project.Name} standup";
        foreach (var p in people)
        {
            // No user id: a cancellation reaches someone who has left the project too.
            db.OutboxMessages.Add(OutboxMessage.Invitation(project.Id, null, p.Email, subject,
                $"You are no longer invited to this hypercare standup of {project.Name}.", calendar, now));
        }

        return people.Count;
    }

    private static string Fingerprint(Project project, StandupSeriesSpec spec, IEnumerable<Attendee> attendees)
    {
        var text = string.Join('|', project.Name, project.TimeZoneId, spec.PhaseName, spec.First.ToString("O", CultureInfo.InvariantCulture), spec.Last.ToString("O", CultureInfo.InvariantCulture),
            string.Join(',', spec.Days), spec.Time.ToString("HH:mm", CultureInfo.InvariantCulture), spec.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            string.Join(',', spec.Skipped.Select(d => d.ToString("O", CultureInfo.InvariantCulture))), string.Join(',', attendees.Select(a => $"{a.UserId}:{a.Person.Email}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private sealed record Attendee(int UserId, CalendarPerson Person);

    private async Task<List<Attendee>> AttendeesAsync(int projectId, StandupSchedule schedule, CancellationToken cancellationToken)
    {
        var roles = schedule.AttendeeRoles;
        var members = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && roles.Contains(m.Role) && m.User!.IsActive)
            .OrderBy(m => m.UserId).Select(m => new { m.UserId, m.User!.DisplayName, m.User.Email }).ToListAsync(cancellationToken);
        return [.. members.Select(m => new Attendee(m.UserId, new CalendarPerson(m.DisplayName, m.Email)))];
    }

    private async Task<IReadOnlyList<StandupSeriesSpec>> SeriesAsync(Project project, StandupSchedule schedule, CancellationToken cancellationToken)
    {
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).ToListAsync(cancellationToken);
        return StandupCalendar.Series(phases, schedule.Time, schedule.DurationMinutes, project.Holidays);
    }

    private async Task<Outcome<StandupScheduleResponse>> ResponseAsync(Project project, StandupSchedule? saved, CancellationToken cancellationToken)
    {
        var schedule = saved ?? StandupSchedule.Create(project.Id);
        var specs = await SeriesAsync(project, schedule, cancellationToken);
        var rows = await db.StandupSeries.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var today = LocalDays.Today(time.GetUtcNow(), project.TimeZoneId);
        var upcoming = StandupCalendar.Occurrences(specs, project.TimeZoneId, today, today.AddDays(UpcomingDays - 1));
        var attendees = await AttendeesAsync(project.Id, schedule, cancellationToken);
        return new StandupScheduleResponse(project.TimeZoneId, schedule.Time.ToString("HH:mm", CultureInfo.InvariantCulture), schedule.DurationMinutes,
            schedule.AttendeeRoles, schedule.SendInvitations, saved is not null, schedule.Version,
            [.. specs.Select(s => Series(s, rows.SingleOrDefault(r => r.PhaseId == s.PhaseId && r.CancelledAt is null)))],
            upcoming, [.. attendees.Select(a => new PersonRef(a.UserId, a.Person.Name))]);
    }

    private static StandupSeriesResponse Series(StandupSeriesSpec s, StandupSeries? sent) =>
        new(s.PhaseId, s.PhaseName, s.Cadence, s.First, s.Last, s.Days, s.Skipped, sent?.Sequence, sent?.SentAt);

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
