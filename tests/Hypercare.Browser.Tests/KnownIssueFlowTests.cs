using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>The system Chromium driving the known-issue pages: a lead writes a known issue, publishes its workaround and turns the public status page on.</summary>
public sealed class KnownIssueFlowTests(BrowserApp app) : ChromiumTest(app), IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Lead_PublishesWorkaroundAndTurnsStatusPageOn_PublicPageShowsIt()
    {
        var (page, projectId) = await SignInAsync(ProjectRole.HypercareLead);

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
        await Browser.ClearCookiesAsync();
        var response = await page.GotoAsync($"{App.BaseUrl}{path}");
        Assert.Equal(200, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quotes with discounts cannot be saved" })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Workaround available");
        await Expect(page.Locator("main")).ToContainTextAsync("Save the quote first, then add the discount line.");
        await Expect(page.Locator("main")).ToContainTextAsync("555-0100");
    }
}
