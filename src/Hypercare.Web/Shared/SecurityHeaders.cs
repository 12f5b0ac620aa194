namespace Hypercare.Web.Shared;

/// <summary>
/// Headers every answer carries (SECURITY.md): a content security policy that allows only the host's own scripts (the
/// pages have no inline script; inline styles are allowed because report HTML and the status page carry them), no
/// framing, no MIME sniffing, no referrer to other sites (a status page URL holds its secret token), and no caching of
/// API answers, which hold tokens and issue details. HSTS comes from UseHsts over https outside development.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // The API reference page is a script application of its own; it is signed-in only in production (Program.cs).
            if (!http.Request.Path.StartsWithSegments("/scalar"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(http);
    });
}
