using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Data;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare db migrate`: applies the provider's pending migrations (the only way PostgreSQL gets its schema).</summary>
internal sealed class DbMigrateCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public DbMigrateCommand(CliContext cli)
        : base(cli, "migrate", "Apply pending migrations to the SQLite file or PostgreSQL database, and list what was applied.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var database = Cli.Database(parsed);
        await using var core = await CoreSession.OpenAsync(Cli, database, cancellationToken, ensureSchema: false);
        var applied = await Cli.WithStatusAsync("Migrating " + database.Describe(),
            () => core.Get<DatabaseMigrator>().MigrateAsync(cancellationToken));

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new { Database = database.Describe(), Applied = applied }, cancellationToken);
            return ExitCodes.Ok;
        }

        if (applied.Count == 0)
        {
            Cli.WriteLine($"{database.Describe()} is up to date; no migrations applied.");
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Applied {applied.Count} migration(s) to {database.Describe()}:");
        foreach (var migration in applied)
        {
            Cli.WriteLine("  " + migration);
        }

        return ExitCodes.Ok;
    }
}
