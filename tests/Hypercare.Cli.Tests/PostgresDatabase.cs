using Npgsql;

namespace Hypercare.Cli.Tests;

/// <summary>
/// An empty throwaway PostgreSQL database on the server scripts/test.sh starts (HYPERCARE_TEST_PG); named hc_test_*
/// so that script sweeps up anything an interrupted run leaves behind.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private static readonly string Server = Environment.GetEnvironmentVariable("HYPERCARE_TEST_PG")
        ?? "Host=127.0.0.1;Port=5432;Username=hypercare_test;Password=hypercare_test;Database=postgres";

    private readonly string _name = "hc_test_cli_" + Guid.NewGuid().ToString("N")[..12];

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _name }.ConnectionString;

    public Task InitializeAsync() => ExecuteAsync($"CREATE DATABASE \"{_name}\"");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
