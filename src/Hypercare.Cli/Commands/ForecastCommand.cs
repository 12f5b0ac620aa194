using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Exit;
using Hypercare.Core.Forecasting;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare forecast --file F.csv [--model goel-okumoto|delayed-s-shaped]`: fits a reliability growth model to defect
/// arrivals and says how many defects remain and when a quiet spell becomes likely, or that the trend cannot tell yet.
/// </summary>
internal sealed class ForecastCommand : HypercareCommand
{
    // The exit-day rule of docs/forecast.md: a 3-day window without arrivals, at least 80 % likely, within a year.
    private const double WindowDays = 3;
    private const double QuietProbability = 0.8;
    private const int HorizonDays = 365;

    private const string NoEvidence = "not enough evidence that arrivals are falling; no end date can be forecast yet";

    private static readonly Dictionary<string, GrowthModel> ModelsByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["goel-okumoto"] = GrowthModel.GoelOkumoto,
        ["delayed-s-shaped"] = GrowthModel.DelayedSShaped,
    };

    // Not Required: --project is the other source of arrivals (a project's Sev1/Sev2 defects per day since go-live).
    private readonly Option<string?> _file = new("--file")
    {
        Description = "CSV with a header row: 'time' (cumulative arrival times, ascending) or 'end,count' (interval ends, increasing, and arrivals per interval)",
    };

    private readonly Option<GrowthModel?> _model = new("--model")
    {
        Description = "goel-okumoto or delayed-s-shaped (default: fit both and choose the lower AIC)",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (ModelsByName.TryGetValue(text, out var model))
            {
                return model;
            }

            result.AddError($"--model: '{text}' is not one of {string.Join(", ", ModelsByName.Keys)}.");
            return null;
        },
    };

    private readonly Option<int?> _project = new("--project")
    {
        Description = "Project id: fit its Sev1/Sev2 defects per whole local day since go-live (instead of --file)",
    };

    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ForecastCommand(CliContext cli)
        : base(cli, "forecast", "Fit a reliability growth model to defect arrivals: defects remaining, and the first day a quiet spell is likely.")
    {
        Options.Add(_file);
        Options.Add(_project);
        Options.Add(_model);
        Options.Add(_format);
    }

    internal static string ModelName(GrowthModel model) => ModelsByName.First(pair => pair.Value == model).Key;

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var arrivals = await LoadArrivalsAsync(parsed, cancellationToken);
        var requested = parsed.GetValue(_model);
        var fits = requested is { } model ? [ReliabilityGrowth.Fit(model, arrivals)] : ReliabilityGrowth.FitAll(arrivals);
        // With a model named, its fit is the answer even when it is not finite; otherwise the AIC choice, or none.
        var chosen = requested is null ? ReliabilityGrowth.Choose(fits) : fits[0];
        var response = ForecastResponse.From(chosen, arrivals, requested is null ? fits : null);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(response, cancellationToken);
            return ExitCodes.Ok;
        }

        Print(arrivals, fits, chosen, response, requested is null);
        return ExitCodes.Ok;
    }

    /// <summary>The arrivals to fit, on one time axis. Today only a file; any other source returns the same <see cref="ArrivalData"/>.</summary>
    private async Task<ArrivalData> LoadArrivalsAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.GetValue(_project) is { } projectId)
        {
            if (parsed.GetValue(_file) is not null)
            {
                throw CliError.Usage("--file and --project: give one source of arrivals, not both.");
            }

            await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
            var access = await core.ProjectAsync(projectId, cancellationToken);
            var forecast = (await core.Get<ExitService>().ForecastAsync(access, null, cancellationToken)).OrThrow(new Dictionary<string, string>());
            if (forecast.Days.Count < 2 || forecast.Days[^1].Cumulative == 0)
            {
                throw CliError.Usage($"--project: {forecast.Summary}");
            }

            if (parsed.GetValue(_format) != OutputFormat.Json)
            {
                Cli.WriteLine($"Project {projectId}: {forecast.Summary}");
            }

            // Day i since go-live (0-based) ends at i + 1 on the model's axis, in days.
            return new GroupedCounts([.. forecast.Days.Select((_, i) => (double)(i + 1))], [.. forecast.Days.Select(d => d.Count)]);
        }

        var path = parsed.GetValue(_file) ?? throw CliError.Usage("--file or --project: a CSV file of arrivals, or a project, is required.");
        if (!File.Exists(path))
        {
            throw CliError.Usage($"--file: {path} does not exist.");
        }

        // Arrival files are thousands of lines at most: read whole, parse from memory.
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        var outcome = ArrivalCsv.Read(new StringReader(text), path);
        return outcome.Value ?? throw CliError.Usage(outcome.Failure!.Message);
    }

    private void Print(ArrivalData arrivals, IReadOnlyList<GrowthFit> fits, GrowthFit? chosen, ForecastResponse response, bool compared)
    {
        var what = arrivals is GroupedCounts grouped
            ? $"{N(arrivals.Count)} arrivals in {N(grouped.Ends.Count)} intervals up to {G(arrivals.End)}"
            : $"{N(arrivals.Count)} arrival times up to {G(arrivals.End)}";
        if (compared)
        {
            var table = Tables.Create("Model", "Maximum", "Log-likelihood", "AIC");
            foreach (var fit in fits)
            {
                table.AddRow(Tables.Cells(ModelName(fit.Model) + (ReferenceEquals(fit, chosen) ? " (chosen)" : ""), fit.Finite ? "finite" : "none",
                    G(fit.LogLikelihood), G(fit.Aic)));
            }

            Cli.WriteLine($"Both models fitted to {what}; the lower AIC is chosen.");
            Cli.Write(table);
        }

        if (chosen is not { Finite: true, A: { } a, B: { } b })
        {
            Cli.WriteLine(NoEvidence);
            return;
        }

        Cli.WriteLine($"{ModelName(chosen.Model)} fit to {what}:");
        var estimates = Tables.Create("Parameter", "Estimate", "95 % bounds (Wald)");
        estimates.AddRow(Tables.Cells("a: defects in all", G(a), Bounds(chosen.ALower, chosen.AUpper)));
        estimates.AddRow(Tables.Cells("b: detection rate per time unit", G(b), Bounds(chosen.BLower, chosen.BUpper)));
        Cli.Write(estimates);
        Cli.WriteLine($"Expected remaining defects: {G(chosen.ExpectedRemaining)}. Log-likelihood {G(chosen.LogLikelihood)}, AIC {G(chosen.Aic)}.");
        Cli.WriteLine(response.ExitDay is { } day
            ? $"First day with P(no arrival in the next {G(WindowDays)} days) >= {G(QuietProbability)}: {G(day)}."
            : $"No day within {HorizonDays} days of {G(arrivals.End)} has P(no arrival in the next {G(WindowDays)} days) >= {G(QuietProbability)}.");
    }

    private static string Bounds(double? lower, double? upper) => lower is { } l && upper is { } u ? $"{G(l)} to {G(u)}" : "-";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string G(double? value) => value is { } v ? v.ToString("G5", CultureInfo.InvariantCulture) : "-";

    /// <summary>The JSON answer (camelCase); a and b and everything derived from them are null when there is no finite maximum.</summary>
    internal sealed record ForecastResponse(
        string? Model,
        double? A,
        double? B,
        double? LogLikelihood,
        double? Aic,
        bool Finite,
        double? ExpectedRemaining,
        double? ALower,
        double? AUpper,
        double? BLower,
        double? BUpper,
        int Observed,
        double ObservationEnd,
        double? ExitDay,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Candidate>? Candidates)
    {
        public static ForecastResponse From(GrowthFit? fit, ArrivalData arrivals, IReadOnlyList<GrowthFit>? compared) => new(
            fit is null ? null : ModelName(fit.Model), fit?.A, fit?.B, fit?.LogLikelihood, fit?.Aic, fit?.Finite ?? false, fit?.ExpectedRemaining,
            fit?.ALower, fit?.AUpper, fit?.BLower, fit?.BUpper, arrivals.Count, arrivals.End,
            fit is null ? null : ExitProjection.FirstQuietDay(fit, arrivals.End, WindowDays, QuietProbability, HorizonDays),
            compared?.Select(f => new Candidate(ModelName(f.Model), f.Finite, f.LogLikelihood, f.Aic)).ToList());
    }

    internal sealed record Candidate(string Model, bool Finite, double? LogLikelihood, double? Aic);
}
