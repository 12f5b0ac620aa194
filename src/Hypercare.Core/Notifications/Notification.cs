namespace Hypercare.Core.Notifications;

/// <summary>An in-app inbox entry for one person.</summary>
public sealed class Notification
{
    public const int TitleMaxLength = 200;

    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int UserId { get; private set; }

    public int? IssueId { get; private set; }

    public string Kind { get; private set; } = "";

    public string Title { get; private set; } = "";

    public string Body { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; set; }

    public static Notification Create(int projectId, int userId, int? issueId, string kind, string title, string body, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        UserId = userId,
        IssueId = issueId,
        Kind = kind,
        Title = title.Length > TitleMaxLength ? title[..TitleMaxLength] : title,
        Body = body,
        CreatedAt = now,
    };
}

public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message to deliver outside the app (e-mail now; Slack and Teams later), written in the same transaction as the
/// change that caused it. A dispatcher delivers pending rows at least once.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }

    public int? ProjectId { get; private set; }

    public string Channel { get; private set; } = "";

    public string Recipient { get; private set; } = "";

    public int? RecipientUserId { get; private set; }

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage Email(int? projectId, int userId, string address, string subject, string body, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Channel = "email",
        Recipient = address,
        RecipientUserId = userId,
        Subject = subject,
        Body = body,
        CreatedAt = now,
    };
}
