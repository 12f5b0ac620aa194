using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hypercare.Web.Tests.People;

/// <summary>
/// Browser sessions live on the server (sign-out, deactivation and demotion hold on the next request), password and
/// token guessing locks the account and the address without telling whether an account exists, and every attempt is
/// recorded for administrators (ADR 0050).
/// </summary>
public abstract partial class SignInSecurityTests(HypercareApp app)
{
    private static int _address;

    /// <summary>A documentation-range address of its own per call, so tests never share an address's count.</summary>
    private static string NewAddress() => $"203.0.113.{Interlocked.Increment(ref _address) % 250 + 1}";

    private sealed record SignInAnswer(HttpStatusCode Status, string? Location, string? Cookie, HttpClient Browser);

    private async Task<SignInAnswer> SignInAsync(string email, string password, string? address = null, string? returnUrl = null)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (address is not null)
        {
            browser.DefaultRequestHeaders.Add(TestAddressFilter.Header, address);
        }

        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await browser.GetStringAsync("/login")),
            ["email"] = email,
            ["password"] = password,
        };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields));
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).FirstOrDefault(v => v.StartsWith("hypercare=", StringComparison.Ordinal))
            : null;
        return new SignInAnswer(response.StatusCode, response.Headers.Location?.OriginalString, cookie, browser);
    }

    /// <summary>A client that replays a captured cookie, as a thief with a copy of it would.</summary>
    private HttpClient Replay(string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task<HttpStatusCode> SignOutAsync(HttpClient browser, bool withToken = true)
    {
        var page = await browser.GetStringAsync("/");
        var fields = withToken ? new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) } : [];
        return (await browser.PostAsync("/account/logout", new FormUrlEncodedContent(fields))).StatusCode;
    }

    private static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [Fact]
    public async Task SignOut_OldCookieReplayed_IsRefused()
    {
        var user = await app.NewUserAsync("Leaver");
        var signedIn = await SignInAsync(user.Email, HypercareApp.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await Replay(signedIn.Cookie!).GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await SignOutAsync(signedIn.Browser));

        Assert.Equal(HttpStatusCode.Unauthorized, (await Replay(signedIn.Cookie!).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_IsRefusedAndSessionStays()
    {
        var user = await app.NewUserAsync("Forged");
        var signedIn = await SignInAsync(user.Email, HypercareApp.UserPassword);

        var status = await SignOutAsync(signedIn.Browser, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.OK, (await Replay(signedIn.Cookie!).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Deactivation_CookieAndTokenRefusedOnNextRequest()
    {
        var user = await app.NewUserAsync("Deactivated");
        var signedIn = await SignInAsync(user.Email, HypercareApp.UserPassword);
        var cookie = Replay(signedIn.Cookie!);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/api/v1/me")).StatusCode);

        var change = await app.Admin.PatchAsJsonAsync($"/api/v1/users/{user.Id}", new { isActive = false }, HypercareApp.Json);

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/me")).StatusCode);
        var again = await SignInAsync(user.Email, HypercareApp.UserPassword);
        Assert.Equal("/login?failed=1", again.Location);
    }

    [Fact]
    public async Task Demotion_CookieLosesAdministrationOnNextRequest()
    {
        var email = $"second.admin.{Guid.NewGuid():N}@tests.hypercare";
        var created = await app.Admin.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Second admin", password = HypercareApp.UserPassword, isAdministrator = true }, HypercareApp.Json);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var cookie = Replay((await SignInAsync(email, HypercareApp.UserPassword)).Cookie!);
        var before = await cookie.PostAsJsonAsync("/api/v1/users", new { email = $"a.{Guid.NewGuid():N}@tests.hypercare", displayName = "A", password = HypercareApp.UserPassword }, HypercareApp.Json);

        (await app.Admin.PatchAsJsonAsync($"/api/v1/users/{id}", new { isAdministrator = false }, HypercareApp.Json)).EnsureSuccessStatusCode();
        var after = await cookie.PostAsJsonAsync("/api/v1/users", new { email = $"b.{Guid.NewGuid():N}@tests.hypercare", displayName = "B", password = HypercareApp.UserPassword }, HypercareApp.Json);

        Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    [Fact]
    public async Task Sessions_PersonEndsTheirOtherSession()
    {
        var user = await app.NewUserAsync("Two browsers");
        var laptop = Replay((await SignInAsync(user.Email, HypercareApp.UserPassword)).Cookie!);
        var phone = Replay((await SignInAsync(user.Email, HypercareApp.UserPassword)).Cookie!);

        var listed = await laptop.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions");
        var sessions = listed.EnumerateArray().ToList();
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt32();
        var ended = await laptop.DeleteAsync($"/api/v1/me/sessions/{other}");
        var foreign = await user.Client.DeleteAsync($"/api/v1/me/sessions/{other}");

        Assert.Equal(2, sessions.Count);
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task WrongPasswords_LockAccount_KnownAndUnknownAnswerAlike_UntilLockoutPasses()
    {
        var user = await app.NewUserAsync("Guessed");
        var unknown = $"nobody.{Guid.NewGuid():N}@tests.hypercare";
        var answers = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add((await SignInAsync(user.Email, $"guess-{i}-wrong-password", NewAddress())).Location);
            answers.Add((await SignInAsync(unknown, $"guess-{i}-wrong-password", NewAddress())).Location);
        }

        var rightButLocked = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress());
        var lockouts = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/sign-in/lockouts");
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterLockout = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress());

        Assert.All(answers, a => Assert.Equal("/login?failed=1", a));
        Assert.Equal("/login?failed=1", rightButLocked.Location);
        Assert.Null(rightButLocked.Cookie);
        var locked = lockouts.EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "account").Select(l => l.GetProperty("key").GetString()).ToList();
        Assert.Contains(user.Email, locked);
        Assert.Contains(unknown, locked);
        Assert.Equal("/", afterLockout.Location);
        Assert.NotNull(afterLockout.Cookie);
    }

    [Fact]
    public async Task Unlock_AdministratorLiftsAccountLock()
    {
        var user = await app.NewUserAsync("Unlocked");
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(user.Email, "not-the-password", NewAddress());
        }

        var locked = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress());
        var unlock = await app.Admin.PostAsJsonAsync("/api/v1/sign-in/unlock", new { email = user.Email.ToUpperInvariant() }, HypercareApp.Json);
        var afterUnlock = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress());

        Assert.Equal("/login?failed=1", locked.Location);
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal("/", afterUnlock.Location);
    }

    [Fact]
    public async Task FailedSignIns_AreRecordedForAdministrators()
    {
        var user = await app.NewUserAsync("Recorded");
        var address = NewAddress();
        await SignInAsync(user.Email, "not-the-password", address);

        var attempts = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/sign-in/attempts?failed=true&limit=50");
        var mine = attempts.EnumerateArray().First(a => a.GetProperty("email").GetString() == user.Email);

        Assert.Equal("wrongPassword", mine.GetProperty("outcome").GetString());
        Assert.Equal(address, mine.GetProperty("address").GetString());
        Assert.Equal(user.Id, mine.GetProperty("userId").GetInt32());
    }

    [Fact]
    public async Task GuessingFromOneAddress_LocksTheAddressForEveryAccountAndToken()
    {
        var victim = await app.NewUserAsync("Victim");
        var address = NewAddress();
        for (var i = 0; i < 20; i++)
        {
            await SignInAsync($"spray.{i}.{Guid.NewGuid():N}@tests.hypercare", "Winter2026!", address);
        }

        var fromLockedAddress = await SignInAsync(victim.Email, HypercareApp.UserPassword, address);
        var fromElsewhere = await SignInAsync(victim.Email, HypercareApp.UserPassword, NewAddress());
        var token = (await victim.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "script" }, HypercareApp.Json));
        var secret = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var tokenClient = app.Bearer(secret);
        tokenClient.DefaultRequestHeaders.Add(TestAddressFilter.Header, address);

        Assert.Equal("/login?failed=1", fromLockedAddress.Location);
        Assert.Equal("/", fromElsewhere.Location);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenClient.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Bearer(secret).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task SignInPosts_OverTheRateFromOneAddress_Get429()
    {
        var address = NewAddress();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            // An empty password is refused before any hashing, so the 31 posts take well under the minute's window.
            statuses.Add((await SignInAsync("flood@tests.hypercare", "", address)).Status);
        }

        Assert.All(statuses.Take(30), s => Assert.Equal(HttpStatusCode.Redirect, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[30]);
    }

    [Theory]
    [InlineData("/projects/1\u0001")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/%0d%0aSet-Cookie:x")]
    public async Task SignIn_MalformedOrForeignReturnUrl_GoesHome(string returnUrl)
    {
        var user = await app.NewUserAsync("Returner");

        var failed = await SignInAsync(user.Email, "not-the-password", NewAddress(), returnUrl);
        var signedIn = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress(), returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, failed.Status);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
        Assert.True(signedIn.Location is "/" or "/%0d%0aSet-Cookie:x", signedIn.Location);
        Assert.DoesNotContain("evil", signedIn.Location, StringComparison.Ordinal);
        Assert.StartsWith("/login?failed=1", failed.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lockouts_AddressLockListedAndLiftedByAdministrator()
    {
        var victim = await app.NewUserAsync("Address victim");
        var address = NewAddress();
        for (var i = 0; i < 20; i++)
        {
            await SignInAsync($"listed.{i}.{Guid.NewGuid():N}@tests.hypercare", "Winter2026!", address);
        }

        var lockouts = await app.Admin.GetFromJsonAsync<JsonElement>("/api/v1/sign-in/lockouts");
        var unlock = await app.Admin.PostAsJsonAsync("/api/v1/sign-in/unlock", new { address }, HypercareApp.Json);
        var afterUnlock = await SignInAsync(victim.Email, HypercareApp.UserPassword, address);

        var listed = lockouts.EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "address" && l.GetProperty("key").GetString() == address);
        Assert.Equal(20, listed.GetProperty("failures").GetInt32());
        Assert.Equal(HttpStatusCode.OK, unlock.StatusCode);
        Assert.Equal("/", afterUnlock.Location);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("failed=maybe", "failed")]
    public async Task Attempts_BadQuery_ProblemNamesTheField(string query, string field)
    {
        var response = await app.Admin.GetAsync($"/api/v1/sign-in/attempts?{query}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task SecureCookies_On_SessionAndAntiforgeryCookiesAreHostPrefixedAndSecure()
    {
        var user = await app.NewUserAsync("Secure cookies");
        await using var secure = app.WithWebHostBuilder(b => b.UseSetting("Hypercare:SecureCookies", "true"));
        var browser = secure.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        var login = await browser.GetAsync("/login");
        var antiforgery = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-hypercare-antiforgery=", StringComparison.Ordinal));
        var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await login.Content.ReadAsStringAsync()),
            ["email"] = user.Email,
            ["password"] = HypercareApp.UserPassword,
        }));
        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-hypercare=", StringComparison.Ordinal));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
        foreach (var cookie in new[] { antiforgery, session })
        {
            Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task SignIn_NulInReturnUrl_IsABadRequestWithoutSession()
    {
        // The framework's form reader refuses the post before the handler runs (the antiforgery check reads the form).
        var user = await app.NewUserAsync("Nul returner");

        var answer = await SignInAsync(user.Email, HypercareApp.UserPassword, NewAddress(), "/\0");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Null(answer.Cookie);
    }
}

public sealed class SignInSecurityTests_Sqlite(SqliteApp app) : SignInSecurityTests(app), IClassFixture<SqliteApp>;

public sealed class SignInSecurityTests_Postgres(PostgresApp app) : SignInSecurityTests(app), IClassFixture<PostgresApp>;
