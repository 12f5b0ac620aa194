using Hypercare.Core.Exit;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Exit;

/// <summary>How hypercare ends: the exit rules with their evidence, sign-off, override, extensions and the stage.</summary>
public static class ExitApi
{
    public static IEndpointRouteBuilder MapExitApi(this IEndpointRouteBuilder app)
    {
        var exit = app.MapGroup("/api/v1/projects/{projectId:int}/exit").WithTags("Exit").RequireAuthorization().RequireProjectMembership();
        exit.MapGet("/", GetStatus);
        exit.MapPost("/evaluate", Evaluate);
        exit.MapGet("/forecast", GetForecast);
        exit.MapGet("/forecast.png", GetForecastChart);
        exit.MapGet("/rules", GetRules);
        exit.MapPut("/rules", PutRules);
        exit.MapPost("/sign-off", SignOff);
        exit.MapPut("/override", PutOverride);
        exit.MapDelete("/override", DeleteOverride);
        exit.MapPost("/extensions", Extend);
        exit.MapPost("/stage", MoveStage);
        return app;
    }

    /// <summary>The rules evaluated now on live data, with evidence; the decisions; the daily history. Changes nothing.</summary>
    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> GetStatus(HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.StatusAsync(http.Access(), ct));

    /// <summary>Evaluates now and keeps it as today's record (the scheduled job does the same every few minutes).</summary>
    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> Evaluate(HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.EvaluateAsync(http.Access(), ct));

    /// <summary>
    /// The end-date forecast: arrivals per day, both model fits, the AIC choice and the predicted end. By default Sev1 and
    /// Sev2 defects; <c>severities</c> (e.g. sev1,sev2,sev3) and <c>category</c> (a category, or <c>any</c>) choose others.
    /// </summary>
    private static async Task<Results<Ok<ExitForecast>, ProblemHttpResult>> GetForecast(HttpContext http, ExitService exit, CancellationToken ct,
        string[]? severities = null, string? category = null) =>
        Selection(severities, category, out var selection) is { } refusal ? refusal : Answer(await exit.ForecastAsync(http.Access(), selection, ct));

    /// <summary>The forecast as a picture: observed cumulative arrivals, the fitted curve and its projection, predicted and planned end.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetForecastChart(HttpContext http, ExitService exit, CancellationToken ct,
        string[]? severities = null, string? category = null) =>
        Selection(severities, category, out var selection) is { } refusal
            ? refusal
            : ApiResults.FileOf(await exit.ForecastAsync(http.Access(), selection, ct), ExitForecasting.Chart, "image/png");

    private static ProblemHttpResult? Selection(string[]? severities, string? category, out ForecastSelection selection)
    {
        var errors = new Hypercare.Core.FieldErrors();
        selection = ForecastQuery.Parse(errors, severities, category);
        return errors.Any ? errors.ToFailure().ToProblem() : null;
    }

    private static async Task<Results<Ok<IReadOnlyList<ExitRuleSetting>>, ProblemHttpResult>> GetRules(HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.StatusAsync(http.Access(), ct), s => s.Rules);

    private static async Task<Results<Ok<IReadOnlyList<ExitRuleSetting>>, ProblemHttpResult>> PutRules(
        ExitRulesRequest request, HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.SetRulesAsync(http.Access(), request, ct));

    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> SignOff(
        HttpContext http, ExitService exit, CancellationToken ct, SignOffRequest? request = null) =>
        Answer(await exit.SignOffAsync(http.Access(), request ?? new SignOffRequest(null), ct));

    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> PutOverride(
        OverrideRequest request, HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.OverrideAsync(http.Access(), request, ct));

    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> DeleteOverride(HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.ClearOverrideAsync(http.Access(), ct));

    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> Extend(
        ExtendRequest request, HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.ExtendAsync(http.Access(), request, ct));

    private static async Task<Results<Ok<ExitStatus>, ProblemHttpResult>> MoveStage(
        StageRequest request, HttpContext http, ExitService exit, CancellationToken ct) =>
        Answer(await exit.MoveStageAsync(http.Access(), request, ct));
}
