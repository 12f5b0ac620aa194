using Hypercare.Core.Adoption.Import;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Data;

/// <summary>Applies the provider's generated migrations. SQLite files also get WAL mode, which is stored in the file.</summary>
public sealed class DatabaseMigrator(HypercareDbContext db, DatabaseTarget target)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (target.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
        }

        // Data that a migration's SQL cannot move (logins stored before the packed store, ADR 0042).
        await new AdoptionStoreUpgrade(db).RunAsync(cancellationToken);
        return pending;
    }

    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken = default) =>
        (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
}
