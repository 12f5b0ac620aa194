using Hypercare.Core.Forecasting;

namespace Hypercare.Cli.Tests.Commands;

public sealed class ForecastCommandTests : IDisposable
{
    // Goel and Okumoto (1979): the first 26 NTDS failure times, in days; G-O MLE a ≈ 33.99, b ≈ 0.00579.
    private const string Ntds = "time\n9\n21\n32\n36\n43\n45\n50\n58\n63\n70\n71\n77\n78\n87\n91\n92\n95\n98\n104\n105\n116\n149\n156\n247\n249\n250\n";

    // NTDS counted in 25-day intervals.
    private static readonly int[] NtdsPer25Days = [2, 5, 4, 7, 3, 1, 1, 0, 0, 3];

    private static readonly string[] NullWhenNotFinite = ["a", "b", "aic", "expectedRemaining", "aLower", "bUpper", "exitDay"];

    private readonly CliRunner _cli = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hypercare-forecast-tests", Guid.NewGuid().ToString("N"));

    public ForecastCommandTests() => Directory.CreateDirectory(_folder);

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Forecast_NtdsFileGoelOkumotoJson_GivesThePublishedEstimates()
    {
        var result = await _cli.RunAsync("forecast", "--file", File("ntds.csv", Ntds), "--model", "goel-okumoto", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("goel-okumoto", json.GetProperty("model").GetString());
        Assert.True(json.GetProperty("finite").GetBoolean());
        Assert.Equal(33.99, json.GetProperty("a").GetDouble(), 0.005);
        Assert.Equal(0.00579, json.GetProperty("b").GetDouble(), 0.000005);
        Assert.Equal(json.GetProperty("a").GetDouble() - 26, json.GetProperty("expectedRemaining").GetDouble(), 1e-9);
        Assert.Equal(4 - 2 * json.GetProperty("logLikelihood").GetDouble(), json.GetProperty("aic").GetDouble(), 1e-9);
        Assert.True(json.GetProperty("aLower").GetDouble() < 33.99 && 33.99 < json.GetProperty("aUpper").GetDouble());
        Assert.True(json.GetProperty("bLower").GetDouble() < 0.00579 && 0.00579 < json.GetProperty("bUpper").GetDouble());
        Assert.Equal(26, json.GetProperty("observed").GetInt32());
        Assert.False(json.TryGetProperty("candidates", out _));
    }

    [Fact]
    public async Task Forecast_WithoutModel_FitsBothAndChoosesByAic()
    {
        var result = await _cli.RunAsync("forecast", "--file", File("ntds.csv", Ntds), "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var candidates = json.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["goel-okumoto", "delayed-s-shaped"], candidates.Select(c => c.GetProperty("model").GetString()));
        var lowest = candidates.MinBy(c => c.GetProperty("aic").GetDouble());
        Assert.Equal(lowest.GetProperty("model").GetString(), json.GetProperty("model").GetString());
        Assert.Equal(lowest.GetProperty("aic").GetDouble(), json.GetProperty("aic").GetDouble());
    }

    [Fact]
    public async Task Forecast_GroupedFile_FitsTheCounts()
    {
        var rows = string.Join("\n", NtdsPer25Days.Select((count, i) => $"{(i + 1) * 25},{count}"));
        var path = File("ntds-25-days.csv", "end,count\n" + rows + "\n");

        var result = await _cli.RunAsync("forecast", "--file", path, "--model", "goel-okumoto", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var expected = ReliabilityGrowth.Fit(GrowthModel.GoelOkumoto,
            new GroupedCounts([.. Enumerable.Range(1, 10).Select(i => i * 25.0)], NtdsPer25Days));
        Assert.True(json.GetProperty("finite").GetBoolean());
        Assert.Equal(expected.A!.Value, json.GetProperty("a").GetDouble(), 1e-9);
        Assert.Equal(expected.B!.Value, json.GetProperty("b").GetDouble(), 1e-12);
        Assert.Equal(26, json.GetProperty("observed").GetInt32());
        // Close to the failure-times estimate of 33.99 that the counts were made from.
        Assert.InRange(json.GetProperty("a").GetDouble(), 30, 40);
    }

    [Fact]
    public async Task Forecast_Table_ShowsEstimatesRemainingAndExitDay()
    {
        var result = await _cli.RunAsync("forecast", "--file", File("ntds.csv", Ntds), "--model", "goel-okumoto");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("goel-okumoto fit to 26 arrival times up to 250", result.Out, StringComparison.Ordinal);
        Assert.Contains("33.994", result.Out, StringComparison.Ordinal);
        Assert.Contains("Expected remaining defects: 7.9935", result.Out, StringComparison.Ordinal);
        Assert.Contains("First day with P(no arrival in the next 3 days) >= 0.8", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_NotANumber_ExitsTwoNamingLineAndColumn()
    {
        var path = File("F.csv", "time\n9\n21\nabc\n");

        var result = await _cli.RunAsync("forecast", "--file", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{path}:4:1: 'abc' is not a number", result.Error.Trim());
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("time\n9\n21\n12\n", ":4:1: times must ascend")]
    [InlineData("end,count\n1,3\n2,-1\n", ":3:2: count must not be negative")]
    [InlineData("when,count\n1,3\n", ":1:1: unexpected column 'when'")]
    [InlineData("", ": the file is empty")]
    [InlineData("time\n", ": no data rows after the header")]
    public async Task Forecast_BadFile_ExitsTwoWithTheLine(string text, string message)
    {
        var path = File("bad.csv", text);

        var result = await _cli.RunAsync("forecast", "--file", path, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(path + message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Forecast_ArrivalsNotFalling_SaysSoPlainlyAndExitsZero()
    {
        // Gaps shrinking from 4 days to half a day: arrivals are speeding up.
        var path = File("rising.csv", "time\n1\n5\n7\n8\n9\n9.5\n");

        var table = await _cli.RunAsync("forecast", "--file", path);
        var json = await _cli.RunAsync("forecast", "--file", path, "--model", "delayed-s-shaped", "--format", "json");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("not enough evidence that arrivals are falling; no end date can be forecast yet", table.Out, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 0, json.ToString());
        var fit = json.Json();
        Assert.False(fit.GetProperty("finite").GetBoolean());
        Assert.Equal("delayed-s-shaped", fit.GetProperty("model").GetString());
        Assert.All(NullWhenNotFinite, name => Assert.Equal(System.Text.Json.JsonValueKind.Null, fit.GetProperty(name).ValueKind));
    }

    [Fact]
    public async Task Forecast_UnknownModel_ExitsTwoNamingModel()
    {
        var result = await _cli.RunAsync("forecast", "--file", File("ntds.csv", Ntds), "--model", "weibull");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--model: 'weibull' is not one of goel-okumoto, delayed-s-shaped", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forecast_NoFileOrMissingFile_ExitsTwo()
    {
        var none = await _cli.RunAsync("forecast");
        var missing = await _cli.RunAsync("forecast", "--file", Path.Combine(_folder, "absent.csv"));

        Assert.Equal((2, 2), (none.ExitCode, missing.ExitCode));
        Assert.Contains("--file", none.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", missing.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
