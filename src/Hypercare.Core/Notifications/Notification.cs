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
/// A message to deliver outside the app (e-mail, Slack, Teams), written in the same transaction as the change that
/// caused it. the outbox dispatcher (Notifications/Delivery) delivers pending rows at least once (docs/decisions/0020).
/// </summary>
public sealed class OutboxMessage
{
    public const string EmailChannel = "email";
    public const string SlackChannel = "slack";
    public const string TeamsChannel = "teams";
    public const int LastErrorMaxLength = 1000;

    public long Id { get; private set; }

    public int? ProjectId { get; private set; }

    public string Channel { get; private set; } = "";

    public string Recipient { get; private set; } = "";

    public int? RecipientUserId { get; private set; }

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>
    /// An HTML alternative to <see cref="Body"/> for e-mail; data: images in it are sent as inline (CID) parts. Null on a
    /// message whose HTML is stored once elsewhere (a report's, for all its recipients): an <see cref="Delivery.IOutboxBodySource"/>
    /// supplies it when the message is loaded for delivery.
    /// </summary>
    public string? HtmlBody { get; private set; }

    /// <summary>
    /// An iCalendar (RFC 5545) object with an iTIP METHOD, sent with the text as a text/calendar alternative so mail
    /// clients show it as a meeting invitation or cancellation (standups, docs/standups.md); null on other messages.
    /// </summary>
    public string? Calendar { get; private set; }

    /// <summary>What the recipient's role must allow at send time (a report for roles that see every issue); null = membership is enough.</summary>
    public Projects.Permission? RequiredPermission { get; private set; }

    public OutboxStatus Status { get; set; } = OutboxStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Not before this instant (backoff after a failed attempt); null = as soon as possible.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher holds the row until this instant; others skip it. An expired lease may be taken over.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Gives a message loaded (untracked) for delivery the HTML stored once elsewhere; never written back to its row.</summary>
    public void UseStoredHtml(string html) => HtmlBody ??= html;

    public static OutboxMessage Email(int? projectId, int userId, string address, string subject, string body, DateTimeOffset now,
        string? htmlBody = null, Projects.Permission? requiredPermission = null) => new()
        {
            ProjectId = projectId,
            Channel = EmailChannel,
            Recipient = address,
            RecipientUserId = userId,
            Subject = subject,
            Body = body,
            HtmlBody = htmlBody,
            RequiredPermission = requiredPermission,
            CreatedAt = now,
        };

    /// <summary>E-mail to an address that is not a person of the product (a distribution list configured by a lead).</summary>
    public static OutboxMessage ExternalEmail(int projectId, string address, string subject, string body, string? htmlBody, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Channel = EmailChannel,
        Recipient = address,
        Subject = subject,
        Body = body,
        HtmlBody = htmlBody,
        CreatedAt = now,
    };

    /// <summary>
    /// A meeting request or cancellation by e-mail. <paramref name="userId"/> null: sent whether or not the address still
    /// belongs to a member, as a cancellation to someone who has left the project must be.
    /// </summary>
    public static OutboxMessage Invitation(int projectId, int? userId, string address, string subject, string body, string calendar, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Channel = EmailChannel,
        Recipient = address,
        RecipientUserId = userId,
        Subject = subject,
        Body = body,
        Calendar = calendar,
        CreatedAt = now,
    };

    /// <summary>A message to a Slack or Teams incoming webhook; the URL is the recipient and is validated again at send time.</summary>
    public static OutboxMessage Webhook(int? projectId, string channel, string url, string subject, string body, DateTimeOffset now)
    {
        if (channel is not (SlackChannel or TeamsChannel))
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, "A webhook message goes to slack or teams.");
        }

        return new()
        {
            ProjectId = projectId,
            Channel = channel,
            Recipient = url,
            Subject = subject,
            Body = body,
            CreatedAt = now,
        };
    }
}
