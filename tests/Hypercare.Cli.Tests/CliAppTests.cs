namespace Hypercare.Cli.Tests;

public sealed class CliAppTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task RunAsync_Help_DocumentsExitCodes()
    {
        var result = await _cli.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Exit codes:", result.Out, StringComparison.Ordinal);
        Assert.Contains("3  criteria not met", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoCommand_ExitsTwo()
    {
        var result = await _cli.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownOption_ExitsTwoNamingIt()
    {
        var result = await _cli.RunAsync("projects", "list", "--colour", "red");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--colour", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownFormat_ExitsTwoNamingFormat()
    {
        var result = await _cli.RunAsync("projects", "list", "--format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--format", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_DatabaseFromEnvironment_UsesHypercareDb()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(["db", "migrate"], output, error, TextReader.Null, _cli.Time,
            name => name == "HYPERCARE_DB" ? _cli.DatabasePath : null);

        Assert.True(exitCode == 0, error.ToString());
        Assert.True(File.Exists(_cli.DatabasePath));
    }

    public void Dispose() => _cli.Dispose();
}
