namespace Hypercare.Core.KnownIssues;

public enum KnownIssueStatus
{
    Investigating,
    WorkaroundAvailable,
    FixScheduled,
    Fixed,
}

/// <summary>
/// A problem many people hit, told to users in their words: a title, the symptoms, a workaround, and where the fix is.
/// Only <see cref="Title"/>, <see cref="Symptoms"/>, <see cref="Workaround"/> and the status are public;
/// <see cref="InternalNotes"/> never leaves the project team (status page and release notes leave it out).
/// </summary>
public sealed class KnownIssue : IVersioned
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public string Title { get; set; } = "";

    public string Symptoms { get; set; } = "";

    public string? Workaround { get; set; }

    public string? InternalNotes { get; set; }

    public KnownIssueStatus Status { get; private set; }

    /// <summary>The patch the fix rides (set while FixScheduled, kept once Fixed).</summary>
    public int? PatchId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? WorkaroundPublishedAt { get; private set; }

    public DateTimeOffset? FixedAt { get; private set; }

    public int Version { get; set; }

    public static KnownIssue Create(int projectId, string title, string symptoms, string? workaround, string? internalNotes, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Title = title,
        Symptoms = symptoms,
        Workaround = workaround,
        InternalNotes = internalNotes,
        Status = KnownIssueStatus.Investigating,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Marks the workaround published; a known issue whose fix is already scheduled or out keeps that status.</summary>
    public string? PublishWorkaround(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Workaround))
        {
            return "Write the workaround before publishing it.";
        }

        if (Status == KnownIssueStatus.Fixed)
        {
            return "This known issue is fixed; there is no workaround left to publish.";
        }

        WorkaroundPublishedAt = now;
        if (Status == KnownIssueStatus.Investigating)
        {
            Status = KnownIssueStatus.WorkaroundAvailable;
        }

        UpdatedAt = now;
        return null;
    }

    /// <summary>Moves the known issue, or says why it may not move (the message names the field: status or patchId).</summary>
    public (string Field, string Message)? MoveTo(KnownIssueStatus to, int? patchId, DateTimeOffset now)
    {
        if (!KnownIssueLifecycle.CanMove(Status, to))
        {
            var allowed = string.Join(", ", KnownIssueLifecycle.AllowedFrom(Status).Select(s => s.Label()));
            return ("status", $"A known issue that is {Status.Label()} cannot move to {to.Label()}. From {Status.Label()} it can move to: {allowed}.");
        }

        switch (to)
        {
            case KnownIssueStatus.FixScheduled when patchId is null:
                return ("patchId", "Scheduling a fix needs the patch it rides (patchId).");
            case KnownIssueStatus.WorkaroundAvailable when WorkaroundPublishedAt is null:
                return ("status", "Publish the workaround first; publishing makes the workaround available.");
            case KnownIssueStatus.FixScheduled:
                PatchId = patchId;
                break;
            case KnownIssueStatus.Fixed:
                FixedAt = now;
                break;
            default:
                PatchId = null;
                FixedAt = null;
                break;
        }

        Status = to;
        UpdatedAt = now;
        return null;
    }

    /// <summary>The status a known issue falls back to when its fix leaves a patch: what users can do meanwhile.</summary>
    public KnownIssueStatus FallbackStatus => WorkaroundPublishedAt is null ? KnownIssueStatus.Investigating : KnownIssueStatus.WorkaroundAvailable;
}

/// <summary>Which reported issue is an instance of which known issue. An issue belongs to at most one known issue.</summary>
public sealed class KnownIssueLink
{
    public int KnownIssueId { get; private set; }

    public int IssueId { get; private set; }

    public int ProjectId { get; private set; }

    public DateTimeOffset LinkedAt { get; private set; }

    public static KnownIssueLink Create(int projectId, int knownIssueId, int issueId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        KnownIssueId = knownIssueId,
        IssueId = issueId,
        LinkedAt = now,
    };
}

/// <summary>Investigating → workaround available → fix scheduled → fixed, with falling back when a fix slips and reopening a regression.</summary>
public static class KnownIssueLifecycle
{
    private static readonly Dictionary<KnownIssueStatus, KnownIssueStatus[]> Allowed = new()
    {
        [KnownIssueStatus.Investigating] = [KnownIssueStatus.WorkaroundAvailable, KnownIssueStatus.FixScheduled, KnownIssueStatus.Fixed],
        [KnownIssueStatus.WorkaroundAvailable] = [KnownIssueStatus.FixScheduled, KnownIssueStatus.Fixed, KnownIssueStatus.Investigating],
        [KnownIssueStatus.FixScheduled] = [KnownIssueStatus.Fixed, KnownIssueStatus.FixScheduled, KnownIssueStatus.WorkaroundAvailable, KnownIssueStatus.Investigating],
        [KnownIssueStatus.Fixed] = [KnownIssueStatus.Investigating, KnownIssueStatus.WorkaroundAvailable],
    };

    public static IReadOnlyList<KnownIssueStatus> AllowedFrom(KnownIssueStatus from) => Allowed[from];

    public static bool CanMove(KnownIssueStatus from, KnownIssueStatus to) => Allowed[from].Contains(to);

    public static string Label(this KnownIssueStatus status) => status switch
    {
        KnownIssueStatus.Investigating => "Investigating",
        KnownIssueStatus.WorkaroundAvailable => "Workaround available",
        KnownIssueStatus.FixScheduled => "Fix scheduled",
        KnownIssueStatus.Fixed => "Fixed",
        _ => status.ToString(),
    };
}
