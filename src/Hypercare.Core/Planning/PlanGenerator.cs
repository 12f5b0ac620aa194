using System.Globalization;
using Hypercare.Core.Exit;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Planning;

/// <summary>
/// The SOW plan generator (issue 13, docs/sow-plan.md): pure, values in and values out. Every input adds days to a two-week
/// base (each effect stated); up to four weeks is a standard plan, more a complex one of six weeks or longer; 90-day
/// continuous hypercare tapers extended, business and reduced cover. Staffing follows the support hours of each phase,
/// the budget the staffing and the day rates, the contingency the complexity.
/// </summary>
public static class PlanGenerator
{
    public const int HoursPerDay = 8;
    public const int HoursPerPersonWeek = 40;
    public const int BaseDays = 14;
    public const int StandardMaxDays = 28;
    public const int ComplexMinDays = 42;
    public const int ContinuousDays = 90;

    /// <summary>Roles a plan can staff; sponsors and reporters are not on the hypercare rota.</summary>
    public static IReadOnlyList<ProjectRole> StaffedRoles { get; } =
        [ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport, ProjectRole.ChangeManager];

    /// <summary>Checks every field, naming it as the JSON spells it; the input when all are fit.</summary>
    public static Outcome<PlanInput> Validate(PlanRequest? request)
    {
        var errors = new FieldErrors();
        if (request is null)
        {
            errors.Add("body", "A plan request is required.");
            return errors.ToFailure();
        }

        var system = errors.Required("system", request.System, PlanRequest.SystemMaxLength);
        var users = Range(errors, "licensedUsers", request.LicensedUsers, 1, PlanRequest.MaxLicensedUsers);
        var sites = Range(errors, "sites", request.Sites, 1, PlanRequest.MaxSites);
        var zones = TimeZones(errors, request.TimeZones);
        var integrations = Range(errors, "integrations", request.Integrations, 0, PlanRequest.MaxIntegrations);
        long migrated = 0;
        if (request.MigratedRecords is not { } records)
        {
            errors.Add("migratedRecords", "migratedRecords is required: the number of records migrated (0 for none).");
        }
        else if (records < 0 || records > PlanRequest.MaxMigratedRecords)
        {
            errors.Add("migratedRecords", $"migratedRecords must be between 0 and {PlanRequest.MaxMigratedRecords} (got {records}).");
        }
        else
        {
            migrated = records;
        }

        Required(errors, "customisation", request.Customisation, "low, medium or high");
        Required(errors, "criticality", request.Criticality, "low, medium, high or missionCritical");
        Required(errors, "rollout", request.Rollout, "pilot, phased or bigBang");
        if (request.GoLive is null)
        {
            errors.Add("goLive", "goLive is required: the go-live date (yyyy-MM-dd).");
        }

        var team = Team(errors, request.Team);
        var currency = (request.Currency ?? "EUR").Trim();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", $"currency must be a three-letter ISO 4217 code such as EUR (got '{request.Currency}').");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        return new PlanInput(system!, users, sites, zones, integrations, migrated, request.Customisation!.Value, request.Criticality!.Value,
            request.Rollout!.Value, request.GoLive!.Value, team, request.Template ?? PlanTemplate.Recommended, currency);
    }

    /// <summary>Validates and generates in one step.</summary>
    public static Outcome<SowPlan> Generate(PlanRequest? request)
    {
        var input = Validate(request);
        return input.Succeeded ? Generate(input.Value!) : input.Failure!;
    }

    public static Outcome<PlanComparison> Compare(PlanRequest? request)
    {
        var input = Validate(request);
        return input.Succeeded ? Compare(input.Value!) : input.Failure!;
    }

    /// <summary>The recommended (or asked-for standard/complex) plan beside 90-day continuous hypercare.</summary>
    public static PlanComparison Compare(PlanInput input)
    {
        var standard = Generate(input with { Template = input.Template == PlanTemplate.Continuous90 ? PlanTemplate.Recommended : input.Template });
        var continuous = Generate(input with { Template = PlanTemplate.Continuous90 });
        var cost = continuous.Budget.TotalCost - standard.Budget.TotalCost;
        var hours = continuous.Budget.TotalHours - standard.Budget.TotalHours;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"90-day continuous hypercare ({continuous.DurationDays} days) costs {Money(continuous.Budget.TotalCost, input.Currency)} against {Money(standard.Budget.TotalCost, input.Currency)} for the {Label(standard.Template).ToLowerInvariant()} plan ({standard.DurationDays} days): {(cost >= 0 ? "+" : "")}{Money(cost, input.Currency)}, {(hours >= 0 ? "+" : "")}{hours:0.#} hours.");
        return new PlanComparison(standard, continuous, cost, hours, summary);
    }

    public static SowPlan Generate(PlanInput input)
    {
        var effects = Effects(input);
        var complexityDays = effects.Sum(e => e.Days);
        var raw = BaseDays + complexityDays;
        var recommended = raw <= StandardMaxDays ? PlanTemplate.Standard : PlanTemplate.Complex;
        var template = input.Template == PlanTemplate.Recommended ? recommended : input.Template;
        var warnings = new List<string>();
        var weeks = (raw + 6) / 7;
        var duration = template switch
        {
            PlanTemplate.Standard => Math.Clamp(weeks * 7, BaseDays, StandardMaxDays),
            PlanTemplate.Complex => Math.Max(weeks * 7, ComplexMinDays),
            _ => ContinuousDays,
        };
        if (template == PlanTemplate.Standard && recommended == PlanTemplate.Complex)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The inputs call for {weeks} weeks (a complex plan); a standard plan stops at {StandardMaxDays / 7} weeks, so the risk of an extension is high."));
        }

        var phases = Phases(input, template, duration);
        foreach (var role in new[] { ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport })
        {
            if (input.Team.All(t => t.Role != role))
            {
                warnings.Add($"The team has no {RoleName(role)}: the plan leaves that role's hours unstaffed and out of the budget.");
            }
        }

        warnings.AddRange(phases.SelectMany(p => p.Staffing.Where(s => s.Shortfall is not null).Select(s => $"{p.Name}: {s.Shortfall}")));
        var budget = Budget(input, phases, complexityDays, duration);
        return new SowPlan(input.System, template, recommended, input.GoLive, input.GoLive.AddDays(duration - 1), duration, complexityDays, effects,
            phases, ExitCriteria(template), budget, warnings, input);
    }

    /// <summary>Each input's days on top of the two-week base, with the reason; every effect grows with its input.</summary>
    public static IReadOnlyList<DurationEffect> Effects(PlanInput input)
    {
        var zones = input.TimeZones.Count;
        return
        [
            new("licensedUsers", N(input.LicensedUsers), input.LicensedUsers switch { < 250 => 0, < 1_000 => 2, < 5_000 => 4, _ => 7 },
                "More users bring more questions and training gaps in the first weeks."),
            new("sites", N(input.Sites), input.Sites switch { 1 => 0, <= 5 => 2, <= 20 => 4, _ => 6 },
                "Every site finds its own local problems and needs its own floor support."),
            new("timeZones", string.Join(", ", input.TimeZones), Math.Min(6, 2 * (zones - 1)),
                "Each extra time zone stretches the support day and the hand-overs between regions."),
            new("integrations", N(input.Integrations), input.Integrations switch { <= 2 => 0, <= 5 => 3, <= 10 => 5, _ => 8 },
                "Interfaces fail at month-end and on volumes testing never saw."),
            new("migratedRecords", N(input.MigratedRecords), input.MigratedRecords switch { 0 => 0, < 100_000 => 1, < 1_000_000 => 3, _ => 5 },
                "\"Where is my data?\": migrated data raises questions and fixes after go-live."),
            new("customisation", Camel(input.Customisation), input.Customisation switch { CustomisationDegree.Low => 0, CustomisationDegree.Medium => 3, _ => 7 },
                "Custom code is where defects testing missed are found."),
            new("criticality", Camel(input.Criticality),
                input.Criticality switch { BusinessCriticality.Low => 0, BusinessCriticality.Medium => 2, BusinessCriticality.High => 4, _ => 7 },
                "A business-critical system leaves hypercare only after a longer quiet period."),
            new("rollout", Camel(input.Rollout), input.Rollout switch { RolloutStyle.Pilot => 0, RolloutStyle.Phased => 4, _ => 5 },
                input.Rollout switch
                {
                    RolloutStyle.Pilot => "A pilot group is small; the wider rollout gets its own plan.",
                    RolloutStyle.Phased => "Each wave goes live on its own and needs its own intensive days.",
                    _ => "Everyone goes live at once: the peak of questions and defects is highest.",
                }),
        ];
    }

    private static List<PlannedPhase> Phases(PlanInput input, PlanTemplate template, int duration)
    {
        var start = input.GoLive;
        var parts = new List<(string Name, SupportIntensity Intensity, int Days)>();
        switch (template)
        {
            case PlanTemplate.Standard:
                var intensive = duration <= 14 ? 7 : 14;
                parts.Add(("Intensive", SupportIntensity.Extended, intensive));
                parts.Add(("Stabilise", SupportIntensity.Business, duration - intensive));
                break;
            case PlanTemplate.Complex:
                parts.Add(("Intensive", SupportIntensity.Extended, 14));
                parts.Add(("Stabilise", SupportIntensity.Business, duration - 28));
                parts.Add(("Taper", SupportIntensity.Reduced, 14));
                break;
            default:
                parts.Add(("Extended hours (weeks 1-2)", SupportIntensity.Extended, 14));
                parts.Add(("Business hours (weeks 3-6)", SupportIntensity.Business, 28));
                parts.Add(("Reduced cover (days 43-90)", SupportIntensity.Reduced, duration - 42));
                break;
        }

        var phases = new List<PlannedPhase>();
        foreach (var (name, intensity, days) in parts)
        {
            var end = start.AddDays(days - 1);
            var windows = Windows(intensity, input.Criticality);
            var support = SupportHours(windows, start, end);
            var staffing = input.Team
                .Select(t => Staff(t, intensity, support, days))
                .Where(s => s.Hours > 0)
                .ToList();
            phases.Add(new PlannedPhase(name, intensity, start, end, days, windows, support, Targets(intensity), Triage(intensity),
                intensity switch { SupportIntensity.Extended => StandupCadence.Daily, SupportIntensity.Business => StandupCadence.TwiceWeekly, _ => StandupCadence.Weekly },
                intensity switch { SupportIntensity.Extended => PatchCadenceKind.Daily, SupportIntensity.Business => PatchCadenceKind.EveryOtherDay, _ => PatchCadenceKind.TwiceWeekly },
                staffing));
            start = end.AddDays(1);
        }

        return phases;
    }

    /// <summary>
    /// The share of a phase's support hours a role is on: two people on the queue at the peak, the lead on half of the
    /// extended hours (and on call for the rest), the steady-state team growing into the queue as cover tapers.
    /// </summary>
    public static decimal Coverage(ProjectRole role, SupportIntensity intensity) => (role, intensity) switch
    {
        (ProjectRole.HypercareLead, SupportIntensity.Extended) => 0.5m,
        (ProjectRole.HypercareLead, SupportIntensity.Business) => 0.5m,
        (ProjectRole.HypercareLead, _) => 0.1m,
        (ProjectRole.Triage, SupportIntensity.Extended) => 2.0m,
        (ProjectRole.Triage, SupportIntensity.Business) => 1.0m,
        (ProjectRole.Triage, _) => 0.5m,
        (ProjectRole.SteadyStateSupport, SupportIntensity.Extended) => 0.5m,
        (ProjectRole.SteadyStateSupport, _) => 1.0m,
        (ProjectRole.ChangeManager, SupportIntensity.Extended) => 0.5m,
        (ProjectRole.ChangeManager, SupportIntensity.Business) => 0.25m,
        _ => 0m,
    };

    private static PhaseStaffing Staff(TeamRate rate, SupportIntensity intensity, decimal supportHours, int days)
    {
        var hours = Math.Round(supportHours * Coverage(rate.Role, intensity), 1, MidpointRounding.AwayFromZero);
        if (hours == 0)
        {
            return new PhaseStaffing(rate.Role, 0, 0, null);
        }

        var capacity = HoursPerPersonWeek * days / 7m;
        var needed = (int)Math.Ceiling(hours / capacity);
        var shortfall = needed > rate.People
            ? string.Create(CultureInfo.InvariantCulture, $"{RoleName(rate.Role)} needs {needed} people for {hours:0.#} hours, the team has {rate.People}.")
            : null;
        return new PhaseStaffing(rate.Role, Math.Min(needed, rate.People), hours, shortfall);
    }

    private static PlanBudget Budget(PlanInput input, List<PlannedPhase> phases, int complexityDays, int duration)
    {
        var roles = input.Team
            .Select(t =>
            {
                var hours = phases.Sum(p => p.Staffing.Where(s => s.Role == t.Role).Sum(s => s.Hours));
                return new RoleBudget(t.Role, hours, t.DayRate, Math.Round(hours * t.DayRate / HoursPerDay, 2, MidpointRounding.AwayFromZero));
            })
            .Where(r => r.Hours > 0)
            .ToList();
        var hours = roles.Sum(r => r.Hours);
        var cost = roles.Sum(r => r.Cost);
        var percent = Math.Min(30, 10 + complexityDays / 2);
        var contingency = new Contingency(percent, (int)Math.Ceiling(duration * percent / 100m),
            Math.Round(hours * percent / 100m, 1, MidpointRounding.AwayFromZero), Math.Round(cost * percent / 100m, 2, MidpointRounding.AwayFromZero),
            string.Create(CultureInfo.InvariantCulture,
                $"10 % plus half a percent per day of complexity ({complexityDays} days), at most 30 %: {percent} % held for an extension."));
        return new PlanBudget(roles, hours, cost, contingency, hours + contingency.Hours, cost + contingency.Cost, input.Currency);
    }

    private static List<PlanWindow> Windows(SupportIntensity intensity, BusinessCriticality criticality)
    {
        var week = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday };
        return intensity switch
        {
            SupportIntensity.Extended when criticality == BusinessCriticality.MissionCritical =>
                [.. week.Select(d => new PlanWindow(d, TimeOnly.MinValue, TimeOnly.MinValue))],
            SupportIntensity.Extended when criticality == BusinessCriticality.High =>
                [.. week.Select(d => new PlanWindow(d, new TimeOnly(7, 0), new TimeOnly(20, 0)))],
            SupportIntensity.Extended => [.. week.Take(6).Select(d => new PlanWindow(d, new TimeOnly(7, 0), new TimeOnly(20, 0)))],
            SupportIntensity.Business => [.. week.Take(5).Select(d => new PlanWindow(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))],
            _ => [.. week.Take(5).Select(d => new PlanWindow(d, new TimeOnly(9, 0), new TimeOnly(13, 0)))],
        };
    }

    private static decimal SupportHours(List<PlanWindow> windows, DateOnly start, DateOnly end)
    {
        var total = 0.0;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            total += windows.Where(w => w.Day == day.DayOfWeek).Sum(w => w.Hours);
        }

        return Math.Round((decimal)total, 1);
    }

    private static List<PlanSlaTarget> Targets(SupportIntensity intensity) =>
        [.. (intensity == SupportIntensity.Extended ? SlaTarget.IntensiveDefaults : SlaTarget.Defaults)
            .Select(t => new PlanSlaTarget(t.Severity, t.Kind, t.Amount, t.Unit, t.Clock, t.Describe()))];

    private static List<TimeOnly> Triage(SupportIntensity intensity) => intensity switch
    {
        SupportIntensity.Extended => [new(9, 0), new(13, 0), new(16, 30)],
        SupportIntensity.Business => [new(9, 30), new(15, 0)],
        _ => [new(10, 0)],
    };

    /// <summary>Exit criteria that grow stricter with the template: a longer plan asks for a longer quiet period and more evidence.</summary>
    public static IReadOnlyList<ExitRuleSetting> ExitCriteria(PlanTemplate template) => template switch
    {
        PlanTemplate.Standard =>
        [
            new(ExitRuleKind.NoNewHighSeverity, true, 3, null),
            new(ExitRuleKind.SteadyStateHandlesNewIssues, true, 5, 80),
            new(ExitRuleKind.NoOpenSev1, true, null, null),
            new(ExitRuleKind.SponsorSignedOff, true, null, null),
        ],
        PlanTemplate.Complex =>
        [
            new(ExitRuleKind.NoNewHighSeverity, true, 5, null),
            new(ExitRuleKind.SteadyStateHandlesNewIssues, true, 10, 85),
            new(ExitRuleKind.SlaCompliance, true, 14, 90),
            new(ExitRuleKind.NoOpenSev1, true, null, null),
            new(ExitRuleKind.HandoverComplete, true, null, null),
            new(ExitRuleKind.SponsorSignedOff, true, null, null),
        ],
        _ =>
        [
            new(ExitRuleKind.NoNewHighSeverity, true, 7, null),
            new(ExitRuleKind.SteadyStateHandlesNewIssues, true, 14, 90),
            new(ExitRuleKind.SlaCompliance, true, 14, 95),
            new(ExitRuleKind.NoOpenSev1, true, null, null),
            new(ExitRuleKind.KnownIssuesAddressed, true, null, null),
            new(ExitRuleKind.HandoverComplete, true, null, null),
            new(ExitRuleKind.SponsorSignedOff, true, null, null),
        ],
    };

    public static string Label(PlanTemplate template) => template switch
    {
        PlanTemplate.Standard => "Standard",
        PlanTemplate.Complex => "Complex",
        PlanTemplate.Continuous90 => "90-day continuous",
        _ => "Recommended",
    };

    public static string RoleName(ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead => "Hypercare lead",
        ProjectRole.Triage => "Triage team",
        ProjectRole.SteadyStateSupport => "Steady-state support",
        ProjectRole.ChangeManager => "Change manager",
        _ => role.ToString(),
    };

    public static string Money(decimal amount, string currency) => string.Create(CultureInfo.InvariantCulture, $"{currency} {amount:#,0.00}");

    private static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Camel<T>(T value)
        where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    private static int Range(FieldErrors errors, string field, int? value, int min, int max)
    {
        if (value is not { } v)
        {
            errors.Add(field, $"{field} is required.");
            return 0;
        }

        if (v < min || v > max)
        {
            errors.Add(field, $"{field} must be between {min} and {max} (got {v}).");
        }

        return v;
    }

    private static void Required<T>(FieldErrors errors, string field, T? value, string choices)
        where T : struct, Enum
    {
        if (value is null)
        {
            errors.Add(field, $"{field} is required: {choices}.");
        }
        else if (!Enum.IsDefined(value.Value))
        {
            errors.Add(field, $"{field} must be {choices}.");
        }
    }

    private static List<string> TimeZones(FieldErrors errors, IReadOnlyList<string>? zones)
    {
        var result = new List<string>();
        if (zones is null || zones.Count == 0)
        {
            errors.Add("timeZones", "timeZones needs at least one IANA time zone (such as Europe/Berlin), one for each region the sites are in.");
            return result;
        }

        if (zones.Count > PlanRequest.MaxTimeZones)
        {
            errors.Add("timeZones", $"timeZones holds at most {PlanRequest.MaxTimeZones} zones (got {zones.Count}).");
            return result;
        }

        for (var i = 0; i < zones.Count; i++)
        {
            var id = zones[i]?.Trim();
            if (string.IsNullOrEmpty(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) || !zone.HasIanaId)
            {
                errors.Add($"timeZones[{i}]", $"Unknown time zone '{zones[i]}': use an IANA id such as Europe/Berlin.");
            }
            else if (result.Contains(id, StringComparer.Ordinal))
            {
                errors.Add($"timeZones[{i}]", $"The time zone '{id}' is listed twice.");
            }
            else
            {
                result.Add(id);
            }
        }

        return result;
    }

    private static List<TeamRate> Team(FieldErrors errors, IReadOnlyList<PlanTeamRole>? team)
    {
        var result = new List<TeamRate>();
        if (team is null || team.Count == 0)
        {
            errors.Add("team", "team needs at least one role with its people and day rate.");
            return result;
        }

        for (var i = 0; i < team.Count; i++)
        {
            var t = team[i];
            if (t is null)
            {
                errors.Add($"team[{i}]", "A team role is required here.");
                continue;
            }

            var ok = true;
            if (t.Role is not { } role)
            {
                errors.Add($"team[{i}].role", "role is required: hypercareLead, triage, steadyStateSupport or changeManager.");
                ok = false;
                role = default;
            }
            else if (!StaffedRoles.Contains(role))
            {
                errors.Add($"team[{i}].role", $"{role} is not staffed by a hypercare plan: use hypercareLead, triage, steadyStateSupport or changeManager.");
                ok = false;
            }
            else if (team.Take(i).Any(o => o?.Role == role))
            {
                errors.Add($"team[{i}].role", $"The role {role} is listed twice: give its people and day rate once.");
                ok = false;
            }

            if (t.People is not { } people || people < 1 || people > PlanRequest.MaxPeoplePerRole)
            {
                errors.Add($"team[{i}].people", $"people must be between 1 and {PlanRequest.MaxPeoplePerRole} (got {(t.People?.ToString(CultureInfo.InvariantCulture) ?? "nothing")}).");
                ok = false;
                people = 0;
            }

            if (t.DayRate is not { } rate || rate <= 0 || rate > PlanRequest.MaxDayRate)
            {
                errors.Add($"team[{i}].dayRate", string.Create(CultureInfo.InvariantCulture,
                    $"dayRate must be more than 0 and at most {PlanRequest.MaxDayRate} (got {(t.DayRate is { } r ? r.ToString(CultureInfo.InvariantCulture) : "nothing")})."));
                ok = false;
                rate = 0;
            }

            if (ok)
            {
                result.Add(new TeamRate(role, people, rate));
            }
        }

        return result;
    }
}
