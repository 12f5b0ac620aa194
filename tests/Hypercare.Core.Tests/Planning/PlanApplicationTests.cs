using Hypercare.Core.Exit;
using Hypercare.Core.Patches;
using Hypercare.Core.Planning;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;

namespace Hypercare.Core.Tests.Planning;

/// <summary>"Apply to project" as a diff (pure): before go-live every phase is the plan's; once live only future phases change.</summary>
public sealed class PlanApplicationTests
{
    // The simple plan: Intensive 1–7 June 2026, Stabilise 8–14 June.
    private static readonly SowPlan Plan = PlanSamples.Plan(PlanSamples.Simple());
    private static readonly DateOnly GoLive = PlanSamples.GoLive;

    private static ApplyTarget Project(DateOnly today, IEnumerable<PlanPhase> phases, ProjectStage? stage = null, DateOnly? plannedEnd = null,
        IReadOnlyList<ExitRuleSetting>? rules = null) =>
        new(GoLive, plannedEnd ?? GoLive.AddDays(27), stage ?? ProjectStages.Initial(GoLive, today), today,
            [.. phases.Select(p => new CurrentPhase(p, null))], rules ?? [], RotaRules.Default, false);

    private static PlanApplicationResult Diff(ApplyTarget target)
    {
        var outcome = PlanApplication.Diff(Plan, 3, target);
        Assert.True(outcome.Succeeded, outcome.Failure?.Message + string.Join("; ", outcome.Failure?.Errors?.SelectMany(e => e.Value) ?? []));
        return outcome.Value!;
    }

    private static List<string> Kinds(PlanApplicationResult r) => [.. r.Preview.Phases.Select(p => $"{p.Name}:{p.Kind}")];

    [Fact]
    public void Diff_BeforeGoLive_MakesEveryPhaseThePlans_AndWritesEverySetting()
    {
        var seed = PlanPhase.DefaultPlan(1, GoLive, GoLive.AddDays(27)).ToList();

        var result = Diff(Project(GoLive.AddDays(-5), seed));

        Assert.False(result.Preview.Live);
        Assert.Equal(["Intensive:Update", "Stabilise:Update"], Kinds(result));
        Assert.Equal([(GoLive, GoLive.AddDays(6)), (GoLive.AddDays(7), GoLive.AddDays(13))], result.Write.Select(w => (w.Start, w.End)));
        Assert.Equal([PatchCadenceKind.Daily, PatchCadenceKind.EveryOtherDay], result.Write.Select(w => w.Patches.Kind));
        Assert.All(result.Write, w => Assert.Equal(PlanApplication.DeployAt, w.Patches.DeployAt));
        Assert.Equal(Plan.PlannedEnd, result.PlannedEnd);
        Assert.Equal(Plan.ExitCriteria.Count, result.ExitRules!.Count(r => r.Enabled));
        Assert.Equal(Enum.GetValues<ExitRuleKind>().Length, result.ExitRules!.Count);
        // The plan's peak: two on the queue, the lead on half the hours (one place), steady-state on half (one place).
        Assert.Equal(new RotaStaffing(1, 2, 1), result.Staffing);
        Assert.Contains(result.Preview.Settings, s => s.Area == "standups");
    }

    [Fact]
    public void Diff_LiveProject_KeepsStartedPhases_ClipsThePlanAfterThem_RemovesFutureOnesNotInThePlan()
    {
        // Live on 4 June: the project's own "Hot week" (1–9 June) has started; "Later" (10–30 June) has not.
        var hot = PlanPhase.Create(1, "Hot week", GoLive, GoLive.AddDays(8), PlanPhase.Weekdays(new TimeOnly(8, 0), new TimeOnly(18, 0)), SlaTarget.Defaults, [], StandupCadence.Daily);
        var later = PlanPhase.Create(1, "Later", GoLive.AddDays(9), GoLive.AddDays(29), PlanPhase.Weekdays(new TimeOnly(8, 0), new TimeOnly(18, 0)), SlaTarget.Defaults, [], StandupCadence.Weekly);

        var result = Diff(Project(GoLive.AddDays(3), [hot, later], plannedEnd: GoLive.AddDays(29)));

        Assert.True(result.Preview.Live);
        Assert.Equal(["Hot week:Keep", "Stabilise:Create", "Later:Remove"], Kinds(result));
        var stabilise = Assert.Single(result.Write);
        Assert.Equal((GoLive.AddDays(9), GoLive.AddDays(13)), (stabilise.Start, stabilise.End));
        Assert.Contains(result.Preview.Notes, n => n.Contains("'Intensive'", StringComparison.Ordinal));
        Assert.Equal(GoLive.AddDays(13), result.PlannedEnd);
    }

