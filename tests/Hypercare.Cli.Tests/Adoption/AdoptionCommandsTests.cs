using System.Globalization;

namespace Hypercare.Cli.Tests.Adoption;

public sealed class AdoptionCommandsTests : IDisposable
{
    private const string Users = """
        "Id","Username","Name","IsActive","UserType","Profile.Name","Department"
        "005Hs00000AbCdEIAV","ana@acme.com.prod","Ana Lopez","true","Standard","Sales User","Sales"
        "005Hs00000XyZqWIAV","raj@acme.com.prod","Raj Patel","true","Standard","Service Agent","Care"
        """;

    private const string Logins = """
        "ID","USERID","LOGINTIME","LOGINTYPE","STATUS"
        "0YaHs00000K7wXyKAJ","005Hs00000AbCdE","2026-03-02T13:58:41.000+0000","Application","Success"
        "0YaHs00000K7wXzKAJ","005Hs00000XyZqWIAV","2026-03-02T14:03:09.000Z","Application","Password Lockout"
        """;

    private readonly CliRunner _cli = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hypercare-cli-adoption", Guid.NewGuid().ToString("N"));

    public AdoptionCommandsTests() => Directory.CreateDirectory(_folder);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task<string> ProjectAsync()
    {
        var created = await _cli.RunAsync("projects", "create", "--name", "CRM", "--system", "Salesforce", "--go-live", "2026-03-02", "--time-zone", "Europe/Berlin");
        Assert.True(created.ExitCode == 0, created.ToString());
        return created.Out.Trim();
    }

    [Fact]
    public async Task ImportThenDaily_Json_OneObjectPerLocalDayWithTheContractFields()
    {
        var project = await ProjectAsync();

        var users = await _cli.RunAsync("adoption", "import", "users", File("users.csv", Users), "--project", project, "--format", "json");
        var logins = await _cli.RunAsync("adoption", "import", "logins", File("logins.csv", Logins), "--project", project);
        var daily = await _cli.RunAsync("adoption", "daily", "--project", project, "--format", "json");

        Assert.True(users.ExitCode == 0, users.ToString());
        Assert.Equal(2, users.Json().GetProperty("imported").GetInt32());
        Assert.True(logins.ExitCode == 0, logins.ToString());
        Assert.Contains("Imported.", logins.Out, StringComparison.Ordinal);
        Assert.True(daily.ExitCode == 0, daily.ToString());
        var day = Assert.Single(daily.Json().EnumerateArray());
        Assert.Equal(["date", "activeUsers", "licensedUsers", "loginRate", "successfulLogins", "failedLogins"], day.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2026-03-02", day.GetProperty("date").GetString());
        Assert.Equal((1, 2, 0.5, 1, 1), (day.GetProperty("activeUsers").GetInt32(), day.GetProperty("licensedUsers").GetInt32(),
            day.GetProperty("loginRate").GetDouble(), day.GetProperty("successfulLogins").GetInt32(), day.GetProperty("failedLogins").GetInt32()));
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondReportsDuplicates()
    {
        var project = await ProjectAsync();
        var file = File("logins.csv", Logins);
        await _cli.RunAsync("adoption", "import", "logins", file, "--project", project);

        var again = await _cli.RunAsync("adoption", "import", "logins", file, "--project", project, "--format", "json");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal((0, 2), (again.Json().GetProperty("imported").GetInt32(), again.Json().GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task Import_BadRow_ExitsTwoNamingFileLineAndColumnAndImportsNothing()
    {
        var project = await ProjectAsync();
        var file = File("march.csv", Logins.Replace("005Hs00000XyZqWIAV", "someone", StringComparison.Ordinal));

        var result = await _cli.RunAsync("adoption", "import", "logins", file, "--project", project);
        var daily = await _cli.RunAsync("adoption", "daily", "--project", project, "--format", "json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("march.csv: line 3, column USERID: 'someone' is not a 15- or 18-character Salesforce id.", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, daily.Json().GetArrayLength());
    }

    [Fact]
    public async Task Import_MissingColumn_ExitsTwoListingTheHeader()
    {
        var project = await ProjectAsync();

        var result = await _cli.RunAsync("adoption", "import", "logins", File("x.csv", "\"Id\",\"UserId\"\n\"a\",\"b\"\n"), "--project", project);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("required column LoginTime is missing", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownKindOrMissingFile_ExitsTwo()
    {
        var project = await ProjectAsync();

        var kind = await _cli.RunAsync("adoption", "import", "tickets", File("x.csv", Logins), "--project", project);
        var missing = await _cli.RunAsync("adoption", "import", "logins", Path.Combine(_folder, "nope.csv"), "--project", project);
        var map = await _cli.RunAsync("adoption", "import", "users", File("u.csv", Users), "--project", project, "--map", "colour:Dept");

        Assert.Equal((2, 2, 2), (kind.ExitCode, missing.ExitCode, map.ExitCode));
        Assert.Contains("nope.csv does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Contains("--map", map.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flags_Json_ListsOpenFlagsWithEvidence()
    {
        var project = await ProjectAsync();
        // Two weeks of steady logins, then a week with far fewer: a real week-over-week decline.
        var rows = new List<string> { "\"Id\",\"UserId\",\"LoginTime\",\"Status\"" };
        var n = 0;
        for (var day = 0; day < 21; day++)
        {
            var date = new DateOnly(2026, 3, 2).AddDays(day);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var users = (day < 14 ? 40 : 20) / (weekend ? 4 : 1) + day % 2;
            for (var u = 0; u < users; u++)
            {
                var id = "0YaHs" + (n++).ToString("D10", CultureInfo.InvariantCulture);
                rows.Add($"\"{id}\",\"005Hs{u:D10}\",\"{date:yyyy-MM-dd}T10:00:00.000Z\",\"Success\"");
            }
        }

        await _cli.RunAsync("adoption", "import", "logins", File("three-weeks.csv", string.Join('\n', rows)), "--project", project);
        var flags = await _cli.RunAsync("adoption", "flags", "--project", project, "--format", "json");

        Assert.True(flags.ExitCode == 0, flags.ToString());
        var flag = Assert.Single(flags.Json().EnumerateArray());
        Assert.Equal("weekOverWeekDecline", flag.GetProperty("kind").GetString());
        Assert.Equal("2026-03-16", flag.GetProperty("since").GetString());
        Assert.True(flag.GetProperty("evidence").GetProperty("pValue").GetDouble() < 0.05);
        var table = await _cli.RunAsync("adoption", "flags", "--project", project);
        Assert.Contains("1 flag(s).", table.Out, StringComparison.Ordinal);
        // The scheduled evaluation finds the same evidence: the flag stays one flag.
        var evaluate = await _cli.RunAsync("adoption", "evaluate", "--format", "json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        Assert.Equal(1, evaluate.Json().GetProperty("projectsEvaluated").GetInt32());
        Assert.Single((await _cli.RunAsync("adoption", "flags", "--project", project, "--format", "json")).Json().EnumerateArray());
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
