using Hypercare.Core.Data;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Web.Notifications;

public sealed record NotificationResponse(long Id, int ProjectId, int? IssueId, string Kind, string Title, string Body, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Account").RequireAuthorization();
        me.MapGet("/", ListNotifications);
        me.MapPost("/{notificationId:long}/read", MarkRead);
        return app;
    }

    private static async Task<Ok<List<NotificationResponse>>> ListNotifications(HttpContext http, HypercareDbContext db, CancellationToken ct, bool unread = false)
    {
        var userId = http.User.RequireCaller().UserId;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unread)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return TypedResults.Ok(await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200)
            .Select(n => new NotificationResponse(n.Id, n.ProjectId, n.IssueId, n.Kind, n.Title, n.Body, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(long notificationId, HttpContext http, HypercareDbContext db, TimeProvider time, CancellationToken ct)
    {
        var userId = http.User.RequireCaller().UserId;
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == userId, ct);
        if (notification is null)
        {
            return Hypercare.Core.Failure.NotFound("Notification").ToProblem();
        }

        notification.ReadAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
