using System.Text;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.Adoption.Import;

public class LoginImportTests
{
    [Theory]
    [InlineData("\"Id\",\"UserId\",\"LoginTime\",\"Status\"")]
    [InlineData("\"ID\",\"USERID\",\"LOGINTIME\",\"STATUS\"")]
    [InlineData("\"Login History Id\",\"User ID\",\"Login Time\",\"Status\"")]
    [InlineData("\"Status\",\"LoginTime\",\"Unknown Column\",\"UserId\",\"Id\"")]
    public async Task Import_HeaderVariantsAndOrder_SameResult(string header)
    {
        await using var store = await TestStore.CreateAsync();
        var names = header.Split(',').Select(h => h.Trim('"')).ToList();
        string Row(string id, string user, string time, string status) => string.Join(',', names.Select(n => CsvInput.Normalize(n) switch
        {
            "id" or "loginhistoryid" => id,
            "userid" => user,
            "logintime" => time,
            "status" => status,
            _ => "x",
        }).Select(v => $"\"{v}\""));
        var csv = header + "\n" + Row(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z", "Success") + "\n"
            + Row(Csv.Id(2), Csv.User(2), "2026-03-02T09:00:00.000Z", "Invalid Password") + "\n";

        var report = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;

        Assert.Equal((2, 2, 0, 0), (report.RowsRead, report.Imported, report.Duplicates, report.Rejected));
        var day = Assert.Single(await store.DailyAsync());
        Assert.Equal((new DateOnly(2026, 3, 2), 1, 1, 1), (day.Date, day.ActiveUsers, day.SuccessfulLogins, day.FailedLogins));
    }

    [Fact]
    public async Task Import_MissingRequiredColumn_FailsNamingTheColumnAndTheHeaderFound()
    {
        await using var store = await TestStore.CreateAsync();

        var outcome = await store.ImportAsync(ImportKind.Logins, "\"Id\",\"UserId\",\"Status\"\n\"a\",\"b\",\"Success\"\n", fileName: "lh.csv");

        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        var message = Assert.Single(outcome.Failure.Errors!["file"]);
        Assert.Contains("lh.csv", message, StringComparison.Ordinal);
        Assert.Contains("LoginTime", message, StringComparison.Ordinal);
        Assert.Contains("the header has: Id, UserId, Status", message, StringComparison.Ordinal);
        Assert.Equal(0, await store.StoredLoginsAsync());
    }

    [Fact]
    public async Task Import_BomCrlfQuotedCommasNewlinesAndTripleQuotes_Parsed()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = "\uFEFF" + Csv.LoginHeader + "\r\n"
            + Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z", "Success", "Application") + "\r\n"
            + $"\"{Csv.Id(2)}\",\"{Csv.User(2)}\",\"2026-03-02T09:00:00.000+0000\",\"Application\",\"Failed: \"\"Locked\"\", see\r\nPassword lockout, admin\",\"Browser\"\r\n"
            + $"\"{Csv.Id(3)}\",\"{Csv.User(3)}\",\"2026-03-02T10:00:00Z\",\"Remote Access 2.0\",\"\"\"Restricted IP\"\"\",\"App, with comma\"";

        var report = (await store.ImportAsync(ImportKind.Logins, Encoding.UTF8.GetBytes(csv))).Value!;

        Assert.Equal((3, 3, 0L), (report.RowsRead, report.Imported, report.Rejected));
        var failures = (await store.OverviewAsync()).Failures.ToDictionary(f => f.Bucket, f => f.Total);
        Assert.Equal(1, failures[FailureBucket.Lockout]);
        Assert.Equal(1, failures[FailureBucket.Restricted]);
    }

    [Fact]
    public async Task Import_ReportFootersAndBlankLines_SkippedNotRejected()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.Logins(Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z"))
            + "\n\"Grand Totals (1 records)\"\n\"Confidential Information - Do Not Distribute\"\n"
            + "\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n\n";

        var report = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;

        Assert.Equal((1, 1, 0, 5), (report.RowsRead, report.Imported, report.Rejected, report.Skipped));
    }

