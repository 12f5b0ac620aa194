using Microsoft.Data.Sqlite;

namespace Hypercare.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives, from one string: a SQLite file path (or "Data Source=..." string) or a PostgreSQL
/// connection string. The same rule serves <c>--db</c>, <c>HYPERCARE_DB</c> and configuration.
/// </summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public const string EnvironmentVariable = "HYPERCARE_DB";
    public const string DefaultSqlitePath = "data/hypercare.db";

    public static DatabaseTarget Parse(string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? DefaultSqlitePath : value.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, FromUri(new Uri(text)));
        }

        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Postgres, text);
        }

        var builder = text.Contains('=', StringComparison.Ordinal)
            ? new SqliteConnectionStringBuilder(text)
            : new SqliteConnectionStringBuilder { DataSource = text };
        builder.Pooling = true;
        return new(DatabaseProvider.Sqlite, builder.ToString());
    }

    public string Describe() => Provider == DatabaseProvider.Sqlite
        ? $"SQLite file {Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource)}"
        : "PostgreSQL " + string.Join(';', ConnectionString.Split(';')
            .Where(part => !part.Trim().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));

    private static string FromUri(Uri uri)
    {
        var userInfo = uri.UserInfo.Split(':', 2);
        var parts = new List<string> { $"Host={uri.Host}", $"Database={uri.AbsolutePath.TrimStart('/')}" };
        if (uri.Port > 0)
        {
            parts.Add($"Port={uri.Port}");
        }

        if (userInfo[0].Length > 0)
        {
            parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
        }

        if (userInfo.Length > 1)
        {
            parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
        }

        return string.Join(';', parts);
    }
}
