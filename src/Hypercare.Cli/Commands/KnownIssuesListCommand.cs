using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.KnownIssues;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare known-issues list`: a project's known issues with status, workaround and affected people.</summary>
internal sealed class KnownIssuesListCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<IReadOnlyList<KnownIssueStatus>> _status = CliOptions.Enums<KnownIssueStatus>("--status", "Only these statuses");
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public KnownIssuesListCommand(CliContext cli)
        : base(cli, "list", "List a project's known issues: open ones first, then fixed.")
    {
        Options.Add(_project);
        Options.Add(_status);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var known = await core.Get<KnownIssueService>().ListAsync(access.ProjectId, new KnownIssueFilter(parsed.GetValue(_status)), cancellationToken);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(known, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = Tables.Create("Id", "Status", "Title", "Affected", "Fix in", "Workaround");
        foreach (var k in known)
        {
            table.AddRow(Tables.Cells(k.Id.ToString(CultureInfo.InvariantCulture), k.Status.Label(), k.Title,
                k.AffectedPeople.ToString(CultureInfo.InvariantCulture), k.PatchName, k.Workaround is null ? "no" : "published"));
        }

        Cli.Write(table);
        Cli.WriteLine(known.Count == 0 ? "No known issues." : $"{known.Count} known issue(s).");
        return ExitCodes.Ok;
    }
}
