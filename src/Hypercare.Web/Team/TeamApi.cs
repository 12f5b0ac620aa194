using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Team;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Team;

/// <summary>
/// The rota (issue 12, docs/rota.md): shifts over a range, generation, the rules, availability, time off, shifts by hand,
/// swaps and who is on duty. Every member but reporters reads it; the hypercare lead generates and decides.
/// </summary>
public static class TeamApi
{
    public static IEndpointRouteBuilder MapTeamApi(this IEndpointRouteBuilder app)
    {
        var rota = app.MapGroup("/api/v1/projects/{projectId:int}/rota").WithTags("Rota").RequireAuthorization().RequireProjectMembership();
        rota.MapGet("/", GetRota);
        rota.MapPost("/generate", Generate);
        rota.MapGet("/on-duty", GetOnDuty);
        rota.MapGet("/hours", GetHours);
        rota.MapGet("/settings", GetSettings);
        rota.MapPut("/settings", UpdateSettings);
        rota.MapGet("/availability", GetAvailability);
        rota.MapPut("/availability/{userId:int}", SetAvailability);
        rota.MapGet("/time-off", GetTimeOff);
        rota.MapPost("/time-off", AddTimeOff);
        rota.MapDelete("/time-off/{timeOffId:int}", DeleteTimeOff);
        rota.MapPost("/shifts", AddShift);
        rota.MapDelete("/shifts/{shiftId:int}", RemoveShift);
        rota.MapPost("/shifts/{shiftId:int}/offer", Offer);
        rota.MapGet("/swaps", GetSwaps);
        rota.MapPost("/swaps/{swapId:int}/take", Take);
        rota.MapPost("/swaps/{swapId:int}/approve", Approve);
        rota.MapPost("/swaps/{swapId:int}/decline", Decline);
        return app;
    }

    /// <summary>The shifts of local days from–to (yyyy-MM-dd; default this week), gaps included, and hours per person.</summary>
    private static async Task<Results<Ok<RotaView>, ProblemHttpResult>> GetRota(HttpContext http, TeamService team, CancellationToken ct,
        string? from = null, string? to = null)
    {
        var errors = new FieldErrors();
        var first = QueryValues.Date(errors, "from", from);
        var last = QueryValues.Date(errors, "to", to);
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        return Answer(await team.RotaAsync(http.Access(), first, last, ct));
    }

    /// <summary>Hours per person per ISO week (rota plus off-shift work) and the burnout flags; the lead sees everyone, others themselves.</summary>
    private static async Task<Results<Ok<TeamHoursReport>, ProblemHttpResult>> GetHours(HttpContext http, TeamService team, CancellationToken ct,
        string? from = null, string? to = null)
    {
        var errors = new FieldErrors();
        var first = QueryValues.Date(errors, "from", from);
        var last = QueryValues.Date(errors, "to", to);
        if (errors.Any)
        {
            return errors.ToFailure().ToProblem();
        }

        return Answer(await team.HoursAsync(http.Access(), first, last, ct));
    }

    /// <summary>Generates the rota (from today, default to the plan's end) and replaces the future generated shifts.</summary>
    private static async Task<Results<Ok<GenerateRotaResponse>, ProblemHttpResult>> Generate(GenerateRotaRequest? request, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.GenerateAsync(http.Access(), request ?? new GenerateRotaRequest(), ct));

    /// <summary>Who is on duty at an instant (ISO 8601, default now): people on a shift, gaps, roles no shift covers.</summary>
    private static async Task<Results<Ok<OnDutyResponse>, ProblemHttpResult>> GetOnDuty(HttpContext http, TeamService team, CancellationToken ct, string? at = null)
    {
        DateTimeOffset? instant = null;
        if (!string.IsNullOrWhiteSpace(at))
        {
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Invalid("at", $"'{at}' is not an instant (ISO 8601, e.g. 2026-03-02T09:00:00Z).");
            }

            instant = parsed;
        }

        return Answer(await team.OnDutyAsync(http.Access(), instant, ct));
    }

    private static async Task<Results<Ok<RotaSettingsResponse>, ProblemHttpResult>> GetSettings(HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.SettingsAsync(http.Access(), ct));

    /// <summary>Changes the rota rules (fields left out keep their value); send the version last read.</summary>
    private static async Task<Results<Ok<RotaSettingsResponse>, ProblemHttpResult>> UpdateSettings(RotaSettingsRequest request, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.UpdateSettingsAsync(http.Access(), request, ct));

    private static async Task<Results<Ok<IReadOnlyList<PersonAvailability>>, ProblemHttpResult>> GetAvailability(HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.AvailabilityAsync(http.Access(), ct));

    /// <summary>Replaces a person's weekly availability (an empty list: any time); one's own, or anyone's for the lead.</summary>
    private static async Task<Results<Ok<PersonAvailability>, ProblemHttpResult>> SetAvailability(int userId, AvailabilityRequest request, HttpContext http, TeamService team,
        CancellationToken ct) =>
        Answer(await team.SetAvailabilityAsync(http.Access(), userId, request, ct));

    private static async Task<Results<Ok<IReadOnlyList<TimeOffResponse>>, ProblemHttpResult>> GetTimeOff(HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.TimeOffAsync(http.Access(), ct));

    /// <summary>Records time off (userId default oneself); the person's future shifts on those days become gaps.</summary>
    private static async Task<Results<Created<TimeOffResponse>, ProblemHttpResult>> AddTimeOff(int projectId, TimeOffRequest request, HttpContext http, TeamService team,
        CancellationToken ct) =>
        Created(await team.AddTimeOffAsync(http.Access(), request, ct), t => $"/api/v1/projects/{projectId}/rota/time-off/{t.Id}");

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTimeOff(int timeOffId, HttpContext http, TeamService team, CancellationToken ct) =>
        NoContent(await team.DeleteTimeOffAsync(http.Access(), timeOffId, ct));

    /// <summary>A shift by hand (the lead), checked against every rota rule; one on a gap's instants fills it.</summary>
    private static async Task<Results<Created<ShiftResponse>, ProblemHttpResult>> AddShift(int projectId, ShiftRequest request, HttpContext http, TeamService team,
        CancellationToken ct) =>
        Created(await team.AddShiftAsync(http.Access(), request, ct), s => $"/api/v1/projects/{projectId}/rota?from={s.Date:yyyy-MM-dd}&to={s.Date:yyyy-MM-dd}");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveShift(int shiftId, HttpContext http, TeamService team, CancellationToken ct) =>
        NoContent(await team.RemoveShiftAsync(http.Access(), shiftId, ct));

    /// <summary>The person on a future shift (or the lead) offers it to the others of its role.</summary>
    private static async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> Offer(int shiftId, SwapOfferRequest? request, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.OfferAsync(http.Access(), shiftId, request ?? new SwapOfferRequest(), ct));

    private static async Task<Results<Ok<IReadOnlyList<SwapResponse>>, ProblemHttpResult>> GetSwaps(HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.SwapsAsync(http.Access(), ct));

    /// <summary>Takes an offered shift: at once if no rule breaks, else it waits for the lead with the rule named.</summary>
    private static async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> Take(int swapId, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.TakeAsync(http.Access(), swapId, ct));

    private static async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> Approve(int swapId, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.ApproveAsync(http.Access(), swapId, ct));

    private static async Task<Results<Ok<SwapResponse>, ProblemHttpResult>> Decline(int swapId, HttpContext http, TeamService team, CancellationToken ct) =>
        Answer(await team.DeclineAsync(http.Access(), swapId, ct));
}