    [Fact]
    public void Diff_LiveProjectWithSavedExitRules_KeepsThem()
    {
        var rules = new[] { new ExitRuleSetting(ExitRuleKind.NoNewHighSeverity, true, 7, null) };

        var result = Diff(Project(GoLive.AddDays(1), PlanPhase.DefaultPlan(1, GoLive, GoLive.AddDays(27)), rules: rules));

        Assert.Null(result.ExitRules);
        Assert.DoesNotContain(result.Preview.Settings, s => s.Area == "exit");
        Assert.Contains(result.Preview.Notes, n => n.StartsWith("Exit criteria stay", StringComparison.Ordinal));
    }

    [Fact]
    public void Diff_PlanAlreadyApplied_ChangesNothing()
    {
        var phases = Plan.Phases.Select(p => PlanPhase.Create(1, p.Name, p.StartDate, p.EndDate, p.SupportHours.Select(w => new SupportWindow(w.Day, w.Start, w.End)),
            p.Targets.Select(t => new SlaTarget(t.Severity, t.Kind, t.Amount, t.Unit, t.Clock)), p.TriageTimes, p.StandupCadence)).ToList();
        var cadences = phases.Zip(Plan.Phases, (phase, p) => new CurrentPhase(phase, PhasePatchCadence.Create(1, 0, p.PatchCadence, PlanApplication.DeployAt,
            p.PatchCadence == PatchCadenceKind.TwiceWeekly ? PatchCadence.DefaultTwiceWeeklyDays : null))).ToList();
        var wanted = ExitRuleSetting.Defaults.Select(d => Plan.ExitCriteria.FirstOrDefault(c => c.Kind == d.Kind) ?? d with { Enabled = false }).ToList();
        var target = new ApplyTarget(GoLive, Plan.PlannedEnd, ProjectStage.Planned, GoLive.AddDays(-2), cadences, wanted,
            RotaRules.Default with { StaffPerShift = new RotaStaffing(1, 2, 1) }, true);

        var result = Diff(target);

        Assert.False(result.Preview.HasChanges);
        Assert.Empty(result.Write);
        Assert.Empty(result.Preview.Settings);
    }

    [Fact]
    public void Diff_Refuses_AnotherGoLive_ALaterEndOnceLive_AndAClosedProject()
    {
        var seed = PlanPhase.DefaultPlan(1, GoLive, GoLive.AddDays(27)).ToList();

        var moved = PlanApplication.Diff(Plan, 1, Project(GoLive.AddDays(-5), seed) with { GoLive = GoLive.AddDays(1) });
        var later = PlanApplication.Diff(Plan, 1, Project(GoLive.AddDays(2), seed, plannedEnd: GoLive.AddDays(10)));
        var closed = PlanApplication.Diff(Plan, 1, Project(GoLive.AddDays(2), seed, ProjectStage.Closed));
        var beforeGoLive = PlanApplication.Diff(Plan, 1, Project(GoLive.AddDays(-2), seed, plannedEnd: GoLive.AddDays(10)));

        Assert.Contains("goLive", moved.Failure!.Errors!.Keys);
        Assert.Contains("Exit page", later.Failure!.Errors!["plannedEnd"][0], StringComparison.Ordinal);
        Assert.Equal(FailureKind.Conflict, closed.Failure!.Kind);
        // Before go-live the planned end is still the plan's to set.
        Assert.True(beforeGoLive.Succeeded);
        Assert.Equal(Plan.PlannedEnd, beforeGoLive.Value!.PlannedEnd);
    }
}
