using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare patches list`: planned patches (soonest first), then deployed ones (latest first).</summary>
internal sealed class PatchesListCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public PatchesListCommand(CliContext cli)
        : base(cli, "list", "List a project's patches with their slot, status and what they fix.")
    {
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var patches = await core.Get<PatchService>().ListAsync(access.ProjectId, cancellationToken);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(patches, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(new Dictionary<string, string>());
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        var table = Tables.Create("Id", "Name", "Status", $"Planned ({project.TimeZoneId})", "Deployed", "Issues", "Fixes");
        foreach (var p in patches)
        {
            table.AddRow(Tables.Cells(p.Id.ToString(CultureInfo.InvariantCulture), p.Name, CliOptions.CamelName(p.Status), Tables.Local(p.PlannedFor, zone),
                p.DeployedAt is { } at ? Tables.Local(at, zone) : null, p.IssueCount.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", p.Fixes.Select(f => f.Title))));
        }

        Cli.Write(table);
        Cli.WriteLine(patches.Count == 0 ? "No patches." : $"{patches.Count} patch(es).");
        return ExitCodes.Ok;
    }
}
