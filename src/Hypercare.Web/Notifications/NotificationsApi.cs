using Hypercare.Core.Notifications;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Notifications;

public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Account").RequireAuthorization();
        me.MapGet("/", ListNotifications);
        me.MapPost("/{notificationId:long}/read", MarkRead);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<InboxItem>>> ListNotifications(HttpContext http, InboxService inbox, CancellationToken ct, bool unread = false) =>
        TypedResults.Ok((await inbox.ListAsync(http.User.RequireCaller().UserId, unreadOnly: unread, take: InboxService.MaxItems, cancellationToken: ct)).Items);

    private static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(long notificationId, HttpContext http, InboxService inbox, CancellationToken ct)
    {
        var userId = http.User.RequireCaller().UserId;
        if (!await inbox.IsMineAsync(userId, notificationId, ct))
        {
            return Hypercare.Core.Failure.NotFound("Notification").ToProblem();
        }

        await inbox.MarkReadAsync(userId, notificationId, cancellationToken: ct);
        return TypedResults.NoContent();
    }
}
