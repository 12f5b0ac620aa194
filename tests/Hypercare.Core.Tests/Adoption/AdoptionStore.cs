using System.Text;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Core.Tests.Adoption;

/// <summary>Core on a real SQLite file with real migrations and a fake clock, and one project to import into.</summary>
public sealed class AdoptionStore : IAsyncDisposable
{
    private readonly string _file;
    private readonly ServiceProvider _provider;

    private AdoptionStore(string file, ServiceProvider provider, FakeTimeProvider clock)
    {
        _file = file;
        _provider = provider;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public ProjectAccess Access { get; private set; } = null!;

    public static async Task<AdoptionStore> CreateAsync(string timeZone = "Europe/Berlin", DateOnly? goLive = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hypercare-core-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N")[..12] + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddHypercareCore(DatabaseTarget.Parse(file));
        var store = new AdoptionStore(file, services.BuildServiceProvider(), clock);
        await store.RunAsync<DatabaseMigrator, IReadOnlyList<string>>(m => m.MigrateAsync());
        var project = await store.RunAsync<ProjectService, Outcome<ProjectResponse>>(p => p.CreateAsync(Caller.System,
            new CreateProjectRequest("Adoption", "Salesforce", goLive ?? new DateOnly(2026, 3, 2), null, timeZone)));
        store.Access = new ProjectAccess(project.Value!.Id, Caller.System, null);
        return store;
    }

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<Outcome<ImportReport>> ImportAsync(ImportKind kind, string csv, bool allowRejects = false, string fileName = "export.csv",
        IReadOnlyDictionary<string, string>? mapping = null) =>
        ImportAsync(kind, Encoding.UTF8.GetBytes(csv), allowRejects, fileName, mapping);

    public Task<Outcome<ImportReport>> ImportAsync(ImportKind kind, byte[] bytes, bool allowRejects = false, string fileName = "export.csv",
        IReadOnlyDictionary<string, string>? mapping = null) =>
        RunAsync<AdoptionImporter, Outcome<ImportReport>>(i => i.ImportAsync(Access, kind, new MemoryStream(bytes), fileName, new ImportOptions(allowRejects, mapping)));

    public async Task<IReadOnlyList<DailyFigure>> DailyAsync() =>
        (await RunAsync<AdoptionService, Outcome<IReadOnlyList<DailyFigure>>>(s => s.DailyAsync(Access))).Value!;

    public async Task<AdoptionOverview> OverviewAsync() =>
        (await RunAsync<AdoptionService, Outcome<AdoptionOverview>>(s => s.OverviewAsync(Access))).Value!;

    public async Task<int> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL on the store's file (e.g. a trigger that makes writes fail).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Logins whose key is stored: ids in the packed blocks plus keys kept as text (ADR 0042).</summary>
    public async Task<int> StoredLoginsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COALESCE(SUM("Count"), 0) FROM "AdoptionLoginKeyBlocks") + (SELECT COUNT(*) FROM "AdoptionLoginTextKeys")
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}

/// <summary>LoginHistory rows in the Data Loader shape, every value quoted.</summary>
public static class Csv
{
    public const string LoginHeader = "\"Id\",\"UserId\",\"LoginTime\",\"LoginType\",\"Status\",\"Application\"";

    public static string Login(string id, string user, string time, string status = "Success", string type = "Application") =>
        $"\"{id}\",\"{user}\",\"{time}\",\"{type}\",\"{status}\",\"Browser\"";

    public static string Logins(params string[] rows) => LoginHeader + "\n" + string.Join("\n", rows) + "\n";

    /// <summary>A LoginHistory id (prefix 0Ya) from a number, 18 characters.</summary>
    public static string Id(int n) => SalesforceId.To18("0YaHs" + n.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));

    public static string User(int n) => SalesforceId.To18("005Hs" + n.ToString("D10", System.Globalization.CultureInfo.InvariantCulture));
}
