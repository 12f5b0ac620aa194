namespace Hypercare.Cli.Tests.Commands;

public sealed class PlanCommandTests : IDisposable
{
    private const string Inputs = """
        {
          "system": "Salesforce Service Cloud",
          "licensedUsers": 120,
          "sites": 1,
          "timeZones": ["Europe/Berlin"],
          "integrations": 1,
          "migratedRecords": 0,
          "customisation": "low",
          "criticality": "low",
          "rollout": "pilot",
          "goLive": "2026-06-01",
          "team": [
            { "role": "hypercareLead", "people": 1, "dayRate": 1200 },
            { "role": "triage", "people": 4, "dayRate": 800 },
            { "role": "steadyStateSupport", "people": 2, "dayRate": 600 }
          ]
        }
        """;

    private readonly CliRunner _cli = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hypercare-plan-tests", Guid.NewGuid().ToString("N"));

    public PlanCommandTests() => Directory.CreateDirectory(_folder);

    private string File(string text)
    {
        var path = Path.Combine(_folder, "plan.json");
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task PlanGenerate_Json_IsTheStandardTwoWeekPlanWithItsBudget()
    {
        var result = await _cli.RunAsync("plan", "generate", "--input", File(Inputs), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("standard", json.GetProperty("template").GetString());
        Assert.Equal(14, json.GetProperty("durationDays").GetInt32());
        Assert.Equal(8, json.GetProperty("effects").GetArrayLength());
        Assert.Equal(40562.50m, json.GetProperty("budget").GetProperty("totalCost").GetDecimal());
    }

    [Fact]
    public async Task PlanCompare_PutsTheStandardPlanBeside90Days_WithTheCostItAdds()
    {
        var markdown = await _cli.RunAsync("plan", "compare", "--input", File(Inputs));
        var json = await _cli.RunAsync("plan", "compare", "--input", File(Inputs), "--format", "json");

        Assert.True(markdown.ExitCode == 0, markdown.ToString());
        Assert.Contains("| Duration | 14 days, to 2026-06-14 | 90 days, to 2026-08-29 |", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("| Cost (with contingency) | EUR 40,562.50 |", markdown.Out, StringComparison.Ordinal);
        var c = json.Json();
        Assert.Equal(c.GetProperty("continuous").GetProperty("budget").GetProperty("totalCost").GetDecimal() - 40562.50m, c.GetProperty("costDifference").GetDecimal());
        Assert.True(c.GetProperty("costDifference").GetDecimal() > 0);
    }

    [Fact]
    public async Task PlanGenerate_Markdown_IsTheSowSection()
    {
        var result = await _cli.RunAsync("plan", "generate", "--input", File(Inputs.Replace("\"low\",\n  \"rollout\"", "\"low\",\n  \"template\": \"continuous90\",\n  \"rollout\"", StringComparison.Ordinal)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("# Hypercare: Salesforce Service Cloud", result.Out, StringComparison.Ordinal);
        Assert.Contains("## SLA targets by severity", result.Out, StringComparison.Ordinal);
        Assert.Contains("| Reduced cover (days 43-90) |", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanGenerate_BrokenJson_Exits2NamingLineAndColumn()
    {
        // Line 4 lacks the comma after 1, so the parser stops at "timeZones" on line 5, column 3.
        var result = await _cli.RunAsync("plan", "generate", "--input", File(Inputs.Replace("\"sites\": 1,", "\"sites\": 1", StringComparison.Ordinal)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("plan.json: line 5, column 3", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task PlanGenerate_WrongType_Exits2NamingLineColumnAndField()
    {
        var result = await _cli.RunAsync("plan", "generate", "--input", File(Inputs.Replace("\"rollout\": \"pilot\"", "\"rollout\": \"sideways\"", StringComparison.Ordinal)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 10, column", result.Error, StringComparison.Ordinal);
        Assert.Contains("(rollout)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanGenerate_FieldOutOfBounds_Exits2NamingTheField()
    {
        var result = await _cli.RunAsync("plan", "generate", "--input", File(Inputs.Replace("\"people\": 4", "\"people\": 0", StringComparison.Ordinal)));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("team[1].people", result.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
