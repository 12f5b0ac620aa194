using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>`hypercare exit check` gates: 3 while a rule does not hold, 0 when every enabled rule does.</summary>
public sealed class ExitCommandTests(SlaData data) : IClassFixture<SlaData>
{
    [Fact]
    public async Task ExitCheck_Sev1ReportedThisWeek_ExitsThreeWithTheIssueAsEvidence()
    {
        var table = await data.Cli.RunAsync("exit", "check", "--project", data.ProjectId.ToString(CultureInfo.InvariantCulture));
        var json = await data.Cli.RunAsync("exit", "check", "--project", data.ProjectId.ToString(CultureInfo.InvariantCulture), "--format", "json");

        Assert.True(table.ExitCode == 3, table.ToString());
        Assert.Contains("No new Sev1 or Sev2 for 3 consecutive days", table.Out, StringComparison.Ordinal);
        Assert.Contains($"#{data.IssueIds[2]} reported as Sev1", table.Out, StringComparison.Ordinal);
        Assert.Equal(3, json.ExitCode);
        var rules = json.Json().GetProperty("rules");
        Assert.Equal("notMet", rules[0].GetProperty("state").GetString());
        Assert.False(json.Json().GetProperty("allMet").GetBoolean());
    }

    [Fact]
    public async Task ExitCheck_EveryEnabledRuleHolds_ExitsZero()
    {
        var created = await data.Cli.RunAsync("projects", "create", "--name", "Quiet go-live", "--system", "ERP", "--go-live", "2026-03-02",
            "--time-zone", "Europe/Berlin", "--format", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var projectId = created.Json().GetProperty("id").GetInt32();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(data.Cli.Time).AddHypercareCore(DatabaseTarget.Parse(data.Cli.Database));
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
            var access = (await scope.ServiceProvider.GetRequiredService<ProjectService>().AccessAsync(Caller.System, projectId))!;
            var set = await scope.ServiceProvider.GetRequiredService<ExitService>().SetRulesAsync(access, new ExitRulesRequest(
            [
                new ExitRuleUpdate(ExitRuleKind.SteadyStateHandlesNewIssues, false),
                new ExitRuleUpdate(ExitRuleKind.SponsorSignedOff, false),
                new ExitRuleUpdate(ExitRuleKind.NoOpenSev1, true),
            ]));
            Assert.True(set.Succeeded, set.Failure?.Message);
        }

        var result = await data.Cli.RunAsync("exit", "check", "--project", projectId.ToString(CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Every exit rule holds.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCheck_UnknownProject_ExitsOne()
    {
        var result = await data.Cli.RunAsync("exit", "check", "--project", "999999");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("999999", result.Error, StringComparison.Ordinal);
    }
}
