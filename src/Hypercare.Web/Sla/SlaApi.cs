using Hypercare.Core.Sla;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Sla;

public static class SlaApi
{
    public static IEndpointRouteBuilder MapSlaApi(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/v1/projects/{projectId:int}").WithTags("SLA").RequireAuthorization().RequireProjectMembership();
        project.MapGet("/plan/phases", ListPhases);
        project.MapPost("/plan/phases", CreatePhase);
        project.MapPatch("/plan/phases/{phaseId:int}", UpdatePhase);
        project.MapDelete("/plan/phases/{phaseId:int}", DeletePhase);
        project.MapGet("/issues/{issueId:int}/sla", GetIssueSla);
        project.MapGet("/sla/risk", GetRisk);
        project.MapGet("/sla/report", GetReport);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<PhaseResponse>>> ListPhases(HttpContext http, SlaPlanService plans, CancellationToken ct) =>
        TypedResults.Ok(await plans.PhasesAsync(http.Access(), ct));

    private static async Task<Results<Created<PhaseResponse>, ProblemHttpResult>> CreatePhase(PhaseRequest request, HttpContext http, SlaPlanService plans, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await plans.CreateAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/plan/phases/{v.Id}");
    }

    private static async Task<Results<Ok<PhaseResponse>, ProblemHttpResult>> UpdatePhase(int phaseId, PhaseRequest request, HttpContext http, SlaPlanService plans, CancellationToken ct)
    {
        var outcome = await plans.UpdateAsync(http.Access(), phaseId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePhase(int phaseId, HttpContext http, SlaPlanService plans, CancellationToken ct)
    {
        var outcome = await plans.DeleteAsync(http.Access(), phaseId, ct);
        return ApiResults.NoContent(outcome);
    }

    private static async Task<Results<Ok<IssueSlaResponse>, ProblemHttpResult>> GetIssueSla(int issueId, HttpContext http, SlaService sla, CancellationToken ct)
    {
        var outcome = await sla.StateAsync(http.Access(), issueId, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Ok<SlaRiskResponse>> GetRisk(HttpContext http, SlaService sla, CancellationToken ct) =>
        TypedResults.Ok(await sla.RiskAsync(http.Access(), cancellationToken: ct));

    private static async Task<Results<Ok<SlaReport>, ProblemHttpResult>> GetReport(HttpContext http, SlaReports reports, CancellationToken ct,
        string? from = null, string? to = null)
    {
        var errors = new Hypercare.Core.FieldErrors();
        var first = QueryValues.Date(errors, "from", from);
        var last = QueryValues.Date(errors, "to", to);
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        var outcome = await reports.ReportAsync(http.Access(), first, last, ct);
        return ApiResults.Answer(outcome);
    }
}
