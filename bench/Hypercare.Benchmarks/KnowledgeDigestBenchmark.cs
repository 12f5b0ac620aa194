using System.Diagnostics;
using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.Handover;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hypercare.Benchmarks.BenchArgs;

namespace Hypercare.Benchmarks;

/// <summary>
/// The knowledge digest (issue 11) of a project with 10,000 issues: seeds them (about 70 % resolved), gives every resolved
/// issue a staff reply and half of them a resolving note, links a tenth to 200 known issues and puts 1,000 on 20 patches,
/// then times the whole digest (all queries and the Markdown) and the HTML rendering on top.
/// </summary>
internal static class KnowledgeDigestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var db = Option(args, "--db") ?? Path.Combine(Path.GetTempPath(), $"hypercare-digest-bench-{Guid.NewGuid():N}.db");
        var issues = int.Parse(Option(args, "--issues") ?? "10000", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Option(args, "--rounds") ?? "20", CultureInfo.InvariantCulture);
        var (projectId, _) = await LoadSeeder.SeedAsync(db, issues, 120);
        var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(db)).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
        {
            await AddKnowledgeAsync(scope.ServiceProvider.GetRequiredService<HypercareDbContext>(), projectId);
        }

        var whole = new List<double>();
        var html = new List<double>();
        KnowledgeDigestDocument? last = null;
        for (var round = 0; round < rounds + 3; round++)
        {
            await using var scope = services.CreateAsyncScope();
            var digests = scope.ServiceProvider.GetRequiredService<KnowledgeDigestService>();
            var watch = Stopwatch.StartNew();
            last = (await digests.BuildAsync(new ProjectAccess(projectId, Caller.System, null), new KnowledgeDigestRequest())).Value!;
            watch.Stop();
            var htmlWatch = Stopwatch.StartNew();
            _ = last.Html();
            htmlWatch.Stop();
            if (round >= 3)
            {
                whole.Add(watch.Elapsed.TotalMilliseconds);
                html.Add(htmlWatch.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine($"{(db.Contains('=', StringComparison.Ordinal) ? "PostgreSQL" : "SQLite")}, {issues:N0} issues; digest of {last!.ResolvedIssues:N0} resolved and {last.KnownIssues} known issues " +
            $"in {last.Areas.Count} areas, {last.Markdown.Length / 1024:N0} KiB of Markdown; {rounds} rounds after 3 warm-up");
        Console.WriteLine($"digest (queries + Markdown): p50 {Percentile(whole, 50):0.0} ms, p95 {Percentile(whole, 95):0.0} ms");
        Console.WriteLine($"HTML on top: p50 {Percentile(html, 50):0.0} ms, p95 {Percentile(html, 95):0.0} ms");
        return 0;
    }

    private static async Task AddKnowledgeAsync(HypercareDbContext db, int projectId)
    {
        var now = TimeProvider.System.GetUtcNow();
        var support = User.Create($"bench.support.{Guid.NewGuid():N}@bench.hypercare", "Bench Support", false, now);
        db.Users.Add(support);
        await db.SaveChangesAsync();
        var resolved = await db.Issues.AsNoTracking().Where(i => i.ProjectId == projectId && i.ResolvedAt != null)
            .OrderBy(i => i.Id).Select(i => new { i.Id, i.ReporterId, ResolvedAt = i.ResolvedAt!.Value }).ToListAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var n = 0; n < resolved.Count; n++)
        {
            var issue = resolved[n];
            db.IssueComments.Add(IssueComment.Write(issue.Id, support.Id, $"Reply to #{issue.Id}: please try the documented steps and tell us.", issue.ResolvedAt.AddHours(-2)));
            db.IssueComments.Add(IssueComment.Write(issue.Id, issue.ReporterId, "Still happening for me.", issue.ResolvedAt.AddHours(-1)));
            if (n % 2 == 0)
            {
                db.IssueComments.Add(IssueComment.Write(issue.Id, support.Id, $"Resolved #{issue.Id}: corrected the configuration and re-ran the job.", issue.ResolvedAt));
            }
        }

        var known = Enumerable.Range(1, 200).Select(k => KnownIssue.Create(projectId, $"Known problem {k}", $"Symptoms of problem {k}.",
            $"Workaround for problem {k}.", $"Internal note {k}", now)).ToList();
        db.KnownIssues.AddRange(known);
        var patches = Enumerable.Range(1, 20).Select(p => Patch.Plan(projectId, 1000 + p, null, now.AddDays(-p), now)).ToList();
        db.Patches.AddRange(patches);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        for (var n = 0; n < resolved.Count; n++)
        {
            if (n % 10 == 0)
            {
                db.KnownIssueLinks.Add(KnownIssueLink.Create(projectId, known[n / 10 % known.Count].Id, resolved[n].Id, now));
            }

            if (n % 7 == 0 && n / 7 < 1000)
            {
                db.PatchIssues.Add(PatchIssue.Create(projectId, patches[n % patches.Count].Id, resolved[n].Id, now));
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }

}
