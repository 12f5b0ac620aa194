using System.Net;
using System.Net.Http.Json;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.Projects;

/// <summary>The members page: the lead adds people they work with by e-mail, changes roles, and cannot remove the only lead.</summary>
public sealed class MembersPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    private static string Page(TestProject project, string rest = "") => $"/projects/{project.Id}{rest}";

    [Fact]
    public async Task MembersPage_Lead_AddsMemberByEmail()
    {
        var project = await app.NewProjectAsync();
        var newcomer = await app.NewUserAsync("Newcomer");
        // A lead adds people they already work with on another project (only administrators pick from everybody).
        var earlier = await app.NewProjectAsync("Earlier go-live");
        foreach (var person in new[] { project[ProjectRole.HypercareLead], newcomer })
        {
            (await app.Admin.PostAsJsonAsync($"{earlier.Url}/members", new { userId = person.Id, role = "triage" }, HypercareApp.Json)).EnsureSuccessStatusCode();
        }

        var lead = await SignInAsync(project[ProjectRole.HypercareLead]);

        var (status, html, _) = await lead.SubmitAsync(Page(project, "/members"), "add-member", new Dictionary<string, string>
        {
            ["Add.Email"] = newcomer.Email,
            ["Add.Role"] = "changeManager",
        });
        var (_, unknown, _) = await lead.SubmitAsync(Page(project, "/members"), "add-member", new Dictionary<string, string>
        {
            ["Add.Email"] = "nobody@tests.hypercare",
            ["Add.Role"] = "reporter",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"{newcomer.DisplayName} was added as Change manager.", html, StringComparison.Ordinal);
        Assert.Contains("No user you can add has e-mail nobody@tests.hypercare.", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersPage_Lead_ChangesRoleAndCannotRemoveTheOnlyLead()
    {
        var project = await app.NewProjectAsync();
        var reporter = project[ProjectRole.Reporter];
        var lead = project[ProjectRole.HypercareLead];
        var session = await SignInAsync(lead);

        var (status, changed, _) = await session.SubmitAsync(Page(project, "/members"), $"role-{reporter.Id}", new Dictionary<string, string> { ["MemberRole"] = "triage" });
        var (_, refused, _) = await session.SubmitAsync(Page(project, "/members"), $"remove-{lead.Id}", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"{reporter.DisplayName} is now Triage team.", changed, StringComparison.Ordinal);
        Assert.Contains("only hypercare lead", refused, StringComparison.Ordinal);
        var (_, members) = await session.GetAsync(Page(project, "/members"));
        Assert.Contains(lead.Email, members, StringComparison.Ordinal);
    }
}
