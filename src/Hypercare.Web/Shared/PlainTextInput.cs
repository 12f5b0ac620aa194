using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core.Data;

namespace Hypercare.Web.Shared;

/// <summary>
/// Refuses control characters other than tab, CR and LF (<see cref="PlainText"/>) where text enters the web host, so the
/// answer is a problem naming the field on both engines instead of a PostgreSQL 22021 error: JSON strings (the path
/// names the field) and query-string and form values (the key names it). Multipart bodies are left to their readers, so
/// an upload is never buffered here.
/// </summary>
internal static class PlainTextInput
{
    /// <summary>Every JSON string read through the API's serializer options; writing is untouched.</summary>
    public sealed class JsonConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is not null && PlainText.Problem(text) is { } problem)
            {
                // The serializer adds the path, which the bad-request handler turns into the field's name.
                throw new JsonException($"The text {problem}");
            }

            return text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>Query-string values and url-encoded form fields with a refused character end the request with a 400 problem.</summary>
    public static IApplicationBuilder UsePlainTextInput(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (Refusal(http.Request.Query) is { } query)
        {
            await WriteAsync(http, query.Field, query.Message);
            return;
        }

        if (http.Request.HasFormContentType && http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            IFormCollection form;
            try
            {
                // Buffered and rewound, so an endpoint that checks a signature over the raw body (Slack) still reads it.
                http.Request.EnableBuffering();
                form = await http.Request.ReadFormAsync(http.RequestAborted);
                http.Request.Body.Position = 0;
            }
            catch (InvalidDataException error)
            {
                // Over the form limits, or a NUL the form reader itself refuses: the form cannot be read by anyone.
                await WriteAsync(http, "body", $"The form cannot be read: {error.Message}");
                return;
            }

            if (Refusal(form) is { } field)
            {
                await WriteAsync(http, field.Field, field.Message);
                return;
            }
        }

        await next(http);
    });

    private static (string Field, string Message)? Refusal(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> values)
    {
        foreach (var (key, value) in values)
        {
            if (key.Equals("returnUrl", StringComparison.OrdinalIgnoreCase))
            {
                // Never stored; sign-in treats a malformed one as "/" (SignInEndpoints.LocalTarget), which is friendlier than a 400.
                continue;
            }

            if (PlainText.Problem(key) is { } keyProblem)
            {
                return ("body", $"A parameter name {keyProblem}");
            }

            foreach (var text in value)
            {
                if (text is not null && PlainText.Problem(text) is { } problem)
                {
                    return (key, $"The value of {key} {problem}");
                }
            }
        }

        return null;
    }

    private static async Task WriteAsync(HttpContext http, string field, string message)
    {
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
                Detail = message,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
            },
        });
    }
}
