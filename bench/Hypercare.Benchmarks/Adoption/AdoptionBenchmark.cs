using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Extensions.DependencyInjection;
using static Hypercare.Benchmarks.BenchArgs;

namespace Hypercare.Benchmarks.Adoption;

/// <summary>
/// `adoption [--rows N] [--users N] [--days N] [--dir DIR] [--time-zone TZ] [--reimport]`: writes a deterministic LoginHistory
/// export, imports it into a fresh project on a SQLite file (all metrics then answer from the store), then lets DuckDB
/// compute daily active users in the project's time zone with read_csv over the same file, and prints both times,
/// their ratio, the import's peak memory, whether the daily active-user counts are identical, and how fast the
/// adoption page's data answers afterwards. The import runs first so the peak memory is the import's own.
/// </summary>
public static class AdoptionBenchmark
{
    private static readonly DateOnly FirstDay = new(2026, 3, 2);

    /// <summary>The deterministic export (generated once, then kept) and the roster of its users.</summary>
    public static (string Logins, string Roster) EnsureFiles(string[] args)
    {
        var rows = long.Parse(Option(args, "--rows") ?? "10000000", CultureInfo.InvariantCulture);
        var users = int.Parse(Option(args, "--users") ?? "50000", CultureInfo.InvariantCulture);
        var days = int.Parse(Option(args, "--days") ?? "90", CultureInfo.InvariantCulture);
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "hypercare-adoption-bench");
        Directory.CreateDirectory(dir);
        var logins = Path.Combine(dir, $"loginhistory-{rows}-{users}-{days}.csv");
        var roster = Path.Combine(dir, $"users-{users}.csv");
        if (!File.Exists(logins))
        {
            var watch = Stopwatch.StartNew();
            LoginHistoryGenerator.WriteLogins(logins + ".tmp", rows, users, days, FirstDay);
            File.Move(logins + ".tmp", logins);
            Console.Error.WriteLine($"generated {logins} ({new FileInfo(logins).Length / 1e9:0.00} GB) in {watch.Elapsed.TotalSeconds:0.0} s");
        }

