namespace Hypercare.Core.Exit;

/// <summary>Where a project is in its hypercare: before go-live, in it, past its planned end, handing over, or done.</summary>
public enum ProjectStage
{
    Planned,
    Live,
    Extended,
    HandingOver,
    Closed,
}

/// <summary>The moves a lead may make between stages. Extended is reached only by extending the planned end.</summary>
public static class ProjectStages
{
    public const int ReasonMaxLength = 1000;

    private static readonly Dictionary<ProjectStage, ProjectStage[]> Allowed = new()
    {
        [ProjectStage.Planned] = [ProjectStage.Live],
        [ProjectStage.Live] = [ProjectStage.HandingOver, ProjectStage.Closed],
        [ProjectStage.Extended] = [ProjectStage.HandingOver, ProjectStage.Closed],
        [ProjectStage.HandingOver] = [ProjectStage.Live, ProjectStage.Closed],
        // Reopening: back into hypercare, with a reason.
        [ProjectStage.Closed] = [ProjectStage.Live],
    };

    public static IReadOnlyList<ProjectStage> AllowedFrom(ProjectStage from) => Allowed[from];

    /// <summary>Stages in which hypercare work runs: SLA alerts, adoption staleness, report schedules, patch slots.</summary>
    public static bool IsActive(ProjectStage stage) => stage != ProjectStage.Closed;

    /// <summary>A project created before its go-live day is planned; on or after it, live.</summary>
    public static ProjectStage Initial(DateOnly goLive, DateOnly today) => goLive > today ? ProjectStage.Planned : ProjectStage.Live;

    public static string Label(this ProjectStage stage) => stage switch
    {
        ProjectStage.Planned => "planned",
        ProjectStage.Live => "live (hypercare)",
        ProjectStage.Extended => "extended",
        ProjectStage.HandingOver => "handing over",
        _ => "closed (steady state)",
    };
}

/// <summary>One recorded move of a project's stage: who, when and why.</summary>
public sealed class ProjectStageChange
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public ProjectStage From { get; private set; }

    public ProjectStage To { get; private set; }

    /// <summary>Null when the system moved it (a planned project going live on its go-live day).</summary>
    public int? ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Reason { get; private set; } = "";

    public static ProjectStageChange Record(int projectId, ProjectStage from, ProjectStage to, int? byUserId, string reason, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        From = from,
        To = to,
        ByUserId = byUserId,
        At = now,
        Reason = reason,
    };
}
