using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare adoption import logins|usage|users FILE --project P`: one file, all or nothing, with a row report.</summary>
internal sealed class AdoptionImportCommand : HypercareCommand
{
    private readonly Argument<string> _kind = new("kind")
    {
        Description = "logins (LoginHistory or Event Log Login), usage (Event Log LightningPageView/LightningInteraction/URI or user,time,feature CSV) or users (User export or roster)",
    };

    private readonly Argument<FileInfo> _file = new("file") { Description = "The CSV file (any size; it is streamed)" };
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<bool> _allowRejects = new("--allow-rejects")
    {
        Description = "Import the good rows of a file that has rejected ones (default: a file with any rejected row imports nothing)",
    };

    private readonly Option<string?> _map = new("--map")
    {
        Description = $"users only, for a generic roster: field:header pairs, e.g. id:Employee Id,name:Full name (fields: {string.Join(", ", RosterFields.Names)})",
    };

    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public AdoptionImportCommand(CliContext cli)
        : base(cli, "import", "Import a login, usage or roster export into a project (idempotent: importing a file again changes nothing).")
    {
        _kind.AcceptOnlyFromAmong("logins", "usage", "users");
        Arguments.Add(_kind);
        Arguments.Add(_file);
        Options.Add(_project);
        Options.Add(_allowRejects);
        Options.Add(_map);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var kind = parsed.GetValue(_kind) switch
        {
            "logins" => ImportKind.Logins,
            "usage" => ImportKind.Usage,
            _ => ImportKind.Users,
        };
        var file = parsed.GetValue(_file)!;
        if (!file.Exists)
        {
            throw CliError.Usage($"file: {file.FullName} does not exist.");
        }

        var mapping = ParseMapping(parsed.GetValue(_map));
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var importer = core.Get<AdoptionImporter>();
        var options = new ImportOptions(parsed.GetValue(_allowRejects), mapping);

        await using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Outcome<ImportReport> outcome;
        if (Cli.IsInteractive)
        {
            outcome = await Cli.ErrorConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, file.Length));
                    var progress = new Progress<long>(bytes => task.Value = bytes);
                    var result = await importer.ImportAsync(access, kind, stream, file.Name, options, progress, cancellationToken);
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        else
        {
            outcome = await importer.ImportAsync(access, kind, stream, file.Name, options, null, cancellationToken);
        }

        var report = outcome.Value ?? outcome.Failure?.Current as ImportReport;
        if (report is not null && parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(report, cancellationToken);
        }
        else if (report is not null)
        {
            Print(report);
        }

        if (!outcome.Succeeded)
        {
            var failure = outcome.Failure!;
            var lines = failure.Errors?.Values.SelectMany(v => v).ToList() ?? [];
            var message = failure.Kind == FailureKind.Invalid && lines.Count > 0
                ? string.Join(Environment.NewLine, lines.Append(failure.Message).Distinct())
                : failure.Message;
            throw new CliError(failure.Kind == FailureKind.Invalid ? ExitCodes.Usage : ExitCodes.Failure, message);
        }

        return ExitCodes.Ok;
    }

    private void Print(ImportReport report)
    {
        var table = Tables.Create("File", "Format", "Read", "Imported", "Duplicates", "Rejected", "Skipped", "Days");
        table.AddRow(Tables.Cells(report.FileName, report.Format, N(report.RowsRead), N(report.Imported), N(report.Duplicates), N(report.Rejected),
            N(report.Skipped), report.FirstDay is { } f ? $"{Tables.Date(f)} … {Tables.Date(report.LastDay)}" : ""));
        Cli.Write(table);
        Cli.WriteLine(report.Committed ? "Imported." : "Nothing was imported.");
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static Dictionary<string, string>? ParseMapping(string? map)
    {
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
                throw CliError.Usage($"--map: '{pair}' is not field:header with field one of {string.Join(", ", RosterFields.Names)}.");
            }

            mapping[RosterFields.Canonical(parts[0])] = parts[1];
        }

        return mapping;
    }
}
