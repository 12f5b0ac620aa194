using Hypercare.Core.Patches;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Patches;

public static class PatchesApi
{
    public static IEndpointRouteBuilder MapPatchesApi(this IEndpointRouteBuilder app)
    {
        var patches = app.MapGroup("/api/v1/projects/{projectId:int}/patches").WithTags("Patches").RequireAuthorization().RequireProjectMembership();
        patches.MapGet("/", ListPatches);
        patches.MapPost("/", PlanPatch);
        patches.MapGet("/plan", GetPlan);
        patches.MapPut("/cadences/{planPhaseId:int}", SetCadence);
        patches.MapGet("/{patchId:int}", GetPatch);
        patches.MapPatch("/{patchId:int}", UpdatePatch);
        patches.MapPost("/{patchId:int}/issues", AssignIssues);
        patches.MapDelete("/{patchId:int}/issues/{issueId:int}", UnassignIssue);
        patches.MapPost("/{patchId:int}/deploy", DeployPatch);
        return app;
    }

    /// <summary>Every member may read patches and their release notes (what users are told); changes need ManagePatches.</summary>
    private static async Task<Ok<IReadOnlyList<PatchSummary>>> ListPatches(HttpContext http, PatchService patches, CancellationToken ct) =>
        TypedResults.Ok(await patches.ListAsync(http.Access().ProjectId, ct));

    /// <summary>The cadence of each plan phase, the slots it proposes for the next weeks, and the patches.</summary>
    private static async Task<Ok<PatchPlan>> GetPlan(HttpContext http, PatchService patches, CancellationToken ct) =>
        TypedResults.Ok(await patches.PlanAsync(http.Access().ProjectId, ct));

    private static async Task<Results<Ok<CadenceResponse>, ProblemHttpResult>> SetCadence(
        int planPhaseId, SetCadenceRequest request, HttpContext http, PatchService patches, CancellationToken ct)
    {
        var outcome = await patches.SetCadenceAsync(http.Access(), planPhaseId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Created<PatchDetail>, ProblemHttpResult>> PlanPatch(
        PlanPatchRequest request, HttpContext http, PatchService patches, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await patches.CreateAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/patches/{v.Patch.Id}");
    }

    private static async Task<Results<Ok<PatchDetail>, ProblemHttpResult>> GetPatch(int patchId, HttpContext http, PatchService patches, CancellationToken ct) =>
        Answer(await patches.GetAsync(http.Access(), patchId, ct));

    private static async Task<Results<Ok<PatchDetail>, ProblemHttpResult>> UpdatePatch(
        int patchId, UpdatePatchRequest request, HttpContext http, PatchService patches, CancellationToken ct) =>
        Answer(await patches.UpdateAsync(http.Access(), patchId, request, ct));

    private static async Task<Results<Ok<PatchDetail>, ProblemHttpResult>> AssignIssues(
        int patchId, AssignIssuesRequest request, HttpContext http, PatchService patches, CancellationToken ct) =>
        Answer(await patches.AssignAsync(http.Access(), patchId, request, ct));

    private static async Task<Results<Ok<PatchDetail>, ProblemHttpResult>> UnassignIssue(
        int patchId, int issueId, HttpContext http, PatchService patches, CancellationToken ct) =>
        Answer(await patches.UnassignAsync(http.Access(), patchId, issueId, ct));

    /// <summary>Marks the patch deployed (now, or at deployedAt): its issues are resolved, its known issues fixed, reporters told.</summary>
    private static async Task<Results<Ok<PatchDetail>, ProblemHttpResult>> DeployPatch(
        int patchId, HttpContext http, PatchService patches, CancellationToken ct, DeployPatchRequest? request = null) =>
        Answer(await patches.DeployAsync(http.Access(), patchId, request ?? new DeployPatchRequest(), ct));
}
