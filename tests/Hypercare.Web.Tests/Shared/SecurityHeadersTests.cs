using System.Net;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hypercare.Web.Tests.Shared;

/// <summary>The headers every answer carries, and who may read the API reference outside development (SECURITY.md).</summary>
public sealed class SecurityHeadersTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Page_CarriesCspNoSniffNoFramingAndSameOriginReferrer()
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        // Development over http: no HSTS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Api_AnswersAndProblemsAreNotStored()
    {
        var me = await app.Admin.GetAsync("/api/v1/me");
        var missing = await app.Admin.GetAsync("/api/v1/projects/999999");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(me.Headers.CacheControl?.NoStore, me.Headers.CacheControl?.ToString());
        Assert.True(missing.Headers.CacheControl?.NoStore, missing.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(me.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Production_OverHttps_SendsHsts()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var https = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://hypercare.example.com") });
        var http = production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://hypercare.example.com") });

        var secure = await https.GetAsync("/login");
        var plain = await http.GetAsync("/login");

        Assert.Equal("max-age=31536000", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Production_ApiReference_SignedInOnlyUnlessTheSettingOpensIt()
    {
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        await using var open = app.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Hypercare:ApiReference:Anonymous", "true"));
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        var token = await app.TokenAsync(HypercareApp.AdminEmail);
        var signedIn = production.CreateClient(options);
        signedIn.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        var anonymous = await production.CreateClient(options).GetAsync("/openapi/v1.json");
        var anonymousReference = await production.CreateClient(options).GetAsync("/scalar");
        var withToken = await signedIn.GetAsync("/openapi/v1.json");
        var opened = await open.CreateClient(options).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/login", anonymous.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, anonymousReference.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("\"openapi\"", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
