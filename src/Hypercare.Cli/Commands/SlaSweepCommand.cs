using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Sla;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare sla sweep`: one SLA sweep over every project (recompute clocks, fire warnings, breaches and untriaged
/// alerts, notify). Safe from cron and alongside the web host's own sweep: each alert fires exactly once.
/// </summary>
internal sealed class SlaSweepCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public SlaSweepCommand(CliContext cli)
        : base(cli, "sweep", "Run the SLA sweep once for all projects: fire due warnings, breaches and untriaged alerts (exactly once each).")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var result = await Cli.WithStatusAsync("Sweeping SLA clocks...", () => core.Get<SlaSweep>().RunAsync(cancellationToken));
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(result, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Issues checked: {result.IssuesChecked}");
        Cli.WriteLine($"Alerts fired: {result.AlertsFired}");
        Cli.WriteLine($"Notifications: {result.Notifications}");
        return ExitCodes.Ok;
    }
}
