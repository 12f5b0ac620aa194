using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>The system Chromium driving the known-issue pages: a lead writes a known issue, publishes its workaround and turns the public status page on.</summary>
public sealed class KnownIssueFlowTests(BrowserApp app) : IAsyncLifetime, IClassFixture<BrowserApp>
{
    private readonly BrowserApp _app = app;
    private readonly DirectoryInfo _profile = Directory.CreateTempSubdirectory("hypercare-chromium-");
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        // The Debian Chromium, never a downloaded one; as root it needs --no-sandbox, and a fresh profile keeps runs independent.
        _browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        _browser.SetDefaultTimeout(15_000);
        SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _profile.Delete(recursive: true);
    }

    [Fact]
    public async Task Lead_PublishesWorkaroundAndTurnsStatusPageOn_PublicPageShowsIt()
    {
        var (projectId, email) = await _app.ProjectWithMemberAsync(ProjectRole.HypercareLead);
        var page = _browser!.Pages.Count > 0 ? _browser.Pages[0] : await _browser.NewPageAsync();

        await page.GotoAsync($"{_app.BaseUrl}/projects/{projectId}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Sales Cloud go-live", Level = 1 })).ToBeVisibleAsync();

        // Write the known issue with a draft workaround.
        await page.GetByRole(AriaRole.Link, new() { Name = "Known issues", Exact = true }).ClickAsync();
        await page.Locator("#known-title").FillAsync("Quotes with discounts cannot be saved");
        await page.Locator("#known-symptoms").FillAsync("Saving a quote with a discount line shows 'Unexpected error'.");
        await page.Locator("#known-workaround").FillAsync("Save the quote first, then add the discount line.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create known issue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Quotes with discounts cannot be saved");
        await Expect(page.Locator("#workaround-draft")).ToBeVisibleAsync();

        // Publish it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish workaround" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The workaround was published");
        await Expect(page.Locator("#known-status")).ToHaveTextAsync("Workaround available");

        // Turn the public status page on and open its link without signing in.
        await page.GetByRole(AriaRole.Link, new() { Name = "Known issues", Exact = true }).First.ClickAsync();
        await page.Locator("#status-help").FillAsync("Call the hypercare desk on 555-0100.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save status page settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The status page settings were saved.");
        var path = await page.Locator("#status-url").GetAttributeAsync("href");
        Assert.StartsWith("/status/", path, StringComparison.Ordinal);

        // Signed out: the page needs no account, only its link.
        await _browser.ClearCookiesAsync();
        var response = await page.GotoAsync($"{_app.BaseUrl}{path}");
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quotes with discounts cannot be saved" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Workaround available");
        await Expect(page.Locator("main")).ToContainTextAsync("Save the quote first, then add the discount line.");
        await Expect(page.Locator("main")).ToContainTextAsync("555-0100");
    }
}
