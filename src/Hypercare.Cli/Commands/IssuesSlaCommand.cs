using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare issues sla`: an issue's three SLA clocks (first response, resolution, reporter updates) and its alerts.</summary>
internal sealed class IssuesSlaCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal);

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<int> _issue = new("--issue") { Description = "Issue id", Required = true };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public IssuesSlaCommand(CliContext cli)
        : base(cli, "sla", "Show an issue's SLA clocks: target, due time, time left or overdue, state, percent used, phase; and the alerts fired.")
    {
        Options.Add(_project);
        Options.Add(_issue);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var issueId = parsed.GetValue(_issue);
        var outcome = await core.Get<SlaService>().StateAsync(access, issueId, cancellationToken);
        if (outcome.Failure?.Kind == FailureKind.NotFound)
        {
            throw CliError.NotFound($"Issue {issueId} in project {access.ProjectId}");
        }

        var sla = outcome.OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(sla, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(OptionsByField);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        Cli.WriteLine($"Issue #{sla.IssueId} ({CliOptions.CamelName(sla.Severity)}); times in {project.TimeZoneId}.");
        var table = Tables.Create("Clock", "Target", "Due", "Left", "State", "Used", "Phase");
        foreach (var clock in new[] { sla.Response, sla.Resolution, sla.Update })
        {
            var decided = clock.Status is ClockStatus.Met or ClockStatus.Missed or ClockStatus.Stopped or ClockStatus.NoTarget;
            table.AddRow(Tables.Cells(
                CliOptions.CamelName(clock.Kind),
                clock.TargetText ?? "no target",
                Tables.Local(clock.DueAt, zone),
                decided || clock.Remaining is null ? "" : Durations.Left(clock.Remaining.Value),
                CliOptions.CamelName(clock.Status),
                clock.PercentUsed is { } p ? p.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "",
                clock.Phase));
        }

        Cli.Write(table);
        foreach (var alert in sla.Alerts)
        {
            Cli.WriteLine($"{Tables.Local(alert.CrossedAt, zone)}  {Escalation.Describe(alert.Kind, alert.Threshold)}");
        }

        return ExitCodes.Ok;
    }
}