        LoginHistoryGenerator.WriteUsers(roster, users);
        return (logins, roster);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // The managed heap is capped at 128 MB for the whole benchmark process (runtimeconfig.template.json, ADR 0013):
        // the GC's default gen0 budget on a machine with a large cache would otherwise let garbage pile up far past
        // what the import keeps alive (about 50 MB). Setting the cap at run time (GC.RefreshMemoryLimit) fails fatally
        // with parallel parsing threads running, so it is set at start-up.
        var heapLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        var rows = long.Parse(Option(args, "--rows") ?? "10000000", CultureInfo.InvariantCulture);
        var zone = Option(args, "--time-zone") ?? "Europe/Berlin";
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "hypercare-adoption-bench");
        var firstDay = FirstDay;
        if (args.Contains("--page-only"))
        {
            return await PageOnlyAsync(Path.Combine(dir, "bench.db"));
        }

        if (args.Contains("--stats-only"))
        {
            return await StatsOnlyAsync(Path.Combine(dir, "bench.db"));
        }

        var (logins, roster) = EnsureFiles(args);
        var database = Path.Combine(dir, "bench.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }

        var target = DatabaseTarget.Parse(database);
        var services = new ServiceCollection().AddHypercareCore(target).BuildServiceProvider();
        int projectId;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            var project = (await scope.ServiceProvider.GetRequiredService<ProjectService>().CreateAsync(Caller.System,
                new CreateProjectRequest("Adoption bench", "Salesforce Sales Cloud", firstDay, null, zone, null, null, null))).Value!;
            projectId = project.Id;
            var access = new ProjectAccess(projectId, Caller.System, null);
            await using var users0 = File.OpenRead(roster);
            var rosterReport = await scope.ServiceProvider.GetRequiredService<AdoptionImporter>()
                .ImportAsync(access, ImportKind.Users, users0, Path.GetFileName(roster), new ImportOptions());
            Console.WriteLine($"roster: {rosterReport.Value?.Imported ?? 0} users");
        }

        GC.Collect();
        var hypercareCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var hypercareWatch = Stopwatch.StartNew();
        ImportReport report;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
            var access = new ProjectAccess(projectId, Caller.System, null);
            await using var file = new FileStream(logins, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var outcome = await scope.ServiceProvider.GetRequiredService<AdoptionImporter>()
                .ImportAsync(access, ImportKind.Logins, file, Path.GetFileName(logins), new ImportOptions());
            report = outcome.Value ?? throw new InvalidOperationException(outcome.Failure!.Message);
        }

        hypercareWatch.Stop();
        hypercareCpu = Process.GetCurrentProcess().TotalProcessorTime - hypercareCpu;
        var peak = Process.GetCurrentProcess().PeakWorkingSet64;

        var pageWatch = new Stopwatch();
        Dictionary<DateOnly, int> ours;
        await using (var scope = services.CreateAsyncScope())
        {
            var adoption = scope.ServiceProvider.GetRequiredService<AdoptionService>();
            var access = new ProjectAccess(projectId, Caller.System, null);
            await adoption.OverviewAsync(access);
            pageWatch.Start();
            var overview = (await adoption.OverviewAsync(access)).Value!;
            var never = (await adoption.NeverLoggedInAsync(access)).Value!;
            pageWatch.Stop();
            ours = (await adoption.DailyAsync(access)).Value!.ToDictionary(d => d.Date, d => d.ActiveUsers);
            Console.WriteLine($"page data: {overview.Days.Count} days, {overview.Groups.Count} groups, {never.Count} never logged in");
        }

        var duckCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var duckWatch = Stopwatch.StartNew();
        var duck = new Dictionary<DateOnly, int>();
        await using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $$"""
                SELECT CAST(timezone('{{zone}}', LoginTime) AS DATE) AS day, COUNT(DISTINCT UserId) AS users
                FROM read_csv('{{logins.Replace("'", "''", StringComparison.Ordinal)}}', header = true, columns = {'Id': 'VARCHAR', 'UserId': 'VARCHAR', 'LoginTime': 'TIMESTAMPTZ', 'LoginType': 'VARCHAR', 'LoginSubType': 'VARCHAR', 'Status': 'VARCHAR', 'Application': 'VARCHAR', 'Browser': 'VARCHAR', 'Platform': 'VARCHAR', 'SourceIp': 'VARCHAR', 'LoginUrl': 'VARCHAR', 'ApiType': 'VARCHAR', 'ApiVersion': 'VARCHAR', 'CountryIso': 'VARCHAR', 'TlsProtocol': 'VARCHAR'})
                WHERE lower(trim(Status)) = 'success'
                GROUP BY day ORDER BY day
                """;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                duck[DateOnly.FromDateTime(reader.GetDateTime(0))] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        duckWatch.Stop();
        duckCpu = Process.GetCurrentProcess().TotalProcessorTime - duckCpu;
        var identical = duck.Count > 0 && duck.All(d => ours.GetValueOrDefault(d.Key) == d.Value) && ours.Where(o => o.Value > 0).All(o => duck.ContainsKey(o.Key));
        var ratio = hypercareWatch.Elapsed.TotalSeconds / duckWatch.Elapsed.TotalSeconds;
        Console.WriteLine($"rows read {report.RowsRead:N0}, imported {report.Imported:N0}, duplicates {report.Duplicates:N0}, rejected {report.Rejected:N0}");
        Console.WriteLine($"hypercare import (SQLite, all metrics stored): {hypercareWatch.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"duckdb read_csv daily active users:          {duckWatch.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"ratio hypercare/duckdb: {ratio:0.00} (target <= 1.00)");
        // CPU seconds (all threads) say how much work each side did; on a shared machine they move less than wall time.
        Console.WriteLine($"cpu seconds: import {hypercareCpu.TotalSeconds:0.00}, duckdb {duckCpu.TotalSeconds:0.00}");
        Console.WriteLine($"peak memory (import): {peak / 1024.0 / 1024.0:0} MB (target < 256 MB; managed heap limit {heapLimit >> 20} MB)");
        Console.WriteLine($"daily active users identical to DuckDB: {(identical ? "yes" : "NO")} ({duck.Count} days)");
        Console.WriteLine($"adoption page data after import: {pageWatch.Elapsed.TotalMilliseconds:0} ms (target < 200 ms)");
        if (args.Contains("--reimport"))
        {
            // The same export again: every id must be found in the stored blocks, nothing counted twice.
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
            var again = Stopwatch.StartNew();
            await using var file = new FileStream(logins, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var second = (await scope.ServiceProvider.GetRequiredService<AdoptionImporter>()
                .ImportAsync(new ProjectAccess(projectId, Caller.System, null), ImportKind.Logins, file, Path.GetFileName(logins), new ImportOptions())).Value!;
            var unchanged = (await scope.ServiceProvider.GetRequiredService<AdoptionService>().DailyAsync(new ProjectAccess(projectId, Caller.System, null))).Value!
                .All(d => ours.GetValueOrDefault(d.Date) == d.ActiveUsers);
            Console.WriteLine($"re-import of the same file: {again.Elapsed.TotalSeconds:0.00} s, imported {second.Imported:N0}, duplicates {second.Duplicates:N0}, "
                + $"daily active users unchanged: {(unchanged ? "yes" : "NO")}");
        }

        await services.DisposeAsync();
        return identical ? 0 : 1;
    }

    /// <summary>Times the rebuild of the daily figures an import ends with, on a database a previous run left behind.</summary>
    private static async Task<int> StatsOnlyAsync(string database)
    {
        await using var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(database)).BuildServiceProvider();
        for (var round = 0; round < 3; round++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();
            var project = await db.Projects.FindAsync(1) ?? throw new InvalidOperationException("No project 1; run the benchmark first.");
            var watch = Stopwatch.StartNew();
            await scope.ServiceProvider.GetRequiredService<AdoptionStatsBuilder>().RebuildAsync(project);
            Console.WriteLine($"round {round}: daily figures rebuilt in {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        return 0;
    }

    /// <summary>Times what the adoption page loads, on a database a previous run left behind.</summary>
    private static async Task<int> PageOnlyAsync(string database)
    {
        await using var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(database)).BuildServiceProvider();
        for (var round = 0; round < 3; round++)
        {
            await using var scope = services.CreateAsyncScope();
            var adoption = scope.ServiceProvider.GetRequiredService<AdoptionService>();
            var access = new ProjectAccess(1, Caller.System, null);
            var watch = Stopwatch.StartNew();
            var overview = (await adoption.OverviewAsync(access)).Value!;
            var overviewMs = watch.Elapsed.TotalMilliseconds;
            var never = (await adoption.NeverLoggedInAsync(access)).Value!;
            Console.WriteLine($"round {round}: overview {overviewMs:0} ms, never-logged-in list {watch.Elapsed.TotalMilliseconds - overviewMs:0} ms ({never.Count}), total {watch.Elapsed.TotalMilliseconds:0} ms; {overview.Days.Count} days");
        }

        return 0;
    }
}
