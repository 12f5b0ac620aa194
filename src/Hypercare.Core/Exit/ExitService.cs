using Hypercare.Core.Adoption;
using Hypercare.Core.Data;
using Hypercare.Core.Handover;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Exit;

/// <summary>
/// How hypercare ends: loads the facts the exit rules read, evaluates them (<see cref="ExitEvaluator"/>), keeps each
/// day's evaluation, and records the lead's and the sponsor's decisions (ExitService.Writes.cs).
/// </summary>
public sealed partial class ExitService(HypercareDbContext db, SlaPlanService plans, AdoptionService adoption, TimeProvider time)
{
    public const string SignOffWithdrawnKind = "ExitSignOffWithdrawn";
    public const string SignedOffKind = "ExitSignedOff";
    public const string ExtendedKind = "HypercareExtended";
    public const string EndNearKind = "ExitEndNear";
    public const int HistoryDays = 60;

    // While one status is put together: the new-issue outcomes of the trend's span, which rule 2 reads too.
    private (int ProjectId, DateTimeOffset Start, DateTimeOffset Now, List<NewIssueOutcome> Issues, List<Rescue> Rescues)? _outcomes;

    /// <summary>The rules, their live evaluation, the decisions and the history. Reading changes nothing.</summary>
    public async Task<Outcome<ExitStatus>> StatusAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewExit))
        {
            return Failure.Forbidden("Your role does not see the exit criteria.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var rules = await RulesOfAsync(project.Id, cancellationToken);
        var now = time.GetUtcNow();
        // The weekly trend's span covers rule 2's window: load it once, for this status only, and the rule reads from it.
        var start = LocalDays.StartOf(TrendStart(project, now), project.TimeZoneId);
        var loaded = await LoadOutcomesAsync(project.Id, start, now, cancellationToken);
        _outcomes = (project.Id, start, now, loaded.Issues, loaded.Rescues);
        try
        {
            var evaluation = ExitEvaluator.Evaluate(rules, await FactsAsync(project, rules, now, cancellationToken));
            return await StatusOfAsync(project, rules, evaluation, cancellationToken);
        }
        finally
        {
            _outcomes = null;
        }
    }

    /// <summary>Evaluates now and keeps the result as the day's record; withdraws a sign-off a later Sev1 broke (on demand).</summary>
    public async Task<Outcome<ExitStatus>> EvaluateAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewExit))
        {
            return Failure.Forbidden("Your role does not see the exit criteria.");
        }

        await EvaluateAndRecordAsync(access.ProjectId, cancellationToken);
        return await StatusAsync(access, cancellationToken);
    }

    /// <summary>
    /// The scheduled run over every project that is not closed: a planned project whose go-live day has come goes live,
    /// the rules are evaluated and recorded, a broken sign-off is withdrawn, and the lead is alerted once when the planned
    /// end is within three working days and the rules do not hold.
    /// </summary>
    public async Task<ExitSweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        var ids = await db.Projects.AsNoTracking().Where(p => p.Stage != ProjectStage.Closed).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
        int live = 0, withdrawn = 0, alerts = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var now = time.GetUtcNow();
            var project = await db.Projects.SingleAsync(p => p.Id == id, cancellationToken);
            if (project.Stage == ProjectStage.Planned && LocalDays.Today(now, project.TimeZoneId) >= project.GoLiveDate)
            {
                db.ProjectStageChanges.Add(project.MoveTo(ProjectStage.Live, null, "The go-live day has come.", now));
                await db.SaveChangesAsync(cancellationToken);
                live++;
            }

            var (evaluation, withdrew) = await EvaluateAndRecordAsync(id, cancellationToken);
            withdrawn += withdrew ? 1 : 0;
            alerts += await AlertEndNearAsync(id, evaluation, cancellationToken) ? 1 : 0;
        }

        return new ExitSweepResult(ids.Count, live, withdrawn, alerts);
    }

    private async Task<(ExitEvaluation Evaluation, bool Withdrew)> EvaluateAndRecordAsync(int projectId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var now = time.GetUtcNow();
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);
        var rules = await RulesOfAsync(projectId, cancellationToken);
        var facts = await FactsAsync(project, rules, now, cancellationToken);
        var evaluation = ExitEvaluator.Evaluate(rules, facts);
        var withdrew = false;
        if (ExitEvaluator.WithdrawsSignOff(facts) is { } sev1
            && await db.ExitSignOffs.Where(s => s.ProjectId == projectId && s.WithdrawnAt == null).OrderByDescending(s => s.At).FirstOrDefaultAsync(cancellationToken) is { } signOff)
        {
            var reason = $"Sev1 #{sev1.IssueId} was {(sev1.Raised ? "raised" : "reported")} after the sign-off.";
            signOff.Withdraw(reason, sev1.At);
            await NotifyAsync(projectId, [ProjectRole.Sponsor, ProjectRole.HypercareLead], SignOffWithdrawnKind,
                "Exit sign-off withdrawn", $"The sign-off of {signOff.At:yyyy-MM-dd} no longer holds: {reason} Hypercare continues.", sev1.IssueId, now, cancellationToken);
            withdrew = true;
        }

        var record = await db.ExitEvaluations.SingleOrDefaultAsync(e => e.ProjectId == projectId && e.Day == evaluation.Day, cancellationToken);
        if (record is null)
        {
            record = ExitEvaluationRecord.Of(projectId, evaluation);
            db.ExitEvaluations.Add(record);
        }

        record.Update(evaluation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (withdrew is false)
        {
            // Another node recorded the same day first: its evaluation of the same facts stands.
            db.ChangeTracker.Clear();
        }

        return (evaluation, withdrew);
    }

    private async Task<bool> AlertEndNearAsync(int projectId, ExitEvaluation evaluation, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);
        if (project.Stage is not (ProjectStage.Live or ProjectStage.Extended) || project.PlannedEndDate is not { } end || evaluation.AllMet
            || WorkingDaysUntil(evaluation.Day, end, project.Holidays) > 3
            || await db.ExitEndAlerts.AnyAsync(a => a.ProjectId == projectId && a.PlannedEnd == end, cancellationToken))
        {
            return false;
        }

        var now = time.GetUtcNow();
        db.ExitEndAlerts.Add(ExitEndAlert.Record(projectId, end, now));
        var unmet = string.Join("; ", evaluation.Rules.Where(r => r.State != RuleState.Met).Select(r => r.Title));
        await NotifyAsync(projectId, [ProjectRole.HypercareLead], EndNearKind, $"Hypercare is planned to end {end:yyyy-MM-dd} and the exit criteria do not hold",
            $"Not met: {unmet}. Extend the planned end with a reason, or record why hypercare may end anyway.", null, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique (project, planned end) key: another node alerted first.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Working days (Monday to Friday, not a holiday) after <paramref name="today"/> up to and including <paramref name="end"/>; 0 when the end has come.</summary>
    public static int WorkingDaysUntil(DateOnly today, DateOnly end, IReadOnlyCollection<DateOnly> holidays)
    {
        var count = 0;
        for (var d = today.AddDays(1); d <= end; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(d))
            {
                count++;
            }
        }

        return count;
    }

    private async Task NotifyAsync(int projectId, ProjectRole[] roles, string kind, string title, string body, int? issueId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var users = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && roles.Contains(m.Role)).Select(m => m.UserId).ToListAsync(cancellationToken);
        db.Notifications.AddRange(users.Select(u => Notification.Create(projectId, u, issueId, kind, title, body, now)));
    }

    internal async Task<IReadOnlyList<ExitRuleSetting>> RulesOfAsync(int projectId, CancellationToken cancellationToken) =>
        ExitRuleSetting.Merge((await db.ExitRules.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync(cancellationToken)).Select(r => r.ToSetting()));

    /// <summary>Loads what the enabled rules read; a rule that is off costs no query.</summary>
    internal async Task<ExitFacts> FactsAsync(Project project, IReadOnlyList<ExitRuleSetting> rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var on = rules.Where(r => r.Enabled).ToDictionary(r => r.Kind);
        var today = LocalDays.Today(now, project.TimeZoneId);
        DateTimeOffset WindowStart(ExitRuleKind kind) => LocalDays.StartOf(today.AddDays(1 - (on[kind].Days ?? 1)), project.TimeZoneId);
        var duplicates = (await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id && i.Status == IssueStatus.Duplicate).Select(i => i.Id)
            .ToListAsync(cancellationToken)).ToHashSet();

        // The latest sign-off first: its withdrawal looks at every arrival after it.
        var signOff = await db.ExitSignOffs.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderByDescending(s => s.At)
            .Select(s => new
            {
                s.At,
                s.OverrideReason,
                s.WithdrawnAt,
                s.WithdrawnReason,
                By = db.Users.Where(u => u.Id == s.SignedByUserId).Select(u => u.DisplayName).Single(),
                For = db.Users.Where(u => u.Id == s.OnBehalfOfUserId).Select(u => u.DisplayName).SingleOrDefault(),
            }).FirstOrDefaultAsync(cancellationToken);

        var arrivals = new List<HighSeverityArrival>();
        DateTimeOffset? arrivalsSince = null;
        if (on.ContainsKey(ExitRuleKind.NoNewHighSeverity) || on.ContainsKey(ExitRuleKind.SponsorSignedOff))
        {
            // Rule 1 looks back its days and a week of evidence; a standing sign-off, back to when it was given. Older
            // arrivals cannot change either, and a project's whole history would be most of the evaluation's time.
            var since = LocalDays.StartOf(today.AddDays(-((on.GetValueOrDefault(ExitRuleKind.NoNewHighSeverity)?.Days ?? 3) + 7)), project.TimeZoneId);
            if (signOff is { WithdrawnAt: null } && signOff.At < since)
            {
                since = signOff.At;
            }

            arrivalsSince = since;
            var kinds = new[] { TimelineEventKind.Reported, TimelineEventKind.SeverityChanged };
            var recent = await db.IssueEvents.AsNoTracking()
                .Where(e => e.ProjectId == project.Id && kinds.Contains(e.Kind) && e.At >= since && e.At <= now)
                .OrderBy(e => e.IssueId).ThenBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.IssueId, e.At, e.Kind, e.Severity }).ToListAsync(cancellationToken);

            // A severity change in the window is a raise only against the severity the issue had before it.
            var changedFirst = recent.GroupBy(e => e.IssueId).Where(g => g.First().Kind == TimelineEventKind.SeverityChanged).Select(g => g.Key).ToList();
            var before = new Dictionary<int, Severity?>();
            foreach (var chunk in changedFirst.Chunk(1000))
            {
                foreach (var e in await db.IssueEvents.AsNoTracking()
                    .Where(e => chunk.Contains(e.IssueId) && kinds.Contains(e.Kind) && e.At < since)
                    .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new { e.IssueId, e.Severity }).ToListAsync(cancellationToken))
                {
                    before[e.IssueId] = e.Severity ?? before.GetValueOrDefault(e.IssueId);
                }
            }

            foreach (var issue in recent.Where(e => !duplicates.Contains(e.IssueId)).GroupBy(e => e.IssueId))
            {
                var previous = before.GetValueOrDefault(issue.Key);
                foreach (var e in issue)
                {
                    if (e.Severity is { } s && s <= Severity.Sev2 && (previous is null || s < previous))
                    {
                        arrivals.Add(new HighSeverityArrival(issue.Key, e.At, s, previous is not null));
                    }

                    previous = e.Severity ?? previous;
                }
            }
        }

        var newIssues = new List<NewIssueOutcome>();
        var rescues = new List<Rescue>();
        if (on.ContainsKey(ExitRuleKind.SteadyStateHandlesNewIssues))
        {
            (newIssues, rescues) = await NewIssueOutcomesAsync(project.Id, WindowStart(ExitRuleKind.SteadyStateHandlesNewIssues), now, cancellationToken);
        }

        var open = IssueLifecycle.OpenStatuses.ToArray();
        var openSev1 = on.ContainsKey(ExitRuleKind.NoOpenSev1)
            ? await db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id && i.Severity == Severity.Sev1 && open.Contains(i.Status)).Select(i => i.Id).ToListAsync(cancellationToken)
            : [];

        var decisions = new List<ResolutionDecision>();
        if (on.ContainsKey(ExitRuleKind.SlaCompliance))
        {
            // The issue's SLA columns (written with every change by SlaService.Apply and kept current by the sweep) say how
            // each resolution clock ended: re-running 10,000 clocks here would cost what the whole evaluation may take.
            var start = WindowStart(ExitRuleKind.SlaCompliance);
            var plan = await plans.PlanAsync(project.Id, cancellationToken);
            var clocks = await db.Issues.AsNoTracking()
                .Where(i => i.ProjectId == project.Id && i.ReportedAt <= now && i.Status != IssueStatus.Duplicate
                    && ((!open.Contains(i.Status) && i.ResolvedAt >= start && i.ResolvedAt <= now)
                        || (open.Contains(i.Status) && i.ResolutionDueAt >= start && i.ResolutionDueAt < now)))
                .Select(i => new { i.Id, i.Severity, i.Status, i.ReportedAt, i.ResolvedAt, i.ResolutionDueAt, i.ResolutionBreached })
                .ToListAsync(cancellationToken);
            foreach (var c in clocks)
            {
                if (open.Contains(c.Status))
                {
                    decisions.Add(new ResolutionDecision(c.Id, c.ResolutionDueAt!.Value, false));
                }
                else if (plan.PhaseAt(c.ReportedAt).Targets.Any(t => t.Severity == c.Severity && t.Kind == ClockKind.Resolution))
                {
                    decisions.Add(new ResolutionDecision(c.Id, c.ResolvedAt!.Value, !c.ResolutionBreached));
                }
            }
        }

        LoginFact? login = null;
        if (on.ContainsKey(ExitRuleKind.LoginRateAtTarget)
            && await adoption.LoginProgressAsync(project.Id, cancellationToken) is { Days.Count: > 0 } o)
        {
            var target = o.Targets.Where(t => !t.Met).OrderBy(t => t.ByDate).FirstOrDefault() ?? o.Targets.OrderBy(t => t.ByDate).LastOrDefault();
            login = target is { Actual: { } actual }
                ? new LoginFact(target.ActualOn ?? o.Days[^1].Date, actual, target.Rate, target.ByDate)
                : new LoginFact(o.Days[^1].Date, o.Days[^1].LoginRate ?? 0, target?.Rate, target?.ByDate);
        }

        var gaps = on.ContainsKey(ExitRuleKind.KnownIssuesAddressed)
            ? await db.KnownIssues.AsNoTracking().Where(k => k.ProjectId == project.Id && k.Status == KnownIssueStatus.Investigating)
                .OrderBy(k => k.Id).Select(k => new KnownIssueGap(k.Id, k.Title, "investigating, no workaround yet")).ToListAsync(cancellationToken)
            : [];

        var handover = on.ContainsKey(ExitRuleKind.HandoverComplete) ? await HandoverService.GapsAsync(db, project.Id, today, cancellationToken) : [];
        return new ExitFacts(now, project.TimeZoneId, project.GoLiveDate, arrivals, newIssues, rescues,
            signOff is null ? null : new SignOffFact(signOff.By, signOff.At, signOff.For, signOff.OverrideReason, signOff.WithdrawnAt, signOff.WithdrawnReason),
            openSev1, decisions, login, gaps, arrivalsSince, handover);
    }

    /// <summary>The end-date forecast on the project's defect arrivals (Sev1 and Sev2 defects by default).</summary>
    public async Task<Outcome<ExitForecast>> ForecastAsync(ProjectAccess access, ForecastSelection? selection = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewExit))
        {
            return Failure.Forbidden("Your role does not see the exit criteria.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        return await ForecastOfAsync(project, await RulesOfAsync(project.Id, cancellationToken), selection ?? ForecastSelection.Default, cancellationToken);
    }

    private async Task<ExitForecast> ForecastOfAsync(Project project, IReadOnlyList<ExitRuleSetting> rules, ForecastSelection selection, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var severities = selection.Severities.ToArray();
        var query = db.Issues.AsNoTracking().Where(i => i.ProjectId == project.Id && i.ReportedAt <= now && i.Status != IssueStatus.Duplicate && severities.Contains(i.Severity));
        if (selection.Category is { } category)
        {
            query = query.Where(i => i.Category == category);
        }

        var arrivals = await query.Select(i => i.ReportedAt).ToListAsync(cancellationToken);
        var window = rules.Single(r => r.Kind == ExitRuleKind.NoNewHighSeverity).Days ?? 3;
        var today = LocalDays.Today(now, project.TimeZoneId);
        // The fit is pure: the same arrivals on the same day give the same forecast, so a page reloaded all day refits once.
        var ticks = arrivals.Select(a => a.UtcTicks).Order().ToArray();
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(ticks.AsSpan())));

        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{project.Id}|{selection.Describe()}|{today:yyyy-MM-dd}|{project.GoLiveDate:yyyy-MM-dd}|{project.PlannedEndDate:yyyy-MM-dd}|{project.TimeZoneId}|{window}|{arrivals.Count}|{hash}");
        if (Forecasts.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var forecast = ExitForecasting.Forecast(arrivals, project.GoLiveDate, today, project.TimeZoneId, project.PlannedEndDate, selection.Describe(), window);
        if (Forecasts.Count >= MaxCachedForecasts)
        {
            Forecasts.Clear();
        }

        Forecasts[key] = forecast;
        return forecast;
    }

    private const int MaxCachedForecasts = 512;

    /// <summary>Drops the cached fits (the benchmark measures the refit).</summary>
    internal static void ClearForecastCache() => Forecasts.Clear();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ExitForecast> Forecasts = new(StringComparer.Ordinal);

    /// <summary>
    /// The issues reported from <paramref name="start"/> on, each with the team that owned it when it was first resolved
    /// (from its timeline), and the rescues in the same span.
    /// </summary>
    private async Task<(List<NewIssueOutcome> Issues, List<Rescue> Rescues)> NewIssueOutcomesAsync(int projectId, DateTimeOffset start, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (_outcomes is { } cached && cached.ProjectId == projectId && cached.Now == now && cached.Start <= start)
        {
            return ([.. cached.Issues.Where(i => i.ReportedAt >= start)], [.. cached.Rescues.Where(r => r.At >= start)]);
        }

        return await LoadOutcomesAsync(projectId, start, now, cancellationToken);
    }

    private static DateOnly TrendStart(Project project, DateTimeOffset now)
    {
        var first = LocalDays.WeekStart(LocalDays.Today(now, project.TimeZoneId)).AddDays(-7 * (SteadyStateWeeks.Weeks - 1));
        var goLiveWeek = LocalDays.WeekStart(project.GoLiveDate);
        return first < goLiveWeek ? goLiveWeek : first;
    }

    private async Task<(List<NewIssueOutcome> Issues, List<Rescue> Rescues)> LoadOutcomesAsync(int projectId, DateTimeOffset start, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var issues = await db.Issues.AsNoTracking()
            .Where(i => i.ProjectId == projectId && i.ReportedAt >= start && i.ReportedAt <= now && i.Status != IssueStatus.Duplicate)
            .Select(i => new { i.Id, i.ReportedAt, i.OwningTeam }).ToListAsync(cancellationToken);
        // Every event of an issue reported from start on is itself from start on: one range read on (ProjectId, Kind, At)
        // instead of id lists; events of older issues in the range are dropped here. Of the status changes only the moves
        // to resolved or closed matter (the first of them is the resolution).
        var kinds = new[] { TimelineEventKind.Reported, TimelineEventKind.OwningTeamChanged, TimelineEventKind.StatusChanged };
        var wanted = issues.Select(i => i.Id).ToHashSet();
        var events = new Dictionary<int, List<(TimelineEventKind Kind, OwningTeam? Team, IssueStatus? Status, DateTimeOffset At)>>();
        var rows = await db.IssueEvents.AsNoTracking()
            .Where(e => e.ProjectId == projectId && kinds.Contains(e.Kind) && e.At >= start && e.At <= now
                && (e.Kind != TimelineEventKind.StatusChanged || e.Status == IssueStatus.Resolved || e.Status == IssueStatus.Closed))
            .OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new { e.IssueId, e.Kind, e.Team, e.Status, e.At }).ToListAsync(cancellationToken);
        foreach (var e in rows)
        {
            if (!wanted.Contains(e.IssueId))
            {
                continue;
            }

            if (!events.TryGetValue(e.IssueId, out var list))
            {
                events[e.IssueId] = list = [];
            }

            list.Add((e.Kind, e.Team, e.Status, e.At));
        }

        var outcomes = new List<NewIssueOutcome>(issues.Count);
        foreach (var i in issues)
        {
            OwningTeam? team = null;
            (OwningTeam? Team, DateTimeOffset At)? resolved = null;
            foreach (var e in events.GetValueOrDefault(i.Id) ?? [])
            {
                if (e.Kind is TimelineEventKind.Reported or TimelineEventKind.OwningTeamChanged)
                {
                    team = e.Team;
                }
                else if (e.Status is IssueStatus.Resolved or IssueStatus.Closed && resolved is null)
                {
                    resolved = (team, e.At);
                }
            }

            outcomes.Add(new NewIssueOutcome(i.Id, i.ReportedAt, resolved?.Team, resolved?.At, i.OwningTeam));
        }

        var rescues = await db.Handoffs.AsNoTracking().Where(h => h.ProjectId == projectId && h.IsRescue && h.At >= start && h.At <= now)
            .Select(h => new Rescue(h.IssueId, h.At)).ToListAsync(cancellationToken);
        return (outcomes, rescues);
    }

    private async Task<ExitStatus> StatusOfAsync(Project project, IReadOnlyList<ExitRuleSetting> rules, ExitEvaluation evaluation, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        var signOff = await db.ExitSignOffs.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderByDescending(s => s.At)
            .Select(s => new SignOffResponse(s.Id, users.Where(u => u.Id == s.SignedByUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).Single(),
                users.Where(u => u.Id == s.OnBehalfOfUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleOrDefault(),
                s.At, s.Comment, s.OverrideReason, s.UnmetAtSignOff, s.WithdrawnAt, s.WithdrawnReason))
            .FirstOrDefaultAsync(cancellationToken);
        var overriding = await db.ExitOverrides.AsNoTracking().Where(o => o.ProjectId == project.Id && o.UsedBySignOffId == null && o.ClearedAt == null)
            .OrderByDescending(o => o.At)
            .Select(o => new OverrideResponse(o.Id, users.Where(u => u.Id == o.ByUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).Single(), o.At, o.Reason))
            .FirstOrDefaultAsync(cancellationToken);
        var extensions = await db.ExitExtensions.AsNoTracking().Where(e => e.ProjectId == project.Id).OrderBy(e => e.At)
            .Select(e => new ExtensionResponse(e.Id, e.FromEnd, e.ToEnd, e.Reason, users.Where(u => u.Id == e.ByUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).Single(), e.At))
            .ToListAsync(cancellationToken);
        var since = evaluation.Day.AddDays(-HistoryDays);
        var history = (await db.ExitEvaluations.AsNoTracking().Where(e => e.ProjectId == project.Id && e.Day >= since).OrderBy(e => e.Day).ToListAsync(cancellationToken))
            .Select(e => new ExitHistoryDay(e.Day, e.AllMet, e.Rules)).ToList();
        var changes = await db.ProjectStageChanges.AsNoTracking().Where(c => c.ProjectId == project.Id).OrderBy(c => c.At)
            .Select(c => new StageChangeResponse(c.Id, c.From, c.To, users.Where(u => u.Id == c.ByUserId).Select(u => new PersonRef(u.Id, u.DisplayName)).SingleOrDefault(), c.At, c.Reason))
            .ToListAsync(cancellationToken);
        var now = evaluation.EvaluatedAt;
        var today = evaluation.Day;
        var firstWeek = TrendStart(project, now);
        var (weekIssues, weekRescues) = await NewIssueOutcomesAsync(project.Id, LocalDays.StartOf(firstWeek, project.TimeZoneId), now, cancellationToken);
        var weeks = SteadyStateWeeks.Of(weekIssues, weekRescues, firstWeek, today, project.TimeZoneId);
        return new ExitStatus(project.Stage, project.GoLiveDate, project.PlannedEndDate, rules, evaluation, signOff, overriding, extensions,
            // Calendar days the extensions added to the planned end (the first one from no planned end adds none).
            extensions.Sum(e => e.FromEnd is { } from ? e.ToEnd.DayNumber - from.DayNumber : 0), history, changes, ProjectStages.AllowedFrom(project.Stage),
            await ForecastOfAsync(project, rules, ForecastSelection.Default, cancellationToken), weeks);
    }
}
