using System.Globalization;
using Hypercare.Core.Notifications;

namespace Hypercare.Core.Communications;

public enum ReportTrigger
{
    Schedule,
    Manual,
    /// <summary>A scheduled slot found later than the catch-up window: recorded (once, it holds the slot) but not sent.</summary>
    Missed,
}

/// <summary>
/// One report as it went out: the text and HTML exactly as sent, who edited and sent it, and every recipient with the
/// outbox message that carries it. A scheduled send holds its slot (the local date); the unique key on
/// (project, kind, slot date) is what makes a slot go out once across restarts and nodes.
/// </summary>
public sealed class ReportSend
{
    public const int SubjectMaxLength = 200;

    public long Id { get; private set; }

    /// <summary>An unguessable name for links in chat messages (the link is written before the row has an id).</summary>
    public string Key { get; private set; } = "";

    public int ProjectId { get; private set; }

    public ReportKind Kind { get; private set; }

    public ReportTrigger Trigger { get; private set; }

    /// <summary>The scheduled local date; null for a send-now.</summary>
    public DateOnly? SlotDate { get; private set; }

    /// <summary>The instant the slot was due (UTC); null for a send-now.</summary>
    public DateTimeOffset? SlotAt { get; private set; }

    public DateTimeOffset PeriodStart { get; private set; }

    public DateTimeOffset PeriodEnd { get; private set; }

    public string Subject { get; private set; } = "";

    public string Markdown { get; private set; } = "";

    /// <summary>E-mail-safe HTML with the charts inline as data: URIs (the e-mail channel turns them into CID parts).</summary>
    public string Html { get; private set; } = "";

    public int? EditedByUserId { get; private set; }

    public string? EditedByName { get; private set; }

    public DateTimeOffset? EditedAt { get; private set; }

    public int? SentByUserId { get; private set; }

    public string SentByName { get; private set; } = "";

    public DateTimeOffset SentAt { get; private set; }

    public List<ReportRecipient> Recipients { get; } = [];

    public static ReportSend Create(int projectId, ReportKind kind, ReportTrigger trigger, ReportSlot? slot, RenderedReport report,
        ReportDraft? edit, int? sentBy, string sentByName, DateTimeOffset now) => new()
        {
            Key = report.Key,
            ProjectId = projectId,
            Kind = kind,
            Trigger = trigger,
            SlotDate = slot?.Date,
            SlotAt = slot?.At,
            PeriodStart = report.PeriodStart,
            PeriodEnd = report.PeriodEnd,
            Subject = report.Subject,
            Markdown = report.Markdown,
            Html = report.Html,
            EditedByUserId = edit?.EditedByUserId,
            EditedByName = edit?.EditedByName,
            EditedAt = edit?.EditedAt,
            SentByUserId = sentBy,
            SentByName = sentByName,
            SentAt = now,
        };

    /// <summary>
    /// The record of a slot that was not sent because no node ran it within the catch-up window: it holds the slot (so it is
    /// recorded once) and shows in the archive, with no text and no recipients.
    /// </summary>
    public static ReportSend Missed(int projectId, ReportKind kind, ReportSlot slot, TimeSpan window, DateTimeOffset now) => new()
    {
        Key = ReportRenderer.NewKey(),
        ProjectId = projectId,
        Kind = kind,
        Trigger = ReportTrigger.Missed,
        SlotDate = slot.Date,
        SlotAt = slot.At,
        PeriodStart = slot.At,
        PeriodEnd = slot.At,
        Subject = string.Create(CultureInfo.InvariantCulture, $"{kind.Label()} of {slot.Date:yyyy-MM-dd} not sent"),
        Markdown = string.Create(CultureInfo.InvariantCulture,
            $"Not sent: no scheduler ran within {window.TotalHours:0.#} h of the slot (noticed {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC)."),
        SentByName = "scheduler",
        SentAt = now,
    };
}

/// <summary>Who (or which channel) one archived report went to.</summary>
public sealed class ReportRecipient
{
    public long Id { get; private set; }

    public long ReportSendId { get; private set; }

    public string Channel { get; private set; } = "";

    /// <summary>An e-mail address, or a webhook shown as scheme and host only (the URL is a secret).</summary>
    public string Address { get; private set; } = "";

    public int? UserId { get; private set; }

    public long? OutboxMessageId { get; private set; }

    public OutboxMessage? OutboxMessage { get; private set; }

    public static ReportRecipient For(OutboxMessage message, string displayAddress) => new()
    {
        Channel = message.Channel,
        Address = displayAddress,
        UserId = message.RecipientUserId,
        OutboxMessage = message,
    };
}

/// <summary>A person's edit of the next report of one kind, for one period (the local date, or the week for leadership).</summary>
public sealed class ReportDraft : IVersioned
{
    public const int MarkdownMaxLength = 100_000;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public ReportKind Kind { get; private set; }

    /// <summary>The period the edit was made for; an edit from an earlier period is stale and ignored.</summary>
    public DateOnly ForDate { get; set; }

    public string Subject { get; set; } = "";

    public string Markdown { get; set; } = "";

    public int? EditedByUserId { get; set; }

    public string EditedByName { get; set; } = "";

    public DateTimeOffset EditedAt { get; set; }

    public int Version { get; set; }

    public static ReportDraft Create(int projectId, ReportKind kind) => new() { ProjectId = projectId, Kind = kind };
}
