using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Shared;

/// <summary>Core composed for one command: AddHypercareCore on the chosen database, one scope, acting as <see cref="Caller.System"/>.</summary>
internal sealed class CoreSession : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly AsyncServiceScope _scope;

    private CoreSession(DatabaseTarget database, TimeProvider time)
    {
        Database = database;
        var services = new ServiceCollection();
        // Registered first: AddHypercareCore only adds the system clock when none is there.
        services.AddSingleton(time);
        services.AddHypercareCore(database);
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _scope = _provider.CreateAsyncScope();
        // Whoever can open the database file acts as administrator; the audit trail records "system".
        Get<AuditActor>().Current = Caller.System;
    }

    public DatabaseTarget Database { get; }

    /// <summary>
    /// Opens Core on the database. Like the web host, a SQLite file migrates itself; PostgreSQL must be migrated
    /// explicitly with `hypercare db migrate`, so several nodes never race a schema change.
    /// </summary>
    public static async Task<CoreSession> OpenAsync(CliContext cli, DatabaseTarget database, CancellationToken cancellationToken,
        bool ensureSchema = true)
    {
        var session = new CoreSession(database, cli.Time);
        try
        {
            if (ensureSchema)
            {
                await session.EnsureSchemaAsync(cli, cancellationToken);
            }

            return session;
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }
    }

    public T Get<T>()
        where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public async Task<ProjectAccess> ProjectAsync(int projectId, CancellationToken cancellationToken) =>
        await Get<ProjectService>().AccessAsync(Caller.System, projectId, cancellationToken)
            ?? throw CliError.NotFound($"Project {projectId}");

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _provider.DisposeAsync();
    }

    private async Task EnsureSchemaAsync(CliContext cli, CancellationToken cancellationToken)
    {
        var migrator = Get<DatabaseMigrator>();
        if (Database.Provider == DatabaseProvider.Sqlite)
        {
            var applied = await migrator.MigrateAsync(cancellationToken);
            if (applied.Count > 0)
            {
                cli.Note($"Applied {applied.Count} migration(s) to {Database.Describe()}.");
            }

            return;
        }

        var pending = await migrator.PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new CliError($"The PostgreSQL database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). Run `hypercare db migrate` first.");
        }
    }
}
