using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Exit;

public enum RuleState
{
    Met,
    NotMet,
    /// <summary>There is not yet the data to decide (too few days since go-live, no issues in the window, no target).</summary>
    NotYetEvaluable,
}

/// <summary>One fact behind a rule's state; links to an issue or names a day where it has one.</summary>
public sealed record Evidence(string Text, int? IssueId = null, DateOnly? Day = null);

public sealed record RuleResult(ExitRuleKind Kind, string Title, RuleState State, string Summary, IReadOnlyList<Evidence> Evidence);

/// <summary>An issue reported as Sev1/Sev2, or raised to Sev1/Sev2 from a lower severity, at an instant.</summary>
public sealed record HighSeverityArrival(int IssueId, DateTimeOffset At, Severity Severity, bool Raised);

/// <summary>A new issue of the window and how it went: who owned it when it was first resolved, and whether it was rescued.</summary>
public sealed record NewIssueOutcome(int IssueId, DateTimeOffset ReportedAt, OwningTeam? OwnerAtResolution, DateTimeOffset? ResolvedAt, OwningTeam? CurrentOwner);

public sealed record Rescue(int IssueId, DateTimeOffset At);

public sealed record SignOffFact(string SignedBy, DateTimeOffset At, string? OnBehalfOf, string? OverrideReason, DateTimeOffset? WithdrawnAt = null, string? WithdrawnReason = null);

/// <summary>A resolution clock that was decided (met or missed at its stop, or breached while open) at an instant.</summary>
public sealed record ResolutionDecision(int IssueId, DateTimeOffset DecidedAt, bool Met);

public sealed record LoginFact(DateOnly AsOf, double Rate, double? TargetRate, DateOnly? TargetBy);

public sealed record KnownIssueGap(int KnownIssueId, string Title, string Status);

/// <summary>
/// Everything the exit rules look at, loaded by <see cref="ExitService"/>; the evaluator only reads it.
/// <see cref="ArrivalsSince"/>: the high-severity arrivals are those from that instant on (null: since go-live); the window
/// is longer than rule 1's, so an older arrival could not change its state.
/// </summary>
public sealed record ExitFacts(
    DateTimeOffset Now,
    string TimeZoneId,
    DateOnly GoLive,
    IReadOnlyList<HighSeverityArrival> HighSeverityArrivals,
    IReadOnlyList<NewIssueOutcome> NewIssues,
    IReadOnlyList<Rescue> Rescues,
    SignOffFact? SignOff,
    IReadOnlyList<int> OpenSev1,
    IReadOnlyList<ResolutionDecision> ResolutionDecisions,
    LoginFact? Login,
    IReadOnlyList<KnownIssueGap> KnownIssueGaps,
    DateTimeOffset? ArrivalsSince = null,
    IReadOnlyList<string>? HandoverGaps = null);

/// <summary>The rules' states on a day; <see cref="AllMet"/> is the gate (`hypercare exit check`).</summary>
public sealed record ExitEvaluation(DateOnly Day, DateTimeOffset EvaluatedAt, IReadOnlyList<RuleResult> Rules)
{
    public bool AllMet => Rules.Count > 0 && Rules.All(r => r.State == RuleState.Met);

    /// <summary>The enabled rules other than the sponsor's sign-off that do not hold: what a sign-off must override.</summary>
    public IReadOnlyList<RuleResult> UnmetBeforeSignOff => [.. Rules.Where(r => r.Kind != ExitRuleKind.SponsorSignedOff && r.State != RuleState.Met)];
}

/// <summary>
/// Evaluates a project's enabled exit rules on its facts. Pure: days are the project's local days, "the last N days"
/// means the N local days ending today (today so far included), so a Sev1 reported this morning breaks rule 1 at once.
/// </summary>
public static class ExitEvaluator
{
    public static ExitEvaluation Evaluate(IReadOnlyList<ExitRuleSetting> rules, ExitFacts facts)
    {
        var today = LocalDays.Today(facts.Now, facts.TimeZoneId);
        var results = rules.Where(r => r.Enabled).Select(r => r.Kind switch
        {
            ExitRuleKind.NoNewHighSeverity => NoNewHighSeverity(r, facts, today),
            ExitRuleKind.SteadyStateHandlesNewIssues => SteadyStateHandles(r, facts, today),
            ExitRuleKind.SponsorSignedOff => SignedOff(r, facts),
            ExitRuleKind.NoOpenSev1 => NoOpenSev1(r, facts),
            ExitRuleKind.SlaCompliance => SlaCompliance(r, facts, today),
            ExitRuleKind.LoginRateAtTarget => LoginRate(r, facts),
            ExitRuleKind.KnownIssuesAddressed => KnownIssues(r, facts),
            _ => Handover(r, facts),
        }).ToList();
        return new ExitEvaluation(today, facts.Now, results);
    }

    /// <summary>The first Sev1 reported or raised after the sign-off, which withdraws it.</summary>
    public static HighSeverityArrival? WithdrawsSignOff(ExitFacts facts) => facts.SignOff is { WithdrawnAt: null } s
        ? facts.HighSeverityArrivals.Where(a => a.Severity == Severity.Sev1 && a.At > s.At).MinBy(a => a.At)
        : null;

