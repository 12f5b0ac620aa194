using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.StatusPage;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

/// <summary>
/// The demo's known issues, patches and status page, told as their own stories through the real services: reports
/// from several people (some marked duplicates), a known issue with its workaround published (comments and notices
/// written by the service), fixes riding patches in the cadence's slots, deployed patches resolving their issues, and
/// patches still to come. Each story walks its own clock forward, so its history reads in order.
/// </summary>
public sealed partial class DemoSeeder
{
    private sealed record KnownStory(
        string Title,
        string Symptoms,
        string? Workaround,
        bool Publish,
        string Notes,
        (string Title, string Area, string Reporter)[] Reports,
        Severity Severity);

    private static readonly KnownStory[] Deployed =
    [
        new("Quote PDF shows the wrong VAT rate",
            "Quote PDFs for customers outside Germany show 19 % VAT instead of the customer's rate.",
            "Choose the 'Classic quote' template when you create the PDF; it uses the right rate.",
            true, "Tax rate lookup uses the user's locale instead of the account's billing country.",
            [("Quote PDF shows wrong VAT rate", "Quotes", "reporter@demo.hypercare"), ("VAT on my Austrian quote is 19%", "Quotes", "sales.south@demo.hypercare"),
             ("Wrong tax on quote PDF", "Quotes", "sales.north@demo.hypercare")],
            Severity.Sev1),
        new("Sign-in loops back to the login page after a password reset",
            "After resetting your password, signing in returns you to the login page again.",
            "Close every browser window, open a private window and sign in there once; afterwards normal windows work.",
            true, "Stale session cookie from the old identity provider; the fix clears it on reset.",
            [("Cannot log in after password reset", "Login", "service@demo.hypercare"), ("Login keeps going back to the start", "Login", "finance@demo.hypercare"),
             ("Password reset, still no access", "Login", "ops@demo.hypercare")],
            Severity.Sev2),
        new("E-mails to the support address do not create cases",
            "Customer e-mails sent to support@ do not appear as cases in the Service Console.",
            null, false, "Email-to-case routing address was not verified after the cut-over.",
            [("Email-to-case not creating cases", "Cases", "service@demo.hypercare"), ("Customer emails missing from console", "Cases", "ops@demo.hypercare")],
            Severity.Sev1),
    ];

    private static readonly KnownStory Scheduled = new("Approvals for discounts over 20 % get stuck",
        "A quote with a discount above 20 % stays 'Pending approval' and your manager never gets the request.",
        "Ask your manager to approve from the Approvals tab on their home page; the request is there even without the e-mail.",
        true, "Approval e-mail alert uses a deactivated template.",
        [("Approval process stuck for discounts over 20%", "Approvals", "sales.north@demo.hypercare"), ("My discount approval never arrives", "Approvals", "sales.south@demo.hypercare"),
         ("Quote stuck in pending approval", "Approvals", "reporter@demo.hypercare")],
        Severity.Sev2);

    private static readonly KnownStory WithWorkaround = new("Outlook meetings do not sync to Sales Cloud",
        "Meetings you create in Outlook do not show in Sales Cloud activities, even after several hours.",
        "Log the meeting from the Sales Cloud side panel in Outlook ('Log to Sales Cloud'); it syncs at once.",
        true, "Sync user lacks the 'Activities' permission set in production.",
        [("Outlook integration not syncing meetings", "Outlook integration", "sales.north@demo.hypercare"), ("My meetings are missing", "Activities", "finance@demo.hypercare")],
        Severity.Sev2);

    private static readonly KnownStory Investigating = new("Forecast totals differ from the planning spreadsheet",
        "The forecast page shows different totals for the quarter than the sales planning spreadsheet.",
        "Use the 'Forecast by close date' report for now; it matches the spreadsheet.",
        false, "Suspect the forecast type counts split opportunities twice; checking with finance.",
        [("Forecast totals don't match spreadsheet", "Forecasts", "finance@demo.hypercare"), ("Q2 forecast numbers are off", "Forecasts", "sales.south@demo.hypercare")],
        Severity.Sev2);

