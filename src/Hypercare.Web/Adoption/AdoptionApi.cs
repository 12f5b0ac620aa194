using System.Globalization;
using System.Text;
using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Projects;
using Hypercare.Web.Shared;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using static Hypercare.Web.Shared.ApiResults;

namespace Hypercare.Web.Adoption;

public static class AdoptionApi
{
    /// <summary>Uploads are streamed to a temporary file; anything larger than this is refused with 413.</summary>
    public const long DefaultMaxUploadBytes = 4L * 1024 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdoptionApi(this IEndpointRouteBuilder app)
    {
        var adoption = app.MapGroup("/api/v1/projects/{projectId:int}/adoption").WithTags("Adoption").RequireAuthorization().RequireProjectMembership();
        adoption.MapGet("/", GetOverview);
        adoption.MapGet("/daily", GetDaily);
        adoption.MapGet("/failures", GetFailures);
        adoption.MapGet("/never-logged-in", GetNeverLoggedIn);
        adoption.MapGet("/flags", GetFlags);
        adoption.MapPost("/flags/evaluate", EvaluateFlags);
        adoption.MapPost("/flags/{flagId:int}/acknowledge", AcknowledgeFlag);
        adoption.MapGet("/settings", GetSettings);
        adoption.MapPut("/settings", PutSettings);
        adoption.MapGet("/charts/{chart}", GetChart);
        adoption.MapPost("/imports/{kind}", Import)
            .WithMetadata(new UploadLimit(DefaultMaxUploadBytes));

        // The page's upload form (multipart, antiforgery-checked); it answers with a redirect back to the page.
        app.MapPost("/projects/{projectId:int}/adoption/upload", UploadFromPage)
            .RequireAuthorization()
            .WithMetadata(new UploadLimit(DefaultMaxUploadBytes))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> UploadFromPage(int projectId, HttpContext http, ProjectService projects, IImportRunner imports,
        Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, CancellationToken ct)
    {
        var access = await projects.AccessAsync(http.User.RequireCaller(), projectId, ct);
        if (access is null)
        {
            return TypedResults.NotFound();
        }

        if (!access.Can(Permission.ManageAdoption))
        {
            // A plain 403: Forbid() would redirect to the cookie scheme's access-denied page.
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = DefaultMaxUploadBytes;
        }

        var back = $"/projects/{projectId}/adoption";
        string Message(string text) => $"{back}?importMessage={Uri.EscapeDataString(text)}";
        var temp = UploadPath();
        try
        {
            // The file part goes straight to a file of ours (the worker reads it by path), never into memory; the
            // other fields become the form the antiforgery check reads.
            var upload = await UploadForm.ReadAsync(http, temp, DefaultMaxUploadBytes, ct);
            if (upload is null)
            {
                return TypedResults.BadRequest();
            }

            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException)
            {
                return TypedResults.BadRequest();
            }

            var form = http.Request.Form;
            ImportKind? kind = form["kind"].ToString() switch
            {
                "logins" => ImportKind.Logins,
                "usage" => ImportKind.Usage,
                "users" => ImportKind.Users,
                _ => null,
            };
            if (upload.FileName is null || upload.Length == 0 || kind is null)
            {
                return TypedResults.Redirect(Message("Choose what the file holds and a CSV file to import."));
            }

            var outcome = await imports.RunAsync(new ImportJob(access, kind.Value, temp, Path.GetFileName(upload.FileName),
                new ImportOptions(form["allowRejects"] == "true")), ct);
            if (outcome.Succeeded)
            {
                var r = outcome.Value!;
                return TypedResults.Redirect(Message(string.Create(CultureInfo.InvariantCulture,
                    $"{r.FileName}: {r.RowsRead:N0} rows read, {r.Imported:N0} imported, {r.Duplicates:N0} duplicates, {r.Rejected:N0} rejected.")));
            }

            var failure = outcome.Failure!;
            var first = failure.Errors?.Values.SelectMany(v => v).FirstOrDefault();
            return TypedResults.Redirect(Message(first is null ? failure.Message : $"{first} {failure.Message}"));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static async Task<Results<Ok<AdoptionOverview>, ProblemHttpResult>> GetOverview(HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.OverviewAsync(http.Access(), ct));

    private static async Task<Results<Ok<IReadOnlyList<DailyFigure>>, ProblemHttpResult>> GetDaily(HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.DailyAsync(http.Access(), ct));

    private static async Task<Results<Ok<IReadOnlyList<FailureDayRow>>, ProblemHttpResult>> GetFailures(HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.FailureDaysAsync(http.Access(), ct));

    private static async Task<Results<Ok<IReadOnlyList<NeverLoggedInUser>>, FileContentHttpResult, ProblemHttpResult>> GetNeverLoggedIn(
        HttpContext http, AdoptionService adoption, string? format, CancellationToken ct)
    {
        var outcome = await adoption.NeverLoggedInAsync(http.Access(), ct);
        if (!outcome.Succeeded)
        {
            return outcome.Failure!.ToProblem();
        }

        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.File(NeverLoggedInCsv.Write(outcome.Value!), "text/csv; charset=utf-8", "never-logged-in.csv");
        }

        return format is null or "json" ? TypedResults.Ok(outcome.Value!) : ApiResults.Invalid("format", "format is json or csv.");
    }

    private static async Task<Results<Ok<IReadOnlyList<FlagResponse>>, ProblemHttpResult>> GetFlags(HttpContext http, AdoptionService adoption, bool? all, CancellationToken ct) =>
        Answer(await adoption.ListFlagsAsync(http.Access(), all == true, ct));

    private static async Task<Results<Ok<IReadOnlyList<FlagResponse>>, ProblemHttpResult>> EvaluateFlags(HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.EvaluateFlagsAsync(http.Access(), ct));

    private static async Task<Results<Ok<FlagResponse>, ProblemHttpResult>> AcknowledgeFlag(
        int flagId, AcknowledgeFlagRequest request, HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.AcknowledgeAsync(http.Access(), flagId, request, ct));

    private static async Task<Results<Ok<AdoptionSettingsDto>, ProblemHttpResult>> GetSettings(HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.GetSettingsAsync(http.Access(), ct));

    private static async Task<Results<Ok<AdoptionSettingsDto>, ProblemHttpResult>> PutSettings(
        AdoptionSettingsDto request, HttpContext http, AdoptionService adoption, CancellationToken ct) =>
        Answer(await adoption.PutSettingsAsync(http.Access(), request, ct));

    /// <summary>login-rate, by-department or feature-usage, as .png (for e-mail) or .svg (for the page).</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetChart(string chart, HttpContext http, AdoptionService adoption, CancellationToken ct)
    {
        var name = Path.GetFileNameWithoutExtension(chart);
        var format = Path.GetExtension(chart).ToLowerInvariant() switch
        {
            ".png" => ChartFormat.Png,
            ".svg" => ChartFormat.Svg,
            _ => (ChartFormat?)null,
        };
        Func<AdoptionOverview, ChartFormat, byte[]>? draw = name switch
        {
            "login-rate" => AdoptionCharts.LoginRate,
            "by-department" => AdoptionCharts.ByDepartment,
            "feature-usage" => AdoptionCharts.FeatureUsage,
            _ => null,
        };
        if (format is null || draw is null)
        {
            return ApiResults.Invalid("chart", "chart is login-rate, by-department or feature-usage, followed by .png or .svg.");
        }

        var overview = await adoption.OverviewAsync(http.Access(), ct);
        if (!overview.Succeeded)
        {
            return overview.Failure!.ToProblem();
        }

        return TypedResults.File(draw(overview.Value!, format.Value), format == ChartFormat.Png ? "image/png" : "image/svg+xml");
    }

    /// <summary>
    /// The body is the file (CSV), streamed to a temporary file under the upload limit, then imported in one
    /// transaction (by a child process, ADR 0047): the database is never held while the network is slow, and a
    /// half-sent file imports nothing.
    /// </summary>
    private static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> Import(
        string kind, HttpContext http, IImportRunner imports, bool? allowRejects, string? fileName, string? map, CancellationToken ct)
    {
        var access = http.Access();
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not import adoption data in this project.").ToProblem();
        }

        ImportKind? importKind = kind switch
        {
            "logins" => ImportKind.Logins,
            "usage" => ImportKind.Usage,
            "users" => ImportKind.Users,
            _ => null,
        };
        if (importKind is null)
        {
            return ApiResults.Invalid("kind", "kind is logins, usage or users.");
        }

        var mapping = ParseMapping(map, out var mapError);
        if (mapError is not null)
        {
            return ApiResults.Invalid("map", mapError);
        }

        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultMaxUploadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        var temp = UploadPath();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
                {
                    total += read;
                    if (total > limit)
                    {
                        return TooLarge(limit);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            var name = string.IsNullOrWhiteSpace(fileName) ? $"upload.{kind}.csv" : Path.GetFileName(fileName);
            var outcome = await imports.RunAsync(new ImportJob(access, importKind.Value, temp, name, new ImportOptions(allowRejects == true, mapping)), ct);
            return Answer(outcome);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A generic roster's column mapping: <c>id:Employee Id,name:Full name</c>.</summary>
    private static Dictionary<string, string>? ParseMapping(string? map, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(map))
        {
            return null;
        }

        var mapping = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in map.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1].Length == 0 || !RosterFields.Contains(parts[0]))
            {
                error = $"'{pair}' is not field:header with field one of {string.Join(", ", RosterFields.Names)}.";
                return null;
            }

            mapping[RosterFields.Canonical(parts[0])] = parts[1];
        }

        return mapping;
    }

    private static string UploadPath() => Path.Combine(Path.GetTempPath(), $"hypercare-upload-{Guid.NewGuid():N}.csv");

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        $"Uploads may be at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes; nothing was imported.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");


    /// <summary>Lets one endpoint take bodies above the host-wide 1 MB cap.</summary>
    private sealed record UploadLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}

/// <summary>The never-logged-in list as CSV for the change manager's mail merge (RFC 4180 quoting, formula cells neutralised).</summary>
public static class NeverLoggedInCsv
{
    public static byte[] Write(IEnumerable<NeverLoggedInUser> users)
    {
        var text = new StringBuilder("UserId,Username,Name,Profile,Role,Department,Licensed,LastLoginInExport\r\n");
        foreach (var u in users)
        {
            text.AppendJoin(',', new[]
            {
                u.UserId, u.Username, u.Name, u.Profile, u.Role, u.Department, u.Licensed ? "true" : "false",
                u.LastLoginInExport?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            }.Select(Cell)).Append("\r\n");
        }

        return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = + - @ would run as a formula in a spreadsheet.
        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
