using System.Globalization;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>
/// How many people of each rostered role every shift needs. Defaults: one triage person and one of the steady-state
/// team (who shadow from day one, so the handover has people who were there), no lead (leads are rostered only when a
/// project asks for a lead on every shift).
/// </summary>
public sealed record RotaStaffing(int HypercareLead = 0, int Triage = 1, int SteadyStateSupport = 1)
{
    public const int MaxPerShift = 20;

    public int For(ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead => HypercareLead,
        ProjectRole.Triage => Triage,
        ProjectRole.SteadyStateSupport => SteadyStateSupport,
        _ => 0,
    };

    public int Total => HypercareLead + Triage + SteadyStateSupport;
}

/// <summary>
/// A project's rota rules: the guardrails against hero culture (docs/rota.md). Every rule is a hard limit: the generator
/// leaves a shift unfilled and reports the gap rather than break one. Times of day are local to the project's zone.
/// </summary>
public sealed record RotaRules
{
    /// <summary>The roles that are rostered, in the order a shift's places are filled.</summary>
    public static readonly IReadOnlyList<ProjectRole> RosteredRoles = [ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport];

    /// <summary>Local days in a row (by the day a shift starts) a person may work.</summary>
    public int MaxConsecutiveDays { get; init; } = 5;

    /// <summary>Real elapsed hours per ISO week (Monday–Sunday, by the day a shift starts): 48, the EU WTD's average limit.</summary>
    public double MaxHoursPerWeek { get; init; } = 48;

    /// <summary>Hours between the end of one shift and the start of the next: 11, the EU WTD's daily rest.</summary>
    public double MinRestHours { get; init; } = 11;

    /// <summary>After-hours shifts (weekend, night, or mostly outside office hours) per ISO week.</summary>
    public int MaxAfterHoursShiftsPerWeek { get; init; } = 2;

    /// <summary>Office hours on weekdays; a weekday shift more than half of which lies outside them is after-hours.</summary>
    public TimeOnly OfficeHoursStart { get; init; } = new(8, 0);

    /// <summary>End of office hours (exclusive); 00:00 means midnight.</summary>
    public TimeOnly OfficeHoursEnd { get; init; } = new(18, 0);

    /// <summary>
    /// Night time (may wrap midnight): 23:00–06:00 as in Germany's ArbZG §2, seven hours including 00:00–05:00 as the
    /// EU WTD requires. A shift with at least <see cref="NightShiftMinHours"/> in it (or all of it, if shorter) is a night shift.
    /// </summary>
    public TimeOnly NightStart { get; init; } = new(23, 0);

    public TimeOnly NightEnd { get; init; } = new(6, 0);

    /// <summary>The WTD's night worker works at least three hours of night time.</summary>
    public const double NightShiftMinHours = 3;

    /// <summary>
    /// Days off in lieu for each weekend or night shift: the next weekdays (Monday–Friday, not a project holiday, not the
    /// person's time off) after the last day the shift touches. On those days the person must not work at all.
    /// </summary>
    public int TimeOffInLieuDays { get; init; } = 1;

    /// <summary>
    /// The longest planned shift, in wall-clock hours: a support window longer than this is split into that many equal
    /// consecutive shifts (07:00–20:00 with 10 h → 07:00–13:30 and 13:30–20:00). 10 h is Germany's daily maximum.
    /// </summary>
    public double ShiftLengthHours { get; init; } = 10;

    public RotaStaffing StaffPerShift { get; init; } = new();

    /// <summary>Burnout flag: hours of off-shift work outside office hours (evenings, nights, weekends) per ISO week above which a person is flagged.</summary>
    public double BurnoutAfterHoursPerWeek { get; init; } = 4;

    /// <summary>Burnout flag: the share of the team's Sev1 work (actions on Sev1 issues) above which one person is flagged as carrying it.</summary>
    public double BurnoutSev1Share { get; init; } = 0.6;

    /// <summary>The Sev1 share is judged only when the team worked on at least this many Sev1 issues in the range.</summary>
    public int BurnoutSev1MinIssues { get; init; } = 3;

    /// <summary>Bus factor: an area or category with at least this many assigned issues, all ever assigned to one person, is flagged.</summary>
    public int BurnoutBusFactorMinIssues { get; init; } = 5;

    public static RotaRules Default { get; } = new();

    internal TimeSpan MinRest => TimeSpan.FromHours(MinRestHours);

    internal TimeSpan MaxWeek => TimeSpan.FromHours(MaxHoursPerWeek);

    /// <summary>Adds an error per bad field, keyed by its camelCase name after <paramref name="prefix"/> (e.g. "rules.").</summary>
    public void Validate(FieldErrors errors, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(errors);
        Range(errors, prefix, "maxConsecutiveDays", MaxConsecutiveDays, 1, 14, "days");
        Range(errors, prefix, "maxHoursPerWeek", MaxHoursPerWeek, 1, 100, "hours");
        Range(errors, prefix, "minRestHours", MinRestHours, 0, 24, "hours");
        Range(errors, prefix, "maxAfterHoursShiftsPerWeek", MaxAfterHoursShiftsPerWeek, 0, 21, "shifts");
        Range(errors, prefix, "timeOffInLieuDays", TimeOffInLieuDays, 0, 5, "days");
        Range(errors, prefix, "shiftLengthHours", ShiftLengthHours, 1, 24, "hours");
        Range(errors, prefix, "burnoutAfterHoursPerWeek", BurnoutAfterHoursPerWeek, 0, 100, "hours");
        Range(errors, prefix, "burnoutSev1Share", BurnoutSev1Share, 0.05, 1, "(a share)");
        Range(errors, prefix, "burnoutSev1MinIssues", BurnoutSev1MinIssues, 1, 1000, "issues");
        Range(errors, prefix, "burnoutBusFactorMinIssues", BurnoutBusFactorMinIssues, 2, 1000, "issues");
        if (OfficeHoursEnd != TimeOnly.MinValue && OfficeHoursEnd <= OfficeHoursStart)
        {
            errors.Add(prefix + "officeHoursEnd", $"officeHoursEnd ({OfficeHoursEnd:HH\\:mm}) must be after officeHoursStart ({OfficeHoursStart:HH\\:mm}); 00:00 means midnight.");
        }

        if (NightEnd == NightStart)
        {
            errors.Add(prefix + "nightEnd", $"nightEnd must differ from nightStart ({NightStart:HH\\:mm}); night time may wrap midnight, e.g. 23:00–06:00.");
        }

        if (StaffPerShift is null)
        {
            errors.Add(prefix + "staffPerShift", "staffPerShift is required, e.g. { \"hypercareLead\": 0, \"triage\": 1, \"steadyStateSupport\": 1 }.");
            return;
        }

        Range(errors, prefix, "staffPerShift.hypercareLead", StaffPerShift.HypercareLead, 0, RotaStaffing.MaxPerShift, "people");
        Range(errors, prefix, "staffPerShift.triage", StaffPerShift.Triage, 0, RotaStaffing.MaxPerShift, "people");
        Range(errors, prefix, "staffPerShift.steadyStateSupport", StaffPerShift.SteadyStateSupport, 0, RotaStaffing.MaxPerShift, "people");
        if (StaffPerShift.Total <= 0)
        {
            errors.Add(prefix + "staffPerShift", "staffPerShift needs at least one person per shift in some role.");
        }
    }

    private static void Range(FieldErrors errors, string prefix, string name, double value, double min, double max, string unit)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            errors.Add(prefix + name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max} {unit} (got {value})."));
        }
    }
}