    private static DateOnly Day(DateTimeOffset at, ExitFacts facts) => LocalDays.Today(at, facts.TimeZoneId);

    private static string D(DateOnly day) => day.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    private static RuleResult NoNewHighSeverity(ExitRuleSetting rule, ExitFacts facts, DateOnly today)
    {
        var days = rule.Days ?? 3;
        var arrivals = facts.HighSeverityArrivals.Select(a => (Arrival: a, Day: Day(a.At, facts))).Where(a => a.Day <= today).ToList();
        var last = arrivals.Count == 0 ? (DateOnly?)null : arrivals.Max(a => a.Day);
        // Clean days: the whole local days after the last arrival (or since go-live), up to yesterday; today must be clean too.
        var countFrom = facts.ArrivalsSince is { } from && Day(from, facts) > facts.GoLive ? Day(from, facts) : facts.GoLive;
        var cleanFrom = last is { } l ? l.AddDays(1) : countFrom;
        var cleanDays = Math.Max(0, today.DayNumber - cleanFrom.DayNumber);
        var evidence = arrivals.Where(a => a.Day > today.AddDays(-days - 7)).OrderByDescending(a => a.Arrival.At)
            .Select(a => new Evidence($"#{a.Arrival.IssueId} {(a.Arrival.Raised ? "raised to" : "reported as")} {a.Arrival.Severity} on {D(a.Day)}",
                a.Arrival.IssueId, a.Day)).ToList();
        if (last == today)
        {
            return new(rule.Kind, rule.Title, RuleState.NotMet, $"A new {arrivals.Where(a => a.Day == today).Min(a => a.Arrival.Severity)} today; the count starts again tomorrow.", evidence);
        }

        if (last is null && today.DayNumber - facts.GoLive.DayNumber < days)
        {
            return new(rule.Kind, rule.Title, RuleState.NotYetEvaluable,
                $"Live for {Math.Max(0, today.DayNumber - facts.GoLive.DayNumber)} whole days; {days} are needed.", evidence);
        }

        var summary = last is { } since
            ? $"{cleanDays} of {days} days clean since the last new Sev1/Sev2 on {D(since)}."
            : countFrom == facts.GoLive
                ? $"No Sev1 or Sev2 since go-live on {D(facts.GoLive)}: {cleanDays} clean days."
                : $"No Sev1 or Sev2 since {D(countFrom)}: at least {cleanDays} clean days.";
        return new(rule.Kind, rule.Title, cleanDays >= days ? RuleState.Met : RuleState.NotMet, summary, evidence);
    }

    private static RuleResult SteadyStateHandles(ExitRuleSetting rule, ExitFacts facts, DateOnly today)
    {
        var days = rule.Days ?? 5;
        var percent = rule.Percent ?? 80;
        var first = today.AddDays(1 - days);
        bool InWindow(DateTimeOffset at) => Day(at, facts) is var d && d >= first && d <= today;
        var issues = facts.NewIssues.Where(i => InWindow(i.ReportedAt)).OrderBy(i => i.ReportedAt).ToList();
        var rescues = facts.Rescues.Where(r => InWindow(r.At)).OrderBy(r => r.At).ToList();
        var rescued = rescues.Select(r => r.IssueId).ToHashSet();
        var evidence = new List<Evidence>();
        var handled = 0;
        foreach (var i in issues)
        {
            var byTeam = i.ResolvedAt is not null && i.OwnerAtResolution == OwningTeam.SteadyStateTeam && !rescued.Contains(i.IssueId);
            handled += byTeam ? 1 : 0;
            var how = byTeam ? "resolved by the steady-state team"
                : rescued.Contains(i.IssueId) ? "rescued by the project team"
                : i.ResolvedAt is not null ? $"resolved by the {i.OwnerAtResolution?.Label().ToLowerInvariant() ?? "unassigned queue"}"
                : $"open, {(i.CurrentOwner is { } owner ? $"owned by the {owner.Label().ToLowerInvariant()}" : "no owning team yet")}";
            evidence.Add(new Evidence($"#{i.IssueId} {how}", i.IssueId, Day(i.ReportedAt, facts)));
        }

        evidence.AddRange(rescues.Select(r => new Evidence($"Rescue: #{r.IssueId} taken back by the project team on {D(Day(r.At, facts))}", r.IssueId, Day(r.At, facts))));
        if (issues.Count == 0)
        {
            return new(rule.Kind, rule.Title, rescues.Count > 0 ? RuleState.NotMet : RuleState.NotYetEvaluable,
                rescues.Count > 0 ? $"{rescues.Count} rescue(s) in the last {days} days." : $"No new issues in the last {days} days to judge by.", evidence);
        }

        var share = 100.0 * handled / issues.Count;
        var met = share >= percent && rescues.Count == 0;
        return new(rule.Kind, rule.Title, met ? RuleState.Met : RuleState.NotMet,
            string.Create(CultureInfo.InvariantCulture, $"{handled} of {issues.Count} new issues ({share:0} %) resolved by the steady-state team since {D(first)}; {rescues.Count} rescue(s)."),
            evidence);
    }

