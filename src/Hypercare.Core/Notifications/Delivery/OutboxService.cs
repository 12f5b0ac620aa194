using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>A delivery as a lead sees it. Webhook addresses are secrets, so only their scheme and host are shown.</summary>
public sealed record DeliveryResponse(long Id, string Channel, string Recipient, int? RecipientUserId, string Subject, OutboxStatus Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset? NextAttemptAt, string? LastError);

/// <summary>The project's outbox for its leads: every delivery with its status, and a retry for a failed one.</summary>
public sealed class OutboxService(HypercareDbContext db)
{
    public const int MaxItems = 500;

    public async Task<Outcome<IReadOnlyList<DeliveryResponse>>> ListAsync(ProjectAccess access, OutboxStatus? status = null, int take = 200,
        CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Only the project's hypercare leads see its deliveries.");
        }

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.ProjectId == access.ProjectId && (status == null || m.Status == status))
            .OrderByDescending(m => m.Id).Take(Math.Clamp(take, 1, MaxItems))
            .ToListAsync(cancellationToken);
        return rows.Select(ToResponse).ToList();
    }

    /// <summary>Puts a failed delivery back in the queue with a fresh set of attempts.</summary>
    public async Task<Outcome<DeliveryResponse>> RetryAsync(ProjectAccess access, long messageId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Only the project's hypercare leads retry deliveries.");
        }

        var message = await db.OutboxMessages.AsTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.ProjectId == access.ProjectId, cancellationToken);
        if (message is null)
        {
            return Failure.NotFound("Delivery");
        }

        if (message.Status != OutboxStatus.Failed)
        {
            return Failure.Conflict($"Only a failed delivery can be retried; this one is {message.Status.ToString().ToLowerInvariant()}.");
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = null;
        message.ClaimedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(message);
    }

    public static DeliveryResponse ToResponse(OutboxMessage m) =>
        new(m.Id, m.Channel, DisplayRecipient(m), m.RecipientUserId, m.Subject, m.Status, m.Attempts, m.CreatedAt, m.SentAt, m.NextAttemptAt, m.LastError);

    private static string DisplayRecipient(OutboxMessage m) =>
        m.Channel == OutboxMessage.EmailChannel ? m.Recipient
        : Uri.TryCreate(m.Recipient, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…"
        : "(invalid address)";
}
