namespace Hypercare.Web.Shared;

/// <summary>
/// Request bodies are capped at 1 MB. Kestrel enforces it while reading (chunked bodies included); this middleware
/// answers a declared oversize body up front with a problem document, on any server, before anything is read.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1_000_000;

    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"Request bodies may be at most {MaxBodyBytes:N0} bytes; this one declared {http.Request.ContentLength:N0}.",
                },
            });
            return;
        }

        await next(http);
    });
}
