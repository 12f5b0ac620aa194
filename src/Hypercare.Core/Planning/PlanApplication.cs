using System.Globalization;
using Hypercare.Core.Exit;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Hypercare.Core.Team;

namespace Hypercare.Core.Planning;

public enum PhaseChangeKind
{
    /// <summary>A phase the plan adds.</summary>
    Create,

    /// <summary>A future phase of the same name whose dates, hours, targets or cadences the plan changes.</summary>
    Update,

    /// <summary>A future phase the plan does not have.</summary>
    Remove,

    /// <summary>A phase left as it is: it has started (a live project changes only future phases) or already matches.</summary>
    Keep,
}

/// <summary>What applying the plan does to one phase, with each difference said.</summary>
public sealed record PhaseChange(PhaseChangeKind Kind, string Name, DateOnly Start, DateOnly End, int? PhaseId, string Reason, IReadOnlyList<string> Differences);

/// <summary>A project setting the plan changes (planned end, an exit rule, a rota rule, the standup schedule), before and after.</summary>
public sealed record SettingChange(string Area, string Setting, string? Before, string After);

/// <summary>
/// The preview of "apply to project" (issue 13): every phase created, changed, removed or kept, every setting changed, and
/// notes on what is left alone and why. Applying with the same <see cref="PlanVersion"/> does exactly this.
/// </summary>
public sealed record PlanApplyPreview(
    int PlanVersion,
    DateOnly Today,
    bool Live,
    IReadOnlyList<PhaseChange> Phases,
    IReadOnlyList<SettingChange> Settings,
    IReadOnlyList<string> Notes)
{
    public bool HasChanges => Phases.Any(p => p.Kind != PhaseChangeKind.Keep) || Settings.Count > 0;
}

/// <summary>A phase of the project as it stands, with its patch cadence if it has one.</summary>
public sealed record CurrentPhase(PlanPhase Phase, PhasePatchCadence? Cadence);

/// <summary>The project's side of the diff: its dates and stage, phases, saved exit rules, rota rules and standup schedule.</summary>
public sealed record ApplyTarget(
    DateOnly GoLive,
    DateOnly? PlannedEnd,
    ProjectStage Stage,
    DateOnly Today,
    IReadOnlyList<CurrentPhase> Phases,
    IReadOnlyList<ExitRuleSetting>? SavedExitRules,
    RotaRules Rota,
    bool HasStandupSchedule);

/// <summary>A phase as applying the plan writes it.</summary>
public sealed record AppliedPhase(
    int? ExistingId,
    string Name,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<SupportWindow> Hours,
    IReadOnlyList<SlaTarget> Targets,
    IReadOnlyList<TimeOnly> TriageTimes,
    StandupCadence Standup,
    PatchCadence Patches);

/// <summary>Everything one application writes: the preview people read and the values the service stores.</summary>
public sealed record PlanApplicationResult(
    PlanApplyPreview Preview,
    IReadOnlyList<AppliedPhase> Write,
    IReadOnlyList<int> Remove,
    DateOnly? PlannedEnd,
    IReadOnlyList<ExitRuleSetting>? ExitRules,
    RotaStaffing? Staffing);

/// <summary>
/// "Apply to project" as values (docs/sow-plan.md): pure, the saved plan and the project in, the diff out.
/// <list type="bullet">
/// <item>Before go-live every phase is the plan's: phases of the plan's names are changed in place, the others removed.</item>
/// <item>Once live, only future phases change: a phase that has started (today included) stays as it is, and the plan's
/// phases are clipped to start after it; a future phase the plan does not have is removed.</item>
/// <item>Each phase gets the plan's support hours, SLA targets, triage times, standup cadence and patch cadence (deployed at
/// <see cref="DeployAt"/>, or the phase's own deploy time when it had one).</item>
/// <item>The planned end becomes the plan's. Once hypercare runs a later end is an extension (recorded with a reason on
/// the Exit page), so a plan ending after the project's planned end is refused.</item>
/// <item>Exit rules become the plan's (the others off) unless the project is live and its lead saved rules already.</item>
/// <item>The rota skeleton: people per shift by role, from the busiest applied phase's cover; the lead generates the rota on it.</item>
/// <item>A project without a standup schedule gets the default one, so invitations follow the phases' cadences.</item>
/// </list>
/// </summary>
public static class PlanApplication
{
    public static readonly TimeOnly DeployAt = new(17, 0);

