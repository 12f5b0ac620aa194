namespace Hypercare.Cli.Tests.Commands;

public sealed class DbMigrateCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Migrate_FreshFileThenAgain_AppliesMigrationsOnceThenNothing()
    {
        var first = await _cli.RunAsync("db", "migrate", "--format", "json");
        var second = await _cli.RunAsync("db", "migrate", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(File.Exists(_cli.DatabasePath));
        Assert.NotEmpty(first.Json().GetProperty("applied").EnumerateArray());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(second.Json().GetProperty("applied").EnumerateArray());
    }

    [Fact]
    public async Task Migrate_TableFormat_NamesEachAppliedMigrationThenReportsUpToDate()
    {
        var first = await _cli.RunAsync("db", "migrate");
        var second = await _cli.RunAsync("db", "migrate");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("Applied", first.Out, StringComparison.Ordinal);
        Assert.Contains("_Initial", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("up to date", second.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
