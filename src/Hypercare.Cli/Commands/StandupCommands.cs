using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Standups;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare standup agenda --project P [--format markdown|json]`: the next standup's agenda (docs/standups.md), as the
/// Markdown to read out or paste into the meeting, or as JSON for scripts.
/// </summary>
internal sealed class StandupAgendaCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();

    private readonly Option<string> _format = new("--format")
    {
        Description = "markdown (default) or json (camelCase, alone on stdout)",
        DefaultValueFactory = _ => "markdown",
    };

    public StandupAgendaCommand(CliContext cli)
        : base(cli, "agenda", "The next standup's agenda: new Sev1/Sev2, SLA risks, triage, known issues, next patch, adoption, exit, burnout, on duty, open actions.")
    {
        _format.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not ("markdown" or "json") and var value)
            {
                result.AddError($"--format: '{value}' is not a format; use markdown or json.");
            }
        });
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var agenda = (await core.Get<StandupService>().AgendaAsync(access, null, cancellationToken)).OrThrow(new Dictionary<string, string>(StringComparer.Ordinal));
        if (parsed.GetValue(_format) == "json")
        {
            await Cli.WriteJsonAsync(agenda, cancellationToken);
            return ExitCodes.Ok;
        }

        await Cli.Out.WriteAsync(StandupText.Markdown(agenda).AsMemory(), cancellationToken);
        await Cli.Out.FlushAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