    public static Outcome<PlanApplicationResult> Diff(SowPlan plan, int planVersion, ApplyTarget project)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(project);
        if (plan.GoLive != project.GoLive)
        {
            return Failure.Invalid("goLive",
                $"The plan starts on {D(plan.GoLive)} but the project goes live on {D(project.GoLive)}: generate the plan again with the project's go-live date.");
        }

        var live = project.Stage != ProjectStage.Planned || project.Today >= project.GoLive;
        if (project.Stage == ProjectStage.Closed)
        {
            return Failure.Conflict("The project is closed: reopen it before applying a plan.");
        }

        if (live && project.PlannedEnd is { } end && plan.PlannedEnd > end)
        {
            return Failure.Invalid("plannedEnd",
                $"The plan ends on {D(plan.PlannedEnd)}, after the project's planned end {D(end)}. Hypercare is running, so a later end is an extension: extend it with a reason on the Exit page, then apply.");
        }

        var notes = new List<string>();
        var changes = new List<PhaseChange>();
        var write = new List<AppliedPhase>();
        var remove = new List<int>();

        // A live project keeps every phase that has started; the plan takes over from the day after the last of them.
        var firstChangeable = live ? project.Today.AddDays(1) : DateOnly.MinValue;
        var started = project.Phases.Where(p => p.Phase.StartDate < firstChangeable).OrderBy(p => p.Phase.StartDate).ToList();
        var future = project.Phases.Where(p => p.Phase.StartDate >= firstChangeable).ToList();
        var from = started.Count == 0 ? firstChangeable : Max(firstChangeable, started.Max(p => p.Phase.EndDate).AddDays(1));
        foreach (var s in started)
        {
            changes.Add(new PhaseChange(PhaseChangeKind.Keep, s.Phase.Name, s.Phase.StartDate, s.Phase.EndDate, s.Phase.Id,
                $"started on {D(s.Phase.StartDate)}: a live project changes only future phases", []));
        }

