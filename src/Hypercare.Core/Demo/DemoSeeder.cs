using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed record DemoResult(int ProjectId, string ProjectName, int Issues, IReadOnlyList<(string Email, ProjectRole Role)> People, string Password);

/// <summary>
/// A deterministic demo go-live ten days in: the same people, issues, comments and history for the same "today".
/// It runs the real services (lifecycle rules, audit trail) on a clock that walks through the ten days.
/// </summary>
public sealed partial class DemoSeeder(DbContextOptions<HypercareDbContext> options, TimeProvider time)
{
    public const string DemoPassword = "hypercare-demo";
    public const string ProjectName = "Acme Sales Cloud go-live";
    private const string Zone = "Europe/Berlin";

    private static readonly (string Email, string Name, ProjectRole Role)[] Cast =
    [
        ("lead@demo.hypercare", "Hanna Lead", ProjectRole.HypercareLead),
        ("triage@demo.hypercare", "Tomás Triage", ProjectRole.Triage),
        ("triage2@demo.hypercare", "Priya Natarajan", ProjectRole.Triage),
        ("change@demo.hypercare", "Chloé Change", ProjectRole.ChangeManager),
        ("sponsor@demo.hypercare", "Samuel Sponsor", ProjectRole.Sponsor),
        ("steady@demo.hypercare", "Stella Steady", ProjectRole.SteadyStateSupport),
        ("steady2@demo.hypercare", "Omar Haddad", ProjectRole.SteadyStateSupport),
        ("reporter@demo.hypercare", "Rita Reporter", ProjectRole.Reporter),
        ("sales.north@demo.hypercare", "Lars Nilsson", ProjectRole.Reporter),
        ("sales.south@demo.hypercare", "Giulia Romano", ProjectRole.Reporter),
        ("service@demo.hypercare", "Ben Okafor", ProjectRole.Reporter),
        ("finance@demo.hypercare", "Mei Chen", ProjectRole.Reporter),
        ("ops@demo.hypercare", "Jonas Weber", ProjectRole.Reporter),
    ];

    private static readonly (string Title, string Area, IssueCategory Category, Severity Severity)[] Templates =
    [
        ("Cannot log in after password reset", "Login", IssueCategory.AccessPermissions, Severity.Sev2),
        ("Opportunity stage won't save past 'Negotiation'", "Opportunities", IssueCategory.Defect, Severity.Sev2),
        ("Quote PDF shows wrong VAT rate", "Quotes", IssueCategory.Defect, Severity.Sev1),
        ("Where are my accounts from the old CRM?", "Accounts", IssueCategory.DataQuestion, Severity.Sev3),
        ("How do I convert a lead to an opportunity?", "Leads", IssueCategory.TrainingGap, Severity.Sev3),
        ("Report 'Pipeline by region' times out", "Reports", IssueCategory.Defect, Severity.Sev2),
        ("Need access to the Service Console", "Service Console", IssueCategory.AccessPermissions, Severity.Sev3),
        ("Duplicate contacts after migration", "Contacts", IssueCategory.DataQuestion, Severity.Sev2),
        ("Email-to-case not creating cases", "Cases", IssueCategory.Defect, Severity.Sev1),
        ("Add 'Partner' picklist value to Account Type", "Accounts", IssueCategory.ConfigurationChange, Severity.Sev3),
        ("Can we have a mass-update button on tasks?", "Tasks", IssueCategory.EnhancementRequest, Severity.Sev3),
        ("Outlook integration not syncing meetings", "Outlook integration", IssueCategory.Defect, Severity.Sev2),
        ("How do I log a call from my phone?", "Mobile app", IssueCategory.TrainingGap, Severity.Sev3),
        ("Price book missing for Nordic region", "Products", IssueCategory.ConfigurationChange, Severity.Sev2),
        ("Dashboard shows last month's numbers", "Dashboards", IssueCategory.DataQuestion, Severity.Sev3),
        ("Approval process stuck for discounts over 20%", "Approvals", IssueCategory.Defect, Severity.Sev2),
        ("Sales Cloud down for whole Munich office", "Login", IssueCategory.Defect, Severity.Sev1),
        ("Where do I find my team's open cases?", "Cases", IssueCategory.TrainingGap, Severity.Sev3),
        ("Territory assignment wrong for key accounts", "Territories", IssueCategory.ConfigurationChange, Severity.Sev2),
        ("Locked out after three attempts with MFA", "Login", IssueCategory.AccessPermissions, Severity.Sev2),
        ("Invoice numbers missing on synced orders", "ERP sync", IssueCategory.Defect, Severity.Sev1),
        ("List view filters reset every time", "List views", IssueCategory.Defect, Severity.Sev3),
        ("How do I share a report with my manager?", "Reports", IssueCategory.TrainingGap, Severity.Sev3),
        ("Historic activities missing for my accounts", "Activities", IssueCategory.DataQuestion, Severity.Sev3),
        ("Button 'Create Quote' missing on opportunity layout", "Quotes", IssueCategory.ConfigurationChange, Severity.Sev2),
        ("Page layout too slow to load on laptop", "Performance", IssueCategory.Defect, Severity.Sev3),
        ("Want Gantt view of onboarding tasks", "Tasks", IssueCategory.EnhancementRequest, Severity.Sev3),
        ("Can't see colleague's calendar", "Calendar", IssueCategory.AccessPermissions, Severity.Sev3),
        ("Forecast totals don't match spreadsheet", "Forecasts", IssueCategory.DataQuestion, Severity.Sev2),
        ("How do I clone an opportunity with products?", "Opportunities", IssueCategory.TrainingGap, Severity.Sev3),
    ];

