using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Tests;

/// <summary>
/// A small go-live for the SLA and triage commands, written through Core on the CLI's database at the CLI's clock:
/// three issues reported 50 minutes apart (Sev3 oldest, then Sev2, then Sev1), the Sev2 one triaged.
/// </summary>
public sealed class SlaData : IAsyncLifetime, IDisposable
{
    public CliRunner Cli { get; } = new();

    public int ProjectId { get; private set; }

    public IReadOnlyList<int> IssueIds { get; private set; } = [];

    public int TriagedIssueId { get; private set; }

    public async Task InitializeAsync()
    {
        var migrated = await Cli.RunAsync("db", "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        // The issues arrive 50 minutes apart from the runner's start; the tests then run three hours after it.

        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Cli.Time);
        services.AddHypercareCore(DatabaseTarget.Parse(Cli.Database));
        await using var provider = services.BuildServiceProvider();

        async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = provider.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
            return await work(scope.ServiceProvider);
        }

        var project = await InScopeAsync(async s => (await s.GetRequiredService<ProjectService>().CreateAsync(Caller.System,
            new CreateProjectRequest("CRM go-live", "Salesforce Sales Cloud", new DateOnly(2026, 3, 13), new DateOnly(2026, 4, 10), "Europe/Berlin"))).Value!);
        ProjectId = project.Id;
        var people = new Dictionary<ProjectRole, int>();
        foreach (var role in Enum.GetValues<ProjectRole>())
        {
            people[role] = await InScopeAsync(async s =>
            {
                var user = (await s.GetRequiredService<AccountService>().CreateUserAsync($"{role}@sla.test".ToLowerInvariant(), $"{role} person", "sla-password-123", false)).Value!;
                var access = (await s.GetRequiredService<ProjectService>().AccessAsync(Caller.System, ProjectId))!;
                Assert.True((await s.GetRequiredService<ProjectService>().AddMemberAsync(access, new AddMemberRequest(user.Id, null, role))).Succeeded);
                return user.Id;
            });
        }

        var ids = new List<int>();
        foreach (var (title, severity) in new[] { ("Report totals off by one", Severity.Sev3), ("Quote PDF missing logo", Severity.Sev2), ("Cannot save opportunities", Severity.Sev1) })
        {
            ids.Add(await InScopeAsync(async s =>
            {
                var access = (await s.GetRequiredService<ProjectService>().AccessAsync(Caller.System, ProjectId))!;
                var issue = await s.GetRequiredService<IssueService>().ReportAsync(access,
                    new ReportIssueRequest(title, "Steps to reproduce ...", "Sales", severity, null, people[ProjectRole.Reporter]));
                Assert.True(issue.Succeeded, issue.Failure?.Message);
                return issue.Value!.Id;
            }));
            Cli.Time.Advance(TimeSpan.FromMinutes(50));
        }

        IssueIds = ids;
        TriagedIssueId = ids[1];
        await InScopeAsync(async s =>
        {
            var access = (await s.GetRequiredService<ProjectService>().AccessAsync(Caller.System, ProjectId))!;
            var triaged = await s.GetRequiredService<TriageService>().TriageAsync(access, TriagedIssueId,
                new TriageRequest(Severity.Sev2, IssueCategory.Defect, OwningTeam.ProjectTeam, people[ProjectRole.Triage]));
            Assert.True(triaged.Succeeded, triaged.Failure?.Message);
            return true;
        });

        Cli.Time.SetUtcNow(CliRunner.Now.AddHours(3));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Cli.Dispose();
}
