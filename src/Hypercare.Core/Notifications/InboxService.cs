using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Notifications;

public sealed record InboxItem(long Id, int ProjectId, string ProjectName, int? IssueId, string Kind, string Title, string Body, DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

public sealed record Inbox(IReadOnlyList<InboxItem> Items, int Unread);

/// <summary>A person's in-app notifications: only their own rows, newest first; reading one marks it read.</summary>
public sealed class InboxService(HypercareDbContext db, TimeProvider time)
{
    public const int MaxItems = 200;

    public async Task<Inbox> ListAsync(int userId, int? projectId = null, bool unreadOnly = false, int take = 50, CancellationToken cancellationToken = default)
    {
        var mine = Mine(userId, projectId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var rows = mine.Where(n => !unreadOnly || n.ReadAt == null);
        var items = await rows.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(take, 1, MaxItems))
            .Join(db.Projects, n => n.ProjectId, p => p.Id, (n, p) => new InboxItem(n.Id, n.ProjectId, p.Name, n.IssueId, n.Kind, n.Title, n.Body, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken);
        return new Inbox(items, unread);
    }

    public Task<int> UnreadCountAsync(int userId, CancellationToken cancellationToken = default) =>
        Mine(userId, null).CountAsync(n => n.ReadAt == null, cancellationToken);

    /// <summary>Marks one of my notifications read (or all of them, per project if given, when <paramref name="notificationId"/> is null); returns how many changed.</summary>
    public async Task<int> MarkReadAsync(int userId, long? notificationId, int? projectId = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var rows = await Mine(userId, projectId).AsTracking()
            .Where(n => n.ReadAt == null && (notificationId == null || n.Id == notificationId))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.ReadAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Whether the notification exists and is mine (read or not).</summary>
    public Task<bool> IsMineAsync(int userId, long notificationId, CancellationToken cancellationToken = default) =>
        Mine(userId, null).AnyAsync(n => n.Id == notificationId, cancellationToken);

    private IQueryable<Notification> Mine(int userId, int? projectId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId && (projectId == null || n.ProjectId == projectId));
}
