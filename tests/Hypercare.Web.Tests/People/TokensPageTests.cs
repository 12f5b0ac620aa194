using System.Net;
using System.Text.RegularExpressions;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;

namespace Hypercare.Web.Tests.People;

/// <summary>The tokens page: a new token's secret is shown once, and a token can be revoked.</summary>
public sealed class TokensPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private Task<PagesSession> SignInAsync(TestUser user) => PagesSession.SignInAsync(app, user.Email);

    [Fact]
    public async Task TokensPage_CreateToken_ShowsSecretOnceAndRevokes()
    {
        var project = await app.NewProjectAsync();
        var session = await SignInAsync(project[ProjectRole.Reporter]);

        var (status, created, _) = await session.SubmitAsync("/account/tokens", "create-token", new Dictionary<string, string> { ["Create.Name"] = "Slack bot" });
        var secret = Regex.Match(created, "value=\"(hc_[^\"]+)\"").Groups[1].Value;
        var (_, later) = await session.GetAsync("/account/tokens");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(secret);
        Assert.Contains("Slack bot", later, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, later, StringComparison.Ordinal);

        var tokenId = Regex.Match(later, "value=\"revoke-(\\d+)\"").Groups[1].Value;
        var (revokeStatus, revoked, _) = await session.SubmitAsync("/account/tokens", $"revoke-{tokenId}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, revokeStatus);
        Assert.Contains("was revoked", revoked, StringComparison.Ordinal);
        Assert.False(PagesSession.HasForm(revoked, $"revoke-{tokenId}"));
    }
}
