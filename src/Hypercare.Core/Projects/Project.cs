using Hypercare.Core.Exit;

namespace Hypercare.Core.Projects;

/// <summary>One go-live and its hypercare period.</summary>
public sealed class Project : IVersioned
{
    public const int NameMaxLength = 120;
    public const int SystemMaxLength = 120;
    public const int SeverityDefinitionMaxLength = 500;

    public const string DefaultSev1Definition = "System down or a critical workflow blocked.";
    public const string DefaultSev2Definition = "Significant pain; a workaround exists.";
    public const string DefaultSev3Definition = "Minor or cosmetic.";

    public int Id { get; private set; }

    public string Name { get; set; } = "";

    /// <summary>The system that went live, e.g. "Salesforce Sales Cloud".</summary>
    public string SystemName { get; set; } = "";

    public DateOnly GoLiveDate { get; set; }

    public DateOnly? PlannedEndDate { get; set; }

    /// <summary>IANA zone id; local days and support hours are computed in it.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public string Sev1Definition { get; set; } = DefaultSev1Definition;

    public string Sev2Definition { get; set; } = DefaultSev2Definition;

    public string Sev3Definition { get; set; } = DefaultSev3Definition;

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Local dates without support (public holidays); SLA support-hour clocks skip them.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    /// <summary>Percentages of a target at which a warning fires; 100 (the breach) always fires.</summary>
    public List<int> WarningThresholds { get; set; } = [50, 75];

    /// <summary>An issue still New after this many minutes raises an alert to the triage team.</summary>
    public int UntriagedAlertMinutes { get; set; } = 120;

    /// <summary>Planned, live, extended, handing over or closed; moved only through <see cref="MoveTo"/>.</summary>
    public ProjectStage Stage { get; private set; } = ProjectStage.Live;

    public int Version { get; set; }

    public List<ProjectMember> Members { get; } = [];

    public static Project Create(string name, string systemName, DateOnly goLive, DateOnly? plannedEnd, string timeZoneId, DateTimeOffset now) => new()
    {
        Name = name,
        SystemName = systemName,
        GoLiveDate = goLive,
        PlannedEndDate = plannedEnd,
        TimeZoneId = timeZoneId,
        CreatedAt = now,
        Stage = ProjectStages.Initial(goLive, LocalDays.Today(now, timeZoneId)),
    };

    /// <summary>Moves the stage and returns the record of the move; the caller has checked that the move is allowed.</summary>
    public ProjectStageChange MoveTo(ProjectStage to, int? byUserId, string reason, DateTimeOffset now)
    {
        var change = ProjectStageChange.Record(Id, Stage, to, byUserId, reason, now);
        Stage = to;
        return change;
    }

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public string DefinitionOf(Issues.Severity severity) => severity switch
    {
        Issues.Severity.Sev1 => Sev1Definition,
        Issues.Severity.Sev2 => Sev2Definition,
        _ => Sev3Definition,
    };
}
