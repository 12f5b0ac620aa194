namespace Hypercare.Core.Audit;

/// <summary>One recorded change. Rows are only ever added: the context refuses to update or delete them.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public int? ProjectId { get; private set; }

    /// <summary>What the change belongs to for people reading history: a comment's subject is its issue.</summary>
    public string SubjectType { get; private set; } = "";

    public string SubjectId { get; private set; } = "";

    /// <summary>The entity that actually changed (Issue, IssueComment, ProjectMember...).</summary>
    public string EntityType { get; private set; } = "";

    public string EntityId { get; private set; } = "";

    public AuditAction Action { get; private set; }

    public int? ActorUserId { get; private set; }

    public string ActorName { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];

    public static AuditEntry Record(int? projectId, string subjectType, string subjectId, string entityType, string entityId,
        AuditAction action, int? actorUserId, string actorName, DateTimeOffset at, IReadOnlyList<FieldChange> changes) => new()
        {
            ProjectId = projectId,
            SubjectType = subjectType,
            SubjectId = subjectId,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            ActorUserId = actorUserId,
            ActorName = actorName,
            At = at,
            Changes = changes,
        };
}

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

public sealed record FieldChange(string Field, string? Before, string? After);
