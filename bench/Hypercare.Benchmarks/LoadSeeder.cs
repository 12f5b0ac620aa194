using Hypercare.Benchmarks.Sla;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Benchmarks;

/// <summary>
/// Fills a database with one project of N issues in a realistic mix, fast: issues go in through the DbContext in
/// batches (with their audit rows, as the app would write them), not one API call each.
/// </summary>
internal static class LoadSeeder
{
    /// <param name="database">SQLite path or PostgreSQL connection string.</param>
    /// <param name="count">Issues to write.</param>
    /// <param name="days">With a value, go-live is that many days ago and the issues arrive over them, thinning out as
    /// hypercare arrivals do (the exit benchmark); without, a fixed go-live and a month of even arrivals (the SLA benchmarks).</param>
    public static async Task<(int ProjectId, string Token)> SeedAsync(string database, int count, int? days = null)
    {
        var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(database)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();

        var lead = (await accounts.CreateUserAsync($"bench.lead.{Guid.NewGuid():N}@bench.hypercare", "Bench Lead", "bench-password-1", false)).Value!;
        var goLive = days is { } d ? LocalDays.Today(TimeProvider.System.GetUtcNow().AddDays(-d), "Europe/Berlin") : new DateOnly(2026, 1, 5);
        var project = (await projects.CreateAsync(Caller.System, new CreateProjectRequest("Load test go-live", "Salesforce Sales Cloud",
            goLive, goLive.AddDays(days ?? 28), "Europe/Berlin"))).Value!;
        db.ProjectMembers.Add(ProjectMember.Create(project.Id, lead.Id, ProjectRole.HypercareLead, TimeProvider.System.GetUtcNow()));
        await db.SaveChangesAsync();

        var random = new Random(42);
        var now = TimeProvider.System.GetUtcNow();
        var start = now.AddDays(-(days ?? 30));
        var plan = await scope.ServiceProvider.GetRequiredService<SlaPlanService>().PlanAsync(project.Id);
        string[] areas = ["Quotes", "Login", "Opportunities", "Reports", "Cases", "Accounts", "ERP sync", "Mobile app"];
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count;)
        {
            var batch = Math.Min(5000, count - done);
            for (var i = 0; i < batch; i++)
            {
                var n = done + i;
                var area = areas[random.Next(areas.Length)];
                // Over a given span, arrivals thin out: the n-th of count arrives at the (n/count)² point, as a falling rate.
                var position = (n + 0.5) / count;
                var reportedAt = start + (now - start) * (days is null ? position : position * position);
                var timeline = SlaTimelines.Open(random, reportedAt, now);
                if (random.NextDouble() < 0.7 && timeline.Count > 2)
                {
                    // Most issues of a month-old go-live are resolved.
                    var last = timeline[^1].At.AddHours(random.Next(1, 30));
                    if (last < now)
                    {
                        timeline.Add(new TimelineEvent(last, TimelineEventKind.StatusChanged, Status: IssueStatus.Resolved));
                    }
                }

                var issue = Issue.Report(project.Id, lead.Id, $"{area} problem #{n}", $"Load-test issue {n} in {area}.", area,
                    timeline[0].Severity!.Value, (IssueCategory)random.Next(6), reportedAt);
                foreach (var e in timeline.Skip(1))
                {
                    if (e.Status == IssueStatus.Triaged)
                    {
                        var decided = timeline.FirstOrDefault(t => t.Kind == TimelineEventKind.OwningTeamChanged)?.Team ?? OwningTeam.ProjectTeam;
                        issue.Triage(issue.Severity, issue.Category ?? IssueCategory.Defect, decided, lead.Id, e.At);
                    }
                    else if (e.Status is { } status)
                    {
                        issue.TransitionTo(status, e.At);
                    }

                    if (e.Kind == TimelineEventKind.OwningTeamChanged && e.Team is { } team && team != issue.OwningTeam)
                    {
                        // The seeder writes the timeline's hand-overs as the entity records them (not stored: the bench measures clocks).
                        issue.HandOver(team, lead.Id, lead.Id, "load test", e.At);
                    }
                }

                SlaService.Apply(issue, SlaClock.Evaluate(timeline, plan, now));
                db.Issues.Add(issue);
                foreach (var e in timeline)
                {
                    db.IssueEvents.Add(IssueEvent.Record(issue, e));
                }
            }

            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            done += batch;
            await Console.Error.WriteLineAsync($"seeded {done}/{count} issues");
        }

        var token = (await accounts.CreateTokenAsync(lead.Id, "bench")).Value!.Secret;
        return (project.Id, token);
    }
}
