namespace Hypercare.Core.Team;

/// <summary>
/// A project's editable rota rules (docs/rota.md), one row per project; a project without one uses
/// <see cref="RotaRules.Default"/>. Stored as columns, not JSON, so a rule can be read in SQL.
/// </summary>
public sealed class RotaSettings : IVersioned
{
    public int ProjectId { get; private set; }

    public int MaxConsecutiveDays { get; private set; }

    public double MaxHoursPerWeek { get; private set; }

    public double MinRestHours { get; private set; }

    public int MaxAfterHoursShiftsPerWeek { get; private set; }

    public TimeOnly OfficeHoursStart { get; private set; }

    public TimeOnly OfficeHoursEnd { get; private set; }

    public TimeOnly NightStart { get; private set; }

    public TimeOnly NightEnd { get; private set; }

    public int TimeOffInLieuDays { get; private set; }

    public double ShiftLengthHours { get; private set; }

    public int StaffHypercareLead { get; private set; }

    public int StaffTriage { get; private set; }

    public int StaffSteadyStateSupport { get; private set; }

    // The burnout thresholds came after the first rota rules: null (a row saved before them) means the default.
    public double? BurnoutAfterHoursPerWeek { get; private set; }

    public double? BurnoutSev1Share { get; private set; }

    public int? BurnoutSev1MinIssues { get; private set; }

    public int? BurnoutBusFactorMinIssues { get; private set; }

    public int Version { get; set; }

    public static RotaSettings Create(int projectId, RotaRules rules)
    {
        // Version 0 is the defaults (no row); the first saved rules are version 1.
        var settings = new RotaSettings { ProjectId = projectId, Version = 1 };
        settings.Apply(rules);
        return settings;
    }

    public void Apply(RotaRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        MaxConsecutiveDays = rules.MaxConsecutiveDays;
        MaxHoursPerWeek = rules.MaxHoursPerWeek;
        MinRestHours = rules.MinRestHours;
        MaxAfterHoursShiftsPerWeek = rules.MaxAfterHoursShiftsPerWeek;
        OfficeHoursStart = rules.OfficeHoursStart;
        OfficeHoursEnd = rules.OfficeHoursEnd;
        NightStart = rules.NightStart;
        NightEnd = rules.NightEnd;
        TimeOffInLieuDays = rules.TimeOffInLieuDays;
        ShiftLengthHours = rules.ShiftLengthHours;
        StaffHypercareLead = rules.StaffPerShift.HypercareLead;
        StaffTriage = rules.StaffPerShift.Triage;
        StaffSteadyStateSupport = rules.StaffPerShift.SteadyStateSupport;
        BurnoutAfterHoursPerWeek = rules.BurnoutAfterHoursPerWeek;
        BurnoutSev1Share = rules.BurnoutSev1Share;
        BurnoutSev1MinIssues = rules.BurnoutSev1MinIssues;
        BurnoutBusFactorMinIssues = rules.BurnoutBusFactorMinIssues;
    }

    public RotaRules ToRules() => new()
    {
        MaxConsecutiveDays = MaxConsecutiveDays,
        MaxHoursPerWeek = MaxHoursPerWeek,
        MinRestHours = MinRestHours,
        MaxAfterHoursShiftsPerWeek = MaxAfterHoursShiftsPerWeek,
        OfficeHoursStart = OfficeHoursStart,
        OfficeHoursEnd = OfficeHoursEnd,
        NightStart = NightStart,
        NightEnd = NightEnd,
        TimeOffInLieuDays = TimeOffInLieuDays,
        ShiftLengthHours = ShiftLengthHours,
        StaffPerShift = new RotaStaffing(StaffHypercareLead, StaffTriage, StaffSteadyStateSupport),
        BurnoutAfterHoursPerWeek = BurnoutAfterHoursPerWeek ?? RotaRules.Default.BurnoutAfterHoursPerWeek,
        BurnoutSev1Share = BurnoutSev1Share ?? RotaRules.Default.BurnoutSev1Share,
        BurnoutSev1MinIssues = BurnoutSev1MinIssues ?? RotaRules.Default.BurnoutSev1MinIssues,
        BurnoutBusFactorMinIssues = BurnoutBusFactorMinIssues ?? RotaRules.Default.BurnoutBusFactorMinIssues,
    };
}

/// <summary>One weekly local window a person can work (end 00:00 = midnight). A person with none can work any time.</summary>
public sealed class RotaAvailability
{
    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int UserId { get; private set; }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Start { get; private set; }

    public TimeOnly End { get; private set; }

    public static RotaAvailability Create(int projectId, int userId, Sla.SupportWindow window) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        Day = window.Day,
        Start = window.Start,
        End = window.End,
    };

    public Sla.SupportWindow ToWindow() => new(Day, Start, End);
}

/// <summary>Local days (inclusive) a person is off: holiday, sick leave, training. No shift may touch them.</summary>
public sealed class RotaTimeOff
{
    public const int NoteMaxLength = 200;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int UserId { get; private set; }

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public string? Note { get; private set; }

    public static RotaTimeOff Create(int projectId, int userId, DateOnly from, DateOnly to, string? note) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        From = from,
        To = to,
        Note = note,
    };
}
