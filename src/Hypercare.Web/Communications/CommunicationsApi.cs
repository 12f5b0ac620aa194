using Hypercare.Core.Communications;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.HttpResults;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Communications;

/// <summary>The three reports: live preview, edit, send now, schedules and the archive of what was sent to whom.</summary>
public static class CommunicationsApi
{
    public static IEndpointRouteBuilder MapCommunicationsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/projects/{projectId:int}/reports").WithTags("Communications").RequireAuthorization().RequireProjectMembership();
        reports.MapGet("/", ListArchive);
        reports.MapGet("/archive/{key}", GetArchived);
        reports.MapGet("/schedules", GetSchedules);
        reports.MapPut("/schedules/{kind}", PutSchedule);
        reports.MapGet("/{kind}/preview", Preview);
        reports.MapPut("/{kind}/draft", SaveDraft);
        reports.MapDelete("/{kind}/draft", DiscardDraft);
        reports.MapPost("/{kind}/send", SendNow);
        return app;
    }

    private static ProblemHttpResult UnknownKind(string kind) =>
        ApiResults.Invalid("kind", $"'{kind}' is not a report: use user-update, sponsor-status or leadership.");

    private static async Task<Results<Ok<IReadOnlyList<ReportSendSummary>>, ProblemHttpResult>> ListArchive(HttpContext http, CommunicationsService communications,
        string? kind, int? take, CancellationToken ct)
    {
        ReportKind? parsed = null;
        if (kind is not null)
        {
            parsed = ReportKinds.Parse(kind);
            if (parsed is null)
            {
                return UnknownKind(kind);
            }
        }

        return Answer(await communications.ArchiveAsync(http.Access(), parsed, take ?? 50, ct));
    }

    private static async Task<Results<Ok<ReportSendResponse>, ProblemHttpResult>> GetArchived(string key, HttpContext http, CommunicationsService communications,
        CancellationToken ct) =>
        Answer(await communications.GetAsync(http.Access(), key, ct));

    private static async Task<Results<Ok<IReadOnlyList<ScheduleResponse>>, ProblemHttpResult>> GetSchedules(HttpContext http, CommunicationsService communications,
        CancellationToken ct) =>
        Answer(await communications.SchedulesAsync(http.Access(), ct));

    private static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> PutSchedule(string kind, ScheduleRequest request, HttpContext http,
        CommunicationsService communications, CancellationToken ct) =>
        ReportKinds.Parse(kind) is { } parsed ? Answer(await communications.PutScheduleAsync(http.Access(), parsed, request, ct)) : UnknownKind(kind);

    private static async Task<Results<Ok<ReportPreview>, ProblemHttpResult>> Preview(string kind, HttpContext http, CommunicationsService communications,
        CancellationToken ct) =>
        ReportKinds.Parse(kind) is { } parsed ? Answer(await communications.PreviewAsync(http.Access(), parsed, ct)) : UnknownKind(kind);

    private static async Task<Results<Ok<ReportPreview>, ProblemHttpResult>> SaveDraft(string kind, DraftRequest request, HttpContext http,
        CommunicationsService communications, CancellationToken ct) =>
        ReportKinds.Parse(kind) is { } parsed ? Answer(await communications.SaveDraftAsync(http.Access(), parsed, request, ct)) : UnknownKind(kind);

    private static async Task<Results<Ok<ReportPreview>, ProblemHttpResult>> DiscardDraft(string kind, HttpContext http, CommunicationsService communications,
        CancellationToken ct) =>
        ReportKinds.Parse(kind) is { } parsed ? Answer(await communications.DiscardDraftAsync(http.Access(), parsed, ct)) : UnknownKind(kind);

    private static async Task<Results<Ok<ReportSendResponse>, ProblemHttpResult>> SendNow(string kind, HttpContext http, CommunicationsService communications,
        CancellationToken ct) =>
        ReportKinds.Parse(kind) is { } parsed ? Answer(await communications.SendNowAsync(http.Access(), parsed, ct)) : UnknownKind(kind);
}