    private static readonly string[] Comments =
    [
        "Reproduced in production with a test user.",
        "Can you send a screenshot of the error, please?",
        "Screenshot attached; it happens every time.",
        "Same here for the whole northern sales team.",
        "Root cause found: a validation rule from the old data model.",
        "Workaround: use the classic quote template until the patch is out.",
        "Walked the user through it on a call; adding to the FAQ.",
        "Fix is in the next hypercare patch.",
        "Confirmed working for me now, thank you!",
        "Handing over to the steady-state team for follow-up.",
    ];

    public async Task<DemoResult> SeedAsync(CancellationToken cancellationToken = default)
    {
        var clock = new WalkingClock(time.GetUtcNow());
        var actor = new AuditActor();
        await using var db = new HypercareDbContext(options, actor, clock);
        var existing = await db.Projects.SingleOrDefaultAsync(p => p.Name == ProjectName, cancellationToken);
        if (existing is not null)
        {
            var count = await db.Issues.CountAsync(i => i.ProjectId == existing.Id, cancellationToken);
            return new DemoResult(existing.Id, existing.Name, count, Cast.Select(c => (c.Email, c.Role)).ToList(), DemoPassword);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var today = LocalDays.Today(time.GetUtcNow(), Zone);
        var goLive = today.AddDays(-10);
        clock.Now = LocalDays.StartOf(goLive.AddDays(-3), Zone).AddHours(9);

        var limits = new SignInLimits();
        var accounts = new AccountService(db, clock, new SignInGuard(db, clock, limits, Microsoft.Extensions.Logging.Abstractions.NullLogger<SignInGuard>.Instance),
            new SessionService(db, clock, limits));
        var people = new Dictionary<string, (int Id, string Name, ProjectRole Role)>();
        foreach (var (email, name, role) in Cast)
        {
            var user = await accounts.FindUserByEmailAsync(email, cancellationToken);
            var id = user?.Id ?? (await accounts.CreateUserAsync(email, name, DemoPassword, false, cancellationToken)).Value!.Id;
            people[email] = (id, name, role);
        }

        var projects = new ProjectService(db, clock);
        var project = (await projects.CreateAsync(Caller.System, new CreateProjectRequest(
            ProjectName, "Salesforce Sales Cloud", goLive, goLive.AddDays(28), Zone), cancellationToken)).Value!;
        foreach (var person in people.Values)
        {
            db.ProjectMembers.Add(ProjectMember.Create(project.Id, person.Id, person.Role, clock.Now));
        }

        await db.SaveChangesAsync(cancellationToken);

        var random = new Random(20261126);
        var sla = new SlaService(db, new SlaPlanService(db), clock);
        var issues = new IssueService(db, sla, clock);
        var triageService = new TriageService(db, issues, sla, new SlaPlanService(db), clock);
        var reporters = people.Values.Where(p => p.Role is ProjectRole.Reporter or ProjectRole.ChangeManager).ToArray();
        var workers = people.Values.Where(p => p.Role is ProjectRole.Triage or ProjectRole.SteadyStateSupport or ProjectRole.HypercareLead).ToArray();
        var triagers = people.Values.Where(p => p.Role == ProjectRole.Triage).ToArray();
        var steady = people.Values.Where(p => p.Role == ProjectRole.SteadyStateSupport).ToArray();
        var originals = new List<(int Id, string Title)>();
        var created = 0;

        // Arrivals peak in the first days after go-live and taper, as hypercare defect curves do; today's arrive until now.
        int[] perDay = [24, 22, 19, 16, 14, 12, 10, 9, 8, 7, 6];
        var now = time.GetUtcNow();
        for (var day = 0; day < perDay.Length; day++)
        {
            var dayStart = LocalDays.StartOf(goLive.AddDays(day), Zone);
            for (var n = 0; n < perDay[day]; n++)
            {
                var reportedAt = dayStart.AddHours(7).AddMinutes(random.Next(0, 11 * 60));
                if (reportedAt >= now)
                {
                    continue;
                }

                var template = Templates[random.Next(Templates.Length)];
                var reporter = reporters[random.Next(reporters.Length)];
                clock.Now = reportedAt;
                var access = As(project.Id, reporter);
                actor.Current = access.Caller;
                var proposed = random.NextDouble() < 0.15 ? (Severity)Math.Max(1, (int)template.Severity - 1) : template.Severity;
                var issue = (await issues.ReportAsync(access, new ReportIssueRequest(
                    template.Title,
                    $"{template.Title}. Noticed by {reporter.Name} on day {day + 1} after go-live. Steps: open {template.Area}, try the usual task, it fails as described.",
                    template.Area, proposed, random.NextDouble() < 0.4 ? template.Category : null), cancellationToken)).Value!;
                created++;

                await WorkAsync(issue, template, reportedAt, now, random, project.Id, triagers, workers, steady, reporter, originals, issues, triageService, clock, actor, cancellationToken);

                // One context serves the whole seed; without clearing, every save would scan everything tracked so far.
                db.ChangeTracker.Clear();
            }
        }

        // Live since its go-live day, as the exit sweep would have moved it just after midnight; the reports below say so.
        actor.Current = Caller.System;
        var live = await db.Projects.SingleAsync(p => p.Id == project.Id, cancellationToken);
        db.ProjectStageChanges.Add(live.MoveTo(Exit.ProjectStage.Live, null, "The go-live day has come.", LocalDays.StartOf(goLive, Zone)));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();

        created += await SeedKnownIssuesAsync(db, project.Id, people, goLive, now, clock, actor, cancellationToken);
        await SeedHandoverAsync(db, project.Id, people, goLive, clock, actor, cancellationToken);
        await SeedLateNightsAsync(db, project.Id, people["triage2@demo.hypercare"], now, issues, clock, actor, cancellationToken);
        await DemoCommunications.SeedAsync(db, project.Id, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        // The importer runs its own transaction per file, so the adoption data follows the committed go-live.
        await SeedAdoptionAsync(options, time, project.Id, people["change@demo.hypercare"], goLive, cancellationToken);
        await SeedExitAsync(options, time, goLive, cancellationToken);
        await SeedRotaAsync(options, time, project.Id, people["lead@demo.hypercare"], cancellationToken);
        await SeedStandupsAsync(options, time, project.Id, people, cancellationToken);
        await SeedPlanAsync(options, time, project.Id, goLive, people["lead@demo.hypercare"], cancellationToken);
        return new DemoResult(project.Id, project.Name, created, Cast.Select(c => (c.Email, c.Role)).ToList(), DemoPassword);
    }

    private static async Task WorkAsync(IssueResponse issue, (string Title, string Area, IssueCategory Category, Severity Severity) template,
        DateTimeOffset reportedAt, DateTimeOffset now, Random random, int projectId,
        (int Id, string Name, ProjectRole Role)[] triagers, (int Id, string Name, ProjectRole Role)[] workers,
        (int Id, string Name, ProjectRole Role)[] steady, (int Id, string Name, ProjectRole Role) reporter,
        List<(int Id, string Title)> originals, IssueService issues, TriageService triageService, WalkingClock clock, AuditActor actor, CancellationToken cancellationToken)
    {
        var age = now - reportedAt;
        var step = reportedAt;
        bool Advance(double hours)
        {
            step = step.AddMinutes(hours * 60 * (0.5 + random.NextDouble()));
            clock.Now = step;
            return step < now;
        }

        // Triage: most issues are triaged within hours; the newest, and some of today's, still wait for it.
        var stillNew = age < TimeSpan.FromHours(4) || (age < TimeSpan.FromHours(14) && random.NextDouble() < 0.5);
        if (!Advance(template.Severity == Severity.Sev1 ? 0.3 : 2.5) || stillNew)
        {
            return;
        }

        var triager = triagers[random.Next(triagers.Length)];
        var triage = As(projectId, triager);
        actor.Current = triage.Caller;

        var earlier = originals.FirstOrDefault(o => o.Title == template.Title);
        if (earlier.Id != 0 && random.NextDouble() < 0.35)
        {
            await issues.TransitionAsync(triage, issue.Id, new TransitionRequest(IssueStatus.Duplicate,
                $"Same as #{earlier.Id}; you will be told when it is fixed.", earlier.Id), cancellationToken);
            return;
        }

        originals.Add((issue.Id, template.Title));
        var team = template.Category is IssueCategory.TrainingGap or IssueCategory.AccessPermissions && random.NextDouble() < 0.6
            ? OwningTeam.SteadyStateTeam
            : OwningTeam.ProjectTeam;
        var projectTeam = workers.Where(w => w.Role != ProjectRole.SteadyStateSupport).ToArray();
        var assignee = team == OwningTeam.SteadyStateTeam ? steady[random.Next(steady.Length)] : projectTeam[random.Next(projectTeam.Length)];
        var triaged = await triageService.TriageAsync(triage, issue.Id, new TriageRequest(template.Severity, template.Category, team, assignee.Id,
            Reason: template.Severity != issue.ProposedSeverity ? "Matches the project's severity definition." : null), cancellationToken);
        if (!triaged.Succeeded)
        {
            throw new InvalidOperationException($"Demo triage refused: {triaged.Failure!.Message}");
        }

        if (template.Category == IssueCategory.EnhancementRequest && random.NextDouble() < 0.5)
        {
            await issues.TransitionAsync(triage, issue.Id, new TransitionRequest(IssueStatus.WontFix,
                "Out of scope for hypercare; added to the steady-state backlog."), cancellationToken);
            return;
        }

        var worker = As(projectId, assignee);
        actor.Current = worker.Caller;
        if (!Advance(template.Severity == Severity.Sev1 ? 0.5 : 6))
        {
            return;
        }

        await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.InProgress), cancellationToken);
        await issues.CommentAsync(worker, issue.Id, new CommentRequest(Comments[random.Next(5)]), cancellationToken);
        if (team == OwningTeam.SteadyStateTeam && random.NextDouble() < 0.2 && Advance(4))
        {
            // The steady-state team cannot finish it alone: the project team takes it back (a rescue).
            var taker = projectTeam[random.Next(projectTeam.Length)];
            actor.Current = triage.Caller;
            await triageService.HandoffAsync(triage, issue.Id, new HandoffRequest(OwningTeam.ProjectTeam,
                "Needs a configuration change only the project team can make.", taker.Id), cancellationToken);
            worker = As(projectId, taker);
            actor.Current = worker.Caller;
        }

        if (random.NextDouble() < 0.2)
        {
            // Some work is simply still going on.
            return;
        }

        if (random.NextDouble() < 0.25)
        {
            if (!Advance(3))
            {
                return;
            }

            await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.WaitingOnReporter,
                "Can you tell us which record this happened on?"), cancellationToken);
            if (!Advance(8))
            {
                return;
            }

