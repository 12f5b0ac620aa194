using Hypercare.Core.Projects;

namespace Hypercare.Core.Issues;

public enum Severity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
}

public enum IssueStatus
{
    New,
    Triaged,
    InProgress,
    WaitingOnReporter,
    Fixed,
    Resolved,
    Closed,
    Duplicate,
    WontFix,
}

public enum IssueCategory
{
    Defect,
    TrainingGap,
    DataQuestion,
    AccessPermissions,
    ConfigurationChange,
    EnhancementRequest,
}

public enum OwningTeam
{
    ProjectTeam,
    SteadyStateTeam,
}

public static class IssueNames
{
    public static string Label(this IssueStatus status) => status switch
    {
        IssueStatus.New => "New",
        IssueStatus.Triaged => "Triaged",
        IssueStatus.InProgress => "In progress",
        IssueStatus.WaitingOnReporter => "Waiting on reporter",
        IssueStatus.Fixed => "Fixed (awaiting release)",
        IssueStatus.Resolved => "Resolved",
        IssueStatus.Closed => "Closed",
        IssueStatus.Duplicate => "Duplicate",
        IssueStatus.WontFix => "Won't fix",
        _ => status.ToString(),
    };

    public static string Label(this IssueCategory category) => category switch
    {
        IssueCategory.Defect => "Defect",
        IssueCategory.TrainingGap => "Training gap / how-to",
        IssueCategory.DataQuestion => "Data question",
        IssueCategory.AccessPermissions => "Access & permissions",
        IssueCategory.ConfigurationChange => "Configuration change",
        IssueCategory.EnhancementRequest => "Enhancement request",
        _ => category.ToString(),
    };

    public static string Label(this OwningTeam team) => team switch
    {
        OwningTeam.ProjectTeam => "Project team",
        OwningTeam.SteadyStateTeam => "Steady-state team",
        _ => team.ToString(),
    };
}

/// <summary>Who is in which team: the project team is the hypercare lead and the triage team; the steady-state team is steady-state support.</summary>
public static class OwningTeams
{
    public static ProjectRole[] RolesOf(OwningTeam team) => team == OwningTeam.ProjectTeam
        ? [ProjectRole.HypercareLead, ProjectRole.Triage]
        : [ProjectRole.SteadyStateSupport];

    /// <summary>The team a member works issues for, or null when the role does not work issues.</summary>
    public static OwningTeam? Of(ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead or ProjectRole.Triage => OwningTeam.ProjectTeam,
        ProjectRole.SteadyStateSupport => OwningTeam.SteadyStateTeam,
        _ => null,
    };
}
