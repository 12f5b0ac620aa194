using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>The system Chromium, headless, driving the real pages: what a reporter does on day one of hypercare.</summary>
public sealed class ReportIssueFlowTests(BrowserApp app) : ChromiumTest(app), IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Reporter_ReportsIssueThenFindsItInList_SeesItsDetail()
    {
        var (page, projectId) = await SignInAsync(ProjectRole.Reporter);

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
