namespace Hypercare.Cli.Tests.Commands;

/// <summary>The production path on PostgreSQL: nothing migrates itself, `hypercare db migrate` does.</summary>
public sealed class DbMigratePostgresTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly CliRunner _cli;

    public DbMigratePostgresTests() => _cli = new CliRunner(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    [Fact]
    public async Task Migrate_FreshPostgresThenAgain_AppliesOnceThenNothing()
    {
        var first = await _cli.RunAsync("db", "migrate", "--format", "json");
        var second = await _cli.RunAsync("db", "migrate", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.NotEmpty(first.Json().GetProperty("applied").EnumerateArray());
        Assert.StartsWith("PostgreSQL", first.Json().GetProperty("database").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Password", first.Out, StringComparison.OrdinalIgnoreCase);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.Json().GetProperty("applied").EnumerateArray());
    }

    [Fact]
    public async Task ProjectsList_UnmigratedPostgres_ExitsOneAskingForDbMigrate()
    {
        var result = await _cli.RunAsync("projects", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("hypercare db migrate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProjectsCreate_MigratedPostgres_ListsTheProject()
    {
        await _cli.RunAsync("db", "migrate");

        var created = await _cli.RunAsync("projects", "create", "--name", "CRM", "--system", "Dynamics 365",
            "--go-live", "2026-05-04", "--time-zone", "America/New_York");
        var listed = await _cli.RunAsync("projects", "list", "--format", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        var project = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal(created.Out.Trim(), project.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _cli.Dispose();
}
