using Hypercare.Core.Exit;
using Hypercare.Core.Issues;

namespace Hypercare.Core.Tests.Exit;

public class ExitEvaluatorTests
{
    private const string Berlin = "Europe/Berlin";

    // Friday 13 March 2026, 10:00 in Berlin (UTC+1); go-live was Monday 2 March.
    private static readonly DateTimeOffset Friday10 = new(2026, 3, 13, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly GoLive = new(2026, 3, 2);

    private static DateTimeOffset Local(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 3, day, hour, minute, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    private static ExitFacts Facts(DateTimeOffset? now = null, IReadOnlyList<HighSeverityArrival>? arrivals = null, IReadOnlyList<NewIssueOutcome>? issues = null,
        IReadOnlyList<Rescue>? rescues = null, SignOffFact? signOff = null, DateOnly? goLive = null) =>
        new(now ?? Friday10, Berlin, goLive ?? GoLive, arrivals ?? [], issues ?? [], rescues ?? [], signOff, [], [], null, []);

    private static IReadOnlyList<ExitRuleSetting> Only(ExitRuleKind kind, int? days = null, int? percent = null)
    {
        var d = ExitRuleSetting.Defaults.Single(r => r.Kind == kind);
        return [d with { Enabled = true, Days = days ?? d.Days, Percent = percent ?? d.Percent }];
    }

    private static RuleResult One(IReadOnlyList<ExitRuleSetting> rules, ExitFacts facts) => Assert.Single(ExitEvaluator.Evaluate(rules, facts).Rules);

    [Fact]
    public void NoNewHighSeverity_ThreeWholeCleanDaysAfterTheLastSev2_IsMet()
    {
        // Sev2 on Monday 9 March; Tuesday, Wednesday and Thursday are clean, and Friday so far too.
        var result = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(arrivals: [new(7, Local(9, 9), Severity.Sev2, false)]));
        var dayLater = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(arrivals: [new(7, Local(10, 9), Severity.Sev2, false)]));

        Assert.Equal(RuleState.Met, result.State);
        Assert.Equal("3 of 3 days clean since the last new Sev1/Sev2 on Mon 9 Mar.", result.Summary);
        Assert.Equal(RuleState.NotMet, dayLater.State);
        Assert.Equal(7, Assert.Single(result.Evidence).IssueId);
    }

    [Fact]
    public void NoNewHighSeverity_TwoCleanDays_IsNotMetAndSaysHowFar()
    {
        var result = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(arrivals: [new(7, Local(11, 15), Severity.Sev1, false)]));

