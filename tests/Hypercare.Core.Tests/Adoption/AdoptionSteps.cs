using System.Text;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Hypercare.Core.Tests.Adoption;

/// <summary>What adoption tests do to a <see cref="TestStore"/>: import an export, read the figures.</summary>
public static class AdoptionSteps
{
    public static Task<Outcome<ImportReport>> ImportAsync(this TestStore store, ImportKind kind, string csv, bool allowRejects = false, string fileName = "export.csv",
        IReadOnlyDictionary<string, string>? mapping = null) =>
        store.ImportAsync(kind, Encoding.UTF8.GetBytes(csv), allowRejects, fileName, mapping);

    public static Task<Outcome<ImportReport>> ImportAsync(this TestStore store, ImportKind kind, byte[] bytes, bool allowRejects = false, string fileName = "export.csv",
        IReadOnlyDictionary<string, string>? mapping = null) =>
        store.RunAsync<AdoptionImporter, Outcome<ImportReport>>(i => i.ImportAsync(store.Access, kind, new MemoryStream(bytes), fileName, new ImportOptions(allowRejects, mapping)));

    public static async Task<IReadOnlyList<DailyFigure>> DailyAsync(this TestStore store) =>
        (await store.RunAsync<AdoptionService, Outcome<IReadOnlyList<DailyFigure>>>(s => s.DailyAsync(store.Access))).Value!;

    public static async Task<AdoptionOverview> OverviewAsync(this TestStore store) =>
        (await store.RunAsync<AdoptionService, Outcome<AdoptionOverview>>(s => s.OverviewAsync(store.Access))).Value!;

    /// <summary>Logins whose key is stored: ids in the packed blocks plus keys kept as text (ADR 0042).</summary>
    public static async Task<int> StoredLoginsAsync(this TestStore store)
    {
        await using var connection = new SqliteConnection($"Data Source={store.File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT COALESCE(SUM("Count"), 0) FROM "AdoptionLoginKeyBlocks") + (SELECT COUNT(*) FROM "AdoptionLoginTextKeys")
            """;
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
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
