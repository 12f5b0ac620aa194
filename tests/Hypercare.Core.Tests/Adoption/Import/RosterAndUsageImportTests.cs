using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.Adoption.Import;

public class RosterAndUsageImportTests
{
    private const string Users = """"
        "Id","Username","Name","Email","IsActive","UserType","ProfileId","Profile.Name","UserRoleId","UserRole.Name","Department","LastLoginDate","CreatedDate"
        "005Hs00000AbCdEIAV","ana.lopez@acme.com.prod","Ana Lopez","ana.lopez@acme.com","true","Standard","00eHs000001AbCdIAK","Sales User","00EHs000000QrStMAK","EMEA Sales Rep","Sales - EMEA","2026-03-02T13:58:41.000Z","2026-02-10T09:00:12.000Z"
        "005Hs00000XyZqWIAV","raj.patel@acme.com.prod","Raj Patel","raj.patel@acme.com","true","Standard","00eHs000001EfGhIAK","Service Agent","","","Customer Care","","2026-02-10T09:00:12.000Z"
        "005Hs00000Gh1JkIAJ","lee.chen@acme.com.prod","Lee Chen","lee.chen@acme.com","false","Standard","00eHs000001AbCdIAK","Sales User","00EHs000000UvWxMAK","EMEA Sales Manager","Sales, EMEA ""North""","2025-11-28T08:12:55.000Z","2023-06-01T10:30:00.000Z"
        "005Hs00000In7TgIAJ","integration@acme.com.prod","Integration","int@acme.com","true","Standard","00eHs000001IntIAK","Integration User","","","IT","",""
        """";

    [Fact]
    public async Task ImportUsers_UserExport_DenominatorExcludesInactiveAndExcludedProfiles()
    {
        await using var store = await TestStore.CreateAsync();
        var report = (await store.ImportAsync(ImportKind.Users, Users)).Value!;
        await store.RunAsync<AdoptionService, Outcome<AdoptionSettingsDto>>(s => s.PutSettingsAsync(store.Access,
            new AdoptionSettingsDto(true, ["Standard"], ["Integration User"], [], [])));
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), "005Hs00000Gh1Jk", "2026-03-02T08:00:00.000Z")));

        var day = Assert.Single(await store.DailyAsync());

        Assert.Equal((4, 4), (report.RowsRead, report.Imported));
        // Lee is inactive: his login still counts as an active user, but not in the denominator or the rate.
        Assert.Equal((2, 2, 0.5), (day.ActiveUsers, day.LicensedUsers, day.LoginRate));
    }

    [Fact]
    public async Task ImportUsers_QuotedDepartmentAndNoRole_GroupedVerbatimAndAsNone()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Users, Users);
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-02T08:00:00.000Z")));

        var groups = (await store.OverviewAsync()).Groups;

        Assert.Contains(groups, g => g.Dimension == "department" && g.Group == "Sales, EMEA \"North\"");
        Assert.Contains(groups, g => g.Dimension == "role" && g.Group == AdoptionSeries.NoValue);
    }

    [Fact]
    public async Task ImportUsers_SameFileTwice_SecondIsAllDuplicates()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Users, Users);

        var again = (await store.ImportAsync(ImportKind.Users, Users)).Value!;

        Assert.Equal((0, 4), (again.Imported, again.Duplicates));
        Assert.Equal(4, await store.CountAsync("AdoptionRoster"));
    }

    [Fact]
    public async Task ImportUsers_GenericRosterWithMapping_UsesTheMappedColumns()
    {
        await using var store = await TestStore.CreateAsync();
        const string csv = "Employee Id,Full name,Team,Mail\nE-1,Ana,Sales,ana@acme.com\nE-2,Raj,Care,raj@acme.com\n";

        var report = (await store.ImportAsync(ImportKind.Users, csv, mapping: new Dictionary<string, string>
        {
            ["id"] = "Employee Id",
            ["name"] = "Full name",
            ["department"] = "Team",
            ["username"] = "Mail",
        })).Value!;
        await store.ImportAsync(ImportKind.Usage, "User,Time,Feature\nana@acme.com,2026-03-02T08:00:00Z,Quotes\n");

        Assert.Equal(("Generic roster", 2L), (report.Format, report.Imported));
        var never = (await store.RunAsync<AdoptionService, Outcome<IReadOnlyList<NeverLoggedInUser>>>(s => s.NeverLoggedInAsync(store.Access))).Value!;
        Assert.Equal(["e-1", "e-2"], never.Select(u => u.UserId).Order());
    }

    [Fact]
    public async Task NeverLoggedIn_ListsActiveRosterUsersWithoutASuccessSinceGoLive()
    {
        await using var store = await TestStore.CreateAsync();
        await store.ImportAsync(ImportKind.Users, Users);
        await store.ImportAsync(ImportKind.Logins, Csv.Logins(
            Csv.Login(Csv.Id(1), "005Hs00000AbCdE", "2026-03-02T08:00:00.000Z"),
            Csv.Login(Csv.Id(2), "005Hs00000XyZqW", "2026-03-02T08:00:00.000Z", "Invalid Password")));

        var never = (await store.RunAsync<AdoptionService, Outcome<IReadOnlyList<NeverLoggedInUser>>>(s => s.NeverLoggedInAsync(store.Access))).Value!;

        Assert.Equal(["Integration", "Raj Patel"], never.Select(u => u.Name).Order());
    }

    private const string PageViews = """"
        "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","PAGE_APP_NAME","PAGE_ENTITY_TYPE","PAGE_URL","TIMESTAMP_DERIVED","USER_ID_DERIVED"
        "LightningPageView","20260302141530.123","3nWgxWbDKWWDIk0FKfF5DV","005Hs00000AbCdE","LightningSales","Opportunity","/sObject/006Hs00000Pq7RsIAJ/view","2026-03-02T14:15:30.123Z","005Hs00000AbCdEIAV"
        "LightningPageView","20260302141605.000","3nWgxWbDKWWDIk0FKfF5Dz","005Hs00000Mn0Pq","LightningService","UNKNOWN","UNKNOWN","2026-03-02T14:16:05.000Z","005Hs00000Mn0PqIAJ"
        "LightningPageView","20260302151605.000","3nWgxWbDKWWDIk0FKfF5E1","005Hs00000Mn0Pq","LightningSales","Opportunity","/sObject/Opportunity/home","2026-03-02T15:16:05.000Z","005Hs00000Mn0PqIAJ"
        """";

    private const string Interactions = """"
        "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","COMPONENT_NAME","RECORD_ID","RECORD_TYPE","UI_EVENT_SEQUENCE_NUM","TIMESTAMP_DERIVED","USER_ID_DERIVED"
        "LightningInteraction","20260302141612.507","3nWgxWbDKWWDIk0FKfF6AA","005Hs00000AbCdE","SaveEdit","[""006Hs00000Pq7RsIAJ""]","Opportunity","15","2026-03-02T14:16:12.507Z","005Hs00000AbCdEIAV"
        "LightningInteraction","20260302141630.010","3nWgxWbDKWWDIk0FKfF6AB","005Hs00000AbCdE","QuotePdf","[""001Hs00000Zx9AbIAJ"", ""001Hs00000Zx9AcIAJ""]","Account","16","2026-03-02T14:16:30.010Z","005Hs00000AbCdEIAV"
        """";

    [Fact]
    public async Task ImportUsage_PageViewsAndInteractions_CountedPerFeatureRule()
    {
        await using var store = await TestStore.CreateAsync();
        await store.RunAsync<AdoptionService, Outcome<AdoptionSettingsDto>>(s => s.PutSettingsAsync(store.Access, new AdoptionSettingsDto(null, null, null,
            [
                new FeatureRuleDto("Opportunities", FeatureField.EntityType, FeatureMatch.Equals, "Opportunity"),
                new FeatureRuleDto("Quote PDF", FeatureField.Component, FeatureMatch.Equals, "QuotePdf"),
            ], [])));

        var views = (await store.ImportAsync(ImportKind.Usage, PageViews)).Value!;
        var interactions = (await store.ImportAsync(ImportKind.Usage, Interactions)).Value!;
        var again = (await store.ImportAsync(ImportKind.Usage, PageViews)).Value!;

        Assert.Equal((3L, 2L, 3L), (views.Imported, interactions.Imported, again.Duplicates));
        var features = (await store.OverviewAsync()).Features.ToDictionary(f => f.Feature);
        var opportunities = Assert.Single(features["Opportunities"].Days);
        Assert.Equal((2, 3), (opportunities.Users, opportunities.Events));
        Assert.Equal((1, 1), (features["Quote PDF"].UsersLastSevenDays, features["Quote PDF"].EventsLastSevenDays));
    }

    [Fact]
    public async Task ImportUsage_NotAUsageEventType_Rejected()
    {
        await using var store = await TestStore.CreateAsync();
        var csv = PageViews.Replace("\"LightningPageView\",\"20260302151605", "\"Login\",\"20260302151605", StringComparison.Ordinal);

        var outcome = await store.ImportAsync(ImportKind.Usage, csv);

        var rejection = Assert.Single(Assert.IsType<ImportReport>(outcome.Failure!.Current).Rejections);
        Assert.Equal((4L, "EVENT_TYPE"), (rejection.Line, rejection.Column));
        Assert.Equal(0, await store.CountAsync("AdoptionUsageEvents"));
    }
}
