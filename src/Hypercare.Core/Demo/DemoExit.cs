using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Handover;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The exit sweep as it would have run each evening since go-live (the project goes live on its day, each day's
    /// evaluation is kept), so the Exit page opens on ten days of history; then once more now.
    /// </summary>
    private static async Task SeedExitAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, DateOnly goLive, CancellationToken cancellationToken)
    {
        var clock = new WalkingClock(time.GetUtcNow());
        var actor = new AuditActor { Current = Caller.System };
        await using var db = new HypercareDbContext(options, actor, clock);
        var exit = new ExitService(db, new SlaPlanService(db), new AdoptionService(db, clock, new AdoptionStatsBuilder(db), new AdoptionFlagEvaluator(db, clock)), clock);
        var now = time.GetUtcNow();
        for (var day = goLive; LocalDays.StartOf(day, Zone).AddHours(20) < now; day = day.AddDays(1))
        {
            clock.Now = LocalDays.StartOf(day, Zone).AddHours(20);
            await exit.SweepAsync(cancellationToken);
        }

        clock.Now = now;
        await exit.SweepAsync(cancellationToken);
    }

    /// <summary>
    /// The handover as a lead would have planned it in the first week: three areas taken over one after another (Accounts
    /// already owned by the steady-state team, Cases in reverse shadow, ERP sync in shadow), the default checklist with
    /// owners and due days, two items done, and one custom item for the ERP month-end close.
    /// </summary>
    private static async Task SeedHandoverAsync(HypercareDbContext db, int projectId, Dictionary<string, (int Id, string Name, ProjectRole Role)> people,
        DateOnly goLive, WalkingClock clock, AuditActor actor, CancellationToken cancellationToken)
    {
        var handover = new HandoverService(db, clock);
        var lead = As(projectId, people["lead@demo.hypercare"]);
        var stella = people["steady@demo.hypercare"];
        var omar = people["steady2@demo.hypercare"];
        actor.Current = lead.Caller;
        clock.Now = LocalDays.StartOf(goLive.AddDays(2), Zone).AddHours(10);
        (string Name, int Contact, int Shadow, int Reverse, int Owns, string Notes)[] areas =
        [
            ("Accounts", stella.Id, 1, 4, 9, "Account and contact data; the steady-state team shadowed the first triage sessions."),
            ("Cases", stella.Id, 3, 8, 16, "Service console and case routing."),
            ("ERP sync", omar.Id, 6, 14, 24, "The nightly order and invoice sync; month-end close is the risk."),
        ];
        var areaIds = new Dictionary<string, int>();
        foreach (var a in areas)
        {
            var made = await handover.CreateAreaAsync(lead, new HandoverAreaRequest(a.Name, goLive.AddDays(a.Shadow), goLive.AddDays(a.Reverse), goLive.AddDays(a.Owns), a.Contact, a.Notes),
                cancellationToken);
            areaIds[a.Name] = made.Value!.Id;
        }

        var items = (await handover.StatusAsync(lead, cancellationToken)).Value!.Items.ToDictionary(i => i.DefaultKey ?? i.Title);
        (string Key, int Owner, int Due, string? Note)[] plan =
        [
            ("runbooks", stella.Id, 8, "Runbooks for Accounts and Cases are in the support wiki; ERP sync to follow."),
            ("knownIssues", people["lead@demo.hypercare"].Id, 12, null),
            ("access", omar.Id, 3, null),
            ("openIssues", stella.Id, 20, null),
            ("monitoring", omar.Id, 16, "Sync job alerts go to the steady-state on-call channel."),
            ("contacts", people["lead@demo.hypercare"].Id, 22, null),
        ];
        foreach (var p in plan)
        {
            var item = items[p.Key];
            await handover.UpdateItemAsync(lead, item.Id, new HandoverItemRequest(item.Title, null, p.Owner, goLive.AddDays(p.Due), p.Note, item.Version), cancellationToken);
        }

        await handover.CreateItemAsync(lead, new HandoverItemRequest("Month-end close walkthrough with Finance", areaIds["ERP sync"], omar.Id, goLive.AddDays(25)), cancellationToken);

        // Omar granted access on day 3; Stella finished the runbooks on day 8.
        clock.Now = LocalDays.StartOf(goLive.AddDays(3), Zone).AddHours(15);
        actor.Current = As(projectId, omar).Caller;
        var access = (await handover.StatusAsync(lead, cancellationToken)).Value!.Items.Single(i => i.DefaultKey == "access");
        await handover.MarkDoneAsync(As(projectId, omar), access.Id, new HandoverDoneRequest(access.Version, Note: "Steady-state team has support-user profiles and the integration user."), cancellationToken);
        clock.Now = LocalDays.StartOf(goLive.AddDays(8), Zone).AddHours(16);
        actor.Current = As(projectId, stella).Caller;
        var runbooks = (await handover.StatusAsync(lead, cancellationToken)).Value!.Items.Single(i => i.DefaultKey == "runbooks");
        await handover.MarkDoneAsync(As(projectId, stella), runbooks.Id, new HandoverDoneRequest(runbooks.Version), cancellationToken);
        // The lead counts the handover among the exit criteria.
        actor.Current = lead.Caller;
        db.ExitRules.Add(ExitRule.Create(projectId, ExitRuleKind.HandoverComplete, true, null, null));
        await db.SaveChangesAsync(cancellationToken);
        actor.Current = Caller.System;
        db.ChangeTracker.Clear();
    }
}
