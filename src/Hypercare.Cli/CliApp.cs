using System.CommandLine;
using Hypercare.Cli.Commands;
using Hypercare.Cli.Shared;
using Hypercare.Core.Data;

namespace Hypercare.Cli;

/// <summary>The `hypercare` command tree. Runs in-process on any writers so tests need no child processes.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin,
        TimeProvider? time = null, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        // Progress and prompts only make sense on a real terminal; redirected output and tests get plain text.
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;
        var cli = new CliContext(stdout, stderr, stdin, time ?? TimeProvider.System, interactive,
            environment ?? Environment.GetEnvironmentVariable);
        var root = CreateRoot(cli);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action?.ClearsParseErrors != true)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync(error.Message);
            }

            await stderr.WriteLineAsync($"Run '{CommandPath(parsed)} --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    internal static RootCommand CreateRoot(CliContext cli)
    {
        var root = new RootCommand($"""
            Hypercare: the command centre for the hypercare period after a go-live.
            Commands read `hypercare <noun> <verb>`; listings take --format table|json (json alone on stdout).
            The database is --db, else the {DatabaseTarget.EnvironmentVariable} environment variable, else {DatabaseTarget.DefaultSqlitePath}:
            a SQLite file path or a PostgreSQL connection string (Host=...;Database=... or postgres://...).

            {ExitCodes.Help}
            """);
        root.Options.Add(CliOptions.Database);

        root.Subcommands.Add(Group("db", "Database schema.", new DbMigrateCommand(cli)));
        root.Subcommands.Add(Group("users", "People who sign in.", new UsersAddCommand(cli)));
        root.Subcommands.Add(Group("tokens", "API tokens for tools and scripts.", new TokensCreateCommand(cli)));
        root.Subcommands.Add(Group("projects", "Go-live projects.",
            new ProjectsCreateCommand(cli),
            new ProjectsListCommand(cli),
            Group("members", "People in a project and their roles.", new ProjectsMembersAddCommand(cli))));
        root.Subcommands.Add(Group("issues", "Issues reported during hypercare.", new IssuesListCommand(cli), new IssuesShowCommand(cli),
            new IssuesSlaCommand(cli)));
        root.Subcommands.Add(Group("sla", "SLA clocks: compliance reports and the alert sweep.", new SlaReportCommand(cli), new SlaSweepCommand(cli)));
        root.Subcommands.Add(Group("triage", "The triage queue.", new TriageQueueCommand(cli)));
        root.Subcommands.Add(Group("outbox", "Outbound delivery: e-mail, Slack and Teams.", new OutboxDispatchCommand(cli)));
        root.Subcommands.Add(Group("reports", "The user update, sponsor status and leadership report.",
            new ReportsPreviewCommand(cli), new ReportsSendCommand(cli), new ReportsRunDueCommand(cli)));
        root.Subcommands.Add(Group("known-issues", "Known issues and their workarounds.", new KnownIssuesListCommand(cli)));
        root.Subcommands.Add(Group("patches", "Hypercare patches.", new PatchesListCommand(cli), new PatchesDeployCommand(cli)));
        root.Subcommands.Add(Group("exit", "How hypercare ends: the exit criteria gate and their scheduled evaluation.", new ExitCheckCommand(cli), new ExitSweepCommand(cli)));
        root.Subcommands.Add(Group("rota", "The support rota: who is on duty when, gaps and hours.", new RotaGenerateCommand(cli), new RotaShowCommand(cli)));
        root.Subcommands.Add(Group("demo", "Demonstration data.", new DemoSeedCommand(cli)));
        root.Subcommands.Add(Group("standup", "The standups: the next agenda.", new StandupAgendaCommand(cli)));
        root.Subcommands.Add(Group("plan", "The SOW plan: duration, phases, staffing and budget from a rollout's inputs.", new PlanGenerateCommand(cli), new PlanCompareCommand(cli), new PlanApplyCommand(cli), new PlanBurnCommand(cli)));
        root.Subcommands.Add(Group("adoption", "Adoption monitoring: login and usage imports, daily figures, flags.",
            new AdoptionImportCommand(cli), new AdoptionDailyCommand(cli), new AdoptionFlagsCommand(cli), new AdoptionEvaluateCommand(cli)));
        root.Subcommands.Add(new ForecastCommand(cli));
        return root;
    }

    private static Command Group(string name, string description, params Command[] verbs)
    {
        var group = new Command(name, description);
        foreach (var verb in verbs)
        {
            group.Subcommands.Add(verb);
        }

        return group;
    }

    private static string CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Command is RootCommand ? "hypercare" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
