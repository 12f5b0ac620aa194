using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Notifications;

/// <summary>The project's deliveries (e-mail, Slack, Teams) with their status, and a retry for a failed one; leads only.</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/v1/projects/{projectId:int}/outbox").WithTags("Outbox").RequireAuthorization().RequireProjectMembership();
        project.MapGet("/", ListDeliveries);
        project.MapPost("/{messageId:long}/retry", Retry);
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<DeliveryResponse>>, ProblemHttpResult>> ListDeliveries(HttpContext http, OutboxService outbox,
        CancellationToken ct, OutboxStatus? status = null, int take = 200)
    {
        var outcome = await outbox.ListAsync(http.Access(), status, take, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> Retry(long messageId, HttpContext http, OutboxService outbox, CancellationToken ct)
    {
        var outcome = await outbox.RetryAsync(http.Access(), messageId, ct);
        return ApiResults.Answer(outcome);
    }
}
