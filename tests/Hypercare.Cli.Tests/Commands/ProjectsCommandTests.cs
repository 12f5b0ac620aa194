using System.Text.Json;

namespace Hypercare.Cli.Tests.Commands;

public sealed class ProjectsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Create_ValidOptions_PrintsIdThatListJsonReturns()
    {
        var created = await _cli.RunAsync("projects", "create", "--name", "ERP wave 2", "--system", "SAP S/4HANA",
            "--go-live", "2026-04-01", "--planned-end", "2026-04-29", "--time-zone", "Europe/Berlin");
        Assert.True(created.ExitCode == 0, created.ToString());
        var id = int.Parse(created.Out.Trim(), System.Globalization.CultureInfo.InvariantCulture);

        var listed = await _cli.RunAsync("projects", "list", "--format", "json");

        Assert.True(listed.ExitCode == 0, listed.ToString());
        var project = Assert.Single(listed.Json().EnumerateArray());
        Assert.Equal(id, project.GetProperty("id").GetInt32());
        Assert.Equal("ERP wave 2", project.GetProperty("name").GetString());
        Assert.Equal("SAP S/4HANA", project.GetProperty("systemName").GetString());
        Assert.Equal("2026-04-01", project.GetProperty("goLiveDate").GetString());
        Assert.Equal("2026-04-29", project.GetProperty("plannedEndDate").GetString());
        Assert.Equal(0, project.GetProperty("openIssues").GetInt32());
    }

    [Fact]
    public async Task Create_ImpossibleGoLiveDate_ExitsTwoNamingGoLive()
    {
        var result = await _cli.RunAsync("projects", "create", "--name", "P", "--system", "S",
            "--go-live", "2026-13-45", "--time-zone", "Europe/Berlin");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--go-live", result.Error, StringComparison.Ordinal);
        Assert.Contains("2026-13-45", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Create_UnknownTimeZone_ExitsTwoNamingTimeZone()
    {
        var result = await _cli.RunAsync("projects", "create", "--name", "P", "--system", "S",
            "--go-live", "2026-04-01", "--time-zone", "Mars/Olympus_Mons");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--time-zone", result.Error, StringComparison.Ordinal);
        Assert.Contains("Mars/Olympus_Mons", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PlannedEndBeforeGoLive_ExitsTwoNamingPlannedEnd()
    {
        var result = await _cli.RunAsync("projects", "create", "--name", "P", "--system", "S",
            "--go-live", "2026-04-01", "--planned-end", "2026-03-01", "--time-zone", "UTC");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--planned-end", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_MissingRequiredOptions_ExitsTwoNamingThem()
    {
        var result = await _cli.RunAsync("projects", "create", "--name", "P");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--system", result.Error, StringComparison.Ordinal);
        Assert.Contains("--go-live", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_cli.DatabasePath), "a usage error must not touch the database");
    }

    [Fact]
    public async Task List_JsonOnFreshDatabase_WritesOnlyJsonToStdout()
    {
        var result = await _cli.RunAsync("projects", "list", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(JsonValueKind.Array, result.Json().ValueKind);
        // The SQLite file migrates itself, and says so on stderr, out of the way of the JSON.
        Assert.Contains("migration", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAdd_ExistingUserAndRole_AddsMemberWithRole()
    {
        await _cli.RunWithInputAsync("correct horse battery\n",
            "users", "add", "--email", "lead@example.com", "--name", "Lea Lead", "--password-stdin");
        var created = await _cli.RunAsync("projects", "create", "--name", "P", "--system", "S", "--go-live", "2026-04-01", "--time-zone", "UTC");
        var id = created.Out.Trim();

        var added = await _cli.RunAsync("projects", "members", "add", "--project", id, "--email", "lead@example.com",
            "--role", "hypercareLead", "--format", "json");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal("hypercareLead", added.Json().GetProperty("role").GetString());
        Assert.Equal("lead@example.com", added.Json().GetProperty("email").GetString());
    }

    [Fact]
    public async Task MembersAdd_UnknownRole_ExitsTwoListingRoles()
    {
        var result = await _cli.RunAsync("projects", "members", "add", "--project", "1", "--email", "a@example.com", "--role", "boss");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--role", result.Error, StringComparison.Ordinal);
        Assert.Contains("steadyStateSupport", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersAdd_UnknownProject_ExitsOne()
    {
        var result = await _cli.RunAsync("projects", "members", "add", "--project", "42", "--email", "a@example.com", "--role", "triage");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Project 42 was not found", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
