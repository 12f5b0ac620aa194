using System.Text;
using Hypercare.Core;
using Hypercare.Core.Handover;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Handover;

public enum DigestFormat
{
    Markdown,
    Html,
}

/// <summary>The knowledge digest for the steady-state team, as a file to download (docs/exit.md, "Knowledge digest").</summary>
public static class DigestApi
{
    public static IEndpointRouteBuilder MapDigestApi(this IEndpointRouteBuilder app)
    {
        var handover = app.MapGroup("/api/v1/projects/{projectId:int}/handover").WithTags("Handover").RequireAuthorization().RequireProjectMembership();
        handover.MapGet("/digest", GetDigest);
        return app;
    }

    /// <summary>
    /// format=markdown (default) or html; includeInternal=true adds internal notes and unpublished workarounds (roles that
    /// see every issue only); area keeps one affected area; since=YYYY-MM-DD keeps the issues resolved on or after that day.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetDigest(
        HttpContext http, KnowledgeDigestService digests, CancellationToken ct,
        string? format = null, string? includeInternal = null, string? area = null, string? since = null)
    {
        var errors = new FieldErrors();
        var chosen = QueryValues.Enum<DigestFormat>(errors, "format", format) ?? DigestFormat.Markdown;
        var request = new KnowledgeDigestRequest(QueryValues.TrueOrFalse(errors, "includeInternal", includeInternal) ?? false, area,
            QueryValues.Date(errors, "since", since));
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        var outcome = await digests.BuildAsync(http.Access(), request, ct);
        return chosen == DigestFormat.Html
            ? ApiResults.FileOf(outcome, d => Encoding.UTF8.GetBytes(d.Html()), "text/html; charset=utf-8", d => d.FileName("html"))
            : ApiResults.FileOf(outcome, d => Encoding.UTF8.GetBytes(d.Markdown), "text/markdown; charset=utf-8", d => d.FileName("md"));
    }
}
