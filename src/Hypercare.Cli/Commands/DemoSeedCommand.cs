using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Demo;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare demo seed`: the deterministic demo go-live (idempotent: a second run reports the existing project).</summary>
internal sealed class DemoSeedCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public DemoSeedCommand(CliContext cli)
        : base(cli, "seed", "Create a demo project ten days after go-live, with people, issues, comments and history.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var demo = await Cli.WithStatusAsync("Seeding the demo go-live (people, ten days of issues)...",
            () => core.Get<DemoSeeder>().SeedAsync(cancellationToken));

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new
            {
                demo.ProjectId,
                demo.ProjectName,
                demo.Issues,
                People = demo.People.Select(p => new { p.Email, p.Role }),
                demo.Password,
            }, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Demo project {demo.ProjectId}: {demo.ProjectName}, {demo.Issues} issues.");
        Cli.WriteLine($"Everyone signs in with the password: {demo.Password}");
        var people = Tables.Create("E-mail", "Role");
        foreach (var (email, role) in demo.People)
        {
            people.AddRow(Tables.Cells(email, CliOptions.CamelName(role)));
        }

        Cli.Write(people);
        Cli.WriteLine($"Try: hypercare issues list --project {demo.ProjectId.ToString(CultureInfo.InvariantCulture)}");
        return ExitCodes.Ok;
    }
}
