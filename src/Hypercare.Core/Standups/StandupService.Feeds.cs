using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Standups;

/// <summary>The caller's calendar addresses: their own feed and, for everyone who sees the rota, the project's.</summary>
public sealed record CalendarFeedsResponse(string? PersonalPath, DateTimeOffset? PersonalRotatedAt, string? ProjectPath, DateTimeOffset? ProjectRotatedAt);

/// <summary>An iCalendar feed as served: the text and the name to save it under.</summary>
public sealed record CalendarFeedText(string Calendar, string FileName);

public sealed partial class StandupService
{
    /// <summary>A feed lists shifts from this many days back to <see cref="FeedDaysAhead"/> on, and every standup series.</summary>
    public const int FeedDaysBack = 14;

    public const int FeedDaysAhead = 120;

    public static string FeedPath(string token) => $"/calendar/{token}.ics";

    public async Task<Outcome<CalendarFeedsResponse>> FeedsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return Failure.Forbidden("Your role does not see the rota or the standups.");
        }

        var feeds = await db.CalendarFeeds.AsNoTracking()
            .Where(f => f.ProjectId == access.ProjectId && (f.UserId == null || f.UserId == access.Caller.UserId)).ToListAsync(cancellationToken);
        var personal = feeds.OrderBy(f => f.Id).FirstOrDefault(f => f.UserId != null);
        var project = feeds.OrderBy(f => f.Id).FirstOrDefault(f => f.UserId == null);
        return new CalendarFeedsResponse(personal is null ? null : FeedPath(personal.Token), personal?.RotatedAt,
            project is null ? null : FeedPath(project.Token), project?.RotatedAt);
    }

    /// <summary>Creates or rotates a feed: one's own (any member who sees the rota), or the project's (the lead).</summary>
    public async Task<Outcome<CalendarFeedsResponse>> RotateFeedAsync(ProjectAccess access, bool project, CancellationToken cancellationToken = default)
    {
        if (!access.Can(project ? Permission.ManageRota : Permission.ViewRota))
        {
            return Failure.Forbidden(project ? "Only the hypercare lead creates or rotates the project's calendar address."
                : "Your role does not see the rota or the standups.");
        }

        if (!project && access.Caller.UserId == 0)
        {
            return Failure.Invalid("scope", "The system has no personal calendar; rotate the project's.");
        }

        int? userId = project ? null : access.Caller.UserId;
        var now = time.GetUtcNow();
        var feed = await db.CalendarFeeds.Where(f => f.ProjectId == access.ProjectId && f.UserId == userId).OrderBy(f => f.Id).FirstOrDefaultAsync(cancellationToken);
        if (feed is null)
        {
            db.CalendarFeeds.Add(CalendarFeed.Create(access.ProjectId, userId, now));
        }
        else
        {
            feed.Rotate(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Conflict("The calendar address was created at the same moment by another request; read it again.");
        }

        return await FeedsAsync(access, cancellationToken);
    }

    /// <summary>
    /// The feed behind a secret token (anonymous: the token is the key), or null when there is none, or the person no
    /// longer sees the rota of the project (left it, became a reporter, deactivated).
    /// </summary>
    public async Task<CalendarFeedText?> FeedAsync(string token, CancellationToken cancellationToken = default)
    {
        if (token.Length != CalendarFeed.TokenLength)
        {
            return null;
        }

        var feed = await db.CalendarFeeds.AsNoTracking().SingleOrDefaultAsync(f => f.Token == token, cancellationToken);
        if (feed is null)
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == feed.ProjectId, cancellationToken);
        string? personName = null;
        if (feed.UserId is { } userId)
        {
            var member = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == project.Id && m.UserId == userId && m.User!.IsActive)
                .Select(m => new { m.Role, m.User!.DisplayName }).SingleOrDefaultAsync(cancellationToken);
            if (member is null || !Permissions.Allows(member.Role, Permission.ViewRota))
            {
                return null;
            }

            personName = member.DisplayName;
        }

        var schedule = await db.StandupSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == project.Id, cancellationToken)
            ?? StandupSchedule.Create(project.Id);
        var invited = feed.UserId is null || (await AttendeesAsync(project.Id, schedule, cancellationToken)).Any(a => a.UserId == feed.UserId);
        var specs = invited ? await SeriesAsync(project, schedule, cancellationToken) : [];
        var rows = await db.StandupSeries.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var (from, to) = (now.AddDays(-FeedDaysBack), now.AddDays(FeedDaysAhead));
        var shifts = await db.TeamShifts.AsNoTracking()
            .Where(s => s.ProjectId == project.Id && s.UserId != null && (feed.UserId == null || s.UserId == feed.UserId) && s.End > from && s.Start < to)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Id, s.Start, s.End, s.Role, Name = u.DisplayName })
            .ToListAsync(cancellationToken);
        shifts = [.. shifts.OrderBy(s => s.Start)];
        var series = specs.Select(s => rows.SingleOrDefault(r => r.PhaseId == s.PhaseId && r.CancelledAt is null) is { } sent
            ? (s, sent.Uid, sent.Sequence)
            : (s, $"standup-{project.Id}-{s.PhaseId}-feed@hypercare", 0));
        var name = personName is null ? $"{project.Name}: rota and standups" : $"{project.Name}: {personName}'s shifts and standups";
        var calendar = StandupInvitation.Feed(name, project.TimeZoneId, series,
            shifts.Select(s => new FeedShift($"shift-{s.Id}@hypercare", feed.UserId is null ? $"{Team.DutyRouting.Label(s.Role)} shift: {s.Name}" : $"{Team.DutyRouting.Label(s.Role)} shift",
                s.Start, s.End)),
            project.Name, now);
        return new CalendarFeedText(calendar, feed.UserId is null ? "hypercare-project.ics" : "hypercare-mine.ics");
    }
}
