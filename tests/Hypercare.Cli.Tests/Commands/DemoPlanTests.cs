using System.Globalization;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>
/// The demo go-live's SOW plan (kept three days before go-live, not applied) through the CLI: the burn counts the rota the
/// team has worked since go-live, and real data raises a pitfall.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoPlanTests(DemoDatabase demo)
{
    private string Project => demo.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task PlanBurn_Demo_CountsTheWorkedRota_AndRaisesAPitfallOnRealData()
    {
        var result = await demo.Cli.RunAsync("plan", "burn", "--project", Project, "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var burn = json.GetProperty("burn");
        var roles = burn.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("role").GetString()!);
        Assert.True(roles["triage"].GetProperty("rostered").GetBoolean());
        Assert.True(roles["triage"].GetProperty("hoursToDate").GetDecimal() > 50, roles["triage"].ToString());
        Assert.False(roles["changeManager"].GetProperty("rostered").GetBoolean());
        Assert.True(burn.GetProperty("costToDate").GetDecimal() > 0);
        Assert.Equal("2026-04-03", burn.GetProperty("plannedEnd").GetString());
        Assert.NotEmpty(json.GetProperty("pitfalls").EnumerateArray());

        var status = await demo.Cli.RunAsync("reports", "preview", "--project", Project, "--kind", "sponsor-status");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("## Budget", status.Out, StringComparison.Ordinal);
        Assert.Contains("| Spent to date |", status.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanApply_DryRunChangesNothing_ThenApplyKeepsTheStartedPhase_AndAgainChangesNothing()
    {
        // Its own demo database: applying changes the project the other demo tests read.
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync("db", "migrate")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("demo", "seed")).ExitCode);
        var project = (await cli.RunAsync("projects", "list", "--format", "json")).Json()[0].GetProperty("id").GetInt32().ToString(CultureInfo.InvariantCulture);

        var dry = await cli.RunAsync("plan", "apply", "--project", project, "--dry-run", "--format", "json");
        var dryAgain = await cli.RunAsync("plan", "apply", "--project", project, "--dry-run", "--format", "json");
        var applied = await cli.RunAsync("plan", "apply", "--project", project);
        var after = await cli.RunAsync("plan", "apply", "--project", project, "--dry-run", "--format", "json");

        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(dry.Out, dryAgain.Out);
        var preview = dry.Json();
        Assert.True(preview.GetProperty("live").GetBoolean());
        var phases = preview.GetProperty("phases").EnumerateArray().ToList();
        Assert.Contains(phases, p => p.GetProperty("name").GetString() == "Intensive" && p.GetProperty("kind").GetString() == "keep");
        Assert.Contains(phases, p => p.GetProperty("kind").GetString() is "update" or "create");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.StartsWith("Applied the SOW plan (version 1):", applied.Out, StringComparison.Ordinal);
        Assert.All(after.Json().GetProperty("phases").EnumerateArray(), p => Assert.Equal("keep", p.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task PlanApply_UnknownProject_ExitsWithAnError_AndMissingInputNamesTheOption()
    {
        var unknown = await demo.Cli.RunAsync("plan", "apply", "--project", "9999", "--dry-run");
        var missing = await demo.Cli.RunAsync("plan", "apply", "--project", Project, "--input", "/nonexistent/plan.json");

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--input", missing.Error, StringComparison.Ordinal);
    }
}
