using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Communications;

/// <summary>
/// A report's e-mail HTML (charts inline, ~100 KB) is stored once, on its archive row, not on each recipient's outbox
/// message; when the dispatcher claims report e-mails, this reads each report's HTML once and gives it to its messages.
/// </summary>
public sealed class ReportBodies(HypercareDbContext db) : IOutboxBodySource
{
    public async Task SupplyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var ids = messages.Where(m => m.Channel == OutboxMessage.EmailChannel && m.HtmlBody is null).Select(m => m.Id).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var links = await db.ReportRecipients.AsNoTracking().Where(r => r.OutboxMessageId != null && ids.Contains(r.OutboxMessageId.Value))
            .Select(r => new { MessageId = r.OutboxMessageId!.Value, r.ReportSendId }).ToListAsync(cancellationToken);
        if (links.Count == 0)
        {
            return;
        }

        var sendIds = links.Select(l => l.ReportSendId).Distinct().ToList();
        var html = await db.ReportSends.AsNoTracking().Where(s => sendIds.Contains(s.Id)).Select(s => new { s.Id, s.Html })
            .ToDictionaryAsync(s => s.Id, s => s.Html, cancellationToken);
        var byMessage = links.ToDictionary(l => l.MessageId, l => l.ReportSendId);
        foreach (var message in messages)
        {
            if (byMessage.TryGetValue(message.Id, out var sendId) && html.TryGetValue(sendId, out var body) && body.Length > 0)
            {
                message.UseStoredHtml(body);
            }
        }
    }
}