    /// <summary>Runs after the issue walk, inside the seed's transaction, on the same walking clock; returns how many issues it reported.</summary>
    private static async Task<int> SeedKnownIssuesAsync(HypercareDbContext db, int projectId, Dictionary<string, (int Id, string Name, ProjectRole Role)> people,
        DateOnly goLive, DateTimeOffset now, WalkingClock clock, AuditActor actor, CancellationToken cancellationToken)
    {
        var sla = new SlaService(db, new SlaPlanService(db), clock);
        var issues = new IssueService(db, sla, clock);
        var triage = new TriageService(db, issues, sla, new SlaPlanService(db), clock);
        var known = new KnownIssueService(db, sla, clock);
        var patches = new PatchService(db, sla, clock);
        var statusPage = new StatusPageService(db, known, patches, clock);
        var lead = As(projectId, people["lead@demo.hypercare"]);
        var triager = As(projectId, people["triage@demo.hypercare"]);
        var worker = As(projectId, people["triage2@demo.hypercare"]);
        var change = As(projectId, people["change@demo.hypercare"]);

        T Must<T>(Outcome<T> outcome, string what) =>
            outcome.Succeeded ? outcome.Value! : throw new InvalidOperationException($"Demo {what} refused: {outcome.Failure!.Message}");

        void At(DateTimeOffset instant, ProjectAccess who)
        {
            clock.Now = instant;
            actor.Current = who.Caller;
        }

        // A cadence for each plan phase: daily patches in the intensive weeks, every other working day afterwards.
        At(LocalDays.StartOf(goLive, Zone).AddHours(8), lead);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        for (var i = 0; i < phases.Count; i++)
        {
            var kind = i == 0 ? PatchCadenceKind.Daily : i == 1 ? PatchCadenceKind.EveryOtherDay : PatchCadenceKind.TwiceWeekly;
            Must(await patches.SetCadenceAsync(lead, phases[i].Id, new SetCadenceRequest(kind, "18:00"), cancellationToken), "cadence");
        }

        var cadences = await db.PatchCadences.AsNoTracking().Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.PlanPhaseId, cancellationToken);
        var holidays = (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken)).Holidays.ToHashSet();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var goLiveStart = LocalDays.StartOf(goLive, Zone);
        // Past slots late enough for a story to unfold before them (reports about 30 hours earlier, after go-live).
        var past = PatchCadence.Propose(phases.Select(p => CadencePhase.Of(p, cadences.GetValueOrDefault(p.Id)?.ToRule())),
            holidays, zone, goLiveStart.AddHours(36), now.AddHours(-3));
        var deploySlots = past.Count >= Deployed.Length
            ? past.Skip(past.Count - Deployed.Length).Select(s => s.At).ToList()
            : Enumerable.Range(0, Deployed.Length).Select(d => goLiveStart.AddDays(3 + (2 * d)).AddHours(18)).Where(t => t < now.AddHours(-3)).ToList();

        var reported = 0;
        async Task<List<int>> ReportAsync(KnownStory story, DateTimeOffset start, bool duplicateLast)
        {
            var ids = new List<int>();
            for (var r = 0; r < story.Reports.Length; r++)
            {
                var (title, area, email) = story.Reports[r];
                var reporter = As(projectId, people[email]);
                At(start.AddMinutes(r * 95), reporter);
                ids.Add(Must(await issues.ReportAsync(reporter, new ReportIssueRequest(title,
                    $"{title}. Happened to {reporter.Caller.DisplayName} this morning in {area}; it fails every time.", area, story.Severity, null), cancellationToken), "report").Id);
                reported++;
            }

            var originals = duplicateLast && ids.Count > 2 ? ids.Take(ids.Count - 1).ToList() : ids;
            for (var i = 0; i < originals.Count; i++)
            {
                At(start.AddHours(5 + i), triager);
                Must(await triage.TriageAsync(triager, originals[i], new TriageRequest(story.Severity, IssueCategory.Defect, OwningTeam.ProjectTeam, worker.Caller.UserId), cancellationToken), "triage");
            }

            if (originals.Count < ids.Count)
            {
                At(start.AddHours(5.5), triager);
                Must(await issues.TransitionAsync(triager, ids[^1], new TransitionRequest(IssueStatus.Duplicate,
                    $"Same problem as #{originals[0]}; you will hear when it is fixed.", originals[0]), cancellationToken), "duplicate");
            }

            return originals;
        }

        async Task<int> KnownAsync(KnownStory story, IReadOnlyList<int> linked, DateTimeOffset at)
        {
            At(at, change);
            var created = Must(await known.CreateAsync(change, new CreateKnownIssueRequest(story.Title, story.Symptoms, story.Workaround, story.Notes, linked), cancellationToken), "known issue");
            var id = created.KnownIssue.Id;
            if (story.Publish)
            {
                At(at.AddHours(2), change);
                Must(await known.PublishWorkaroundAsync(change, id, new PublishWorkaroundRequest(created.Version), cancellationToken), "workaround");
            }

            return id;
        }

        async Task FixAsync(IReadOnlyList<int> ids, DateTimeOffset at)
        {
            foreach (var id in ids)
            {
                At(at, worker);
                Must(await issues.TransitionAsync(worker, id, new TransitionRequest(IssueStatus.InProgress), cancellationToken), "start");
                At(at.AddHours(1), worker);
                Must(await issues.TransitionAsync(worker, id, new TransitionRequest(IssueStatus.Fixed, "Fixed in the sandbox; rides the next hypercare patch."), cancellationToken), "fix");
            }
        }

        // Three patches already out, each with the fix of one known issue (plus, on the last, one fix users were not told about by name).
        for (var s = 0; s < Math.Min(deploySlots.Count, Deployed.Length); s++)
        {
            var story = Deployed[s];
            var slot = deploySlots[s];
            var linked = await ReportAsync(story, slot.AddHours(-30), duplicateLast: true);
            await KnownAsync(story, linked, slot.AddHours(-22));
            await FixAsync(linked, slot.AddHours(-9));
            At(slot.AddHours(-5), lead);
            var patch = Must(await patches.CreateAsync(lead, new PlanPatchRequest(slot), cancellationToken), "patch").Patch;
            var assigned = Must(await patches.AssignAsync(lead, patch.Id, new AssignIssuesRequest(linked), cancellationToken), "assign");
            At(slot.AddMinutes(20), lead);
            Must(await patches.DeployAsync(lead, patch.Id, new DeployPatchRequest(slot, assigned.Patch.Version), cancellationToken), "deploy");
            db.ChangeTracker.Clear();
        }

        // The next patches: one with the approval fix (its known issue becomes "fix scheduled") and a fix without a known issue.
        var soon = now.AddHours(-52);
        var approval = await ReportAsync(Scheduled, soon, duplicateLast: true);
        await KnownAsync(Scheduled, approval, soon.AddHours(8));
        await FixAsync(approval, now.AddHours(-6));
        var filters = await ReportAsync(new KnownStory("", "", null, false, "", [("List view filters reset every time", "List views", "ops@demo.hypercare")], Severity.Sev3),
            now.AddHours(-30), duplicateLast: false);
        await FixAsync(filters, now.AddHours(-4));
        var layout = await ReportAsync(new KnownStory("", "", null, false, "", [("Button 'Create Quote' missing on opportunity layout", "Quotes", "sales.north@demo.hypercare")], Severity.Sev2),
            now.AddHours(-28), duplicateLast: false);
        await FixAsync(layout, now.AddHours(-3));

        At(now.AddMinutes(-30), lead);
        var upcomingSlots = (await patches.PlanAsync(projectId, cancellationToken)).Slots.Where(s => s.PatchId is null && s.At > now).Select(s => s.At).Take(2).ToList();
        while (upcomingSlots.Count < 2)
        {
            upcomingSlots.Add(LocalDays.StartOf(LocalDays.Today(now, Zone).AddDays(upcomingSlots.Count + 1), Zone).AddHours(18));
        }

        var next = Must(await patches.CreateAsync(lead, new PlanPatchRequest(upcomingSlots[0]), cancellationToken), "patch").Patch;
        Must(await patches.AssignAsync(lead, next.Id, new AssignIssuesRequest([.. approval, .. filters]), cancellationToken), "assign");
        var after = Must(await patches.CreateAsync(lead, new PlanPatchRequest(upcomingSlots[1]), cancellationToken), "patch").Patch;
        Must(await patches.AssignAsync(lead, after.Id, new AssignIssuesRequest(layout), cancellationToken), "assign");
        db.ChangeTracker.Clear();

        // Open known issues: one with a workaround people already use, one still being investigated (its workaround a draft).
        var outlook = await ReportAsync(WithWorkaround, now.AddHours(-46), duplicateLast: false);
        await KnownAsync(WithWorkaround, outlook, now.AddHours(-26));
        var forecast = await ReportAsync(Investigating, now.AddHours(-20), duplicateLast: false);
        await KnownAsync(Investigating, forecast, now.AddHours(-8));

        // The public status page, on, with how to get help.
        At(now.AddMinutes(-10), change);
        Must(await statusPage.UpdateAsync(change, new StatusPageSettingsRequest(true,
            "Call the hypercare desk on +49 89 1234 5678 (Mon–Fri 08:00–18:00), or write in #acme-hypercare on Slack."), cancellationToken), "status page");
        db.ChangeTracker.Clear();
        return reported;
    }
}
