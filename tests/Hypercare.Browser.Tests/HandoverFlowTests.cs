using System.Globalization;
using Hypercare.Core.Projects;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hypercare.Browser.Tests;

/// <summary>The system Chromium driving the handover: a lead plans an area, ticks a checklist item, and the Exit page shows both.</summary>
public sealed class HandoverFlowTests(BrowserApp app) : ChromiumTest(app), IClassFixture<BrowserApp>
{
    private static string Day(int offset) => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Lead_PlansAnArea_TicksAnItem_AndTheExitPageShowsTheChecklist()
    {
        var (page, _) = await SignInAsync(ProjectRole.HypercareLead);

        await page.GetByRole(AriaRole.Link, new() { Name = "Handover", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Handover to the steady-state team");

        // A bad order of dates is refused and names the field; the corrected area is saved and shows its stage.
        await page.Locator("#new-area-name").FillAsync("Billing");
        await page.Locator("#new-area-shadow").FillAsync(Day(-3));
        await page.Locator("#new-area-reverse").FillAsync(Day(-5));
        await page.Locator("#new-area-owns").FillAsync(Day(10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add area" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("reverseShadowFrom");
        await page.Locator("#new-area-name").FillAsync("Billing");
        await page.Locator("#new-area-shadow").FillAsync(Day(-3));
        await page.Locator("#new-area-reverse").FillAsync(Day(3));
        await page.Locator("#new-area-owns").FillAsync(Day(10));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add area" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Area saved.");
        await Expect(page.Locator("table.handover-areas tbody tr")).ToContainTextAsync("shadow");

        await page.GetByRole(AriaRole.Button, new() { Name = "Mark Runbooks written done" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Checklist item updated.");
        await Expect(page.Locator("#handover-items")).ToContainTextAsync("1 of 6");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the exit criteria" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("1 of 6 items done");
        await Expect(page.Locator("main")).ToContainTextAsync("Billing: shadow");
    }
}
