using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Patches;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare patches deploy`: marks a patch deployed (issues resolved, known issues fixed, reporters told).</summary>
internal sealed class PatchesDeployCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<int> _patch = new("--patch") { Description = "The patch id", Required = true };
    private readonly Option<DateTimeOffset?> _at = new("--at") { Description = "When it went out (ISO 8601 instant); default now" };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public PatchesDeployCommand(CliContext cli)
        : base(cli, "deploy", "Mark a patch deployed: its issues move to Resolved, its known issues to Fixed, reporters are told.")
    {
        Options.Add(_project);
        Options.Add(_patch);
        Options.Add(_at);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var service = core.Get<PatchService>();
        // An operator's command acts on the patch as it is now: the version read here is the one deployed.
        var current = (await service.GetAsync(access, parsed.GetValue(_patch), cancellationToken)).OrThrow(new Dictionary<string, string>(StringComparer.Ordinal));
        var deployed = (await service.DeployAsync(access, parsed.GetValue(_patch), new DeployPatchRequest(parsed.GetValue(_at), current.Patch.Version), cancellationToken))
            .OrThrow(new Dictionary<string, string>(StringComparer.Ordinal) { ["deployedAt"] = "--at" });
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(deployed, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"{deployed.Patch.Name} deployed: {deployed.Issues.Count} issue(s) resolved.");
        return ExitCodes.Ok;
    }
}
