using System.Text.Json;
using Hypercare.Core.Data;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Hypercare.Web.Shared;

/// <summary>
/// Malformed JSON, wrong types, unknown enum values and oversize bodies reach here as <see cref="BadHttpRequestException"/>;
/// they become problem details naming the field (from the JSON path) instead of an empty 400 or a 500.
/// Anything else becomes a generic 500 problem without internals.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems, ILogger<BadRequestHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        if (exception is BadHttpRequestException bad)
        {
            var json = FindJsonException(bad);
            var field = json is null ? null : FieldOf(json.Path);
            var detail = json is null ? bad.Message : $"The request body is not valid JSON for this endpoint at '{field}': {Describe(json)}";
            if (json is null && BindFailure().Match(bad.Message) is { Success: true } bind)
            {
                // A query or route value of the wrong type ("allowRejects=maybe"): named as the parameter, not its .NET type.
                field = bind.Groups["name"].Value;
                detail = $"'{bind.Groups["value"].Value}' is not a valid value for {field}{Expected(bind.Groups["type"].Value)}.";
            }

            problem = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = detail,
            };
            if (field is not null)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
            }
        }
        else if (exception is RefusedTextException refused)
        {
            // The net under the edges (PlainText.Check): a text that reached a save without passing through them.
            var detail = $"The text of {refused.Field} {refused.Reason}";
            problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid.", Detail = detail };
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [refused.Field] = [detail] };
        }
        else
        {
            logger.LogError(exception, "Unhandled error on {Path}", httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Unexpected error" };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>The framework's message for a parameter it could not bind: Failed to bind parameter "Nullable&lt;bool&gt; allowRejects" from "maybe".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^\"]*) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    private static string Expected(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>') switch
    {
        "bool" or "Boolean" => " (true or false)",
        "int" or "Int32" or "long" or "Int64" => " (a whole number)",
        "DateOnly" => " (a date as yyyy-MM-dd)",
        "DateTimeOffset" => " (an ISO 8601 instant)",
        _ => "",
    };

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>"$.proposedSeverity" → "proposedSeverity"; "$.clear[2]" → "clear[2]"; "$" → "body".</summary>
    private static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string Describe(JsonException json)
    {
        // System.Text.Json's messages name .NET types, which mean nothing to an API client.
        if (json.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "the value has the wrong type, or is not one of the allowed values (see /openapi/v1.json).";
        }

        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