    [Fact]
    public async Task Import_StatusCaseAndSpaces_SuccessOnlyForSuccess()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z", "Success"),
            Csv.Login(Csv.Id(2), Csv.User(2), "2026-03-02T08:00:00.000Z", "success "),
            Csv.Login(Csv.Id(3), Csv.User(3), "2026-03-02T08:00:00.000Z", "Invalid Password"),
            Csv.Login(Csv.Id(4), Csv.User(4), "2026-03-02T08:00:00.000Z", "Invalid password"),
            Csv.Login(Csv.Id(5), Csv.User(5), "2026-03-02T08:00:00.000Z", "Password Lockout"));

        await store.ImportAsync(ImportKind.Logins, csv);

        var day = Assert.Single(await store.DailyAsync());
        Assert.Equal((2, 2, 3), (day.ActiveUsers, day.SuccessfulLogins, day.FailedLogins));
        var failures = (await store.OverviewAsync()).Failures.ToDictionary(f => f.Bucket, f => f.Total);
        Assert.Equal(2, failures[FailureBucket.Password]);
        Assert.Equal(1, failures[FailureBucket.Lockout]);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), Csv.User(1), "2026-03-02T09:00:00.000Z"),
            Csv.Login(Csv.Id(3), Csv.User(2), "2026-03-03T09:00:00.000Z", "Invalid Password"));
        await store.ImportAsync(ImportKind.Logins, csv);
        var before = await store.DailyAsync();

        var again = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;

        Assert.Equal((3, 0, 3), (again.RowsRead, again.Imported, again.Duplicates));
        Assert.Equal(before, await store.DailyAsync());
        Assert.Equal(3, await store.StoredLoginsAsync());
    }

    [Fact]
    public async Task Import_OverlappingFiles_CountEachLoginOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var first = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), Csv.User(2), "2026-03-02T09:00:00.000Z"));
        var second = Csv.Logins(
            Csv.Login(Csv.Id(2), Csv.User(2), "2026-03-02T09:00:00.000Z"),
            Csv.Login(Csv.Id(3), Csv.User(2), "2026-03-02T10:00:00.000Z"),
            Csv.Login(Csv.Id(4), Csv.User(3), "2026-03-02T11:00:00.000Z"));

        await store.ImportAsync(ImportKind.Logins, first);
        var report = (await store.ImportAsync(ImportKind.Logins, second)).Value!;

        Assert.Equal((2, 1), (report.Imported, report.Duplicates));
        var day = Assert.Single(await store.DailyAsync());
        Assert.Equal((3, 4), (day.ActiveUsers, day.SuccessfulLogins));
    }

    [Fact]
    public async Task Import_UserAs15CharsInOneFileAnd18InAnother_IsOneUser()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-02T08:00:00.000Z")));
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(2), "005HS00000ABCDEIAV", "2026-03-02T09:00:00.000Z")));
        await store.ImportAsync(ImportKind.Users, "\"Id\",\"Name\"\n\"005Hs00000AbCdEIAV\",\"Ana Lopez\"\n");

        var day = Assert.Single(await store.DailyAsync());

        Assert.Equal((1, 1, 1.0), (day.ActiveUsers, day.LicensedUsers, day.LoginRate));
    }

    [Fact]
    public async Task Import_BadRowHalfWay_NothingWrittenAndRejectionNamesLineAndColumn()
    {
        await using var store = await TestStore.CreateAsync();
        var rows = Enumerable.Range(1, 1000).Select(i => Csv.Login(Csv.Id(i), Csv.User(i % 7), "2026-03-02T08:00:00.000Z")).ToList();
        rows[600] = Csv.Login(Csv.Id(601), Csv.User(1), "02/03/2026 8:00");

        var outcome = await store.ImportAsync(ImportKind.Logins, Csv.Logins([.. rows]), fileName: "march.csv");

        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        var report = Assert.IsType<ImportReport>(outcome.Failure.Current);
        Assert.False(report.Committed);
        Assert.Equal((1000, 0, 1), (report.RowsRead, report.Imported, report.Rejected));
        var rejection = Assert.Single(report.Rejections);
        Assert.Equal((602L, "LoginTime"), (rejection.Line, rejection.Column));
        Assert.Contains("march.csv: line 602, column LoginTime: '02/03/2026 8:00' is not a time", outcome.Failure.Errors!["file"][0], StringComparison.Ordinal);
        Assert.Equal(0, await store.StoredLoginsAsync());
        Assert.Equal(0, await store.CountAsync("AdoptionLoginDaySets"));
        Assert.Equal(0, await store.CountAsync("AdoptionImports"));
    }

    [Fact]
    public async Task Import_AllowRejects_ImportsTheGoodRowsAndReportsTheBad()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), "not-an-id", "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(3), Csv.User(3), "2026-03-02T08:00:00.000Z", ""));

        var report = (await store.ImportAsync(ImportKind.Logins, csv, allowRejects: true)).Value!;

        Assert.Equal((3, 1, 2), (report.RowsRead, report.Imported, report.Rejected));
        Assert.Equal([(3L, "UserId"), (4L, "Status")], report.Rejections.Select(r => (r.Line, r.Column)));
    }

    [Fact]
    public async Task Import_QuotedNewlineInARow_LineNumbersCountPhysicalLines()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.LoginHeader + "\n"
            + $"\"{Csv.Id(1)}\",\"{Csv.User(1)}\",\"2026-03-02T08:00:00.000Z\",\"Application\",\"Bad\nthing\",\"Browser\"\n"
            + Csv.Login(Csv.Id(2), Csv.User(2), "never") + "\n";

        var report = (await store.ImportAsync(ImportKind.Logins, csv, allowRejects: true)).Value!;

        Assert.Equal(4L, Assert.Single(report.Rejections).Line);
    }

    [Fact]
    public async Task Import_DayBoundariesAcrossSpringForward_UseProjectLocalDays()
    {
        await using var store = await TestStore.CreateAsync(timeZone: "Europe/Berlin");
        // Berlin is UTC+1 until 2026-03-29 02:00 local, then UTC+2.
        var csv = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-28T22:59:59.000Z"),
            Csv.Login(Csv.Id(2), Csv.User(2), "2026-03-28T23:00:00.000Z"),
            Csv.Login(Csv.Id(3), Csv.User(3), "2026-03-29T21:59:59.000Z"),
            Csv.Login(Csv.Id(4), Csv.User(4), "2026-03-29T22:00:00.000Z"));

        await store.ImportAsync(ImportKind.Logins, csv);

        var days = (await store.DailyAsync()).Where(d => d.ActiveUsers > 0).ToDictionary(d => d.Date, d => d.ActiveUsers);
        Assert.Equal(1, days[new DateOnly(2026, 3, 28)]);
        Assert.Equal(2, days[new DateOnly(2026, 3, 29)]);
        Assert.Equal(1, days[new DateOnly(2026, 3, 30)]);
    }

    [Fact]
    public async Task Import_DayBoundariesAcrossFallBack_UseProjectLocalDays()
    {
        await using var store = await TestStore.CreateAsync(timeZone: "America/New_York", goLive: new DateOnly(2026, 10, 26));
        // New York is UTC-4 until 2026-11-01 02:00 local, then UTC-5: that day has 25 hours.
        var csv = Csv.Logins(
            Csv.Login(Csv.Id(1), Csv.User(1), "2026-11-01T03:59:59.000Z"),
            Csv.Login(Csv.Id(2), Csv.User(2), "2026-11-01T04:00:00.000Z"),
            Csv.Login(Csv.Id(3), Csv.User(3), "2026-11-02T04:59:59.000Z"),
            Csv.Login(Csv.Id(4), Csv.User(4), "2026-11-02T05:00:00.000Z"));

        await store.ImportAsync(ImportKind.Logins, csv);

        var days = (await store.DailyAsync()).Where(d => d.ActiveUsers > 0).ToDictionary(d => d.Date, d => d.ActiveUsers);
        Assert.Equal(1, days[new DateOnly(2026, 10, 31)]);
        Assert.Equal(2, days[new DateOnly(2026, 11, 1)]);
        Assert.Equal(1, days[new DateOnly(2026, 11, 2)]);
    }

    [Fact]
    public async Task Import_EventLogLoginFile_SuccessFromLoginStatusAndKeyedByRequest()
    {
        await using var store = await TestStore.CreateAsync();
        const string header = "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"USER_ID\",\"REQUEST_STATUS\",\"LOGIN_TYPE\",\"TIMESTAMP_DERIVED\",\"USER_ID_DERIVED\",\"LOGIN_STATUS\"";
        var csv = header + "\n"
            + "\"Login\",\"20260302135841.012\",\"4lGJ1R0ZSWVXwFl1cJIRH-\",\"005Hs00000AbCdE\",\"Success\",\"A\",\"2026-03-02T13:58:41.012Z\",\"005Hs00000AbCdEIAV\",\"LOGIN_NO_ERROR\"\n"
            + "\"Login\",\"20260302140309.441\",\"4lGJ2aBcDeFgHl1cJIRH-\",\"005Hs00000XyZqW\",\"Success\",\"A\",\"\",\"\",\"LOGIN_ERROR_PASSWORD_LOCKOUT\"\n";

        var report = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;
        var again = (await store.ImportAsync(ImportKind.Logins, csv)).Value!;

        Assert.Equal(("EventLogFile Login", 2L, 2L), (report.Format, report.Imported, again.Duplicates));
        var day = Assert.Single(await store.DailyAsync());
        Assert.Equal((1, 1), (day.SuccessfulLogins, day.FailedLogins));
        Assert.Equal(FailureBucket.Lockout, Assert.Single((await store.OverviewAsync()).Failures).Bucket);
    }

    [Fact]
    public async Task Import_FileOfSeveralParallelChunks_RejectNearTheEndNamesItsLineAndNothingIsStored()
    {
        await using var store = await TestStore.CreateAsync();
        // About 2.4 MB: more than one chunk of the parallel reader (2 MB). A quoted two-line status early on shifts
        // every later row one physical line down.
        var rows = Enumerable.Range(0, 16_000).Select(i => Csv.Login(Csv.Id(i), Csv.User(i % 300),
            $"2026-03-02T{i / 3600 % 24:D2}:{i / 60 % 60:D2}:{i % 60:D2}.000Z", i == 5 ? "Failed:\nInvalid Password" : "Success")).ToList();
        rows[15_500] = rows[15_500].Replace("2026-03-02T", "2026-13-02T", StringComparison.Ordinal);
        var outcome = await store.ImportAsync(ImportKind.Logins, Csv.Logins([.. rows]));

        var report = Assert.IsType<ImportReport>(outcome.Failure!.Current);
        var rejection = Assert.Single(report.Rejections);
        // Header on line 1, row i on line i + 2, one more after the two-line status.
        Assert.Equal((15_500L + 3, "LoginTime"), (rejection.Line, rejection.Column));
        Assert.Equal((16_000L, 1L), (report.RowsRead, report.Rejected));
        Assert.Equal(0, await store.StoredLoginsAsync());
        Assert.Equal(0, await store.CountAsync("AdoptionLoginDaySets"));
    }

    [Fact]
    public async Task Import_StoreFailsWhileParsingGoesOn_ErrorSurfacesAndNothingIsStored()
    {
        await using var store = await TestStore.CreateAsync();
        // 10,000 ids make three id blocks; the second block's write fails like a full disk would.
        await store.ExecuteAsync("""
            CREATE TRIGGER "fail_second_block" BEFORE INSERT ON "AdoptionLoginKeyBlocks"
            WHEN (SELECT COUNT(*) FROM "AdoptionLoginKeyBlocks") >= 1 BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END;
            """);
        var rows = Enumerable.Range(0, 10_000).Select(i => Csv.Login(Csv.Id(i), Csv.User(i % 50), $"2026-03-02T08:{i / 600 % 60:D2}:{i / 10 % 60:D2}.000Z")).ToArray();

        var error = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.ImportAsync(ImportKind.Logins, Csv.Logins(rows)));

        Assert.Contains("disk I/O error (test)", error.Message, StringComparison.Ordinal);
        await store.ExecuteAsync("""DROP TRIGGER "fail_second_block";""");
        Assert.Equal(0, await store.StoredLoginsAsync());
        Assert.Equal(0, await store.CountAsync("AdoptionLoginDaySets"));
        Assert.Equal(0, await store.CountAsync("AdoptionLoginUsers"));
        // Nothing half-done blocks the same file afterwards.
        Assert.Equal(10_000, (await store.ImportAsync(ImportKind.Logins, Csv.Logins(rows))).Value!.Imported);
    }

    [Fact]
    public async Task Import_Utf16FileWithByteOrderMark_ReadOnOneThreadAndCounted()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = Csv.Logins(Csv.Login(Csv.Id(1), Csv.User(1), "2026-03-02T08:00:00.000Z"), Csv.Login(Csv.Id(2), Csv.User(2), "2026-03-02T09:00:00.000Z", "Password Lockout"));

        var report = (await store.ImportAsync(ImportKind.Logins, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(csv)])).Value!;

        Assert.Equal((2L, 0L), (report.Imported, report.Rejected));
        var day = Assert.Single(await store.DailyAsync());
        Assert.Equal((1, 1, 1), (day.ActiveUsers, day.SuccessfulLogins, day.FailedLogins));
    }

    [Theory]
    [InlineData("Invalid Password", FailureBucket.Password)]
    [InlineData("LOGIN_ERROR_INVALID_PASSWORD", FailureBucket.Password)]
    [InlineData("Password Lockout", FailureBucket.Lockout)]
    [InlineData("User is frozen", FailureBucket.FrozenOrInactive)]
    [InlineData("LOGIN_ERROR_USER_INACTIVE", FailureBucket.FrozenOrInactive)]
    [InlineData("Failed: Username Or SSO Id Invalid", FailureBucket.Sso)]
    [InlineData("LOGIN_SAML_INVALID_AUDIENCE", FailureBucket.Sso)]
    [InlineData("Multi-factor (formerly called two-factor) is required", FailureBucket.Mfa)]
    [InlineData("LOGIN_TWOFACTOR_REQ", FailureBucket.Mfa)]
    [InlineData("Restricted IP", FailureBucket.Restricted)]
    [InlineData("Failed: Invalid Nonce", FailureBucket.OAuth)]
    [InlineData("Maximum logins exceeded", FailureBucket.Other)]
    public void FailureBuckets_StatusTexts_Bucketed(string status, FailureBucket bucket) => Assert.Equal(bucket, FailureBuckets.Of(status));
}
