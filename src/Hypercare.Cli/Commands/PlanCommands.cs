using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Planning;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare plan generate --input plan.json [--format markdown|json]`: the SOW plan of docs/sow-plan.md from a file of
/// inputs (the API's request body), as the Markdown SOW section or the plan as JSON. Needs no database. A file that is not
/// JSON is refused naming its line and column; a field out of bounds is refused naming the field; both exit 2.
/// </summary>
internal sealed class PlanGenerateCommand : HypercareCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly Option<string> _input = new("--input")
    {
        Description = "JSON file of plan inputs: system, licensedUsers, sites, timeZones, integrations, migratedRecords, customisation, criticality, rollout, goLive, team[{role, people, dayRate}], template, currency",
        Required = true,
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "markdown (the SOW section, default) or json (the plan)",
        DefaultValueFactory = _ => "markdown",
    };

    public PlanGenerateCommand(CliContext cli)
        : base(cli, "generate", "Generate a SOW plan (duration and why, phases, staffing, SLA, cadences, budget) from a file of inputs.")
    {
        _format.AcceptOnlyFromAmong("markdown", "json");
        Options.Add(_input);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var path = parsed.GetValue(_input)!;
        if (!File.Exists(path))
        {
            throw CliError.Usage($"--input: {path} does not exist.");
        }

        var request = Read(path, await File.ReadAllTextAsync(path, cancellationToken));
        var plan = PlanGenerator.Generate(request);
        if (!plan.Succeeded)
        {
            var failure = plan.Failure!;
            throw failure.Errors is null
                ? CliError.Usage($"--input: {failure.Message}")
                : CliError.Usage(string.Join(Environment.NewLine, failure.Errors.SelectMany(e => e.Value.Select(m => $"--input {Path.GetFileName(path)}: {e.Key}: {m}"))));
        }

        if (parsed.GetValue(_format) == "json")
        {
            await Cli.WriteJsonAsync(plan.Value!, cancellationToken);
        }
        else
        {
            await Cli.Out.WriteAsync(SowDocument.Markdown(plan.Value!).AsMemory(), cancellationToken);
            await Cli.Out.FlushAsync(cancellationToken);
        }

        return ExitCodes.Ok;
    }

    /// <summary>The request in the file; JSON that does not parse, or a value of the wrong type, names its line and column (1-based).</summary>
    internal static PlanRequest Read(string path, string text)
    {
        try
        {
            return JsonSerializer.Deserialize<PlanRequest>(text, Json) ?? throw CliError.Usage($"--input {Path.GetFileName(path)}: the file holds null, not plan inputs.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" ({e.Path.TrimStart('$', '.')})";
            throw CliError.Usage($"--input {Path.GetFileName(path)}:{where}{field}: {FirstSentence(e.Message)}");
        }
    }

    // System.Text.Json appends "Path: $.x | LineNumber: 1 | BytePositionInLine: 2." to its messages; the line and column are said already.
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
