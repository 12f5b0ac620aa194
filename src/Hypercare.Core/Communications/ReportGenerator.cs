using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Patches;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Communications;

/// <summary>
/// Loads the live figures a report needs (through the features' own services where they exist) and hands them to the pure
/// builders. Reads run as the system: the audience of a report is enforced when it is addressed and again when it is sent.
/// </summary>
public sealed class ReportGenerator(HypercareDbContext db, SlaReports slaReports, SlaService sla, AdoptionService adoption, Exit.ExitService exit,
    Handover.HandoverService handover, Planning.PlanService plans)
{
    /// <summary>How many complete weeks the leadership trend shows.</summary>
    public const int LeadershipWeeks = 8;

    public async Task<ReportContent> GenerateAsync(int projectId, ReportKind kind, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);
        var access = new ProjectAccess(projectId, Caller.System, null);
        return kind switch
        {
            ReportKind.UserUpdate => UserUpdateBuilder.Build(await UserUpdateInputsAsync(project, now, cancellationToken)),
            ReportKind.SponsorStatus => SponsorStatusBuilder.Build(await SponsorInputsAsync(project, access, now, cancellationToken)),
            _ => await LeadershipAsync(project, access, now, cancellationToken),
        };
    }

    /// <summary>Since the last send of this kind, or the last 24 hours when there was none.</summary>
    private async Task<DateTimeOffset> SinceAsync(int projectId, ReportKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = await db.ReportSends.AsNoTracking().Where(s => s.ProjectId == projectId && s.Kind == kind && s.SentAt <= now
            && s.Trigger != ReportTrigger.Missed)
            .OrderByDescending(s => s.SentAt).Select(s => (DateTimeOffset?)s.SentAt).FirstOrDefaultAsync(cancellationToken);
        return last ?? now.AddDays(-1);
    }

    public async Task<UserUpdateInputs> UserUpdateInputsAsync(Project project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = await SinceAsync(project.Id, ReportKind.UserUpdate, now, cancellationToken);
        var patches = await db.Patches.AsNoTracking().Where(p => p.ProjectId == project.Id).ToListAsync(cancellationToken);
        var byId = patches.ToDictionary(p => p.Id);
        // Only the public fields are selected: internal notes and links to reports never leave the database for this report.
        var known = await db.KnownIssues.AsNoTracking().Where(k => k.ProjectId == project.Id)
            .Select(k => new { k.Id, k.Title, k.Symptoms, k.Workaround, k.Status, k.CreatedAt, k.WorkaroundPublishedAt, k.FixedAt, k.PatchId })
            .ToListAsync(cancellationToken);
        var fixes = await FixCountsAsync(project.Id, cancellationToken);
        return new UserUpdateInputs(project.Name, project.TimeZoneId, since, now,
            known.Select(k => new PublicKnownIssue(k.Id, k.Title, k.Symptoms, k.WorkaroundPublishedAt is null ? null : k.Workaround, k.Status, k.CreatedAt,
                k.WorkaroundPublishedAt, k.FixedAt, k.PatchId is { } p && byId.TryGetValue(p, out var patch) ? patch.Name : null,
                k.PatchId is { } q && byId.TryGetValue(q, out var planned) ? planned.PlannedFor : null)).ToList(),
            patches.Select(p => Plan(p, fixes)).ToList());
    }

    /// <summary>
    /// Distinct fixes per patch: each known issue on the patch counts once, and a report on the patch counts only when it is
    /// not one of those known issues' own reports (a fix listed both ways is one fix).
    /// </summary>
    private async Task<Dictionary<int, int>> FixCountsAsync(int projectId, CancellationToken cancellationToken)
    {
        var issues = await db.PatchIssues.AsNoTracking().Where(pi => pi.ProjectId == projectId)
            .Select(pi => new { pi.PatchId, pi.IssueId }).ToListAsync(cancellationToken);
        var known = await db.KnownIssues.AsNoTracking().Where(k => k.ProjectId == projectId && k.PatchId != null)
            .Select(k => new { k.Id, PatchId = k.PatchId!.Value }).ToListAsync(cancellationToken);
        var knownIds = known.Select(k => k.Id).ToList();
        var links = await db.KnownIssueLinks.AsNoTracking().Where(l => l.ProjectId == projectId && knownIds.Contains(l.KnownIssueId))
            .Select(l => new { l.KnownIssueId, l.IssueId }).ToListAsync(cancellationToken);
        var patchOfKnown = known.ToDictionary(k => k.Id, k => k.PatchId);
        var coveredByKnown = links.Select(l => (Patch: patchOfKnown[l.KnownIssueId], l.IssueId)).ToHashSet();
        return issues.Where(i => !coveredByKnown.Contains((i.PatchId, i.IssueId))).Select(i => i.PatchId)
            .Concat(known.Select(k => k.PatchId))
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
    }

    private static PatchPlanItem Plan(Patch p, Dictionary<int, int> fixes) =>
        new(p.Name, p.PlannedFor, p.Status == PatchStatus.Deployed ? p.DeployedAt : null, fixes.GetValueOrDefault(p.Id));

    public async Task<SponsorInputs> SponsorInputsAsync(Project project, ProjectAccess access, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var since = await SinceAsync(project.Id, ReportKind.SponsorStatus, now, cancellationToken);
        var open = IssueLifecycle.OpenStatuses.ToList();
        var issues = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && (open.Contains(i.Status) || i.ReportedAt >= since))
            .Select(i => new IssueFact(i.Id, i.Title, i.Severity, i.Category, i.Status, i.ReportedAt, i.AssigneeId != null, i.ResponseBreached, i.ResolutionBreached))
            .ToListAsync(cancellationToken);
        var report = (await slaReports.ReportAsync(access, null, null, cancellationToken)).Value!;
        var risk = await sla.RiskAsync(access, 5, cancellationToken);
        var breaches = await db.SlaAlerts.AsNoTracking().CountAsync(a => a.ProjectId == project.Id && a.CrossedAt >= since && a.CrossedAt <= now
            && (a.Kind == AlertKind.ResponseBreach || a.Kind == AlertKind.ResolutionBreach || a.Kind == AlertKind.UpdateBreach), cancellationToken);
        static RiskLine Line(RiskItem r) => new(r.Issue.Id, r.Issue.Title, r.Issue.Severity, r.Clock.ToString().ToLowerInvariant(), r.DueAt);
        var figures = new SlaFigures(report.ResponseBySeverity, report.ResolutionBySeverity, breaches, risk.Breached, risk.AboutToBreach,
            risk.BreachedIssues.Select(Line).ToList(), risk.AboutToBreachIssues.Select(Line).ToList());
        var patches = await db.Patches.AsNoTracking().Where(p => p.ProjectId == project.Id).ToListAsync(cancellationToken);
        var fixes = await FixCountsAsync(project.Id, cancellationToken);
        return new SponsorInputs(project.Name, project.TimeZoneId, since, now, issues, figures, await AdoptionAsync(access, cancellationToken),
            patches.Select(p => Plan(p, fixes)).ToList(), await ExitAsync(access, cancellationToken), await TeamAsync(project, now, cancellationToken),
            (await plans.BurnAsync(access, now, cancellationToken)).Value);
    }

    /// <summary>The burnout flags of this week and last (the sponsor sees the flags, not each person's hours); null without anyone rostered.</summary>
    private async Task<TeamHeadline?> TeamAsync(Project project, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalDays.Today(now, project.TimeZoneId);
        var from = LocalDays.WeekStart(today).AddDays(-7);
        var hours = await Team.TeamService.TeamHoursAsync(db, project, from, today, cancellationToken);
        return hours.People.Count == 0 ? null : new TeamHeadline(hours.People.Count, hours.From, hours.To, [.. hours.Flags.Select(f => f.Summary)]);
    }

    private async Task<ExitHeadline?> ExitAsync(ProjectAccess access, CancellationToken cancellationToken)
    {
        if ((await exit.StatusAsync(access, cancellationToken)).Value is not { } s)
        {
            return null;
        }

        var rules = s.Evaluation.Rules;
        return new ExitHeadline(s.Stage, s.PlannedEnd, rules.Count(r => r.State == Exit.RuleState.Met), rules.Count,
            [.. rules.Where(r => r.State != Exit.RuleState.Met).Select(r => $"{r.Title}: {r.Summary}")], s.SignOff is { WithdrawnAt: null },
            s.Extensions.Count, s.ExtensionDays, s.Forecast.Summary, s.SteadyStateWeeks,
            (await handover.StatusAsync(access, cancellationToken)).Value is { } h ? HandoverLine(h) : null);
    }

    /// <summary>"Handover: 2 of 7 checklist items done (1 overdue); Accounts: steady-state owns, Cases: reverse shadow."</summary>
    internal static string HandoverLine(Handover.HandoverStatus h)
    {
        var overdue = h.Items.Count(i => i.Overdue);
        var areas = h.Areas.Count == 0 ? "no area planned" : string.Join(", ", h.Areas.Select(a => $"{a.Name}: {Handover.HandoverStages.Label(a.Stage)}"));
        return $"{h.ItemsDone} of {h.Items.Count} checklist items done{(overdue > 0 ? $" ({overdue} overdue)" : "")}; {areas}.";
    }

    private async Task<AdoptionOverview?> OverviewAsync(ProjectAccess access, CancellationToken cancellationToken)
    {
        var overview = await adoption.OverviewAsync(access, cancellationToken);
        return overview.Succeeded && overview.Value!.Days.Count > 0 ? overview.Value : null;
    }

    private async Task<AdoptionHeadline?> AdoptionAsync(ProjectAccess access, CancellationToken cancellationToken) =>
        await OverviewAsync(access, cancellationToken) is { } o ? Headline(o) : null;

    public static AdoptionHeadline Headline(AdoptionOverview o)
    {
        var last = o.Days[^1];
        return new AdoptionHeadline(o.AsOf, o.LicensedUsers, last.ActiveUsers, last.LoginRate, last.WeeklyLoginRate, o.NeverLoggedIn, Target(o),
            o.OpenFlags.Select(f => f.Summary).ToList());
    }

    /// <summary>The nearest target not yet met, else the last one.</summary>
    private static TargetLine? Target(AdoptionOverview o) =>
        (o.Targets.Where(t => !t.Met).OrderBy(t => t.ByDate).FirstOrDefault() ?? o.Targets.OrderBy(t => t.ByDate).LastOrDefault()) is { } t
            ? new TargetLine(FlagRules.Metric(t.Metric), t.Rate, t.ByDate, t.Actual, t.Met)
            : null;

    private async Task<ReportContent> LeadershipAsync(Project project, ProjectAccess access, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = LocalDays.Today(now, project.TimeZoneId);
        var thisWeek = LeadershipBuilder.WeekStart(today);
        var first = LeadershipBuilder.WeekStart(project.GoLiveDate);
        // Complete weeks only; before the first week is over, the current week so far.
        var lastWeek = thisWeek.AddDays(-7) >= first ? thisWeek.AddDays(-7) : thisWeek;
        var starts = new List<DateOnly>();
        for (var w = lastWeek; w >= first && starts.Count < LeadershipWeeks; w = w.AddDays(-7))
        {
            starts.Insert(0, w);
        }

        var from = LocalDays.StartOf(starts[0], project.TimeZoneId);
        var to = lastWeek == thisWeek ? now : LocalDays.StartOf(thisWeek, project.TimeZoneId);
        var issues = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == project.Id && i.ReportedAt >= from && i.ReportedAt < to)
            .Select(i => new IssueFact(i.Id, i.Title, i.Severity, i.Category, i.Status, i.ReportedAt, i.AssigneeId != null, i.ResponseBreached, i.ResolutionBreached))
            .ToListAsync(cancellationToken);
        var overview = await OverviewAsync(access, cancellationToken);
        var weeks = new List<WeekInputs>();
        foreach (var start in starts)
        {
            var sla = (await slaReports.ReportAsync(access, start, start.AddDays(6), cancellationToken)).Value!;
            var login = overview?.Days.Where(d => d.Date >= start && d.Date <= start.AddDays(6)).OrderBy(d => d.Date).LastOrDefault()?.WeeklyLoginRate;
            weeks.Add(new WeekInputs(start, Overall(sla.ResponseBySeverity), Overall(sla.ResolutionBySeverity), login));
        }

        var target = overview is null ? null : Target(overview);
        return LeadershipBuilder.Build(new LeadershipInputs(project.Name, project.TimeZoneId, now, issues, weeks, target, await ExitAsync(access, cancellationToken)), from);
    }

    private static double? Overall(IReadOnlyList<ComplianceRow> rows)
    {
        var measured = rows.Sum(r => r.Measured);
        return measured == 0 ? null : Math.Round(100.0 * rows.Sum(r => r.Met) / measured, 1);
    }
}
