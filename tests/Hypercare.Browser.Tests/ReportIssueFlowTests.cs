using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>The system Chromium, headless, driving the real pages: what a reporter does on day one of hypercare.</summary>
public sealed class ReportIssueFlowTests(BrowserApp app) : IAsyncLifetime, IClassFixture<BrowserApp>
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
    public async Task Reporter_ReportsIssueThenFindsItInList_SeesItsDetail()
    {
        var (projectId, email) = await _app.ProjectWithMemberAsync(ProjectRole.Reporter);
        var page = _browser!.Pages.Count > 0 ? _browser.Pages[0] : await _browser.NewPageAsync();

        // Sign in.
        await page.GotoAsync($"{_app.BaseUrl}/projects/{projectId}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Sales Cloud go-live", Level = 1 })).ToBeVisibleAsync();

        // Report an issue.
        await page.GetByRole(AriaRole.Link, new() { Name = "Report an issue" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Quote PDF shows the wrong VAT rate");
        await page.GetByLabel("Description").FillAsync("Every quote for Austria shows 19% instead of 20%.");
        await page.GetByLabel("Affected area").FillAsync("Quotes");
        await page.GetByLabel("Sev 2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Report issue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("your issue was reported");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Quote PDF shows the wrong VAT rate");

        // Find it in the issue list by its text.
        await page.GetByRole(AriaRole.Link, new() { Name = "Issues", Exact = true }).ClickAsync();
        await page.GetByLabel("Text or #id").FillAsync("wrong VAT");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=wrong\\+VAT|q=wrong%20VAT"));
        var found = page.GetByRole(AriaRole.Link, new() { Name = "Quote PDF shows the wrong VAT rate" });
        await Expect(found).ToHaveCountAsync(1);

        // Open it and see its detail.
        await found.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Quote PDF shows the wrong VAT rate");
        await Expect(page.Locator(".description")).ToHaveTextAsync("Every quote for Austria shows 19% instead of 20%.");
        await Expect(page.Locator("dl.fields")).ToContainTextAsync("Quotes");
        await Expect(page.Locator("dl.fields")).ToContainTextAsync("New");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
    }
}
