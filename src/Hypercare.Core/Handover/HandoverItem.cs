namespace Hypercare.Core.Handover;

/// <summary>
/// One item of a project's handover checklist. Every project starts with the defaults (<see cref="HandoverChecklist.Defaults"/>,
/// marked by <see cref="DefaultKey"/>, which cannot be removed); the lead adds custom items. Each has an owner and, once
/// done, the local day it was done and who said so.
/// </summary>
public sealed class HandoverItem : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int NoteMaxLength = 1000;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>The default item this is (runbooks, knownIssues, ...); null for a custom item.</summary>
    public string? DefaultKey { get; private set; }

    public string Title { get; private set; } = "";

    /// <summary>The area the item belongs to; null for the whole handover.</summary>
    public int? AreaId { get; private set; }

    public int? OwnerUserId { get; private set; }

    public DateOnly? DueOn { get; private set; }

    public DateOnly? DoneOn { get; private set; }

    public int? DoneByUserId { get; private set; }

    /// <summary>Where the runbook lives, who was given access, why it does not apply: free text the owner keeps.</summary>
    public string? Note { get; private set; }

    public int Position { get; private set; }

    public int Version { get; set; }

    public bool IsDone => DoneOn is not null;

    public static HandoverItem Create(int projectId, string? defaultKey, string title, int position, int? areaId = null, int? ownerUserId = null,
        DateOnly? dueOn = null, string? note = null) => new()
        {
            ProjectId = projectId,
            DefaultKey = defaultKey,
            Title = title,
            Position = position,
            AreaId = areaId,
            OwnerUserId = ownerUserId,
            DueOn = dueOn,
            Note = note,
        };

    public void Change(string title, int? areaId, int? ownerUserId, DateOnly? dueOn, string? note)
    {
        Title = title;
        AreaId = areaId;
        OwnerUserId = ownerUserId;
        DueOn = dueOn;
        Note = note;
    }

    public void MarkDone(DateOnly on, int byUserId, string? note)
    {
        DoneOn = on;
        DoneByUserId = byUserId;
        Note = note ?? Note;
    }

    public void Reopen(string? note)
    {
        DoneOn = null;
        DoneByUserId = null;
        Note = note ?? Note;
    }

    /// <summary>The area was removed: the item stays, for the whole handover.</summary>
    public void DetachArea() => AreaId = null;
}

/// <summary>The checklist every project starts with (the seed practice's).</summary>
public static class HandoverChecklist
{
    public static IReadOnlyList<(string Key, string Title)> Defaults { get; } =
    [
        ("runbooks", "Runbooks written"),
        ("knownIssues", "Known issues reviewed with the steady-state team"),
        ("access", "Access granted to the steady-state team"),
        ("openIssues", "Open issues reassigned to the steady-state team"),
        ("monitoring", "Monitoring handed over"),
        ("contacts", "Contacts handed over"),
    ];

    public static IEnumerable<HandoverItem> DefaultItems(int projectId) =>
        Defaults.Select((d, i) => HandoverItem.Create(projectId, d.Key, d.Title, i + 1));
}
