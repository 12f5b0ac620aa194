using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>
/// The system Chromium, headless, in a fresh profile per test class, against the app on Kestrel; and the sign-in every
/// flow starts with.
/// </summary>
public abstract class ChromiumTest(BrowserApp app) : IAsyncLifetime
{
    private readonly DirectoryInfo _profile = Directory.CreateTempSubdirectory("hypercare-chromium-");
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    protected BrowserApp App { get; } = app;

    protected IBrowserContext Browser => _browser!;

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

    /// <summary>A new project with a member in the role, signed in on its dashboard.</summary>
    protected async Task<(IPage Page, int ProjectId)> SignInAsync(ProjectRole role)
    {
        var (projectId, email) = await App.ProjectWithMemberAsync(role);
        var page = Browser.Pages.Count > 0 ? Browser.Pages[0] : await Browser.NewPageAsync();
        await page.GotoAsync($"{App.BaseUrl}/projects/{projectId}");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(BrowserApp.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme Sales Cloud go-live", Level = 1 })).ToBeVisibleAsync();
        return (page, projectId);
    }
}
