using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.Adoption.Import;

/// <summary>Files cut off in transfer and files with a row no export has: rejected with line and column, never half-imported or buffered whole.</summary>
public class DamagedFileTests
{
    private const string UsersHeader = "\"Id\",\"Username\",\"Name\",\"IsActive\"";

    private static string Users(params string[] rows) => UsersHeader + "\n" + string.Join("\n", rows);

    private static string UserRow(int n, string name) => $"\"{Csv.User(n)}\",\"u{n}@acme.com\",\"{name}\",\"true\"";

    [Fact]
    public async Task Logins_FileEndsInsideAQuotedValue_LastRowRejectedWithLineAndColumnAndNothingStored()
    {
        await using var store = await TestStore.CreateAsync();
        var rows = Enumerable.Range(1, 3).Select(i => Csv.Login(Csv.Id(i), Csv.User(i), "2026-03-02T08:00:00.000Z")).ToList();
        var csv = Csv.LoginHeader + "\n" + string.Join("\n", rows) + "\n" + $"\"{Csv.Id(4)}\",\"{Csv.User(4)}\",\"2026-03-02T08:00:00.000Z\",\"Applic";

        var outcome = await store.ImportAsync(ImportKind.Logins, csv, fileName: "cut.csv");
        var lenient = (await store.ImportAsync(ImportKind.Logins, csv, allowRejects: true)).Value!;

        var report = Assert.IsType<ImportReport>(outcome.Failure!.Current);
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal((5L, "LoginType"), (rejection.Line, rejection.Column));
        Assert.Contains("cut.csv: line 5, column LoginType: the file ends inside this quoted value", outcome.Failure.Errors!["file"][0], StringComparison.Ordinal);
        // Refused whole: the lenient import after it is the one that stores the three complete rows.
        Assert.Equal((3L, 1L), (lenient.Imported, lenient.Rejected));
        Assert.Equal(3, await store.StoredLoginsAsync());
    }

    [Fact]
    public async Task Users_FileEndsInsideAQuotedValue_LastRowRejectedWithLineAndColumnAndNothingStored()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Users(UserRow(1, "Ana Lopez"), UserRow(2, "Raj Patel"), $"\"{Csv.User(3)}\",\"u3@acme.com\",\"Lee Ch");

        var outcome = await store.ImportAsync(ImportKind.Users, csv, fileName: "users.csv");

        var rejection = Assert.Single(Assert.IsType<ImportReport>(outcome.Failure!.Current).Rejections);
        Assert.Equal((4L, "Name"), (rejection.Line, rejection.Column));
        Assert.Equal(0, await store.CountAsync("AdoptionRoster"));
    }

    [Fact]
    public async Task Users_LastValueQuotedAndClosedWithoutLineEnd_Imported()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Users(UserRow(1, "Ana Lopez"), UserRow(2, "Raj \"\"the fixer\"\" Patel"));

        var report = (await store.ImportAsync(ImportKind.Users, csv)).Value!;

        Assert.Equal((2L, 0L), (report.Imported, report.Rejected));
    }

    [Theory]
    [InlineData(ImportKind.Users)]
    [InlineData(ImportKind.Usage)]
    [InlineData(ImportKind.Logins)]
    public async Task Import_RowLongerThanTheLimit_RefusedNamingTheLineAndNothingStored(ImportKind kind)
    {
        await using var store = await TestStore.CreateAsync();
        var header = kind switch
        {
            ImportKind.Logins => Csv.LoginHeader,
            ImportKind.Usage => "\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID_DERIVED\",\"URI\"",
            _ => UsersHeader,
        };
        var csv = header + "\n" + "\"" + new string('x', CsvRowGuard.MaxRowBytes + 10) + "\"\n";

        var outcome = await store.ImportAsync(kind, csv, fileName: "huge.csv");

        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        Assert.Contains("huge.csv: line 2: a row longer than 4 MB", outcome.Failure.Errors!["file"][0], StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync("AdoptionImports"));
    }

    [Fact]
    public async Task Import_HeaderLongerThanTheLimit_RefusedAtLineOne()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = new string('h', CsvRowGuard.MaxRowBytes + 10) + "\n";

        var users = await store.ImportAsync(ImportKind.Users, csv, fileName: "huge.csv");
        var logins = await store.ImportAsync(ImportKind.Logins, csv, fileName: "huge.csv");

        Assert.Contains("huge.csv: line 1:", users.Failure!.Errors!["file"][0], StringComparison.Ordinal);
        Assert.Contains("huge.csv: line 1:", logins.Failure!.Errors!["file"][0], StringComparison.Ordinal);
    }
}
