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
        // An endpoint may declare a larger limit of its own (adoption uploads stream files of gigabytes).
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (http.Request.ContentLength > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"Request bodies may be at most {limit:N0} bytes; this one declared {http.Request.ContentLength:N0}.",
                },
            });
            return;
        }

        await next(http);
    });
}
