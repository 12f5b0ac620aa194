using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Hypercare.Core.StatusPage;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.StatusPage;

public static class StatusPageApi
{
    public static IEndpointRouteBuilder MapStatusPageApi(this IEndpointRouteBuilder app)
    {
        var link = app.MapGroup("/api/v1/projects/{projectId:int}/status-page").WithTags("Status page").RequireAuthorization().RequireProjectMembership();
        link.MapGet("/", GetLink);
        link.MapPut("/", UpdateLink);
        link.MapPost("/rotate", RotateLink);

        // The public page: no sign-in, found only by its unguessable token; unknown, rotated and disabled links are all 404.
        var page = app.MapGroup("/status").WithTags("Status page").AllowAnonymous();
        page.MapGet("/{token}", StatusHtml).ExcludeFromDescription();
        page.MapGet("/{token}/json", StatusJson);
        return app;
    }

    private static async Task<Ok<StatusPageLinkResponse>> GetLink(HttpContext http, StatusPageService pages, CancellationToken ct) =>
        TypedResults.Ok(await pages.LinkAsync(http.Access().ProjectId, ct));

    /// <summary>Turns the page on or off and sets how-to-get-help text (ManageCommunications).</summary>
    private static async Task<Results<Ok<StatusPageLinkResponse>, ProblemHttpResult>> UpdateLink(
        StatusPageSettingsRequest request, HttpContext http, StatusPageService pages, CancellationToken ct)
    {
        var outcome = await pages.UpdateAsync(http.Access(), request, ct);
        return ApiResults.Answer(outcome);
    }

    /// <summary>A new token; the old link stops working at once (ManageCommunications).</summary>
    private static async Task<Results<Ok<StatusPageLinkResponse>, ProblemHttpResult>> RotateLink(HttpContext http, StatusPageService pages, CancellationToken ct)
    {
        var outcome = await pages.RotateAsync(http.Access(), ct);
        return ApiResults.Answer(outcome);
    }

    private static async Task<Results<Ok<StatusPageView>, NotFound>> StatusJson(string token, HttpContext http, StatusPageService pages, CancellationToken ct)
    {
        NoIndex(http);
        return await pages.PublicAsync(token, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();
    }

    private static async Task<Results<ContentHttpResult, NotFound>> StatusHtml(string token, HttpContext http, StatusPageService pages, CancellationToken ct)
    {
        NoIndex(http);
        return await pages.PublicAsync(token, ct) is { } view ? TypedResults.Text(Render(view), "text/html; charset=utf-8") : TypedResults.NotFound();
    }

    /// <summary>The link is a capability: keep it out of search engines and referrers.</summary>
    private static void NoIndex(HttpContext http)
    {
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.CacheControl = "no-store";
    }

    /// <summary>Plain server-rendered HTML from the public view; every value is HTML-encoded.</summary>
    internal static string Render(StatusPageView view)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(view.TimeZone);
        string E(string? s) => HtmlEncoder.Default.Encode(s ?? "");
        string When(DateTimeOffset at) => E(TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy, HH:mm", CultureInfo.InvariantCulture));
        string Lines(string text) => string.Join("<br />", text.Split('\n').Select(E));
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
            <meta name="robots" content="noindex" /><title>{{E(view.Project)}} — status</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
            .status{font-weight:600} article{border-top:1px solid #ccc;padding:.5rem 0} small{color:#555}</style></head>
            <body><main>
            <h1>{{E(view.Project)}} <small>{{E(view.System)}}</small></h1>
            <p><small>Updated {{When(view.GeneratedAt)}} ({{E(view.TimeZone)}})</small></p>
            <section aria-labelledby="known"><h2 id="known">Known issues</h2>
            """);
        if (view.KnownIssues.Count == 0)
        {
            html.Append("<p>No known issues right now.</p>");
        }

        foreach (var k in view.KnownIssues)
        {
            html.Append(CultureInfo.InvariantCulture, $"<article><h3>{E(k.Title)}</h3><p class=\"status\">{E(k.Status)}");
            if (k.FixIn is { } patch)
            {
                html.Append(k.FixedAt is null ? " — fix coming in " : " in ").Append(E(patch));
                if (k.FixPlannedFor is { } planned)
                {
                    html.Append(CultureInfo.InvariantCulture, $" ({When(planned)})");
                }
            }

            html.Append(CultureInfo.InvariantCulture, $"</p><p>{Lines(k.Symptoms)}</p>");
            if (k.Workaround is { } workaround)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><strong>Workaround:</strong> {Lines(workaround)}</p>");
            }

            html.Append("</article>");
        }

        html.Append("</section><section aria-labelledby=\"next\"><h2 id=\"next\">Next patch</h2>");
        if (view.NextPatch is { } next)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(next.Name)}</strong>, planned {When(next.PlannedFor)}.</p><ul>");
            foreach (var fix in next.Fixes)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(fix)}</li>");
            }

            if (next.OtherFixes > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>and {next.OtherFixes} other fix{(next.OtherFixes == 1 ? "" : "es")}</li>");
            }

            html.Append("</ul>");
        }
        else
        {
            html.Append("<p>No patch is planned yet.</p>");
        }

        html.Append("</section><section aria-labelledby=\"recent\"><h2 id=\"recent\">Recent patches</h2>");
        if (view.RecentPatches.Count == 0)
        {
            html.Append("<p>No patches in the last two weeks.</p>");
        }

        foreach (var p in view.RecentPatches)
        {
            html.Append(CultureInfo.InvariantCulture, $"<article><h3>{E(p.Name)}</h3><p><small>Deployed {When(p.DeployedAt ?? p.PlannedFor)}</small></p><p>{Lines(p.ReleaseNotes ?? "")}</p></article>");
        }

        html.Append("</section><section aria-labelledby=\"help\"><h2 id=\"help\">How to get help</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{(view.HowToGetHelp is { } help ? Lines(help) : "Report a problem through the Hypercare issue form, or ask your hypercare team.")}</p>");
        html.Append("</section></main></body></html>");
        return html.ToString();
    }
}
