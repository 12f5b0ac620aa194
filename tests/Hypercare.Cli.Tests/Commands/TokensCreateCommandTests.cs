using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Tests.Commands;

public sealed class TokensCreateCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Create_ForNewUser_PrintsSecretThatAuthenticates()
    {
        var added = await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "bot@example.com", "--name", "Build Bot", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.ToString());

        var created = await _cli.RunAsync("tokens", "create", "--user", "bot@example.com", "--name", "ci");

        Assert.True(created.ExitCode == 0, created.ToString());
        var caller = await AuthenticateAsync(created.Out.Trim());
        Assert.NotNull(caller);
        Assert.Equal("Build Bot", caller.DisplayName);
    }

    [Fact]
    public async Task Create_JsonFormat_PrintsIdNameAndToken()
    {
        await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "bot@example.com", "--name", "Build Bot", "--password-stdin");

        var created = await _cli.RunAsync("tokens", "create", "--user", "bot@example.com", "--format", "json");

        Assert.True(created.ExitCode == 0, created.ToString());
        var json = created.Json();
        Assert.True(json.GetProperty("id").GetInt32() > 0);
        Assert.Equal("cli 2026-03-16", json.GetProperty("name").GetString());
        Assert.NotNull(await AuthenticateAsync(json.GetProperty("token").GetString()!));
    }

    [Fact]
    public async Task Create_UnknownUser_ExitsOne()
    {
        var result = await _cli.RunAsync("tokens", "create", "--user", "nobody@example.com");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nobody@example.com was not found", result.Error, StringComparison.Ordinal);
    }

    private async Task<Caller?> AuthenticateAsync(string secret)
    {
        await using var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(_cli.DatabasePath)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountService>().AuthenticateTokenAsync(secret);
    }

    public void Dispose() => _cli.Dispose();
}