        var applied = new List<PlannedPhase>();
        foreach (var planned in plan.Phases)
        {
            var start = Max(planned.StartDate, from);
            if (start > planned.EndDate)
            {
                notes.Add($"The plan's phase '{planned.Name}' ({D(planned.StartDate)} to {D(planned.EndDate)}) is already covered by phases that have started.");
                continue;
            }

            applied.Add(planned);
            var match = future.FirstOrDefault(f => string.Equals(f.Phase.Name, planned.Name, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                future.Remove(match);
            }

            var cadence = Cadence(planned.PatchCadence, match?.Cadence);
            var phase = new AppliedPhase(match?.Phase.Id, planned.Name, start, planned.EndDate,
                [.. planned.SupportHours.Select(w => new SupportWindow(w.Day, w.Start, w.End))],
                [.. planned.Targets.Select(t => new SlaTarget(t.Severity, t.Kind, t.Amount, t.Unit, t.Clock))],
                planned.TriageTimes, planned.StandupCadence, cadence);
            if (match is null)
            {
                changes.Add(new PhaseChange(PhaseChangeKind.Create, phase.Name, phase.Start, phase.End, null,
                    start == planned.StartDate ? "in the plan" : $"in the plan from {D(planned.StartDate)}; starts after the running phase", []));
                write.Add(phase);
                continue;
            }

            var differences = Differences(match, phase);
            if (differences.Count == 0)
            {
                changes.Add(new PhaseChange(PhaseChangeKind.Keep, phase.Name, phase.Start, phase.End, match.Phase.Id, "already as planned", []));
                continue;
            }

            changes.Add(new PhaseChange(PhaseChangeKind.Update, phase.Name, phase.Start, phase.End, match.Phase.Id, "in the plan, with other values", differences));
            write.Add(phase);
        }

        foreach (var f in future.OrderBy(f => f.Phase.StartDate))
        {
            changes.Add(new PhaseChange(PhaseChangeKind.Remove, f.Phase.Name, f.Phase.StartDate, f.Phase.EndDate, f.Phase.Id, "not in the plan", []));
            remove.Add(f.Phase.Id);
        }

        var settings = new List<SettingChange>();
        DateOnly? plannedEnd = null;
        if (project.PlannedEnd != plan.PlannedEnd)
        {
            plannedEnd = plan.PlannedEnd;
            settings.Add(new SettingChange("project", "plannedEnd", project.PlannedEnd is { } e ? D(e) : null, D(plan.PlannedEnd)));
        }

        IReadOnlyList<ExitRuleSetting>? exitRules = null;
        if (live && project.SavedExitRules is { Count: > 0 })
        {
            notes.Add("Exit criteria stay as the lead saved them: the project is live. Change them on the Exit page.");
        }
        else
        {
            var current = ExitRuleSetting.Merge(project.SavedExitRules ?? []);
            var wanted = ExitRuleSetting.Defaults
                .Select(d => plan.ExitCriteria.FirstOrDefault(c => c.Kind == d.Kind) ?? d with { Enabled = false }).ToList();
            foreach (var w in wanted)
            {
                var now = current.Single(c => c.Kind == w.Kind);
                if (now != w || project.SavedExitRules is not { Count: > 0 })
                {
                    settings.Add(new SettingChange("exit", Camel(w.Kind.ToString()), project.SavedExitRules is { Count: > 0 } ? Rule(now) : null, Rule(w)));
                }
            }

            exitRules = wanted;
        }

        RotaStaffing? staffing = null;
        if (applied.Count > 0)
        {
            var wantedStaff = Staffing(applied, plan.Input.Team);
            if (wantedStaff != project.Rota.StaffPerShift)
            {
                staffing = wantedStaff;
                foreach (var (role, before, after) in new[]
                {
                    (ProjectRole.HypercareLead, project.Rota.StaffPerShift.HypercareLead, wantedStaff.HypercareLead),
                    (ProjectRole.Triage, project.Rota.StaffPerShift.Triage, wantedStaff.Triage),
                    (ProjectRole.SteadyStateSupport, project.Rota.StaffPerShift.SteadyStateSupport, wantedStaff.SteadyStateSupport),
                }.Where(x => x.Item2 != x.Item3))
                {
                    settings.Add(new SettingChange("rota", $"staffPerShift.{Camel(role.ToString())}", I(before), I(after)));
                }
            }

            notes.Add("The rota is not filled by applying: generate it on the Team page, on the staffing per shift above.");
        }

        if (!project.HasStandupSchedule)
        {
            settings.Add(new SettingChange("standups", "schedule", null,
                $"{Standups.StandupSchedule.DefaultTime:HH\\:mm}, {Standups.StandupSchedule.DefaultDurationMinutes} minutes, invitations sent; each phase's cadence"));
        }

        changes.Sort((a, b) => a.Start.CompareTo(b.Start) is var c && c != 0 ? c : a.Kind.CompareTo(b.Kind));
        var preview = new PlanApplyPreview(planVersion, project.Today, live, changes, settings, notes);
        return new PlanApplicationResult(preview, write, remove, plannedEnd, exitRules, staffing);
    }

    /// <summary>
    /// People per shift by role: the cover of the busiest applied phase (two on the queue at the peak, <see
    /// cref="PlanGenerator.Coverage"/>), rounded up, never more than the team has; a role not on the team gets none.
    /// </summary>
    public static RotaStaffing Staffing(IReadOnlyList<PlannedPhase> phases, IReadOnlyList<TeamRate> team)
    {
        int For(ProjectRole role)
        {
            var people = team.FirstOrDefault(t => t.Role == role)?.People ?? 0;
            var cover = phases.Where(p => p.Staffing.Any(s => s.Role == role && s.Hours > 0))
                .Select(p => PlanGenerator.Coverage(role, p.Intensity)).DefaultIfEmpty(0).Max();
            return Math.Min(people, (int)Math.Ceiling(cover));
        }

        var staffing = new RotaStaffing(For(ProjectRole.HypercareLead), For(ProjectRole.Triage), For(ProjectRole.SteadyStateSupport));
        // The rota needs someone on each shift; a plan whose team has none of the rostered roles keeps one triage place.
        return staffing.Total > 0 ? staffing : staffing with { Triage = 1 };
    }

