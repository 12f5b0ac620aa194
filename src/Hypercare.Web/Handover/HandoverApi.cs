using Hypercare.Core.Handover;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Handover;

/// <summary>The handover to the steady-state team: areas with their stage dates and evidence, and the checklist.</summary>
public static class HandoverApi
{
    public static IEndpointRouteBuilder MapHandoverApi(this IEndpointRouteBuilder app)
    {
        var handover = app.MapGroup("/api/v1/projects/{projectId:int}/handover").WithTags("Handover").RequireAuthorization().RequireProjectMembership();
        handover.MapGet("/", GetStatus);
        handover.MapPost("/areas", CreateArea);
        handover.MapPut("/areas/{areaId:int}", UpdateArea);
        handover.MapDelete("/areas/{areaId:int}", DeleteArea);
        handover.MapPost("/items", CreateItem);
        handover.MapPut("/items/{itemId:int}", UpdateItem);
        handover.MapDelete("/items/{itemId:int}", DeleteItem);
        handover.MapPost("/items/{itemId:int}/done", MarkDone);
        handover.MapPost("/items/{itemId:int}/reopen", Reopen);
        return app;
    }

    /// <summary>The areas (stage today, open issues still with the project team, rescues since reverse shadow) and the checklist.</summary>
    private static async Task<Results<Ok<HandoverStatus>, ProblemHttpResult>> GetStatus(HttpContext http, HandoverService handover, CancellationToken ct) =>
        Answer(await handover.StatusAsync(http.Access(), ct));

    private static async Task<Results<Created<HandoverAreaResponse>, ProblemHttpResult>> CreateArea(
        int projectId, HandoverAreaRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Created(await handover.CreateAreaAsync(http.Access(), request, ct), a => $"/api/v1/projects/{projectId}/handover/areas/{a.Id}");

    /// <summary>Replaces the area (name, contact, the three dates, notes); send the version last read.</summary>
    private static async Task<Results<Ok<HandoverAreaResponse>, ProblemHttpResult>> UpdateArea(
        int areaId, HandoverAreaRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Answer(await handover.UpdateAreaAsync(http.Access(), areaId, request, ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteArea(int areaId, HttpContext http, HandoverService handover, CancellationToken ct) =>
        NoContent(await handover.DeleteAreaAsync(http.Access(), areaId, ct));

    private static async Task<Results<Created<HandoverItemResponse>, ProblemHttpResult>> CreateItem(
        int projectId, HandoverItemRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Created(await handover.CreateItemAsync(http.Access(), request, ct), i => $"/api/v1/projects/{projectId}/handover/items/{i.Id}");

    /// <summary>Replaces the item's title, area, owner, due day and note; send the version last read.</summary>
    private static async Task<Results<Ok<HandoverItemResponse>, ProblemHttpResult>> UpdateItem(
        int itemId, HandoverItemRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Answer(await handover.UpdateItemAsync(http.Access(), itemId, request, ct));

    /// <summary>Removes a custom item (the defaults stay).</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteItem(int itemId, HttpContext http, HandoverService handover, CancellationToken ct) =>
        NoContent(await handover.DeleteItemAsync(http.Access(), itemId, ct));

    /// <summary>The lead or the item's owner marks it done (doneOn defaults to today).</summary>
    private static async Task<Results<Ok<HandoverItemResponse>, ProblemHttpResult>> MarkDone(
        int itemId, HandoverDoneRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Answer(await handover.MarkDoneAsync(http.Access(), itemId, request, ct));

    private static async Task<Results<Ok<HandoverItemResponse>, ProblemHttpResult>> Reopen(
        int itemId, HandoverDoneRequest request, HttpContext http, HandoverService handover, CancellationToken ct) =>
        Answer(await handover.ReopenAsync(http.Access(), itemId, request, ct));
}
