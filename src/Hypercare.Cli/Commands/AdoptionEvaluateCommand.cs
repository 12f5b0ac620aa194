using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Adoption.Flags;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare adoption evaluate`: evaluates the adoption flags of every project with adoption figures once (the web
/// host does it every hour). Safe from cron and alongside the host: an open flag is updated, never repeated.
/// </summary>
internal sealed class AdoptionEvaluateCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public AdoptionEvaluateCommand(CliContext cli)
        : base(cli, "evaluate", "Evaluate the adoption flags of every project with adoption figures once.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var projects = await Cli.WithStatusAsync("Evaluating adoption flags...", () => core.Get<AdoptionFlagRun>().RunAsync(cancellationToken));
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new { projectsEvaluated = projects }, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Projects evaluated: {projects}");
        return ExitCodes.Ok;
    }
}
