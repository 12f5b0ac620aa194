using Hypercare.Core;
using Hypercare.Core.KnownIssues;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.KnownIssues;

public static class KnownIssuesApi
{
    public static IEndpointRouteBuilder MapKnownIssuesApi(this IEndpointRouteBuilder app)
    {
        var known = app.MapGroup("/api/v1/projects/{projectId:int}/known-issues").WithTags("Known issues").RequireAuthorization().RequireProjectMembership();
        known.MapGet("/", ListKnownIssues);
        known.MapPost("/", CreateKnownIssue);
        known.MapGet("/suggest", Suggest);
        known.MapGet("/{knownIssueId:int}", GetKnownIssue);
        known.MapPatch("/{knownIssueId:int}", UpdateKnownIssue);
        known.MapPost("/{knownIssueId:int}/links", LinkIssues);
        known.MapDelete("/{knownIssueId:int}/links/{issueId:int}", UnlinkIssue);
        known.MapPost("/{knownIssueId:int}/publish-workaround", PublishWorkaround);
        known.MapPost("/{knownIssueId:int}/status", MoveKnownIssue);
        return app;
    }

    /// <summary>Every member may read known issues: they are what users are told anyway (internal notes are in the detail, for the team).</summary>
    private static async Task<Results<Ok<IReadOnlyList<KnownIssueSummary>>, ProblemHttpResult>> ListKnownIssues(
        HttpContext http, KnownIssueService knownIssues, CancellationToken ct, string[]? status = null, string? open = null)
    {
        var errors = new FieldErrors();
        var filter = new KnownIssueFilter(QueryValues.Enums<KnownIssueStatus>(errors, "status", status), QueryValues.TrueOrFalse(errors, "open", open));
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        return TypedResults.Ok(await knownIssues.ListAsync(http.Access().ProjectId, filter, ct));
    }

    /// <summary>Known issues that look like the text of a report being written (title and description), best first.</summary>
    private static async Task<Results<Ok<SuggestionList>, ProblemHttpResult>> Suggest(HttpContext http, KnownIssueSuggester suggester, CancellationToken ct, string? q = null)
    {
        var outcome = await suggester.SuggestAsync(http.Access().ProjectId, q, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Created<KnownIssueDetail>, ProblemHttpResult>> CreateKnownIssue(
        CreateKnownIssueRequest request, HttpContext http, KnownIssueService knownIssues, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await knownIssues.CreateAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/known-issues/{v.KnownIssue.Id}");
    }

    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> GetKnownIssue(int knownIssueId, HttpContext http, KnownIssueService knownIssues, CancellationToken ct) =>
        Answer(await knownIssues.GetAsync(http.Access(), knownIssueId, ct));

    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> UpdateKnownIssue(
        int knownIssueId, UpdateKnownIssueRequest request, HttpContext http, KnownIssueService knownIssues, CancellationToken ct) =>
        Answer(await knownIssues.UpdateAsync(http.Access(), knownIssueId, request, ct));

    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> LinkIssues(
        int knownIssueId, LinkIssuesRequest request, HttpContext http, KnownIssueService knownIssues, CancellationToken ct) =>
        Answer(await knownIssues.LinkAsync(http.Access(), knownIssueId, request, ct));

    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> UnlinkIssue(
        int knownIssueId, int issueId, HttpContext http, KnownIssueService knownIssues, CancellationToken ct) =>
        Answer(await knownIssues.UnlinkAsync(http.Access(), knownIssueId, issueId, ct));

    /// <summary>Posts the workaround on every linked issue and tells their reporters (inbox and e-mail). The body is optional.</summary>
    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> PublishWorkaround(
        int knownIssueId, HttpContext http, KnownIssueService knownIssues, CancellationToken ct, PublishWorkaroundRequest? request = null) =>
        Answer(await knownIssues.PublishWorkaroundAsync(http.Access(), knownIssueId, request ?? new PublishWorkaroundRequest(), ct));

    private static async Task<Results<Ok<KnownIssueDetail>, ProblemHttpResult>> MoveKnownIssue(
        int knownIssueId, KnownIssueStatusRequest request, HttpContext http, KnownIssueService knownIssues, CancellationToken ct) =>
        Answer(await knownIssues.MoveAsync(http.Access(), knownIssueId, request, ct));
}
