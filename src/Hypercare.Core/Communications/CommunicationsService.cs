using System.Globalization;
using System.Net.Mail;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Communications;

/// <summary>Preview, edit and send the three reports; their schedules; the archive of what went out to whom.</summary>
public sealed class CommunicationsService(HypercareDbContext db, ReportGenerator generator, ReportDispatch dispatch, ReportSettings settings,
    WebhookUrlValidator webhooks, TimeProvider time)
{
    public const int MaxArchiveItems = 200;

    private static Failure CannotManage() => Failure.Forbidden("Only people who manage communications (hypercare lead, change manager) may do this.");

    public async Task<Outcome<ReportPreview>> PreviewAsync(ProjectAccess access, ReportKind kind, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        var (content, draft) = await CurrentAsync(access.ProjectId, kind, cancellationToken);
        return Preview(access.ProjectId, content, draft);
    }

    private ReportPreview Preview(int projectId, ReportContent content, ReportDraft? draft)
    {
        var key = ReportRenderer.NewKey();
        var url = settings.ReportUrl(projectId, key);
        var rendered = ReportRenderer.Render(content, draft?.Subject, draft?.Markdown, url, key);
        return new ReportPreview(content.Kind, content.Kind.Slug(), rendered.Subject, content.ForDate, content.PeriodStart, content.PeriodEnd,
            rendered.Markdown, rendered.Html, rendered.PlainText, ReportRenderer.Slack(rendered.Subject, rendered.Markdown, url),
            ReportRenderer.Teams(rendered.Subject, rendered.Markdown, url), draft is not null, draft?.EditedByName, draft?.EditedAt, draft?.Version,
            content.Markdown);
    }

    /// <summary>The live report and, when someone edited it for the same period, that edit (an edit of an earlier period is stale).</summary>
    private async Task<(ReportContent Content, ReportDraft? Draft)> CurrentAsync(int projectId, ReportKind kind, CancellationToken cancellationToken)
    {
        var content = await generator.GenerateAsync(projectId, kind, time.GetUtcNow(), cancellationToken);
        var draft = await db.ReportDrafts.AsTracking().SingleOrDefaultAsync(d => d.ProjectId == projectId && d.Kind == kind, cancellationToken);
        return (content, draft is not null && draft.ForDate == content.ForDate ? draft : null);
    }

    public async Task<Outcome<ReportPreview>> SaveDraftAsync(ProjectAccess access, ReportKind kind, DraftRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        var errors = new FieldErrors();
        var markdown = errors.Required("markdown", request.Markdown, ReportDraft.MarkdownMaxLength);
        var subject = errors.Optional("subject", request.Subject, ReportSend.SubjectMaxLength);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var (content, current) = await CurrentAsync(access.ProjectId, kind, cancellationToken);
        var draft = current ?? await db.ReportDrafts.AsTracking().SingleOrDefaultAsync(d => d.ProjectId == access.ProjectId && d.Kind == kind, cancellationToken);
        if (current is not null && request.Version is { } version && version != current.Version)
        {
            return Failure.Stale("report", Preview(access.ProjectId, content, current));
        }

        if (draft is null)
        {
            draft = ReportDraft.Create(access.ProjectId, kind);
            db.ReportDrafts.Add(draft);
        }

        draft.ForDate = content.ForDate;
        draft.Subject = string.IsNullOrWhiteSpace(subject) ? content.Subject : subject;
        draft.Markdown = markdown!;
        draft.EditedByUserId = access.Caller.UserId == 0 ? null : access.Caller.UserId;
        draft.EditedByName = access.Caller.DisplayName;
        draft.EditedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Preview(access.ProjectId, content, draft);
    }

    /// <summary>Drops the edit: the next preview and send are generated from the live data again.</summary>
    public async Task<Outcome<ReportPreview>> DiscardDraftAsync(ProjectAccess access, ReportKind kind, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        await db.ReportDrafts.Where(d => d.ProjectId == access.ProjectId && d.Kind == kind).ExecuteDeleteAsync(cancellationToken);
        var content = await generator.GenerateAsync(access.ProjectId, kind, time.GetUtcNow(), cancellationToken);
        return Preview(access.ProjectId, content, null);
    }

    /// <summary>Sends the report now (with this period's edit, if any) to the schedule's recipients, and archives it.</summary>
    public async Task<Outcome<ReportSendResponse>> SendNowAsync(ProjectAccess access, ReportKind kind, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        var schedule = await ScheduleOrDefaultAsync(access.ProjectId, kind, cancellationToken);
        var send = await SendAsync(access.ProjectId, schedule, ReportTrigger.Manual, null, access.Caller.UserId == 0 ? null : access.Caller.UserId,
            access.Caller.DisplayName, cancellationToken);
        return ToResponse(send, true);
    }

    /// <summary>Generates, renders, addresses and archives one report in one unit of work (used by send-now and the scheduler).</summary>
    internal async Task<ReportSend> SendAsync(int projectId, ReportSchedule schedule, ReportTrigger trigger, ReportSlot? slot, int? sentBy, string sentByName,
        CancellationToken cancellationToken)
    {
        var (content, draft) = await CurrentAsync(projectId, schedule.Kind, cancellationToken);
        var key = ReportRenderer.NewKey();
        var url = settings.ReportUrl(projectId, key);
        var rendered = ReportRenderer.Render(content, draft?.Subject, draft?.Markdown, url, key);
        var send = await dispatch.AddAsync(projectId, schedule, rendered, trigger, slot, draft, sentBy, sentByName, url, time.GetUtcNow(), cancellationToken);
        if (draft is not null)
        {
            // An edit is for one send.
            db.ReportDrafts.Remove(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
        return send;
    }

    public async Task<Outcome<IReadOnlyList<ReportSendSummary>>> ArchiveAsync(ProjectAccess access, ReportKind? kind, int take = 50,
        CancellationToken cancellationToken = default)
    {
        var kinds = Visible(access);
        if (kinds.Count == 0)
        {
            return Failure.Forbidden("Your role may not see the project's reports.");
        }

        var rows = await db.ReportSends.AsNoTracking()
            .Where(s => s.ProjectId == access.ProjectId && kinds.Contains(s.Kind) && (kind == null || s.Kind == kind))
            .OrderByDescending(s => s.SentAt).ThenByDescending(s => s.Id).Take(Math.Clamp(take, 1, MaxArchiveItems))
            .Select(s => new ReportSendSummary(s.Id, s.Key, s.Kind, s.Trigger, s.SlotDate, s.Subject, s.SentAt, s.SentByName, s.EditedByName, s.Recipients.Count))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<Outcome<ReportSendResponse>> GetAsync(ProjectAccess access, string key, CancellationToken cancellationToken = default)
    {
        var kinds = Visible(access);
        var send = await db.ReportSends.AsNoTracking().Include(s => s.Recipients).ThenInclude(r => r.OutboxMessage)
            .SingleOrDefaultAsync(s => s.ProjectId == access.ProjectId && s.Key == key, cancellationToken);
        if (send is null || !kinds.Contains(send.Kind))
        {
            // A report the role may not see is not admitted to exist.
            return Failure.NotFound("Report");
        }

        return ToResponse(send, access.Can(Permission.ManageCommunications));
    }

    private static List<ReportKind> Visible(ProjectAccess access) => ReportKinds.All.Where(k => access.Can(k.Audience())).ToList();

    public static ReportSendResponse ToResponse(ReportSend s, bool withRecipients) => new(s.Id, s.Key, s.Kind, s.Trigger, s.SlotDate, s.SlotAt, s.PeriodStart, s.PeriodEnd,
        s.Subject, s.Markdown, s.Html, s.SentByName, s.SentAt, s.EditedByName, s.EditedAt,
        withRecipients
            ? s.Recipients.OrderBy(r => r.Channel, StringComparer.Ordinal).ThenBy(r => r.Address, StringComparer.Ordinal)
                .Select(r => new RecipientResponse(r.Channel, r.Address, r.UserId, r.OutboxMessageId, r.OutboxMessage?.Status, r.OutboxMessage?.SentAt, r.OutboxMessage?.LastError))
                .ToList()
            : null);

    public async Task<Outcome<IReadOnlyList<ScheduleResponse>>> SchedulesAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        var zone = await db.Projects.AsNoTracking().Where(p => p.Id == access.ProjectId).Select(p => p.TimeZoneId).SingleAsync(cancellationToken);
        var result = new List<ScheduleResponse>();
        foreach (var kind in ReportKinds.All)
        {
            result.Add(await ToResponseAsync(await ScheduleOrDefaultAsync(access.ProjectId, kind, cancellationToken), zone, cancellationToken));
        }

        return result;
    }

    private async Task<ReportSchedule> ScheduleOrDefaultAsync(int projectId, ReportKind kind, CancellationToken cancellationToken) =>
        await db.ReportSchedules.AsTracking().SingleOrDefaultAsync(s => s.ProjectId == projectId && s.Kind == kind, cancellationToken)
        ?? kind.DefaultSchedule(projectId, time.GetUtcNow());

    private async Task<ScheduleResponse> ToResponseAsync(ReportSchedule s, string timeZoneId, CancellationToken cancellationToken)
    {
        var last = await db.ReportSends.AsNoTracking().Where(r => r.ProjectId == s.ProjectId && r.Kind == s.Kind && r.Trigger != ReportTrigger.Missed)
            .OrderByDescending(r => r.SentAt).ThenByDescending(r => r.Id)
            .Select(r => new ReportSendSummary(r.Id, r.Key, r.Kind, r.Trigger, r.SlotDate, r.Subject, r.SentAt, r.SentByName, r.EditedByName, r.Recipients.Count))
            .FirstOrDefaultAsync(cancellationToken);
        var next = s.Enabled ? ReportSlots.Next(s.DaysMask, s.LocalTime, TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), time.GetUtcNow())?.At : null;
        return new ScheduleResponse(s.Kind, s.Kind.Slug(), s.Enabled, s.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), timeZoneId, s.Days,
            s.RecipientRoles, s.ExtraAddresses, s.SendEmail,
            s.SlackWebhookUrl is null ? null : ReportDispatch.DisplayWebhook(s.SlackWebhookUrl),
            s.TeamsWebhookUrl is null ? null : ReportDispatch.DisplayWebhook(s.TeamsWebhookUrl), next, last, s.Version);
    }

    /// <summary>
    /// Replaces one report's schedule. Webhook fields: null keeps the stored URL (it is never shown back), "" removes it.
    /// Turning a schedule on or moving its time or days starts it afresh: no slot before now is sent.
    /// </summary>
    public async Task<Outcome<ScheduleResponse>> PutScheduleAsync(ProjectAccess access, ReportKind kind, ScheduleRequest request,
        CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageCommunications))
        {
            return CannotManage();
        }

        var errors = new FieldErrors();
        TimeOnly localTime = default;
        if (string.IsNullOrWhiteSpace(request.LocalTime))
        {
            errors.Add("localTime", "localTime is required (HH:mm, in the project's time zone).");
        }
        else if (!TimeOnly.TryParseExact(request.LocalTime.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out localTime))
        {
            errors.Add("localTime", $"localTime '{request.LocalTime}' is not a time of day as HH:mm.");
        }

        var days = request.Days ?? [];
        if (request.Enabled == true && days.Count == 0)
        {
            errors.Add("days", "days needs at least one day of the week while the schedule is enabled.");
        }

        if (days.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add("days", "days holds an unknown day of the week.");
        }

        var roles = request.RecipientRoles ?? [];
        var audience = kind.Audience();
        foreach (var role in roles.Where(r => !Enum.IsDefined(r) || !Permissions.Allows(r, audience)).Distinct())
        {
            errors.Add("recipientRoles", $"The {role} role may not see the {kind.Label().ToLowerInvariant()} (it shows every issue of the project).");
        }

        var extra = (request.ExtraAddresses ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (extra.Count > ReportSchedule.MaxExtraAddresses)
        {
            errors.Add("extraAddresses", $"extraAddresses holds at most {ReportSchedule.MaxExtraAddresses} addresses.");
        }

        // One bare address per entry: MailAddress also takes "a@x.example, b@y.example" and display names.
        foreach (var address in extra.Where(a => a.Length == 0 || a.Length > People.User.EmailMaxLength || !MailAddress.TryCreate(a, out var parsed)
            || !string.Equals(parsed.Address, a, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add("extraAddresses", $"'{address}' is not one e-mail address; give each address as an entry of its own.");
        }

        await CheckWebhookAsync(errors, "slackWebhookUrl", request.SlackWebhookUrl, cancellationToken);
        await CheckWebhookAsync(errors, "teamsWebhookUrl", request.TeamsWebhookUrl, cancellationToken);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var now = time.GetUtcNow();
        var schedule = await db.ReportSchedules.AsTracking().SingleOrDefaultAsync(s => s.ProjectId == access.ProjectId && s.Kind == kind, cancellationToken);
        if (schedule is not null && request.Version is { } version && version != schedule.Version)
        {
            var zoneId = await db.Projects.AsNoTracking().Where(p => p.Id == access.ProjectId).Select(p => p.TimeZoneId).SingleAsync(cancellationToken);
            return Failure.Stale("schedule", await ToResponseAsync(schedule, zoneId, cancellationToken));
        }

        if (schedule is null)
        {
            schedule = kind.DefaultSchedule(access.ProjectId, now);
            db.ReportSchedules.Add(schedule);
        }

        var mask = ReportSchedule.Mask(days);
        var enabled = request.Enabled ?? false;
        if ((enabled && !schedule.Enabled) || schedule.LocalTime != localTime || schedule.DaysMask != mask)
        {
            schedule.ActiveFrom = now;
        }

        schedule.Enabled = enabled;
        schedule.LocalTime = localTime;
        schedule.DaysMask = mask;
        schedule.RecipientRoles = roles.Distinct().ToList();
        schedule.ExtraAddresses = extra.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        schedule.SendEmail = request.SendEmail ?? true;
        if (request.SlackWebhookUrl is not null)
        {
            schedule.SlackWebhookUrl = request.SlackWebhookUrl.Trim() is { Length: > 0 } slack ? slack : null;
        }

        if (request.TeamsWebhookUrl is not null)
        {
            schedule.TeamsWebhookUrl = request.TeamsWebhookUrl.Trim() is { Length: > 0 } teams ? teams : null;
        }

        schedule.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var zone = await db.Projects.AsNoTracking().Where(p => p.Id == access.ProjectId).Select(p => p.TimeZoneId).SingleAsync(cancellationToken);
        return await ToResponseAsync(schedule, zone, cancellationToken);
    }

    /// <summary>Every rule, the host resolved now: a name that points inside the network is refused when saved, not first at send time.</summary>
    private async Task CheckWebhookAsync(FieldErrors errors, string field, string? url, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return;
        }

        if (url.Trim().Length > ReportSchedule.WebhookMaxLength)
        {
            errors.Add(field, $"{field} must be at most {ReportSchedule.WebhookMaxLength} characters.");
        }
        else if (await webhooks.ValidateAsync(url.Trim(), cancellationToken) is { } problem)
        {
            errors.Add(field, problem);
        }
    }
}
