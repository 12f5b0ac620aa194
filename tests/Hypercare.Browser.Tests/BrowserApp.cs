using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Browser.Tests;

/// <summary>
/// The real host on real Kestrel (a browser cannot talk to the in-memory test server), over a fresh SQLite file that
/// the host migrates on start. The administrator is configured so the test can set up a project through the services.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@browser.hypercare";
    public const string Password = "browser-password-1";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("hypercare-browser-");

    public BrowserApp()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    public string BaseUrl { get; }

    private string DatabaseFile => Path.Combine(_folder.FullName, "hypercare.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HYPERCARE_DB", DatabaseFile);
        builder.UseSetting("Hypercare:Admin:Email", AdminEmail);
        builder.UseSetting("Hypercare:Admin:Password", Password);
        builder.UseSetting("urls", "http://127.0.0.1:0");
    }

    /// <summary>A project and one person with the given role in it, made through the same services the pages use.</summary>
    public async Task<(int ProjectId, string Email)> ProjectWithMemberAsync(ProjectRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var admin = await accounts.FindUserByEmailAsync(AdminEmail) ?? throw new InvalidOperationException("The administrator was not created.");
        var caller = new Caller(admin.Id, admin.DisplayName, IsAdministrator: true);

        var project = await projects.CreateAsync(caller, new CreateProjectRequest(
            "Acme Sales Cloud go-live", "Salesforce Sales Cloud", new DateOnly(2026, 2, 23), new DateOnly(2026, 3, 23), "Europe/Berlin"));
        var email = $"{role.ToString().ToLowerInvariant()}@browser.hypercare";
        var user = await accounts.CreateUserAsync(email, "Rita Reporter", Password, isAdministrator: false);
        var access = await projects.AccessAsync(caller, project.Value!.Id) ?? throw new InvalidOperationException("No access to the new project.");
        var member = await projects.AddMemberAsync(access, new AddMemberRequest(user.Value!.Id, null, role));
        Assert.True(member.Succeeded, member.Failure?.Message);
        return (project.Value.Id, email);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
        GC.SuppressFinalize(this);
    }
}
