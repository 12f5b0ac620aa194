using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare projects list`: every project in the database, with its open issue count.</summary>
internal sealed class ProjectsListCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ProjectsListCommand(CliContext cli)
        : base(cli, "list", "List projects by go-live date.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var projects = await core.Get<ProjectService>().ListAsync(Caller.System, cancellationToken);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(projects, cancellationToken);
            return ExitCodes.Ok;
        }

        if (projects.Count == 0)
        {
            Cli.WriteLine("No projects yet. Create one with `hypercare projects create`, or try `hypercare demo seed`.");
            return ExitCodes.Ok;
        }

        var table = Tables.Create("Id", "Name", "System", "Go-live", "Planned end", "Open issues");
        foreach (var p in projects)
        {
            table.AddRow(Tables.Cells(
                p.Id.ToString(CultureInfo.InvariantCulture), p.Name, p.SystemName, Tables.Date(p.GoLiveDate), Tables.Date(p.PlannedEndDate),
                p.OpenIssues.ToString(CultureInfo.InvariantCulture)));
        }

        Cli.Write(table);
        return ExitCodes.Ok;
    }
}