        Assert.Equal(RuleState.NotMet, result.State);
        Assert.StartsWith("1 of 3 days clean", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNewHighSeverity_ArrivalThisMorning_BreaksItAtOnce()
    {
        var result = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(arrivals: [new(9, Local(13, 8), Severity.Sev2, true)]));

        Assert.Equal(RuleState.NotMet, result.State);
        Assert.Contains("raised to Sev2", Assert.Single(result.Evidence).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNewHighSeverity_DaysAreTheProjectsLocalDays()
    {
        // 23:30 UTC on Tuesday 10 March is 00:30 on Wednesday in Berlin: Wednesday is not clean, so only Thursday is.
        var lateTuesdayUtc = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);

        var result = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(arrivals: [new(4, lateTuesdayUtc, Severity.Sev1, false)]));

        Assert.Equal(RuleState.NotMet, result.State);
        Assert.StartsWith("1 of 3 days clean since the last new Sev1/Sev2 on Wed 11 Mar", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void NoNewHighSeverity_LiveForTwoDaysWithoutArrivals_IsNotYetEvaluable()
    {
        var result = One(Only(ExitRuleKind.NoNewHighSeverity), Facts(goLive: new DateOnly(2026, 3, 11)));

        Assert.Equal(RuleState.NotYetEvaluable, result.State);
    }

    [Fact]
    public void SteadyState_FourOfFiveResolvedByTheSteadyStateTeam_IsMetAtEightyPercent()
    {
        var steady = OwningTeam.SteadyStateTeam;
        var issues = new List<NewIssueOutcome>
        {
            new(1, Local(9, 10), steady, Local(9, 12), steady),
            new(2, Local(10, 10), steady, Local(10, 16), steady),
            new(3, Local(11, 10), steady, Local(12, 9), steady),
            new(4, Local(12, 10), steady, Local(12, 11), steady),
            new(5, Local(13, 9), null, null, OwningTeam.ProjectTeam),
            // Reported before the five days (9 to 13 March): not counted.
            new(6, Local(8, 10), OwningTeam.ProjectTeam, Local(8, 12), OwningTeam.ProjectTeam),
        };

        var met = One(Only(ExitRuleKind.SteadyStateHandlesNewIssues), Facts(issues: issues));
        var stricter = One(Only(ExitRuleKind.SteadyStateHandlesNewIssues, percent: 81), Facts(issues: issues));

        Assert.Equal(RuleState.Met, met.State);
        Assert.StartsWith("4 of 5 new issues (80 %)", met.Summary, StringComparison.Ordinal);
        Assert.Equal(RuleState.NotMet, stricter.State);
        Assert.Contains(met.Evidence, e => e.IssueId == 5 && e.Text.Contains("open, owned by the project team", StringComparison.Ordinal));
        Assert.DoesNotContain(met.Evidence, e => e.IssueId == 6);
    }

    [Fact]
    public void SteadyState_OneRescue_FailsTheRuleAndTheRescuedIssueDoesNotCount()
    {
        var steady = OwningTeam.SteadyStateTeam;
        var issues = new List<NewIssueOutcome>
        {
            new(1, Local(11, 10), steady, Local(11, 12), steady),
            new(2, Local(12, 10), steady, Local(12, 15), steady),
        };

        var result = One(Only(ExitRuleKind.SteadyStateHandlesNewIssues, percent: 50), Facts(issues: issues, rescues: [new Rescue(2, Local(12, 11))]));

        Assert.Equal(RuleState.NotMet, result.State);
        Assert.StartsWith("1 of 2 new issues (50 %)", result.Summary, StringComparison.Ordinal);
        Assert.EndsWith("1 rescue(s).", result.Summary, StringComparison.Ordinal);
        Assert.Contains(result.Evidence, e => e.IssueId == 2 && e.Text.StartsWith("Rescue:", StringComparison.Ordinal));
    }

    [Fact]
    public void SteadyState_ResolvedByTheProjectTeam_IsNotHandled()
    {
        var result = One(Only(ExitRuleKind.SteadyStateHandlesNewIssues),
            Facts(issues: [new(1, Local(12, 10), OwningTeam.ProjectTeam, Local(12, 11), OwningTeam.SteadyStateTeam)]));

        Assert.Equal(RuleState.NotMet, result.State);
        Assert.Contains("resolved by the project team", Assert.Single(result.Evidence).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SteadyState_NoNewIssues_IsNotYetEvaluable() =>
        Assert.Equal(RuleState.NotYetEvaluable, One(Only(ExitRuleKind.SteadyStateHandlesNewIssues), Facts()).State);

    [Fact]
    public void SignOff_LaterSev1WithdrawsIt_ALaterSev2DoesNot()
    {
        var signed = new SignOffFact("Sam Sponsor", Local(12, 9), null, null);
        var sev2 = new HighSeverityArrival(3, Local(12, 10), Severity.Sev2, false);
        var sev1 = new HighSeverityArrival(4, Local(12, 11), Severity.Sev1, true);
        var before = new HighSeverityArrival(2, Local(11, 11), Severity.Sev1, false);

        var stands = Facts(arrivals: [before, sev2], signOff: signed);
        var broken = Facts(arrivals: [before, sev2, sev1], signOff: signed);

        Assert.Equal(RuleState.Met, One(Only(ExitRuleKind.SponsorSignedOff), stands).State);
        Assert.Null(ExitEvaluator.WithdrawsSignOff(stands));
        Assert.Equal(RuleState.NotMet, One(Only(ExitRuleKind.SponsorSignedOff), broken).State);
        Assert.Equal(4, ExitEvaluator.WithdrawsSignOff(broken)?.IssueId);
        Assert.Null(ExitEvaluator.WithdrawsSignOff(Facts(arrivals: [sev1], signOff: signed with { WithdrawnAt = sev1.At, WithdrawnReason = "Sev1 #4" })));
    }

    [Fact]
    public void Evaluation_AllMetOnlyWhenEveryEnabledRuleHolds_AndSignOffIsNotAmongWhatItMustOverride()
    {
        var evaluation = ExitEvaluator.Evaluate(ExitRuleSetting.Defaults, Facts(arrivals: [new(7, Local(9, 9), Severity.Sev2, false)]));

        Assert.Equal([ExitRuleKind.NoNewHighSeverity, ExitRuleKind.SteadyStateHandlesNewIssues, ExitRuleKind.SponsorSignedOff], evaluation.Rules.Select(r => r.Kind));
        Assert.False(evaluation.AllMet);
        Assert.Equal([ExitRuleKind.SteadyStateHandlesNewIssues], evaluation.UnmetBeforeSignOff.Select(r => r.Kind));
        Assert.Equal(new DateOnly(2026, 3, 13), evaluation.Day);
    }

    [Fact]
    public void WorkingDaysUntil_SkipsWeekendsAndHolidays()
    {
        // From Friday 13 March to Wednesday 18 March: Mon 16, Tue 17 (a holiday here), Wed 18 → 2 working days.
        Assert.Equal(2, ExitService.WorkingDaysUntil(new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 18), [new DateOnly(2026, 3, 17)]));
        Assert.Equal(0, ExitService.WorkingDaysUntil(new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 13), []));
    }
}
