using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hypercare.Web.Tests.Infrastructure;

/// <summary>
/// A person using the server-rendered pages over plain HTTP: a cookie jar, the sign-in form, and form posts that carry
/// the page's antiforgery token and Blazor's form name (<c>_handler</c>), as a browser without JavaScript would send them.
/// </summary>
public sealed partial class PagesSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<PagesSession> SignInAsync(HypercareApp app, string email, string password = HypercareApp.UserPassword)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.GetStringAsync("/login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(login),
            ["email"] = email,
            ["password"] = password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        return new PagesSession(client);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        var response = await Client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads the page, then posts the named form on it with the given fields.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> SubmitAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var (status, page) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(HasForm(page, formName), $"The page {url} has no form named '{formName}'.");
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = Token(page),
        };
        var response = await Client.PostAsync(url, new FormUrlEncodedContent(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>Posts a named form the page may not render for this person (a forged post), with the page's antiforgery token.</summary>
    public async Task<(HttpStatusCode Status, string Html, string? Location)> ForgeAsync(string url, string formName, IDictionary<string, string> fields)
    {
        var (status, page) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var body = new Dictionary<string, string>(fields)
        {
            ["_handler"] = formName,
            ["__RequestVerificationToken"] = Token(page),
        };
        var response = await Client.PostAsync(url, new FormUrlEncodedContent(body));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.OriginalString);
    }

    /// <summary>Blazor renders a named form with a hidden <c>_handler</c> field holding its name.</summary>
    public static bool HasForm(string html, string formName) =>
        html.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal);

    internal static string Token(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page carries no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
