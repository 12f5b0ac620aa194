using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Exit;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare exit check`: each exit rule with its state and evidence, evaluated now on live data. Exits 0 when every
/// enabled rule holds and 3 when one does not, so a pipeline or a cut-over runbook can gate on it.
/// </summary>
internal sealed class ExitCheckCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ExitCheckCommand(CliContext cli)
        : base(cli, "check", "Evaluate the project's exit criteria now, with evidence; exit code 3 when any rule does not hold.")
    {
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var status = (await core.Get<ExitService>().StatusAsync(access, cancellationToken)).OrThrow(new Dictionary<string, string>());
        var evaluation = status.Evaluation;
        var code = evaluation.AllMet ? ExitCodes.Ok : ExitCodes.CriteriaNotMet;
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new { status.Stage, status.PlannedEnd, evaluation.Day, evaluation.AllMet, evaluation.Rules }, cancellationToken);
            return code;
        }

        Cli.WriteLine($"Exit criteria on {Tables.Date(evaluation.Day)} (stage: {status.Stage.Label()}, planned end: {(status.PlannedEnd is { } end ? Tables.Date(end) : "none")}).");
        var table = Tables.Create("Rule", "State", "Evidence");
        foreach (var rule in evaluation.Rules)
        {
            var evidence = string.Join(Environment.NewLine, rule.Evidence.Take(8).Select(e => e.Text)) + (rule.Evidence.Count > 8 ? $"{Environment.NewLine}… {rule.Evidence.Count - 8} more" : "");
            table.AddRow(Tables.Cells(rule.Title, State(rule.State), rule.Summary + (evidence.Length > 0 ? Environment.NewLine + evidence : "")));
        }

        Cli.Write(table);
        Cli.WriteLine(evaluation.AllMet ? "Every exit rule holds." : $"{evaluation.Rules.Count(r => r.State != RuleState.Met)} of {evaluation.Rules.Count} rules do not hold yet.");
        return code;
    }

    private static string State(RuleState state) => state switch
    {
        RuleState.Met => "met",
        RuleState.NotMet => "not met",
        _ => "not yet evaluable",
    };
}

/// <summary>`hypercare exit sweep`: the web host's periodic exit evaluation, once, for cron.</summary>
internal sealed class ExitSweepCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ExitSweepCommand(CliContext cli)
        : base(cli, "sweep", "Evaluate and record every open project's exit rules once; withdraw broken sign-offs; alert leads whose planned end is near.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var result = await Cli.WithStatusAsync("Evaluating exit criteria...", () => core.Get<ExitService>().SweepAsync(cancellationToken));
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(result, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Projects evaluated: {result.Projects}; went live: {result.WentLive}; sign-offs withdrawn: {result.SignOffsWithdrawn}; end-near alerts: {result.EndAlerts}");
        return ExitCodes.Ok;
    }
}
