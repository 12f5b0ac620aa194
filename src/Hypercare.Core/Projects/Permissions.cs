namespace Hypercare.Core.Projects;

public enum Permission
{
    /// <summary>See the project, its dashboard and its members.</summary>
    ViewProject,
    /// <summary>Change the project's settings.</summary>
    EditProject,
    /// <summary>Add, change and remove members.</summary>
    ManageMembers,
    /// <summary>See every issue of the project (without it: only the issues one reported).</summary>
    ViewAllIssues,
    /// <summary>Report a new issue.</summary>
    ReportIssue,
    /// <summary>Comment on an issue one can see.</summary>
    CommentOnIssue,
    /// <summary>Edit any issue's fields: severity, category, owning team, assignee, text.</summary>
    EditIssues,
    /// <summary>Move any issue through its lifecycle.</summary>
    TransitionIssues,
    /// <summary>Work the triage queue: triage issues, run triage sessions.</summary>
    TriageIssues,
    /// <summary>Import adoption exports, set features, targets and roster rules, acknowledge adoption flags.</summary>
    ManageAdoption,
    /// <summary>Create and edit known issues, link reports to them, publish workarounds.</summary>
    ManageKnownIssues,
    /// <summary>Plan patches, assign fixed issues, edit release notes, mark a patch deployed.</summary>
    ManagePatches,
    /// <summary>Edit, send and schedule the user update, sponsor status and leadership report; manage the status page link.</summary>
    ManageCommunications,
    /// <summary>See the exit criteria, their evidence and history, the forecast, sign-offs and extensions.</summary>
    ViewExit,
    /// <summary>Edit the exit rules, move the project's stage, extend hypercare, record an override for sign-off.</summary>
    ManageExit,
    /// <summary>Sign off that hypercare may end (the sponsor's decision).</summary>
    SignOffExit,
    /// <summary>See the rota, who is on duty, the rota rules, availability and time off; offer and take one's own shifts.</summary>
    ViewRota,
    /// <summary>Generate the rota, edit its rules, add and remove shifts by hand, approve or decline swaps, anyone's availability and time off.</summary>
    ManageRota,
    /// <summary>See the project's SOW plan (duration, phases, staffing, budget with day rates), its comparison and its export.</summary>
    ViewPlan,
    /// <summary>Generate the project's SOW plan and apply it to the project.</summary>
    ManagePlan,
}

/// <summary>
/// The permission matrix: the one place in code that says which role may do what.
/// docs/permissions.md is the same table for people; a test keeps the two equal.
/// Instance administrators hold every permission on every project.
/// </summary>
public static class Permissions
{
    private static readonly Dictionary<ProjectRole, HashSet<Permission>> Matrix = new()
    {
        [ProjectRole.HypercareLead] =
        [
            Permission.ViewProject, Permission.EditProject, Permission.ManageMembers, Permission.ViewAllIssues,
            Permission.ReportIssue, Permission.CommentOnIssue, Permission.EditIssues, Permission.TransitionIssues,
            Permission.ManageAdoption,
            Permission.TriageIssues,
            Permission.ManageKnownIssues, Permission.ManagePatches, Permission.ManageCommunications,
            Permission.ViewExit, Permission.ManageExit,
            Permission.ViewRota, Permission.ManageRota,
            Permission.ViewPlan, Permission.ManagePlan,
        ],
        [ProjectRole.Triage] =
        [
            Permission.ViewProject, Permission.ViewAllIssues, Permission.ReportIssue, Permission.CommentOnIssue,
            Permission.EditIssues, Permission.TransitionIssues,
            Permission.TriageIssues,
            Permission.ManageKnownIssues, Permission.ManagePatches,
            Permission.ViewExit,
            Permission.ViewRota,
        ],
        // The steady-state team takes the queue over at the end of hypercare, so it runs it as the triage team does.
        [ProjectRole.SteadyStateSupport] =
        [
            Permission.ViewProject, Permission.ViewAllIssues, Permission.ReportIssue, Permission.CommentOnIssue,
            Permission.EditIssues, Permission.TransitionIssues,
            Permission.TriageIssues,
            Permission.ManageKnownIssues, Permission.ManagePatches,
            Permission.ViewExit,
            Permission.ViewRota,
        ],
        [ProjectRole.ChangeManager] =
        [
            Permission.ViewProject, Permission.ViewAllIssues, Permission.ReportIssue, Permission.CommentOnIssue,
            Permission.ManageAdoption,
            Permission.ManageKnownIssues, Permission.ManageCommunications,
            Permission.ViewExit,
            Permission.ViewRota,
        ],
        [ProjectRole.Sponsor] =
        [
            Permission.ViewProject, Permission.ViewAllIssues,
            Permission.ViewExit, Permission.SignOffExit,
            Permission.ViewRota,
            Permission.ViewPlan,
        ],
        [ProjectRole.Reporter] =
        [
            Permission.ViewProject, Permission.ReportIssue, Permission.CommentOnIssue,
        ],
    };

    public static bool Allows(ProjectRole role, Permission permission) => Matrix[role].Contains(permission);

    public static IReadOnlySet<Permission> Of(ProjectRole role) => Matrix[role];
}
