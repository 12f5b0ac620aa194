using Hypercare.Core.Issues;
using Hypercare.Core.Triage;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Triage;

public static class TriageApi
{
    public static IEndpointRouteBuilder MapTriageApi(this IEndpointRouteBuilder app)
    {
        var project = app.MapGroup("/api/v1/projects/{projectId:int}").WithTags("Triage").RequireAuthorization().RequireProjectMembership();
        project.MapGet("/triage/queue", GetQueue);
        project.MapPost("/issues/{issueId:int}/triage", TriageIssue);
        project.MapPost("/issues/{issueId:int}/handoff", HandOff);
        project.MapGet("/handoffs", ListHandoffs);
        project.MapGet("/triage/sessions", ListSessions);
        project.MapPost("/triage/sessions", StartSession);
        project.MapGet("/triage/sessions/{sessionId:int}", GetSession);
        project.MapPost("/triage/sessions/{sessionId:int}/end", EndSession);
        return app;
    }

    private static async Task<Results<Ok<TriageQueue>, ProblemHttpResult>> GetQueue(HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.QueueAsync(http.Access(), cancellationToken: ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> TriageIssue(int issueId, TriageRequest request, HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.TriageAsync(http.Access(), issueId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<HandoffResponse>, ProblemHttpResult>> HandOff(int issueId, HandoffRequest request, HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.HandoffAsync(http.Access(), issueId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<HandoffResponse>>, ProblemHttpResult>> ListHandoffs(HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.HandoffsAsync(http.Access(), ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<SessionResponse>>, ProblemHttpResult>> ListSessions(HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.SessionsAsync(http.Access(), ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Created<SessionResponse>, ProblemHttpResult>> StartSession(StartSessionRequest request, HttpContext http, TriageService triage, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await triage.StartSessionAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/triage/sessions/{v.Id}");
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> GetSession(int sessionId, HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.SessionAsync(http.Access(), sessionId, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> EndSession(int sessionId, HttpContext http, TriageService triage, CancellationToken ct)
    {
        var outcome = await triage.EndSessionAsync(http.Access(), sessionId, ct);
        return ApiResults.Answer(outcome);
    }
}
