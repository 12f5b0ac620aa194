using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.People;
using Hypercare.Core.Projects;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare projects create`: a go-live project. Prints the new id alone so scripts can capture it.</summary>
internal sealed class ProjectsCreateCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal)
    {
        ["name"] = "--name",
        ["systemName"] = "--system",
        ["goLiveDate"] = "--go-live",
        ["plannedEndDate"] = "--planned-end",
        ["timeZoneId"] = "--time-zone",
    };

    private readonly Option<string> _name = new("--name") { Description = "Project name", Required = true };
    private readonly Option<string> _system = new("--system") { Description = "The system going live, e.g. \"Salesforce Sales Cloud\"", Required = true };
    private readonly Option<DateOnly?> _goLive = CliOptions.Date("--go-live", "Go-live date", required: true);
    private readonly Option<DateOnly?> _plannedEnd = CliOptions.Date("--planned-end", "Planned end of hypercare", required: false);
    private readonly Option<string> _timeZone = new("--time-zone") { Description = "IANA time zone of the project, e.g. Europe/Berlin", Required = true };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ProjectsCreateCommand(CliContext cli)
        : base(cli, "create", "Create a go-live project and print its id.")
    {
        Options.Add(_name);
        Options.Add(_system);
        Options.Add(_goLive);
        Options.Add(_plannedEnd);
        Options.Add(_timeZone);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var request = new CreateProjectRequest(parsed.GetValue(_name), parsed.GetValue(_system), parsed.GetValue(_goLive),
            parsed.GetValue(_plannedEnd), parsed.GetValue(_timeZone));
        var project = (await core.Get<ProjectService>().CreateAsync(Caller.System, request, cancellationToken)).OrThrow(OptionsByField);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(project, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine(project.Id.ToString(CultureInfo.InvariantCulture));
        Cli.Note($"Created project {project.Id} '{project.Name}' ({project.SystemName}), go-live {project.GoLiveDate:yyyy-MM-dd}, {project.TimeZoneId}. " +
            $"Add people with `hypercare projects members add --project {project.Id} --email ... --role hypercareLead`.");
        return ExitCodes.Ok;
    }
}
