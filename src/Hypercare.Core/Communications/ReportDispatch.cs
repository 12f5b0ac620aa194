using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Communications;

/// <summary>
/// Addresses a rendered report and archives it: one outbox message per recipient and channel, added with the archive row
/// to the same unit of work, so the send, its recipients and its messages commit together or not at all.
/// </summary>
public sealed class ReportDispatch(HypercareDbContext db)
{
    public async Task<ReportSend> AddAsync(int projectId, ReportSchedule schedule, RenderedReport report, ReportTrigger trigger, ReportSlot? slot,
        ReportDraft? edit, int? sentBy, string sentByName, string? reportUrl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var audience = report.Kind.Audience();
        // Only roles whose permissions cover the report are addressed, whatever the schedule says; the dispatcher checks again at send time.
        var roles = schedule.RecipientRoles.Where(r => Permissions.Allows(r, audience)).Distinct().ToList();
        var members = schedule.SendEmail && roles.Count > 0
            ? await db.ProjectMembers.AsNoTracking()
                .Where(m => m.ProjectId == projectId && roles.Contains(m.Role) && m.User!.IsActive)
                .OrderBy(m => m.UserId).Select(m => new { m.UserId, m.User!.Email }).ToListAsync(cancellationToken)
            : [];
        var send = ReportSend.Create(projectId, report.Kind, trigger, slot, report, edit, sentBy, sentByName, now);
        Permission? required = audience == Permission.ViewProject ? null : audience;
        var addressed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in members.Where(m => addressed.Add(m.Email)))
        {
            // The HTML (charts included, ~100 KB) is stored once on the archive row; ReportBodies supplies it at delivery.
            Add(send, OutboxMessage.Email(projectId, member.UserId, member.Email, report.Subject, report.PlainText, now, null, required), member.Email);
        }

        if (schedule.SendEmail)
        {
            foreach (var address in schedule.ExtraAddresses.Where(addressed.Add))
            {
                Add(send, OutboxMessage.ExternalEmail(projectId, address, report.Subject, report.PlainText, null, now), address);
            }
        }

        if (schedule.SlackWebhookUrl is { Length: > 0 } slack)
        {
            Add(send, OutboxMessage.Webhook(projectId, OutboxMessage.SlackChannel, slack, report.Subject, ReportRenderer.Slack(report.Subject, report.Markdown, reportUrl), now),
                DisplayWebhook(slack));
        }

        if (schedule.TeamsWebhookUrl is { Length: > 0 } teams)
        {
            Add(send, OutboxMessage.Webhook(projectId, OutboxMessage.TeamsChannel, teams, report.Subject, ReportRenderer.Teams(report.Subject, report.Markdown, reportUrl), now),
                DisplayWebhook(teams));
        }

        db.ReportSends.Add(send);
        return send;
    }

    private void Add(ReportSend send, OutboxMessage message, string display)
    {
        db.OutboxMessages.Add(message);
        send.Recipients.Add(ReportRecipient.For(message, display));
    }

    /// <summary>A webhook URL is a secret: only its scheme and host are shown or archived.</summary>
    public static string DisplayWebhook(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(invalid address)";
}
