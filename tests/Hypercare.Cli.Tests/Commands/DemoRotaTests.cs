using System.Globalization;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>The demo go-live's rota after <c>demo seed</c> ("now" Monday 16 March 2026, 12:00 in Berlin), read and regenerated through the CLI.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoRotaTests(DemoDatabase demo)
{
    private string Project => demo.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task RotaShow_DemoWeek_ShiftsFromNowFilledByTheTeamWithHoursPerPerson()
    {
        var shown = await demo.Cli.RunAsync("rota", "show", "--project", Project, "--from", "2026-03-16", "--to", "2026-03-22", "--format", "json");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        var rota = shown.Json();
        var shifts = rota.GetProperty("shifts").EnumerateArray().ToList();
        Assert.NotEmpty(shifts);
        // Today's early shifts were worked on the rota generated before go-live (the budget burn counts them); the rest is today's generation.
        Assert.Contains(shifts, s => s.GetProperty("start").GetDateTimeOffset() < CliRunner.Now);
        Assert.Contains(shifts, s => s.GetProperty("start").GetDateTimeOffset() >= CliRunner.Now);
        Assert.Contains(shifts, s => s.GetProperty("role").GetString() == "triage");
        Assert.Contains(shifts, s => s.GetProperty("role").GetString() == "steadyStateSupport");
        var held = shifts.Where(s => s.GetProperty("person").ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.True(held.Count > shifts.Count / 2, $"{held.Count} of {shifts.Count} shifts are held");
        var hours = rota.GetProperty("hours").EnumerateArray().ToList();
        Assert.True(hours.Count >= 2, rota.ToString());
        Assert.Equal(held.Sum(s => s.GetProperty("hours").GetDouble()), hours.Sum(h => h.GetProperty("hours").GetDouble()), 6);
    }

    [Fact]
    public async Task RotaGenerate_Again_ReplacesTheGeneratedShiftsWithTheSameNumber()
    {
        var before = (await demo.Cli.RunAsync("rota", "show", "--project", Project, "--from", "2026-03-17", "--to", "2026-03-23", "--format", "json")).Json();

        var again = await demo.Cli.RunAsync("rota", "generate", "--project", Project, "--from", "2026-03-17", "--to", "2026-03-23", "--format", "json");
        var after = (await demo.Cli.RunAsync("rota", "show", "--project", Project, "--from", "2026-03-17", "--to", "2026-03-23", "--format", "json")).Json();

        Assert.True(again.ExitCode == 0, again.ToString());
        var result = again.Json();
        Assert.Equal(before.GetProperty("shifts").GetArrayLength(), result.GetProperty("shiftsReplaced").GetInt32());
        Assert.Equal(before.GetProperty("shifts").GetArrayLength(), after.GetProperty("shifts").GetArrayLength());
    }

    [Fact]
    public async Task RotaShow_BackwardsRange_ExitsTwoNamingTheOption()
    {
        var shown = await demo.Cli.RunAsync("rota", "show", "--project", Project, "--from", "2026-03-20", "--to", "2026-03-10");

        Assert.Equal(2, shown.ExitCode);
        Assert.Contains("--to", shown.Error, StringComparison.Ordinal);
    }
}