    private static PatchCadence Cadence(PatchCadenceKind kind, PhasePatchCadence? current)
    {
        var at = current?.DeployAt ?? DeployAt;
        return kind switch
        {
            PatchCadenceKind.Daily => PatchCadence.Daily(at),
            PatchCadenceKind.EveryOtherDay => PatchCadence.EveryOtherDay(at),
            PatchCadenceKind.TwiceWeekly when current is { Kind: PatchCadenceKind.TwiceWeekly, Days.Count: 2 } =>
                PatchCadence.TwiceWeekly(at, current.Days[0], current.Days[1]),
            PatchCadenceKind.TwiceWeekly => PatchCadence.TwiceWeekly(at, PatchCadence.DefaultTwiceWeeklyDays[0], PatchCadence.DefaultTwiceWeeklyDays[1]),
            _ => PatchCadence.OnDates(at),
        };
    }

    private static List<string> Differences(CurrentPhase current, AppliedPhase wanted)
    {
        var p = current.Phase;
        var list = new List<string>();
        if (p.StartDate != wanted.Start || p.EndDate != wanted.End)
        {
            list.Add($"dates {D(p.StartDate)}–{D(p.EndDate)} → {D(wanted.Start)}–{D(wanted.End)}");
        }

        if (!p.SupportHours.OrderBy(w => w.Day).ThenBy(w => w.Start).SequenceEqual(wanted.Hours.OrderBy(w => w.Day).ThenBy(w => w.Start)))
        {
            list.Add($"support hours {Hours(p.SupportHours)} → {Hours(wanted.Hours)}");
        }

        if (!p.Targets.OrderBy(t => t.Severity).ThenBy(t => t.Kind).SequenceEqual(wanted.Targets.OrderBy(t => t.Severity).ThenBy(t => t.Kind)))
        {
            list.Add("SLA targets → the plan's " + string.Join(", ", wanted.Targets.Select(t => t.Describe())));
        }

        if (!p.TriageTimes.Order().SequenceEqual(wanted.TriageTimes.Order()))
        {
            list.Add($"triage {Times(p.TriageTimes)} → {Times(wanted.TriageTimes)}");
        }

        if (p.StandupCadence != wanted.Standup)
        {
            list.Add($"standup {p.StandupCadence} → {wanted.Standup}");
        }

        var rule = current.Cadence?.ToRule();
        if (rule is null || rule.Kind != wanted.Patches.Kind || rule.DeployAt != wanted.Patches.DeployAt || !rule.Days.SequenceEqual(wanted.Patches.Days))
        {
            list.Add($"patches {(rule is null ? "none" : rule.Kind.ToString())} → {wanted.Patches.Kind} at {wanted.Patches.DeployAt:HH\\:mm}");
        }

        return list;
    }

    private static string Hours(IEnumerable<SupportWindow> windows) =>
        string.Join(", ", windows.GroupBy(w => (w.Start, w.End)).Select(g =>
            $"{string.Join("/", g.Select(w => w.Day.ToString()[..3]))} {g.Key.Start:HH\\:mm}–{(g.Key.End == TimeOnly.MinValue ? "24:00" : g.Key.End.ToString("HH:mm", CultureInfo.InvariantCulture))}"));

    private static string Times(IEnumerable<TimeOnly> times) => string.Join(", ", times.Order().Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)));

    private static string Rule(ExitRuleSetting r) =>
        !r.Enabled ? "off" : "on" + (r.Days is { } d ? $", {I(d)} days" : "") + (r.Percent is { } p ? $", {I(p)} %" : "");

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
