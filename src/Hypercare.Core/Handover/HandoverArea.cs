namespace Hypercare.Core.Handover;

/// <summary>
/// How far the steady-state team has taken over an area or team: first it shadows the project team (watches it work),
/// then reverse shadow (it does the work, the project team watches and steps in), then it owns the area.
/// </summary>
public enum HandoverStage
{
    /// <summary>The shadow date has not come yet.</summary>
    NotStarted,
    Shadow,
    ReverseShadow,
    SteadyStateOwns,
}

public static class HandoverStages
{
    public static string Label(this HandoverStage stage) => stage switch
    {
        HandoverStage.NotStarted => "not started",
        HandoverStage.Shadow => "shadow",
        HandoverStage.ReverseShadow => "reverse shadow",
        _ => "steady-state owns",
    };
}

/// <summary>
/// One area (a module, a process) or team of the handover, with the local days its stages begin. The stage is where the
/// project's today falls among those dates: the lead moves a stage by moving its date, and every change is audited.
/// </summary>
public sealed class HandoverArea : IVersioned
{
    public const int NameMaxLength = 100;
    public const int NotesMaxLength = 1000;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>Matched, ignoring case and surrounding spaces, against the issues' affected area for the area's evidence.</summary>
    public string Name { get; private set; } = "";

    /// <summary><see cref="Key"/> of the name: unique in the project, so "Billing" and "billing " are one area.</summary>
    public string NameKey { get; private set; } = "";

    /// <summary>The steady-state team's person for this area.</summary>
    public int? ContactUserId { get; private set; }

    public DateOnly ShadowFrom { get; private set; }

    public DateOnly ReverseShadowFrom { get; private set; }

    public DateOnly OwnsFrom { get; private set; }

    public string? Notes { get; private set; }

    public int Version { get; set; }

    public static HandoverArea Create(int projectId, string name, int? contactUserId, DateOnly shadowFrom, DateOnly reverseShadowFrom, DateOnly ownsFrom, string? notes) => new()
    {
        ProjectId = projectId,
        Name = name,
        NameKey = Key(name),
        ContactUserId = contactUserId,
        ShadowFrom = shadowFrom,
        ReverseShadowFrom = reverseShadowFrom,
        OwnsFrom = ownsFrom,
        Notes = notes,
    };

    public void Change(string name, int? contactUserId, DateOnly shadowFrom, DateOnly reverseShadowFrom, DateOnly ownsFrom, string? notes)
    {
        Name = name;
        NameKey = Key(name);
        ContactUserId = contactUserId;
        ShadowFrom = shadowFrom;
        ReverseShadowFrom = reverseShadowFrom;
        OwnsFrom = ownsFrom;
        Notes = notes;
    }

    public HandoverStage StageOn(DateOnly day) => StageOn(day, ShadowFrom, ReverseShadowFrom, OwnsFrom);

    public static HandoverStage StageOn(DateOnly day, DateOnly shadowFrom, DateOnly reverseShadowFrom, DateOnly ownsFrom) =>
        day >= ownsFrom ? HandoverStage.SteadyStateOwns
        : day >= reverseShadowFrom ? HandoverStage.ReverseShadow
        : day >= shadowFrom ? HandoverStage.Shadow
        : HandoverStage.NotStarted;

    /// <summary>The key areas are compared by: the issues' affected area is free text.</summary>
    public static string Key(string? area) => (area ?? "").Trim().ToUpperInvariant();
}
