using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Planning;
using Spectre.Console;

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

    private readonly Option<string> _input = InputOption();

    private readonly Option<string> _format = FormatOption("markdown (the SOW section, default) or json (the plan)");

    public PlanGenerateCommand(CliContext cli)
        : base(cli, "generate", "Generate a SOW plan (duration and why, phases, staffing, SLA, cadences, budget) from a file of inputs.")
    {
        Options.Add(_input);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var path = parsed.GetValue(_input)!;
        var plan = PlanGenerator.Generate(await ReadFileAsync(path, cancellationToken));
        if (!plan.Succeeded)
        {
            throw Refusal(plan.Failure!, path);
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

    /// <summary>--input: the JSON file of plan inputs (the API's request body).</summary>
    internal static Option<string> InputOption(bool required = true) => new("--input")
    {
        Description = "JSON file of plan inputs: system, licensedUsers, sites, timeZones, integrations, migratedRecords, customisation, criticality, rollout, goLive, team[{role, people, dayRate}], template, currency",
        Required = required,
    };

    /// <summary>--format: markdown (the default) or json.</summary>
    internal static Option<string> FormatOption(string description)
    {
        var option = new Option<string>("--format") { Description = description, DefaultValueFactory = _ => "markdown" };
        option.AcceptOnlyFromAmong("markdown", "json");
        return option;
    }

    /// <summary>The plan inputs in the file; a missing file names --input, bad JSON its line and column (<see cref="Read"/>).</summary>
    internal static async Task<PlanRequest> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? Read(path, await File.ReadAllTextAsync(path, cancellationToken))
            : throw CliError.Usage($"--input: {path} does not exist.");

    /// <summary>A refused plan input: each field's message prefixed with the option and the file (exit 2).</summary>
    internal static CliError Refusal(Hypercare.Core.Failure failure, string path) => failure.Errors is null
        ? CliError.Usage($"--input: {failure.Message}")
        : CliError.Usage(string.Join(Environment.NewLine, failure.Errors.SelectMany(e => e.Value.Select(m => $"--input {Path.GetFileName(path)}: {e.Key}: {m}"))));

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

/// <summary>
/// `hypercare plan apply --project N [--input plan.json] [--dry-run] [--format table|json]`: applies the project's SOW plan
/// (docs/sow-plan.md) to its phases, cadences, exit rules and rota rules in one audited transaction, printing the diff.
/// With --input the plan is generated from the file and kept first (as the SOW page's "Generate and keep" does); with
/// --dry-run only the diff is printed and nothing changes. Refusals name the field (the plan's dates, a closed project).
/// </summary>
internal sealed class PlanApplyCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();

    private readonly Option<string?> _input = new("--input")
    {
        Description = "JSON file of plan inputs to generate and keep before applying (default: the project's kept plan)",
    };

    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print what would change and change nothing" };

    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public PlanApplyCommand(CliContext cli)
        : base(cli, "apply", "Apply the SOW plan to the project: phases, SLA targets, triage, standup and patch cadences, exit rules, rota staffing (a live project: future phases only).")
    {
        Options.Add(_project);
        Options.Add(_input);
        Options.Add(_dryRun);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        PlanRequest? request = null;
        if (parsed.GetValue(_input) is { } path)
        {
            request = await PlanGenerateCommand.ReadFileAsync(path, cancellationToken);
            var checkedPlan = PlanGenerator.Generate(request);
            if (!checkedPlan.Succeeded)
            {
                throw PlanGenerateCommand.Refusal(checkedPlan.Failure!, path);
            }
        }

        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var plans = core.Get<PlanService>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["goLive"] = "the plan's goLive", ["plannedEnd"] = "the plan's end" };
        if (request is not null && !parsed.GetValue(_dryRun))
        {
            (await plans.GenerateAsync(access, request, cancellationToken)).OrThrow(fields);
        }

        PlanApplyPreview preview;
        if (request is not null && parsed.GetValue(_dryRun))
        {
            // A dry run with a file keeps nothing: the diff is of that plan, not of the kept one.
            preview = (await plans.PreviewApplyAsync(access, request, cancellationToken)).OrThrow(fields);
        }
        else
        {
            preview = (await plans.PreviewApplyAsync(access, cancellationToken)).OrThrow(fields);
            if (!parsed.GetValue(_dryRun))
            {
                preview = (await plans.ApplyAsync(access, new ApplyPlanRequest(preview.PlanVersion), cancellationToken)).OrThrow(fields);
            }
        }

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(preview, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine(parsed.GetValue(_dryRun)
            ? $"Dry run: applying the plan would change {Changes(preview)}; nothing was changed."
            : preview.HasChanges ? $"Applied the SOW plan (version {preview.PlanVersion}): {Changes(preview)}." : "The project already follows the SOW plan: nothing changed.");
        var phases = Tables.Create("Phase", "Change", "Dates", "Why", "What changes");
        foreach (var c in preview.Phases)
        {
            phases.AddRow(Tables.Cells(c.Name, c.Kind.ToString().ToLowerInvariant(), $"{c.Start:yyyy-MM-dd} to {c.End:yyyy-MM-dd}", c.Reason, string.Join("; ", c.Differences)));
        }

        Cli.Write(phases);
        if (preview.Settings.Count > 0)
        {
            var settings = Tables.Create("Setting", "Now", "After");
            foreach (var s in preview.Settings)
            {
                settings.AddRow(Tables.Cells($"{s.Area}.{s.Setting}", s.Before ?? "-", s.After));
            }

            Cli.Write(settings);
        }

        foreach (var note in preview.Notes)
        {
            Cli.WriteLine("Note: " + note);
        }

        return ExitCodes.Ok;
    }

    private static string Changes(PlanApplyPreview p) =>
        $"{p.Phases.Count(c => c.Kind == PhaseChangeKind.Create)} phase(s) created, {p.Phases.Count(c => c.Kind == PhaseChangeKind.Update)} changed, "
        + $"{p.Phases.Count(c => c.Kind == PhaseChangeKind.Remove)} removed, {p.Phases.Count(c => c.Kind == PhaseChangeKind.Keep)} kept, {p.Settings.Count} setting(s)";
}

/// <summary>`hypercare plan burn --project N [--format table|json]`: the budget burn against the kept SOW plan, and the project's pitfalls.</summary>
internal sealed class PlanBurnCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public PlanBurnCommand(CliContext cli)
        : base(cli, "burn", "Budget burn: planned against actual hours from the rota, cost to date, projected at the planned and the forecast end; then the pitfalls.")
    {
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var plans = core.Get<PlanService>();
        var burn = (await plans.BurnAsync(access, cancellationToken)).OrThrow(new Dictionary<string, string>(StringComparer.Ordinal));
        var pitfalls = (await plans.PitfallsAsync(access, cancellationToken)).Value ?? [];
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new { burn, pitfalls }, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine(burn.Summary);
        var table = Tables.Create("Role", "Planned h", "Planned to date", "Actual to date", "Cost to date", "Projected h", "Projected cost");
        foreach (var r in burn.Roles)
        {
            table.AddRow(Tables.Cells(PlanGenerator.RoleName(r.Role) + (r.Rostered ? "" : " (not rostered: as planned)"), H(r.PlannedHours), H(r.PlannedHoursToDate),
                H(r.HoursToDate), PlanGenerator.Money(r.CostToDate, burn.Currency), H(r.ProjectedHours), PlanGenerator.Money(r.ProjectedCost, burn.Currency)));
        }

        Cli.Write(table);
        foreach (var p in pitfalls)
        {
            Cli.WriteLine("Pitfall: " + p.Message);
        }

        return ExitCodes.Ok;
    }

    private static string H(decimal hours) => hours.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// `hypercare plan compare --input plan.json [--format markdown|json]`: the standard (or complex) plan of the inputs beside
/// 90-day continuous hypercare, with the cost and hours it adds. Needs no database; refusals as `plan generate`.
/// </summary>
internal sealed class PlanCompareCommand : HypercareCommand
{
    private readonly Option<string> _input = PlanGenerateCommand.InputOption();

    private readonly Option<string> _format = PlanGenerateCommand.FormatOption("markdown (a comparison table, default) or json");

    public PlanCompareCommand(CliContext cli)
        : base(cli, "compare", "Compare the recommended plan with 90-day continuous hypercare: duration, phases, hours and cost side by side.")
    {
        Options.Add(_input);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var path = parsed.GetValue(_input)!;
        var compared = PlanGenerator.Compare(await PlanGenerateCommand.ReadFileAsync(path, cancellationToken));
        if (!compared.Succeeded)
        {
            throw PlanGenerateCommand.Refusal(compared.Failure!, path);
        }

        var c = compared.Value!;
        if (parsed.GetValue(_format) == "json")
        {
            await Cli.WriteJsonAsync(c, cancellationToken);
            return ExitCodes.Ok;
        }

        string Money(decimal amount) => PlanGenerator.Money(amount, c.Standard.Budget.Currency);
        static string H(decimal hours) => hours.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture);
        string Phases(SowPlan p) => string.Join("; ", p.Phases.Select(x => $"{x.Name} {x.Days} d"));
        var md = new System.Text.StringBuilder();
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"# {c.Standard.System}: {PlanGenerator.Label(c.Standard.Template)} plan against 90-day continuous hypercare");
        md.AppendLine();
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| | {PlanGenerator.Label(c.Standard.Template)} | 90-day continuous |");
        md.AppendLine("| --- | --- | --- |");
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| Duration | {c.Standard.DurationDays} days, to {c.Standard.PlannedEnd:yyyy-MM-dd} | {c.Continuous.DurationDays} days, to {c.Continuous.PlannedEnd:yyyy-MM-dd} |");
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| Phases | {Phases(c.Standard)} | {Phases(c.Continuous)} |");
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| Hours (with contingency) | {H(c.Standard.Budget.TotalHours)} | {H(c.Continuous.Budget.TotalHours)} |");
        md.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"| Cost (with contingency) | {Money(c.Standard.Budget.TotalCost)} | {Money(c.Continuous.Budget.TotalCost)} |");
        md.AppendLine();
        md.AppendLine(c.Summary);
        await Cli.Out.WriteAsync(md.ToString().AsMemory(), cancellationToken);
        await Cli.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
