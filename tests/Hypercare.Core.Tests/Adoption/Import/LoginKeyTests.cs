using System.Globalization;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Data;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Core.Tests.Adoption.Import;

/// <summary>Login keys as (prefix, base-62 number) and the import's existence checks (ADR 0013).</summary>
public class LoginKeyTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    private static string Login(int id, int user, int second, string status = "Success") =>
        Csv.Login(Csv.Id(id), Csv.User(user), Start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), status);

    [Fact]
    public void TrySplit_15And18CharacterForms_SameExactKeyAndNumbersAscendWithIds()
    {
        var canonical = SalesforceId.Canonical("0YaHs00000AbCdE")!;
        Assert.True(SalesforceId.TrySplit(canonical, out var prefix, out var number));
        Assert.True(SalesforceId.TrySplit(SalesforceId.Canonical(canonical.ToUpperInvariant())!, out var prefix18, out var number18));
        Assert.Equal(("0YaHs", number), (prefix.ToString(), number18));
        Assert.Equal("0YaHs", prefix18.ToString());

        // Case matters (15-character ids are case-sensitive), numbers keep id order, the largest fits in 60 bits.
        Assert.True(SalesforceId.TrySplit("0YaHs00000abcdeAAA", out _, out var lower));
        Assert.NotEqual(number, lower);
        var ids = new[] { "0YaHs0000000000", "0YaHs0000000009", "0YaHs000000000A", "0YaHs000000000Z", "0YaHs000000000a", "0YaHs0000000010", "0YaHszzzzzzzzzz" };
        var numbers = ids.Select(i => SalesforceId.TrySplit(i, out _, out var n) ? n : -1).ToList();
        Assert.Equal(numbers.Order().ToList(), numbers);
        Assert.True(numbers[^1] < 1L << 60);
        Assert.False(SalesforceId.TrySplit("0YaHs00000-bcde", out _, out _));
    }

    [Fact]
    public async Task Import_SameLogins15CharsThen18Chars_SecondFileAllDuplicates()
    {
        await using var store = await TestStore.CreateAsync();
        var rows = Enumerable.Range(1, 50).Select(i => Login(i, i % 5, i)).ToList();
        var as15 = rows.Select(r => r.Replace(r.Split('"')[1], r.Split('"')[1][..15], StringComparison.Ordinal)).ToArray();

        var first = (await store.ImportAsync(ImportKind.Logins, Csv.Logins(as15))).Value!;
        var second = (await store.ImportAsync(ImportKind.Logins, Csv.Logins([.. rows]))).Value!;

        Assert.Equal((50, 0), (first.Imported, first.Duplicates));
        Assert.Equal((0, 50), (second.Imported, second.Duplicates));
        Assert.Equal(50, await store.StoredLoginsAsync());
    }

    [Fact]
    public async Task Import_EveryOtherLoginThenAll_OnlyTheMissingCountAndFiguresMatchOneImport()
    {
        // 3,000 rows span several 1,024-row batches; the stored half lies inside each batch's key range.
        var all = Enumerable.Range(0, 3000).Select(i => Login(i, i % 40, i * 60, i % 9 == 0 ? "Invalid Password" : "Success")).ToArray();
        await using var split = await TestStore.CreateAsync();
        await using var whole = await TestStore.CreateAsync();

        var half = (await split.ImportAsync(ImportKind.Logins, Csv.Logins(all.Where((_, i) => i % 2 == 0).ToArray()))).Value!;
        var rest = (await split.ImportAsync(ImportKind.Logins, Csv.Logins(all))).Value!;
        await whole.ImportAsync(ImportKind.Logins, Csv.Logins(all));

        Assert.Equal((1500, 0), (half.Imported, half.Duplicates));
        Assert.Equal((1500, 1500), (rest.Imported, rest.Duplicates));
        Assert.Equal(3000, await split.StoredLoginsAsync());
        Assert.Equal(await whole.DailyAsync(), await split.DailyAsync());
    }

    [Fact]
    public async Task Import_ShuffledSparseFileOverManyStoredKeys_LooksEachKeyUpAndCountsExactly()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Enumerable.Range(0, 10_000).Select(i => Login(i, i % 100, i)).ToArray()));
        // Every 37th id up to 100,000 in a shuffled order: each batch's key range holds thousands of stored keys.
        var ids = Enumerable.Range(0, 100_000).Where(i => i % 37 == 0).ToArray();
        new Random(7).Shuffle(ids);
        var expectedDuplicates = ids.Count(i => i < 10_000);

        var report = (await store.ImportAsync(ImportKind.Logins, Csv.Logins(ids.Select(i => Login(i, i % 100, i)).ToArray()))).Value!;

        Assert.Equal((ids.Length - expectedDuplicates, expectedDuplicates), (report.Imported, report.Duplicates));
        Assert.Equal(10_000 + ids.Length - expectedDuplicates, await store.StoredLoginsAsync());
    }

    [Fact]
    public async Task Import_SameLoginTwiceInOneFileAndBatchApart_CountedOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var rows = Enumerable.Range(0, 2000).Select(i => Login(i, 1, i)).ToList();
        rows.Insert(3, Login(2, 1, 2));
        rows.Add(Login(5, 1, 5));

        var report = (await store.ImportAsync(ImportKind.Logins, Csv.Logins([.. rows]))).Value!;

        Assert.Equal((2000, 2), (report.Imported, report.Duplicates));
        Assert.Equal(2000, (await store.DailyAsync()).Sum(d => d.SuccessfulLogins));
    }

    [Fact]
    public async Task Import_FileWithoutIds_ContentKeysMakeReimportDuplicates()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = "\"UserId\",\"LoginTime\",\"Status\"\n" + string.Join("\n", Enumerable.Range(0, 20)
            .Select(i => $"\"{Csv.User(i % 3)}\",\"{Start.AddMinutes(i):yyyy-MM-dd'T'HH:mm:ss'Z'}\",\"Success\"")) + "\n";

        var first = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;
        var second = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;

        Assert.Equal((20, 0), (first.Imported, first.Duplicates));
        Assert.Equal((0, 20), (second.Imported, second.Duplicates));
    }

    [Fact]
    public async Task Migration_LoginsStoredOneRowEach_MovedIntoThePackedStoreSoReimportFindsThem()
    {
        var file = Path.Combine(Path.GetTempPath(), "hypercare-core-tests", Guid.NewGuid().ToString("N")[..12] + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(file)).BuildServiceProvider();
        await using (services)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                // The schema of two stores ago: text keys (SourceKey) and a per-user row per day.
                var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();
                var migrations = db.Database.GetMigrations().ToList();
                var before = migrations[migrations.FindIndex(m => m.EndsWith("_AdoptionIntegerLoginKeys", StringComparison.Ordinal)) - 1];
                await db.GetService<IMigrator>().MigrateAsync(before);
            }

            await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    INSERT INTO "Projects" ("Id","Name","SystemName","GoLiveDate","TimeZoneId","Sev1Definition","Sev2Definition","Sev3Definition","CreatedAt","Version")
                      VALUES (1,'P','S','2026-03-02','Europe/Berlin','1','2','3',0,0);
                    INSERT INTO "AdoptionLoginEvents" ("ProjectId","SourceKey","UserKey","At","Day","Success") VALUES
                      (1,'{Csv.Id(12345)}','{Csv.User(1)}',0,'2026-03-02',1), (1,'{Csv.Id(7)}','{Csv.User(2)}',0,'2026-03-02',1),
                      (1,'elf:req@1','{Csv.User(1)}',0,'2026-03-02',1);
                    INSERT INTO "AdoptionLoginDays" ("ProjectId","UserKey","Day","Successes","Failures") VALUES
                      (1,'{Csv.User(1)}','2026-03-02',2,1), (1,'{Csv.User(2)}','2026-03-02',1,0);
                    """;
                await command.ExecuteNonQueryAsync();
            }

            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
                var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();
                Assert.Equal(0, await db.AdoptionLoginEvents.CountAsync());
                Assert.Equal(0, await db.AdoptionLoginDays.CountAsync());

                var block = Assert.Single(await db.AdoptionLoginKeyBlocks.ToListAsync());
                var ids = new long[block.Count];
                PackedKeys.Decode(block.First, block.Count, block.Keys, ids);
                var expected = new[] { Csv.Id(7), Csv.Id(12345) }.Select(id => SalesforceId.TrySplit(id, out _, out var n) ? n : -1).ToArray();
                Assert.Equal(expected, ids);
                Assert.Equal("elf:req@1", Assert.Single(await db.AdoptionLoginTextKeys.ToListAsync()).Key);

                var users = await db.AdoptionLoginUsers.OrderBy(u => u.Number).Select(u => u.UserKey).ToListAsync();
                var day = Assert.Single(await db.AdoptionLoginDaySets.ToListAsync());
                var entries = new List<(int User, int Successes, int Failures)>();
                DayTally.Decode(day.Data, entries);
                Assert.Equal(new DateOnly(2026, 3, 2), day.Day);
                Assert.Equal([(Csv.User(1), 2, 1), (Csv.User(2), 1, 0)], entries.Select(e => (users[e.User], e.Successes, e.Failures)).OrderBy(e => e.Item1).ToList());

                // The same logins imported again after the upgrade are duplicates (the raw project row gets the JSON
                // lists a project created through the service has).
                await db.Database.ExecuteSqlRawAsync("""UPDATE "Projects" SET "Holidays" = '[]', "WarningThresholds" = '[]'""");
                var importer = scope.ServiceProvider.GetRequiredService<AdoptionImporter>();
                scope.ServiceProvider.GetRequiredService<Hypercare.Core.Audit.AuditActor>().Current = Hypercare.Core.People.Caller.System;
                await using var again = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Csv.Logins(
                    Csv.Login(Csv.Id(12345), Csv.User(1), "2026-03-02T08:00:00.000Z", "Success"),
                    Csv.Login(Csv.Id(99), Csv.User(1), "2026-03-02T09:00:00.000Z", "Success"))));
                var report = (await importer.ImportAsync(new Hypercare.Core.Projects.ProjectAccess(1, Hypercare.Core.People.Caller.System, null),
                    ImportKind.Logins, again, "again.csv", new ImportOptions())).Value!;
                Assert.Equal((1, 1), (report.Imported, report.Duplicates));
            }
        }

        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }
}
