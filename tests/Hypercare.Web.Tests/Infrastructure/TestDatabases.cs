using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hypercare.Web.Tests.Infrastructure;

public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Throwaway databases on real engines. SQLite: a fresh file per fixture (the host migrates it on start).
/// PostgreSQL: the migrations run once into a template database; each fixture clones it (CREATE DATABASE ... TEMPLATE),
/// which is how the production path (`hypercare db migrate`, then start) is exercised without paying for it per class.
/// </summary>
public static class TestDatabases
{
    /// <summary>Set by scripts/test.sh; the default matches what that script creates.</summary>
    public static string PostgresServer { get; } =
        Environment.GetEnvironmentVariable("HYPERCARE_TEST_PG")
        ?? "Host=127.0.0.1;Port=5432;Username=hypercare_test;Password=hypercare_test;Database=postgres";

    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string NewSqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hypercare-tests", RunId);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N")[..12] + ".db");
    }

    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var template = await TemplateAsync();
        var name = $"hc_test_{RunId}_{Guid.NewGuid().ToString("N")[..10]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return With(name);
    }

    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>A migrated, empty PostgreSQL database made from scratch (not from the template), for migration tests.</summary>
    public static async Task<string> NewEmptyPostgresDatabaseAsync()
    {
        var name = $"hc_test_{RunId}_{Guid.NewGuid().ToString("N")[..10]}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return With(name);
    }

    public static HypercareDbContext NewContext(Engine engine, string connectionString)
    {
        var builder = new DbContextOptionsBuilder<HypercareDbContext>();
        if (engine == Engine.Sqlite)
        {
            builder.UseSqlite(connectionString, o => o.MigrationsAssembly("Hypercare.Migrations.Sqlite"));
        }
        else
        {
            builder.UseNpgsql(connectionString, o => o.MigrationsAssembly("Hypercare.Migrations.Postgres"));
        }

        return new HypercareDbContext(builder.Options, new AuditActor(), TimeProvider.System);
    }

    private static async Task<string> TemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = $"hc_template_{RunId}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            await using (var db = NewContext(Engine.Postgres, With(name)))
            {
                await db.Database.MigrateAsync();
            }

            // CREATE DATABASE ... TEMPLATE refuses while anyone is connected to the template.
            NpgsqlConnection.ClearAllPools();
            _template = name;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropQuietly(name);
            return name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DropQuietly(string name)
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // Best effort at process exit; scripts/test.sh drops leftovers of earlier runs.
        }
    }

    private static string With(string database) =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = database, Pooling = true }.ToString();

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresServer) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
