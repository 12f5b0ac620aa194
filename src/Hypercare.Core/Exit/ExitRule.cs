namespace Hypercare.Core.Exit;

/// <summary>The exit criteria a project can hold. The first three are the seed's and are on by default.</summary>
public enum ExitRuleKind
{
    /// <summary>No new Sev1 or Sev2 (reported, or raised to it) for <see cref="ExitRule.Days"/> consecutive local days.</summary>
    NoNewHighSeverity,
    /// <summary>Over the last <see cref="ExitRule.Days"/> days at least <see cref="ExitRule.Percent"/> % of new issues were owned and resolved by the steady-state team, with no rescue.</summary>
    SteadyStateHandlesNewIssues,
    SponsorSignedOff,
    NoOpenSev1,
    /// <summary>Resolution SLA met for at least <see cref="ExitRule.Percent"/> % of the clocks decided in the last <see cref="ExitRule.Days"/> days.</summary>
    SlaCompliance,
    /// <summary>The latest login rate reaches the adoption target.</summary>
    LoginRateAtTarget,
    /// <summary>Every known issue not yet fixed has a published workaround or a scheduled fix.</summary>
    KnownIssuesAddressed,
    /// <summary>Every handover checklist item is done and the steady-state team owns every handover area.</summary>
    HandoverComplete,
}

/// <summary>One exit criterion of a project: whether it counts, and its window and threshold where it has them.</summary>
public sealed class ExitRule
{
    public const int MaxDays = 60;

    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public ExitRuleKind Kind { get; private set; }

    public bool Enabled { get; private set; }

    public int? Days { get; private set; }

    public int? Percent { get; private set; }

    public static ExitRule Create(int projectId, ExitRuleKind kind, bool enabled, int? days, int? percent) => new()
    {
        ProjectId = projectId,
        Kind = kind,
        Enabled = enabled,
        Days = days,
        Percent = percent,
    };

    public void Set(bool enabled, int? days, int? percent)
    {
        Enabled = enabled;
        Days = days;
        Percent = percent;
    }

    public ExitRuleSetting ToSetting() => new(Kind, Enabled, Days, Percent);
}

public static class ExitRuleKinds
{
    /// <summary>The rule's short name, without its thresholds (for messages about its settings).</summary>
    public static string Label(this ExitRuleKind kind) => kind switch
    {
        ExitRuleKind.NoNewHighSeverity => "No new Sev1/Sev2",
        ExitRuleKind.SteadyStateHandlesNewIssues => "Steady-state team handles new issues",
        ExitRuleKind.SponsorSignedOff => "Sponsor sign-off",
        ExitRuleKind.NoOpenSev1 => "No open Sev1",
        ExitRuleKind.SlaCompliance => "SLA compliance",
        ExitRuleKind.LoginRateAtTarget => "Login rate at target",
        ExitRuleKind.KnownIssuesAddressed => "Known issues addressed",
        _ => "Handover complete",
    };
}

/// <summary>A rule's settings as values: what the evaluator takes and the API shows.</summary>
public sealed record ExitRuleSetting(ExitRuleKind Kind, bool Enabled, int? Days, int? Percent)
{
    /// <summary>Every kind with its default: the seed's three on, the optional ones off with sensible thresholds.</summary>
    public static IReadOnlyList<ExitRuleSetting> Defaults { get; } =
    [
        new(ExitRuleKind.NoNewHighSeverity, true, 3, null),
        new(ExitRuleKind.SteadyStateHandlesNewIssues, true, 5, 80),
        new(ExitRuleKind.SponsorSignedOff, true, null, null),
        new(ExitRuleKind.NoOpenSev1, false, null, null),
        new(ExitRuleKind.SlaCompliance, false, 7, 90),
        new(ExitRuleKind.LoginRateAtTarget, false, null, null),
        new(ExitRuleKind.KnownIssuesAddressed, false, null, null),
        new(ExitRuleKind.HandoverComplete, false, null, null),
    ];

    public bool HasDays => Kind is ExitRuleKind.NoNewHighSeverity or ExitRuleKind.SteadyStateHandlesNewIssues or ExitRuleKind.SlaCompliance;

    public bool HasPercent => Kind is ExitRuleKind.SteadyStateHandlesNewIssues or ExitRuleKind.SlaCompliance;

    public string Title => Kind switch
    {
        ExitRuleKind.NoNewHighSeverity => $"No new Sev1 or Sev2 for {Days} consecutive days",
        ExitRuleKind.SteadyStateHandlesNewIssues => $"Steady-state team resolves at least {Percent} % of new issues over {Days} days, with no rescue",
        ExitRuleKind.SponsorSignedOff => "The sponsor has signed off",
        ExitRuleKind.NoOpenSev1 => "No open Sev1",
        ExitRuleKind.SlaCompliance => $"Resolution SLA met for at least {Percent} % over {Days} days",
        ExitRuleKind.LoginRateAtTarget => "Login rate at the adoption target",
        ExitRuleKind.KnownIssuesAddressed => "Every known issue has a workaround or a fix",
        _ => "The handover checklist is complete and the steady-state team owns every area",
    };

    /// <summary>Stored settings over the defaults, in the defaults' order.</summary>
    public static IReadOnlyList<ExitRuleSetting> Merge(IEnumerable<ExitRuleSetting> stored)
    {
        var byKind = stored.ToDictionary(s => s.Kind);
        return [.. Defaults.Select(d => byKind.GetValueOrDefault(d.Kind) ?? d)];
    }
}
