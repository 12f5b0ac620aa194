using System.Globalization;
using System.Text;
using Hypercare.Core.Standups;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Standups;

/// <summary>
/// The standups (issue 12, docs/standups.md): the schedule and its invitations, the generated agenda (JSON or Markdown),
/// the minutes and their action items. Every member but reporters reads them; the hypercare lead schedules and records.
/// </summary>
public static class StandupsApi
{
    public static IEndpointRouteBuilder MapStandupsApi(this IEndpointRouteBuilder app)
    {
        var standups = app.MapGroup("/api/v1/projects/{projectId:int}/standups").WithTags("Standups").RequireAuthorization().RequireProjectMembership();
        standups.MapGet("/schedule", GetSchedule);
        standups.MapPut("/schedule", UpdateSchedule);
        standups.MapGet("/agenda", GetAgenda);
        standups.MapGet("/minutes", GetMinutes);
        standups.MapPost("/minutes", RecordMinutes);
        standups.MapPost("/action-items/{itemId:int}/done", MarkDone);

        var calendar = app.MapGroup("/api/v1/projects/{projectId:int}/calendar").WithTags("Standups").RequireAuthorization().RequireProjectMembership();
        calendar.MapGet("/", GetFeeds);
        calendar.MapPost("/personal/rotate", RotatePersonal);
        calendar.MapPost("/project/rotate", RotateProject);

        // The subscription address itself: the secret token is the key, as calendar clients cannot sign in.
        app.MapGet("/calendar/{token}.ics", Feed).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>The schedule (saved or the defaults), the series the plan's phases make of it, the next two weeks and who is invited.</summary>
    private static async Task<Results<Ok<StandupScheduleResponse>, ProblemHttpResult>> GetSchedule(HttpContext http, StandupService standups, CancellationToken ct) =>
        Answer(await standups.ScheduleAsync(http.Access(), ct));

    /// <summary>Saves the schedule (fields left out keep their value; send the version once saved) and sends or updates the invitations.</summary>
    private static async Task<Results<Ok<StandupScheduleResponse>, ProblemHttpResult>> UpdateSchedule(StandupScheduleRequest request, HttpContext http,
        StandupService standups, CancellationToken ct) =>
        Answer(await standups.UpdateScheduleAsync(http.Access(), request, ct));

    /// <summary>The next standup's agenda; <c>format=markdown</c> for text, <c>at</c> (ISO 8601) for another instant than now.</summary>
    private static async Task<Results<Ok<StandupAgenda>, ContentHttpResult, ProblemHttpResult>> GetAgenda(HttpContext http, StandupService standups,
        CancellationToken ct, string? format = null, string? at = null)
    {
        if (format is not (null or "json" or "markdown"))
        {
            return Invalid("format", $"'{format}' is not a format: json or markdown.");
        }

        DateTimeOffset? instant = null;
        if (!string.IsNullOrWhiteSpace(at))
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Invalid("at", $"'{at}' is not an instant (ISO 8601, e.g. 2026-03-02T09:00:00Z).");
            }

            instant = parsed;
        }

        var outcome = await standups.AgendaAsync(http.Access(), instant, ct);
        if (!outcome.Succeeded)
        {
            return outcome.Failure!.ToProblem();
        }

        return format == "markdown"
            ? TypedResults.Text(StandupText.Markdown(outcome.Value!), "text/markdown; charset=utf-8", Encoding.UTF8)
            : TypedResults.Ok(outcome.Value!);
    }

    /// <summary>The latest minutes, newest first (take: 1–60, default 10).</summary>
    private static async Task<Results<Ok<IReadOnlyList<StandupMinutesResponse>>, ProblemHttpResult>> GetMinutes(HttpContext http, StandupService standups,
        CancellationToken ct, int? take = null)
    {
        if (take is < 1 or > StandupService.MaxMinutesListed)
        {
            return Invalid("take", $"take must be between 1 and {StandupService.MaxMinutesListed}.");
        }

        return Answer(await standups.MinutesAsync(http.Access(), take ?? 10, ct));
    }

    private static async Task<Results<Created<StandupMinutesResponse>, ProblemHttpResult>> RecordMinutes(StandupMinutesRequest request, HttpContext http,
        StandupService standups, CancellationToken ct) =>
        Created(await standups.RecordMinutesAsync(http.Access(), request, ct),
            m => $"/api/v1/projects/{http.Access().ProjectId.ToString(CultureInfo.InvariantCulture)}/standups/minutes");

    /// <summary>The caller's own calendar address and the project's (paths; null until created).</summary>
    private static async Task<Results<Ok<CalendarFeedsResponse>, ProblemHttpResult>> GetFeeds(HttpContext http, StandupService standups, CancellationToken ct) =>
        Answer(await standups.FeedsAsync(http.Access(), ct));

    /// <summary>Creates or rotates the caller's own calendar address (the old one stops working).</summary>
    private static async Task<Results<Ok<CalendarFeedsResponse>, ProblemHttpResult>> RotatePersonal(HttpContext http, StandupService standups, CancellationToken ct) =>
        Answer(await standups.RotateFeedAsync(http.Access(), project: false, ct));

    /// <summary>Creates or rotates the project's calendar address (the lead).</summary>
    private static async Task<Results<Ok<CalendarFeedsResponse>, ProblemHttpResult>> RotateProject(HttpContext http, StandupService standups, CancellationToken ct) =>
        Answer(await standups.RotateFeedAsync(http.Access(), project: true, ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> Feed(string token, HttpContext http, StandupService standups, CancellationToken ct)
    {
        if (await standups.FeedAsync(token, ct) is not { } feed)
        {
            return TypedResults.NotFound();
        }

        // The address is a secret: never cached by proxies or sent on as a referrer.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.File(Encoding.UTF8.GetBytes(feed.Calendar), "text/calendar; charset=utf-8", feed.FileName);
    }

    private static async Task<Results<Ok<ActionItemResponse>, ProblemHttpResult>> MarkDone(int itemId, ActionItemDoneRequest? request, HttpContext http,
        StandupService standups, CancellationToken ct) =>
        Answer(await standups.MarkDoneAsync(http.Access(), itemId, request ?? new ActionItemDoneRequest(), ct));
}
