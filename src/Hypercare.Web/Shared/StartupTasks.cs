using Hypercare.Core.Data;
using Hypercare.Core.Demo;
using Hypercare.Core.People;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hypercare.Web.Shared;

/// <summary>
/// Before the host serves: the embedded SQLite default migrates itself; PostgreSQL must be migrated with
/// `hypercare db migrate` (several nodes must not race a schema change). Then the first administrator, and the demo if asked.
/// </summary>
internal sealed class StartupTasks(IServiceProvider services, DatabaseTarget database, IConfiguration configuration,
    IHostApplicationLifetime lifetime, IServer server, ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            if (applied.Count > 0 && logger.IsEnabled(LogLevel.Information))
            {
                var where = database.Describe();
                logger.LogInformation("Applied {Count} migration(s) to {Database}", applied.Count, where);
            }
        }
        else
        {
            var pending = await migrator.PendingAsync(cancellationToken);
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). Run `hypercare db migrate` first.");
            }
        }

        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var admin = await accounts.EnsureAdministratorAsync(configuration["Hypercare:Admin:Email"], configuration["Hypercare:Admin:Password"], cancellationToken);
        if (admin?.GeneratedPassword is { } generated)
        {
            // Printed once, on the console only: it is not stored anywhere in clear.
            Console.WriteLine($"First start: created administrator {admin.Email} with password {generated}");
        }

        if (configuration.GetValue<bool>("Hypercare:SeedDemo"))
        {
            var demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
            lifetime.ApplicationStarted.Register(() => Announce(demo));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Announce(DemoResult demo)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"Hypercare is running on {database.Describe()}");
        Console.WriteLine($"  Open {address} and sign in as lead@demo.hypercare / {demo.Password}");
        Console.WriteLine($"  Demo project: {demo.ProjectName} (id {demo.ProjectId}), {demo.Issues} issues");
        Console.WriteLine($"  Other demo people (same password): {string.Join(", ", demo.People.Select(p => $"{p.Email} ({p.Role})"))}");
        Console.WriteLine($"  API reference: {address}/scalar   OpenAPI: {address}/openapi/v1.json");
        Console.WriteLine();
    }
}