            actor.Current = As(projectId, reporter).Caller;
            await issues.CommentAsync(As(projectId, reporter), issue.Id, new CommentRequest("It was the Müller GmbH account, opportunity 'Renewal 2027'."), cancellationToken);
            actor.Current = worker.Caller;
            await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.InProgress), cancellationToken);
        }

        if (!Advance(template.Severity == Severity.Sev1 ? 2 : 20))
        {
            return;
        }

        var needsRelease = template.Category is IssueCategory.Defect or IssueCategory.ConfigurationChange;
        if (needsRelease)
        {
            await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.Fixed, Comments[7]), cancellationToken);
            if (!Advance(24))
            {
                return;
            }
        }

        await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.Resolved,
            needsRelease ? "Deployed in this morning's hypercare patch." : Comments[6]), cancellationToken);

        if (random.NextDouble() < 0.08 && Advance(10))
        {
            actor.Current = As(projectId, reporter).Caller;
            await issues.CommentAsync(As(projectId, reporter), issue.Id, new CommentRequest("Still happening for me this morning."), cancellationToken);
            actor.Current = worker.Caller;
            await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.InProgress, "Reopened: the reporter still sees it."), cancellationToken);
            return;
        }

        if (Advance(48))
        {
            await issues.TransitionAsync(worker, issue.Id, new TransitionRequest(IssueStatus.Closed), cancellationToken);
        }
    }

    private static ProjectAccess As(int projectId, (int Id, string Name, ProjectRole Role) person) =>
        new(projectId, new Caller(person.Id, person.Name, false), person.Role);

    private sealed class WalkingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
