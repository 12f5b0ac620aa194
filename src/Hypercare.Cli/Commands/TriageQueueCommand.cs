using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Projects;
using Hypercare.Core.Triage;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare triage queue`: the New issues, most severe (proposed) first, then oldest, with waiting time and first-response time left.</summary>
internal sealed class TriageQueueCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal);

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public TriageQueueCommand(CliContext cli)
        : base(cli, "queue", "The triage queue: New issues, most severe first, then oldest, with time waited and first-response time left.")
    {
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var queue = (await core.Get<TriageService>().QueueAsync(access, cancellationToken: cancellationToken)).OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(queue, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(OptionsByField);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        var table = Tables.Create("Id", "Proposed", "Title", "Reporter", "Waiting", "First response", "Over limit");
        foreach (var item in queue.Items)
        {
            table.AddRow(Tables.Cells(
                item.Issue.Id.ToString(CultureInfo.InvariantCulture),
                CliOptions.CamelName(item.ProposedSeverity),
                item.Issue.Title,
                item.Issue.Reporter.DisplayName,
                Durations.Text(item.WaitingFor),
                item.ResponseLeft is { } left ? $"{Durations.Left(left)} (due {Tables.Local(item.ResponseDueAt, zone)})" : "-",
                item.OverUntriagedLimit ? "yes" : ""));
        }

        Cli.Write(table);
        Cli.WriteLine(queue.Total == 0 ? "The triage queue is empty." : $"{queue.Total} issue(s) waiting for triage.");
        Cli.WriteLine(queue.NextSessionAt is { } next ? $"Next triage session: {Tables.Local(next, zone)} ({project.TimeZoneId})." : "No triage session scheduled in the next two weeks.");
        if (queue.OpenSessionId is { } open)
        {
            Cli.WriteLine($"Triage session {open} is open.");
        }

        return ExitCodes.Ok;
    }
}
