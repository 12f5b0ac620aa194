namespace Hypercare.Cli.Tests.Commands;

public sealed class UsersAddCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Add_PasswordFromStdin_PrintsNewUserId()
    {
        var result = await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "lead@example.com", "--name", "Lea Lead", "--password-stdin");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(int.TryParse(result.Out.Trim(), out var id) && id > 0, result.ToString());
    }

    [Fact]
    public async Task Add_ShortPassword_ExitsTwoNamingPasswordOption()
    {
        var result = await _cli.RunWithInputAsync("short\n",
            "users", "add", "--email", "lead@example.com", "--name", "Lea Lead", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Add_ControlCharacterInName_ExitsTwoNamingTheFieldAndStoresNothing()
    {
        var refused = await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "lead@example.com", "--name", "Lea\u001BLead", "--password-stdin");
        var again = await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "lead@example.com", "--name", "Lea Lead", "--password-stdin");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("displayName contains the control character U+001B at position 4", refused.Error, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public async Task Add_InvalidEmail_ExitsTwoNamingEmailOption()
    {
        var result = await _cli.RunWithInputAsync("long enough password\n",
            "users", "add", "--email", "not-an-address", "--name", "Lea Lead", "--password-stdin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--email", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WithoutPasswordStdinOffTerminal_ExitsTwo()
    {
        var result = await _cli.RunAsync("users", "add", "--email", "lead@example.com", "--name", "Lea Lead");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--password-stdin", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
