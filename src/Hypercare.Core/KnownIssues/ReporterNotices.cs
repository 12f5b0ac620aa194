using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.KnownIssues;

/// <summary>One message to the reporter of one issue: about their own report only, never anyone else's.</summary>
public sealed record ReporterNotice(int UserId, int IssueId, string Title, string Body);

/// <summary>
/// Adds inbox rows and e-mail outbox rows for reporters to the caller's unit of work, so they commit in the same save as
/// the change that caused them. One message per person: a reporter with several affected reports hears once.
/// </summary>
public static class ReporterNotices
{
    public static async Task<int> AddAsync(HypercareDbContext db, int projectId, string kind, IEnumerable<ReporterNotice> notices, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var perPerson = notices.GroupBy(n => n.UserId).Select(g => g.OrderBy(n => n.IssueId).First()).ToList();
        var userIds = perPerson.Select(n => n.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive)
            .ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
        foreach (var notice in perPerson.Where(n => emails.ContainsKey(n.UserId)))
        {
            db.Notifications.Add(Notification.Create(projectId, notice.UserId, notice.IssueId, kind, notice.Title, notice.Body, now));
            db.OutboxMessages.Add(OutboxMessage.Email(projectId, notice.UserId, emails[notice.UserId], notice.Title, notice.Body, now));
        }

        return perPerson.Count(n => emails.ContainsKey(n.UserId));
    }
}
