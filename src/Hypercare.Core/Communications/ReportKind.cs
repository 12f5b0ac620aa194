using Hypercare.Core.Projects;

namespace Hypercare.Core.Communications;

/// <summary>The three generated reports (docs/communications.md).</summary>
public enum ReportKind
{
    /// <summary>Daily, to every member: known issues, workarounds, fixes coming, fixed since the last update. Public-safe.</summary>
    UserUpdate,
    /// <summary>Daily, to roles that see every issue: issues by severity, SLA, adoption, top risks, patch plan.</summary>
    SponsorStatus,
    /// <summary>Weekly, to roles that see every issue: trends over the weeks.</summary>
    Leadership,
}

public static class ReportKinds
{
    public static IReadOnlyList<ReportKind> All { get; } = Enum.GetValues<ReportKind>();

    /// <summary>The kebab-case name used in URLs, the CLI and the API (user-update, sponsor-status, leadership).</summary>
    public static string Slug(this ReportKind kind) => kind switch
    {
        ReportKind.UserUpdate => "user-update",
        ReportKind.SponsorStatus => "sponsor-status",
        _ => "leadership",
    };

    public static string Label(this ReportKind kind) => kind switch
    {
        ReportKind.UserUpdate => "Daily user update",
        ReportKind.SponsorStatus => "Daily sponsor status",
        _ => "Weekly leadership report",
    };

    public static ReportKind? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "user-update" or "userupdate" => ReportKind.UserUpdate,
        "sponsor-status" or "sponsorstatus" => ReportKind.SponsorStatus,
        "leadership" => ReportKind.Leadership,
        _ => null,
    };

    /// <summary>
    /// What a person must be allowed to see to receive the report. The user update is written for everyone (no internal
    /// fields ever reach it), so membership is enough; the other two show every issue of the project.
    /// </summary>
    public static Permission Audience(this ReportKind kind) =>
        kind == ReportKind.UserUpdate ? Permission.ViewProject : Permission.ViewAllIssues;

    public static ReportSchedule DefaultSchedule(this ReportKind kind, int projectId, DateTimeOffset now) => kind switch
    {
        ReportKind.UserUpdate => ReportSchedule.Create(projectId, kind, new TimeOnly(8, 30), Workdays, [.. Enum.GetValues<ProjectRole>()], now),
        ReportKind.SponsorStatus => ReportSchedule.Create(projectId, kind, new TimeOnly(17, 0), Workdays,
            [ProjectRole.HypercareLead, ProjectRole.Sponsor, ProjectRole.ChangeManager], now),
        _ => ReportSchedule.Create(projectId, kind, new TimeOnly(9, 0), [DayOfWeek.Monday],
            [ProjectRole.HypercareLead, ProjectRole.Sponsor, ProjectRole.ChangeManager], now),
    };

    private static readonly DayOfWeek[] Workdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
}
