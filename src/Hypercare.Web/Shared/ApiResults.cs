using Hypercare.Core;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hypercare.Web.Shared;

/// <summary>Turns a service's refusal into RFC 9457 problem details. The one place that picks HTTP status codes for failures.</summary>
public static class ApiResults
{
    public static ProblemHttpResult ToProblem(this Failure failure)
    {
        var (status, title) = failure.Kind switch
        {
            FailureKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            FailureKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            FailureKind.Invalid => (StatusCodes.Status400BadRequest, "One or more fields are invalid."),
            FailureKind.Conflict => (StatusCodes.Status409Conflict, "Not allowed in the current state"),
            _ => (StatusCodes.Status409Conflict, "Changed by someone else"),
        };
        var extensions = new Dictionary<string, object?>();
        if (failure.Errors is { Count: > 0 } errors)
        {
            extensions["errors"] = errors;
        }

        if (failure.Current is { } current)
        {
            extensions["current"] = current;
        }

        return TypedResults.Problem(failure.Message, statusCode: status, title: title, extensions: extensions);
    }

    public static ProblemHttpResult Invalid(string field, string message) => Failure.Invalid(field, message).ToProblem();

    /// <summary>200 with the value, or the refusal as problem details.</summary>
    public static Results<Ok<T>, ProblemHttpResult> Answer<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.Ok(outcome.Value!) : outcome.Failure!.ToProblem();

    /// <summary>200 with the part of the value the endpoint answers with, or the refusal as problem details.</summary>
    public static Results<Ok<TBody>, ProblemHttpResult> Answer<T, TBody>(Outcome<T> outcome, Func<T, TBody> body) =>
        outcome.Succeeded ? TypedResults.Ok(body(outcome.Value!)) : outcome.Failure!.ToProblem();

    /// <summary>201 with the new thing and where it lives, or the refusal as problem details.</summary>
    public static Results<Created<T>, ProblemHttpResult> Created<T>(Outcome<T> outcome, Func<T, string> location) =>
        outcome.Succeeded ? TypedResults.Created(location(outcome.Value!), outcome.Value) : outcome.Failure!.ToProblem();

    /// <summary>
    /// 200 with a file drawn from the value (a chart), or the refusal as problem details. With <paramref name="downloadName"/>
    /// the file is an attachment of that name (Content-Disposition), which browsers save instead of showing.
    /// </summary>
    public static Results<FileContentHttpResult, ProblemHttpResult> FileOf<T>(Outcome<T> outcome, Func<T, byte[]> contents, string contentType,
        Func<T, string>? downloadName = null) =>
        outcome.Succeeded ? TypedResults.File(contents(outcome.Value!), contentType, downloadName?.Invoke(outcome.Value!)) : outcome.Failure!.ToProblem();

    /// <summary>204 when the service did it, or the refusal as problem details (the value, if any, is not sent).</summary>
    public static Results<NoContent, ProblemHttpResult> NoContent<T>(Outcome<T> outcome) =>
        outcome.Succeeded ? TypedResults.NoContent() : outcome.Failure!.ToProblem();
}
