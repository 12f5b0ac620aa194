using Hypercare.Core.Planning;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Planning;

/// <summary>
/// The SOW plan (issue 13, docs/sow-plan.md): generate and keep it (the lead), read it, compare it with 90-day continuous
/// hypercare and export it as Markdown or DOCX (the lead and the sponsor). Compare and export with a body work on that
/// request instead of the kept plan, which needs ManagePlan.
/// </summary>
public static class PlanApi
{
    public static IEndpointRouteBuilder MapPlanApi(this IEndpointRouteBuilder app)
    {
        var sow = app.MapGroup("/api/v1/projects/{projectId:int}/sow").WithTags("SOW plan").RequireAuthorization().RequireProjectMembership();
        sow.MapGet("/", GetPlan);
        sow.MapPost("/generate", Generate);
        sow.MapPost("/compare", Compare);
        sow.MapPost("/export", Export);
        sow.MapGet("/export", ExportKept);
        sow.MapGet("/apply", PreviewApply);
        sow.MapPost("/apply", Apply);
        sow.MapGet("/burn", Burn);
        sow.MapGet("/pitfalls", Pitfalls);
        return app;
    }

    /// <summary>The project's kept SOW plan, generated again from its request.</summary>
    private static async Task<Results<Ok<SowPlanView>, ProblemHttpResult>> GetPlan(HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.CurrentAsync(http.Access(), ct));

    /// <summary>Generates the plan from the inputs and keeps it as the project's SOW plan; refused inputs name their field and keep nothing.</summary>
    private static async Task<Results<Ok<SowPlanView>, ProblemHttpResult>> Generate(PlanRequest? request, HttpContext http, PlanService plans, CancellationToken ct) =>
        request is null ? Invalid("body", "A plan request is required.") : Answer(await plans.GenerateAsync(http.Access(), request, ct));

    /// <summary>The standard (or complex) plan beside 90-day continuous hypercare and the cost difference; of the body, or of the kept plan without one.</summary>
    private static async Task<Results<Ok<PlanComparison>, ProblemHttpResult>> Compare(PlanRequest? request, HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.CompareAsync(http.Access(), request, ct));

    /// <summary>The kept plan's SOW section as a download (the page's links): format=markdown (default) or docx.</summary>
    private static Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportKept(HttpContext http, PlanService plans, CancellationToken ct, string? format = null) =>
        Export(null, http, plans, ct, format);

    /// <summary>What applying the kept plan to the project would change (phases, cadences, exit rules, rota rules), changing nothing.</summary>
    private static async Task<Results<Ok<PlanApplyPreview>, ProblemHttpResult>> PreviewApply(HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.PreviewApplyAsync(http.Access(), ct));

    /// <summary>Applies the kept plan of the version previewed in one audited transaction; a stale version is refused with the current preview.</summary>
    private static async Task<Results<Ok<PlanApplyPreview>, ProblemHttpResult>> Apply(ApplyPlanRequest? request, HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.ApplyAsync(http.Access(), request, ct));

    /// <summary>Budget burn: planned against actual hours from the rota, cost to date, projected at the planned and the forecast end.</summary>
    private static async Task<Results<Ok<BudgetBurn>, ProblemHttpResult>> Burn(HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.BurnAsync(http.Access(), ct));

    /// <summary>The project's pitfalls (no plan or exit criteria near go-live, nobody to hand over to or sign off, forecast past the planned end, budget over).</summary>
    private static async Task<Results<Ok<IReadOnlyList<Pitfall>>, ProblemHttpResult>> Pitfalls(HttpContext http, PlanService plans, CancellationToken ct) =>
        Answer(await plans.PitfallsAsync(http.Access(), ct));

    /// <summary>The SOW section as a download: format=markdown (default) or docx; of the body, or of the kept plan without one.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(PlanRequest? request, HttpContext http, PlanService plans, CancellationToken ct,
        string? format = null)
    {
        var errors = new Hypercare.Core.FieldErrors();
        var chosen = QueryValues.Enum<SowExportFormat>(errors, "format", format) ?? SowExportFormat.Markdown;
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        var export = await plans.ExportAsync(http.Access(), request, chosen, ct);
        return FileOf(export, e => e.Content, export.Value?.ContentType ?? "text/markdown", e => e.FileName);
    }
}
