using Hypercare.Core;
using Hypercare.Core.Issues;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Issues;

public static class IssuesApi
{
    public static IEndpointRouteBuilder MapIssuesApi(this IEndpointRouteBuilder app)
    {
        var issues = app.MapGroup("/api/v1/projects/{projectId:int}/issues").WithTags("Issues").RequireAuthorization().RequireProjectMembership();
        issues.MapGet("/", ListIssues);
        issues.MapPost("/", ReportIssue);
        issues.MapGet("/{issueId:int}", GetIssue);
        issues.MapPatch("/{issueId:int}", UpdateIssue);
        issues.MapPost("/{issueId:int}/transitions", TransitionIssue);
        issues.MapGet("/{issueId:int}/comments", ListComments);
        issues.MapPost("/{issueId:int}/comments", AddComment);
        issues.MapGet("/{issueId:int}/history", GetHistory);
        return app;
    }

    /// <summary>Query values arrive as text and are parsed here, so a bad one is named in the answer instead of a bare 400.</summary>
    private static async Task<Results<Ok<Paged<IssueSummary>>, ProblemHttpResult>> ListIssues(
        HttpContext http, IssueService issues, CancellationToken ct,
        string[]? status = null, string[]? severity = null, string[]? category = null, string? owningTeam = null,
        string? assigneeId = null, string? reporterId = null, string? open = null, string? q = null, string? sort = null, string? unowned = null,
        string? page = null, string? pageSize = null)
    {
        var errors = new FieldErrors();
        var filter = new IssueFilter(
            Status: QueryValues.Enums<IssueStatus>(errors, "status", status),
            Severity: QueryValues.Enums<Severity>(errors, "severity", severity),
            Category: QueryValues.Enums<IssueCategory>(errors, "category", category),
            OwningTeam: QueryValues.Enum<OwningTeam>(errors, "owningTeam", owningTeam),
            AssigneeId: QueryValues.WholeNumber(errors, "assigneeId", assigneeId),
            ReporterId: QueryValues.WholeNumber(errors, "reporterId", reporterId),
            Open: QueryValues.TrueOrFalse(errors, "open", open),
            Q: q,
            Unowned: QueryValues.TrueOrFalse(errors, "unowned", unowned),
            Sort: QueryValues.Enum<IssueSort>(errors, "sort", sort) ?? IssueSort.Newest,
            Page: QueryValues.WholeNumber(errors, "page", page) ?? 1,
            PageSize: QueryValues.WholeNumber(errors, "pageSize", pageSize) ?? 25);
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        var outcome = await issues.ListAsync(http.Access(), filter, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Created<IssueResponse>, ProblemHttpResult>> ReportIssue(
        ReportIssueRequest request, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await issues.ReportAsync(access, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/issues/{v.Id}");
    }

    private static async Task<Results<Ok<IssueDetail>, ProblemHttpResult>> GetIssue(int issueId, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var outcome = await issues.GetAsync(http.Access(), issueId, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> UpdateIssue(
        int issueId, UpdateIssueRequest request, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var outcome = await issues.UpdateAsync(http.Access(), issueId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IssueResponse>, ProblemHttpResult>> TransitionIssue(
        int issueId, TransitionRequest request, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var outcome = await issues.TransitionAsync(http.Access(), issueId, request, ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<IReadOnlyList<CommentResponse>>, ProblemHttpResult>> ListComments(
        int issueId, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var outcome = await issues.GetAsync(http.Access(), issueId, ct);
        return ApiResults.Answer(outcome, v => v.Comments);
    }

    private static async Task<Results<Created<CommentResponse>, ProblemHttpResult>> AddComment(
        int issueId, CommentRequest request, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var access = http.Access();
        var outcome = await issues.CommentAsync(access, issueId, request, ct);
        return ApiResults.Created(outcome, v => $"/api/v1/projects/{access.ProjectId}/issues/{issueId}/comments/{v.Id}");
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> GetHistory(
        int issueId, HttpContext http, IssueService issues, CancellationToken ct)
    {
        var outcome = await issues.GetAsync(http.Access(), issueId, ct);
        return ApiResults.Answer(outcome, v => v.History);
    }
}
