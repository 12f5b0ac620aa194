using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Adoption;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare adoption flags --project P`: the open flags (concerning adoption trends) with their evidence.</summary>
internal sealed class AdoptionFlagsCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal);

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<bool> _all = new("--all") { Description = "Include flags whose condition has cleared" };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public AdoptionFlagsCommand(CliContext cli)
        : base(cli, "flags", "Open adoption flags: what, since when, how much, and the evidence.")
    {
        Options.Add(_project);
        Options.Add(_all);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var flags = (await core.Get<AdoptionService>().ListFlagsAsync(access, parsed.GetValue(_all), cancellationToken)).OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(flags, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = Tables.Create("Id", "Kind", "Subject", "Since", "Summary", "Acknowledged");
        foreach (var f in flags)
        {
            table.AddRow(Tables.Cells(f.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CliOptions.CamelName(f.Kind), f.Subject,
                Tables.Date(f.Since), f.Summary, f.AcknowledgedAt is null ? "" : $"{f.AcknowledgedBy}: {f.AcknowledgementNote}"));
        }

        Cli.Write(table);
        Cli.WriteLine(flags.Count == 0 ? "No open flags." : $"{flags.Count} flag(s).");
        return ExitCodes.Ok;
    }
}
