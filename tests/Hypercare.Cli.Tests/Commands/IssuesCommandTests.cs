using System.Globalization;

namespace Hypercare.Cli.Tests.Commands;

[Collection(DemoCollection.Name)]
public sealed class IssuesCommandTests(DemoDatabase demo)
{
    private string Project => demo.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task List_JsonOnDemoData_ReturnsFirstPageWithTotal()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(25, json.GetProperty("items").GetArrayLength());
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        Assert.Equal(demo.IssueCount, json.GetProperty("totalCount").GetInt32());
        var first = json.GetProperty("items")[0];
        Assert.Matches("^sev[123]$", first.GetProperty("severity").GetString());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("title").GetString()));
    }

    [Fact]
    public async Task List_SecondPage_RespectsPageAndPageSize()
    {
        var page1 = (await demo.Cli.RunAsync("issues", "list", "--project", Project, "--page-size", "7", "--format", "json")).Json();
        var page2 = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--page", "2", "--page-size", "7", "--format", "json");

        Assert.True(page2.ExitCode == 0, page2.ToString());
        var json = page2.Json();
        Assert.Equal(2, json.GetProperty("page").GetInt32());
        Assert.Equal(7, json.GetProperty("pageSize").GetInt32());
        Assert.Equal((demo.IssueCount + 6) / 7, json.GetProperty("totalPages").GetInt32());
        var firstIds = page1.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToHashSet();
        var secondIds = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(7, secondIds.Count);
        Assert.DoesNotContain(secondIds, firstIds.Contains);
    }

    [Fact]
    public async Task List_StatusAndSeverityFilters_ReturnOnlyMatchingIssues()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--status", "closed,resolved", "--severity", "sev1",
            "--page-size", "200", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var items = result.Json().GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("sev1", i.GetProperty("severity").GetString()));
        Assert.All(items, i => Assert.True(i.GetProperty("status").GetString() is "closed" or "resolved"));
    }

    [Fact]
    public async Task List_PageSizeAboveMaximum_ExitsTwoNamingPageSize()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--page-size", "500");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--page-size", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownStatus_ExitsTwoNamingStatus()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--status", "sleeping");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--status", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_UnknownProject_ExitsOneWithNotFound()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", "999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Project 999 was not found", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task List_MissingProject_ExitsTwoNamingProject()
    {
        var result = await demo.Cli.RunAsync("issues", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--project", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TableFormat_ShowsTitlesAndPageFooter()
    {
        var result = await demo.Cli.RunAsync("issues", "list", "--project", Project, "--page-size", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Title", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Page 1 of {(demo.IssueCount + 2) / 3}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ClosedIssueJson_HasFieldsCommentsAndHistory()
    {
        var closed = (await demo.Cli.RunAsync("issues", "list", "--project", Project, "--status", "closed", "--page-size", "1", "--format", "json"))
            .Json().GetProperty("items")[0].GetProperty("id").GetInt32();

        var result = await demo.Cli.RunAsync("issues", "show", "--project", Project, "--issue", closed.ToString(CultureInfo.InvariantCulture),
            "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(closed, json.GetProperty("issue").GetProperty("id").GetInt32());
        Assert.Equal("closed", json.GetProperty("issue").GetProperty("status").GetString());
        Assert.NotEqual(0, json.GetProperty("comments").GetArrayLength());
        Assert.Contains(json.GetProperty("history").EnumerateArray(), h => h.GetProperty("action").GetString() == "created");
    }

    [Fact]
    public async Task Show_TableFormat_ShowsTitleAndHistory()
    {
        var result = await demo.Cli.RunAsync("issues", "show", "--project", Project, "--issue", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("#1 ", result.Out, StringComparison.Ordinal);
        Assert.Contains("Changes", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownIssue_ExitsOne()
    {
        var result = await demo.Cli.RunAsync("issues", "show", "--project", Project, "--issue", "99999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Issue 99999", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoSeed_SecondRun_ReportsSameProjectWithoutDuplicating()
    {
        var again = await demo.Cli.RunAsync("demo", "seed");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"Demo project {Project}:", again.Out, StringComparison.Ordinal);
        Assert.Contains("lead@demo.hypercare", again.Out, StringComparison.Ordinal);
        Assert.Contains("hypercare-demo", again.Out, StringComparison.Ordinal);
    }
}