    private static RuleResult SignedOff(ExitRuleSetting rule, ExitFacts facts)
    {
        if (facts.SignOff is not { } s)
        {
            return new(rule.Kind, rule.Title, RuleState.NotMet, "Not signed off.", []);
        }

        if (s.WithdrawnAt is { } withdrawnAt)
        {
            return new(rule.Kind, rule.Title, RuleState.NotMet,
                $"The sign-off of {D(Day(s.At, facts))} was withdrawn on {D(Day(withdrawnAt, facts))}: {s.WithdrawnReason} The sponsor signs again when the rules hold.", []);
        }

        if (WithdrawsSignOff(facts) is { } sev1)
        {
            return new(rule.Kind, rule.Title, RuleState.NotMet, $"The sign-off of {D(Day(s.At, facts))} was withdrawn: Sev1 #{sev1.IssueId} came after it.",
                [new Evidence($"#{sev1.IssueId} {(sev1.Raised ? "raised to" : "reported as")} Sev1", sev1.IssueId, Day(sev1.At, facts))]);
        }

        var evidence = new List<Evidence> { new($"Signed by {s.SignedBy}{(s.OnBehalfOf is null ? "" : $" for {s.OnBehalfOf}")} on {D(Day(s.At, facts))}", Day: Day(s.At, facts)) };
        if (s.OverrideReason is { } reason)
        {
            evidence.Add(new Evidence($"Signed with unmet rules overridden by the lead: {reason}"));
        }

        return new(rule.Kind, rule.Title, RuleState.Met, evidence[0].Text + ".", evidence);
    }

    private static RuleResult NoOpenSev1(ExitRuleSetting rule, ExitFacts facts) => facts.OpenSev1.Count == 0
        ? new(rule.Kind, rule.Title, RuleState.Met, "No Sev1 is open.", [])
        : new(rule.Kind, rule.Title, RuleState.NotMet, $"{facts.OpenSev1.Count} Sev1 open.", [.. facts.OpenSev1.Order().Select(id => new Evidence($"#{id} is open", id))]);

    private static RuleResult SlaCompliance(ExitRuleSetting rule, ExitFacts facts, DateOnly today)
    {
        var days = rule.Days ?? 7;
        var percent = rule.Percent ?? 90;
        var first = today.AddDays(1 - days);
        var decided = facts.ResolutionDecisions.Where(d => Day(d.DecidedAt, facts) is var day && day >= first && day <= today).ToList();
        if (decided.Count == 0)
        {
            return new(rule.Kind, rule.Title, RuleState.NotYetEvaluable, $"No resolution clock was decided in the last {days} days.", []);
        }

        var met = decided.Count(d => d.Met);
        var share = 100.0 * met / decided.Count;
        return new(rule.Kind, rule.Title, share >= percent ? RuleState.Met : RuleState.NotMet,
            string.Create(CultureInfo.InvariantCulture, $"{met} of {decided.Count} resolution clocks met ({share:0.#} %) since {D(first)}."),
            [.. decided.Where(d => !d.Met).OrderBy(d => d.DecidedAt).Select(d => new Evidence($"#{d.IssueId} missed its resolution target", d.IssueId, Day(d.DecidedAt, facts)))]);
    }

    private static RuleResult LoginRate(ExitRuleSetting rule, ExitFacts facts)
    {
        if (facts.Login is not { } l)
        {
            return new(rule.Kind, rule.Title, RuleState.NotYetEvaluable, "No login data imported yet.", []);
        }

        if (l.TargetRate is not { } target)
        {
            return new(rule.Kind, rule.Title, RuleState.NotYetEvaluable, "No adoption target is set.", []);
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"Login rate {l.Rate:P0} on {D(l.AsOf)}; target {target:P0}{(l.TargetBy is { } by ? $" by {D(by)}" : "")}.");
        return new(rule.Kind, rule.Title, l.Rate >= target ? RuleState.Met : RuleState.NotMet, text, [new Evidence(text, Day: l.AsOf)]);
    }

    private static RuleResult KnownIssues(ExitRuleSetting rule, ExitFacts facts) => facts.KnownIssueGaps.Count == 0
        ? new(rule.Kind, rule.Title, RuleState.Met, "Every known issue has a workaround or a fix.", [])
        : new(rule.Kind, rule.Title, RuleState.NotMet, $"{facts.KnownIssueGaps.Count} known issue(s) with neither a workaround nor a fix.",
            [.. facts.KnownIssueGaps.Select(k => new Evidence($"Known issue K-{k.KnownIssueId} {k.Title} ({k.Status})"))]);

    private static RuleResult Handover(ExitRuleSetting rule, ExitFacts facts) => facts.HandoverGaps is not { Count: > 0 } gaps
        ? new(rule.Kind, rule.Title, RuleState.Met, "Every handover checklist item is done and the steady-state team owns every area.", [])
        : new(rule.Kind, rule.Title, RuleState.NotMet, $"{gaps.Count} handover item(s) open.", [.. gaps.Select(g => new Evidence(g))]);
}
