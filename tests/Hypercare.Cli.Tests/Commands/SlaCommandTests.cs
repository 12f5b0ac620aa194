using System.Globalization;
using System.Text.RegularExpressions;

namespace Hypercare.Cli.Tests.Commands;

public sealed class SlaCommandTests(SlaData data) : IClassFixture<SlaData>
{
    private string Project => data.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task SlaReport_Json_HasOneRowPerSeverityAndMeanTimes()
    {
        var result = await data.Cli.RunAsync("sla", "report", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var groups = json.GetProperty("responseBySeverity").EnumerateArray().Select(r => r.GetProperty("group").GetString()).ToList();
        Assert.Equal(["Sev1", "Sev2", "Sev3"], groups);
        Assert.Equal(3, json.GetProperty("resolutionBySeverity").GetArrayLength());
        Assert.True(json.GetProperty("responseBySeverity").EnumerateArray().Sum(r => r.GetProperty("measured").GetInt32()) > 0);
        Assert.Equal(1, json.GetProperty("responseBySeverity")[1].GetProperty("measured").GetInt32());
        Assert.True(json.GetProperty("meanHoursToAcknowledge").GetDouble() > 0);
        Assert.NotEqual(0, json.GetProperty("resolutionByPhase").GetArrayLength());
    }

    [Fact]
    public async Task SlaReport_Table_ShowsComplianceSections()
    {
        var result = await data.Cli.RunAsync("sla", "report", "--project", Project, "--from", "2026-03-13", "--to", "2026-03-16");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2026-03-13 to 2026-03-16", result.Out, StringComparison.Ordinal);
        Assert.Contains("First response by severity", result.Out, StringComparison.Ordinal);
        Assert.Contains("Resolution by owning team", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlaReport_BadFromDate_ExitsTwoNamingFrom()
    {
        var result = await data.Cli.RunAsync("sla", "report", "--project", Project, "--from", "2026-02-30");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--from", result.Error, StringComparison.Ordinal);
        Assert.Contains("2026-02-30", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task SlaReport_ToBeforeFrom_ExitsTwoNamingTo()
    {
        var result = await data.Cli.RunAsync("sla", "report", "--project", Project, "--from", "2026-03-10", "--to", "2026-03-01");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--to", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TriageQueue_Json_ListsNewIssuesByProposedSeverityThenAge()
    {
        var result = await data.Cli.RunAsync("triage", "queue", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, json.GetProperty("total").GetInt32());
        // The Sev1 report is the newest, yet it heads the queue: severity first, age second.
        Assert.Equal([data.IssueIds[2], data.IssueIds[0]], items.Select(i => i.GetProperty("issue").GetProperty("id").GetInt32()));
        Assert.Equal(["sev1", "sev3"], items.Select(i => i.GetProperty("proposedSeverity").GetString()));
        Assert.All(items, i => Assert.Equal("new", i.GetProperty("issue").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task TriageQueue_Table_ShowsCountAndNextSession()
    {
        var result = await data.Cli.RunAsync("triage", "queue", "--project", Project);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"\d+ issue\(s\) waiting for triage\.", result.Out);
        Assert.Contains("Proposed", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuesSla_Json_ShowsTheThreeClocks()
    {
        var issueId = data.IssueIds[2];

        var result = await data.Cli.RunAsync("issues", "sla", "--project", Project, "--issue", issueId.ToString(CultureInfo.InvariantCulture), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal(issueId, json.GetProperty("issueId").GetInt32());
        Assert.Equal("response", json.GetProperty("response").GetProperty("kind").GetString());
        Assert.Equal("resolution", json.GetProperty("resolution").GetProperty("kind").GetString());
        Assert.Equal("update", json.GetProperty("update").GetProperty("kind").GetString());
        // The Sev1 issue was reported 80 minutes ago, in the default plan's Intensive phase: past its 15-minute first
        // response, inside its 2-hour resolution.
        Assert.Equal("breached", json.GetProperty("response").GetProperty("status").GetString());
        Assert.Equal("running", json.GetProperty("resolution").GetProperty("status").GetString());
        Assert.Equal("15 minutes around the clock", json.GetProperty("response").GetProperty("targetText").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("response").GetProperty("targetText").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.String, json.GetProperty("response").GetProperty("dueAt").ValueKind);
    }

    [Fact]
    public async Task IssuesSla_Table_ShowsClocksAndUnknownIssueExitsOne()
    {
        var table = await data.Cli.RunAsync("issues", "sla", "--project", Project, "--issue", data.TriagedIssueId.ToString(CultureInfo.InvariantCulture));
        var unknown = await data.Cli.RunAsync("issues", "sla", "--project", Project, "--issue", "99999");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("response", table.Out, StringComparison.Ordinal);
        Assert.Contains("Phase", table.Out, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Issue 99999", unknown.Error, StringComparison.Ordinal);
    }
}

/// <summary>The sweep writes alerts, so it runs on its own database rather than the one the read-only tests share.</summary>
public sealed class SlaSweepCommandTests(SlaData data) : IClassFixture<SlaData>
{
    private CliRunner Cli => data.Cli;

    [Fact]
    public async Task Sweep_RunTwice_FiresAlertsOnceThenNothing()
    {
        var first = await Cli.RunAsync("sla", "sweep");
        var second = await Cli.RunAsync("sla", "sweep", "--format", "json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(3, Count(first.Out, "Issues checked"));
        Assert.True(Count(first.Out, "Alerts fired") > 0, first.Out);
        Assert.True(Count(first.Out, "Notifications") > 0, first.Out);
        Assert.True(second.ExitCode == 0, second.ToString());
        var json = second.Json();
        Assert.Equal(Count(first.Out, "Issues checked"), json.GetProperty("issuesChecked").GetInt32());
        Assert.Equal(0, json.GetProperty("alertsFired").GetInt32());
        Assert.Equal(0, json.GetProperty("notifications").GetInt32());
    }

    private static int Count(string output, string label) =>
        int.Parse(Regex.Match(output, $"{label}: (\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
}
