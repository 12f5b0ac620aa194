using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Communications;

/// <summary>The report as it would go out now: generated live, or the edit made for this period.</summary>
public sealed record ReportPreview(ReportKind Kind, string Slug, string Subject, DateOnly ForDate, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    string Markdown, string Html, string PlainText, string SlackText, string TeamsText, bool Edited, string? EditedBy, DateTimeOffset? EditedAt,
    int? DraftVersion, string GeneratedMarkdown);

/// <summary>An edit of the next report: the Markdown is the editable form, the HTML and chat forms follow from it.</summary>
public sealed record DraftRequest(string? Subject, string? Markdown, int? Version);

public sealed record ScheduleRequest(bool? Enabled, string? LocalTime, IReadOnlyList<DayOfWeek>? Days, IReadOnlyList<ProjectRole>? RecipientRoles,
    IReadOnlyList<string>? ExtraAddresses, bool? SendEmail, string? SlackWebhookUrl, string? TeamsWebhookUrl, int? Version);

public sealed record ScheduleResponse(ReportKind Kind, string Slug, bool Enabled, string LocalTime, string TimeZoneId, IReadOnlyList<DayOfWeek> Days,
    IReadOnlyList<ProjectRole> RecipientRoles, IReadOnlyList<string> ExtraAddresses, bool SendEmail, string? SlackWebhook, string? TeamsWebhook,
    DateTimeOffset? NextSendAt, ReportSendSummary? LastSend, int Version);

public sealed record ReportSendSummary(long Id, string Key, ReportKind Kind, ReportTrigger Trigger, DateOnly? SlotDate, string Subject,
    DateTimeOffset SentAt, string SentBy, string? EditedBy, int Recipients);

public sealed record RecipientResponse(string Channel, string Address, int? UserId, long? OutboxMessageId, OutboxStatus? Status, DateTimeOffset? DeliveredAt,
    string? LastError);

/// <summary>An archived report. Recipients are listed only for those who manage communications (they are people's addresses).</summary>
public sealed record ReportSendResponse(long Id, string Key, ReportKind Kind, ReportTrigger Trigger, DateOnly? SlotDate, DateTimeOffset? SlotAt,
    DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, string Subject, string Markdown, string Html, string SentBy, DateTimeOffset SentAt,
    string? EditedBy, DateTimeOffset? EditedAt, IReadOnlyList<RecipientResponse>? Recipients);

/// <summary>What one scheduler pass did.</summary>
public sealed record SchedulerResult(int Sent, int AlreadySent, int Missed);
