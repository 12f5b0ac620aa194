using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Projects;

/// <summary>
/// A lead adds only people they already work with; nobody but an administrator can reach every account of the
/// instance, and the answers never tell whether an id or an address has an account.
/// </summary>
public abstract class MemberHarvestTests(HypercareApp app)
{
    private static async Task<(HttpStatusCode Status, string Body)> AddAsync(HttpClient client, TestProject project, object body)
    {
        var response = await client.PostAsJsonAsync($"{project.Url}/members", body, HypercareApp.Json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Error(string body, string field) =>
        JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;

    [Fact]
    public async Task AddMember_LeadWithStrangersIdOrEmail_AnsweredAsIfUnknownAndNothingLeaks()
    {
        var project = await app.NewProjectAsync();
        var lead = project[ProjectRole.HypercareLead].Client;
        var stranger = await app.NewUserAsync("Stranger");

        var byId = await AddAsync(lead, project, new { userId = stranger.Id, role = "triage" });
        var byMissingId = await AddAsync(lead, project, new { userId = 999_999, role = "triage" });
        var byEmail = await AddAsync(lead, project, new { email = stranger.Email, role = "triage" });
        var byMissingEmail = await AddAsync(lead, project, new { email = "missing@tests.hypercare", role = "triage" });

        Assert.Equal(HttpStatusCode.BadRequest, byId.Status);
        Assert.Equal(Error(byMissingId.Body, "userId").Replace("999999", "ID", StringComparison.Ordinal),
            Error(byId.Body, "userId").Replace(stranger.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "ID", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, byEmail.Status);
        Assert.Equal(Error(byMissingEmail.Body, "email").Replace("missing@tests.hypercare", "ADDRESS", StringComparison.Ordinal),
            Error(byEmail.Body, "email").Replace(stranger.Email, "ADDRESS", StringComparison.Ordinal));
        Assert.DoesNotContain(stranger.DisplayName, byId.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.Email, byId.Body, StringComparison.Ordinal);
        var members = await lead.GetStringAsync($"{project.Url}/members");
        Assert.DoesNotContain(stranger.Email, members, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMember_LeadWithColleagueFromAnotherProject_Adds_AdministratorAddsAnybody()
    {
        var project = await app.NewProjectAsync();
        var other = await app.NewProjectAsync("Other");
        var colleague = other[ProjectRole.Triage];
        (await app.Admin.PostAsJsonAsync($"{other.Url}/members", new { userId = project[ProjectRole.HypercareLead].Id, role = "sponsor" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        var stranger = await app.NewUserAsync("Stranger");

        var byEmail = await AddAsync(project[ProjectRole.HypercareLead].Client, project, new { email = colleague.Email, role = "triage" });
        var byAdmin = await AddAsync(app.Admin, project, new { userId = stranger.Id, role = "reporter" });
        // A triager of the other project shares it with the lead too, but may not manage members at all.
        var byTriager = await AddAsync(project[ProjectRole.Triage].Client, project, new { userId = other[ProjectRole.Sponsor].Id, role = "reporter" });

        Assert.Equal(HttpStatusCode.Created, byEmail.Status);
        Assert.Equal(HttpStatusCode.Created, byAdmin.Status);
        Assert.Equal(HttpStatusCode.Forbidden, byTriager.Status);
    }
}

public sealed class MemberHarvestTests_Sqlite(SqliteApp app) : MemberHarvestTests(app), IClassFixture<SqliteApp>;

public sealed class MemberHarvestTests_Postgres(PostgresApp app) : MemberHarvestTests(app), IClassFixture<PostgresApp>;
