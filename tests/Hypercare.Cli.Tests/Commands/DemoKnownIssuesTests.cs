using System.Globalization;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>The demo go-live's known issues and patches, as the CLI lists them after <c>demo seed</c>.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoKnownIssuesTests(DemoDatabase demo)
{
    private string Project => demo.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task KnownIssuesList_DemoData_EveryStatusWithLinkedReportsAndDuplicatesCounted()
    {
        var result = await demo.Cli.RunAsync("known-issues", "list", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var known = result.Json().EnumerateArray().ToList();
        Assert.Equal(6, known.Count);
        var statuses = known.GroupBy(k => k.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, statuses["fixed"]);
        Assert.Equal(1, statuses["fixScheduled"]);
        Assert.Equal(1, statuses["workaroundAvailable"]);
        Assert.Equal(1, statuses["investigating"]);
        Assert.All(known, k => Assert.True(k.GetProperty("linkedIssues").GetInt32() >= 2));
        // Duplicates from other reporters count as affected people without being linked themselves.
        Assert.Contains(known, k => k.GetProperty("affectedPeople").GetInt32() > k.GetProperty("linkedIssues").GetInt32());
        // Published workarounds are public; the investigating one's draft is not.
        Assert.Equal(4, known.Count(k => k.GetProperty("workaround").ValueKind == System.Text.Json.JsonValueKind.String));
        var scheduled = known.Single(k => k.GetProperty("status").GetString() == "fixScheduled");
        Assert.Equal("Patch 4", scheduled.GetProperty("patchName").GetString());
    }

    [Fact]
    public async Task PatchesList_DemoData_ThreeDeployedWithNotesAndUpcomingWithFixedIssues()
    {
        var result = await demo.Cli.RunAsync("patches", "list", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var patches = result.Json().EnumerateArray().ToList();
        var deployed = patches.Where(p => p.GetProperty("status").GetString() == "deployed").ToList();
        var planned = patches.Where(p => p.GetProperty("status").GetString() == "planned").ToList();
        Assert.Equal(3, deployed.Count);
        Assert.Equal(2, planned.Count);
        Assert.All(deployed, p => Assert.Contains("What this update fixes:", p.GetProperty("releaseNotes").GetString(), StringComparison.Ordinal));
        Assert.Contains(deployed, p => p.GetProperty("releaseNotes").GetString()!.Contains("Quote PDF shows the wrong VAT rate", StringComparison.Ordinal));
        Assert.All(planned, p => Assert.True(p.GetProperty("issueCount").GetInt32() > 0));
        Assert.All(planned, p => Assert.True(p.GetProperty("plannedFor").GetDateTimeOffset() > deployed.Max(d => d.GetProperty("deployedAt").GetDateTimeOffset())));
    }
}
