using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Hypercare.Core.Notifications.Delivery;

public sealed record DispatchResult(int Claimed, int Sent, int Retrying, int Failed)
{
    public static DispatchResult None { get; } = new(0, 0, 0, 0);

    public DispatchResult Plus(DispatchResult other) =>
        new(Claimed + other.Claimed, Sent + other.Sent, Retrying + other.Retrying, Failed + other.Failed);
}

/// <summary>
/// Delivers the outbox <b>at least once</b> (docs/decisions/0020-outbox-delivery.md). A pass claims due pending messages
/// in batches with a lease (a conditional UPDATE per row: only where no live lease exists, so on PostgreSQL two nodes
/// never hold the same row, and SQLite serialises writers anyway), checks each recipient and webhook address at send time,
/// sends through the message's channel with up to <see cref="OutboxSettings.Parallelism"/> sends in flight and a timeout
/// per send, then records Sent, a retry after exponential backoff, or Failed. A node that dies mid-send leaves its lease
/// to expire and the message is sent again: receivers may see a duplicate, never a loss.
/// </summary>
public sealed partial class OutboxDispatcher(HypercareDbContext db, IEnumerable<INotificationChannel> channels, WebhookUrlValidator webhooks,
    DeliverySettings settings, TimeProvider time, ILogger<OutboxDispatcher> logger, IEnumerable<IOutboxBodySource> bodies)
{
    public const string NotAMember = "recipient no longer a member";

    /// <summary>A pass ends when nothing due is left; the cap keeps one pass from running forever under a steady inflow.</summary>
    private const int MaxBatchesPerPass = 100;

    private readonly OutboxSettings _outbox = settings.Outbox;

    /// <summary>One pass over everything due now.</summary>
    public async Task<DispatchResult> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var ready = channels.Where(c => c.IsConfigured).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var total = DispatchResult.None;
        for (var batch = 0; batch < MaxBatchesPerPass; batch++)
        {
            var (messages, lease) = await ClaimAsync([.. ready.Keys], cancellationToken);
            if (messages.Count == 0)
            {
                break;
            }

            foreach (var source in bodies)
            {
                await source.SupplyAsync(messages, cancellationToken);
            }

            var outcomes = new DeliveryResult[messages.Count];
            var blocked = await CheckRecipientsAsync(messages, cancellationToken);
            await Parallel.ForEachAsync(Enumerable.Range(0, messages.Count),
                new ParallelOptions { MaxDegreeOfParallelism = _outbox.Parallelism, CancellationToken = cancellationToken },
                async (i, ct) => outcomes[i] = blocked.Contains(messages[i].Id)
                    ? DeliveryResult.Refused(NotAMember)
                    : await SendAsync(ready[messages[i].Channel], messages[i], ct));

            total = total.Plus(await FinishAsync(messages, outcomes, lease, cancellationToken));
        }

        return total;
    }

    private async Task<(List<OutboxMessage> Messages, DateTimeOffset Lease)> ClaimAsync(List<string> channelNames, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lease = now + _outbox.Lease;
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && channelNames.Contains(m.Channel)
                && (m.NextAttemptAt == null || m.NextAttemptAt <= now)
                && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.Id).Take(_outbox.BatchSize).Select(m => m.Id)
            .ToListAsync(cancellationToken);

        var mine = new List<long>(due.Count);
        foreach (var id in due)
        {
            // The WHERE is re-checked under the row lock: of two nodes racing for a row, the second updates nothing.
            var claimed = await db.OutboxMessages
                .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, lease), cancellationToken);
            if (claimed == 1)
            {
                mine.Add(id);
            }
        }

        var messages = mine.Count == 0
            ? []
            : await db.OutboxMessages.AsNoTracking().Where(m => mine.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return (messages, lease);
    }

    /// <summary>Messages addressed to a person of a project go out only while that person is active and still a member (or an administrator).</summary>
    private async Task<HashSet<long>> CheckRecipientsAsync(List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        var blocked = new HashSet<long>();
        foreach (var message in messages)
        {
            if (message is { RecipientUserId: { } userId, ProjectId: { } projectId })
            {
                var person = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
                    .Select(u => new { u.IsAdministrator, Role = db.ProjectMembers.Where(m => m.ProjectId == projectId && m.UserId == userId).Select(m => (ProjectRole?)m.Role).FirstOrDefault() })
                    .SingleOrDefaultAsync(cancellationToken);
                // A report for roles that see every issue is not delivered to someone whose role changed since it was written.
                var allowed = person is not null && (person.IsAdministrator
                    || (person.Role is { } role && (message.RequiredPermission is not { } needed || Permissions.Allows(role, needed))));
                if (!allowed)
                {
                    blocked.Add(message.Id);
                }
            }
        }

        return blocked;
    }

    private async Task<DeliveryResult> SendAsync(INotificationChannel channel, OutboxMessage message, CancellationToken cancellationToken)
    {
        if (channel is WebhookChannel && await webhooks.ValidateAsync(message.Recipient, cancellationToken) is { } refused)
        {
            return DeliveryResult.Refused(refused);
        }

        // A wall-clock guard on top of the channels' own timeouts: one hanging endpoint holds only its own message.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_outbox.SendTimeout);
        try
        {
            return await channel.SendAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient($"Timed out after {_outbox.SendTimeout.TotalSeconds:0} s.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever one channel throws is that message's failure, never the pass's.
            return DeliveryResult.Transient($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<DispatchResult> FinishAsync(List<OutboxMessage> messages, DeliveryResult[] outcomes, DateTimeOffset lease, CancellationToken cancellationToken)
    {
        int sent = 0, retrying = 0, failed = 0;
        var now = time.GetUtcNow();
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            var outcome = outcomes[i];
            var attempts = message.Attempts + 1;
            var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimedUntil == lease);
            if (outcome.Delivered)
            {
                await mine.ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sent)
                    .SetProperty(m => m.SentAt, now)
                    .SetProperty(m => m.Attempts, attempts)
                    .SetProperty(m => m.LastError, (string?)null)
                    .SetProperty(m => m.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
                sent++;
                continue;
            }

            var giveUp = outcome.Permanent || attempts >= _outbox.MaxAttempts;
            var error = outcome.Error ?? "Not delivered.";
            error = error.Length <= OutboxMessage.LastErrorMaxLength ? error : error[..OutboxMessage.LastErrorMaxLength];
            DateTimeOffset? next = giveUp ? null : now + _outbox.BackoffAfter(attempts);
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            if (giveUp)
            {
                failed++;
                LogFailed(message.Id, message.Channel, attempts, error);
            }
            else
            {
                retrying++;
                LogRetrying(message.Id, message.Channel, attempts, error);
            }
        }

        return new DispatchResult(messages.Count, sent, retrying, failed);
    }

    // Webhook URLs are secrets: logs name the message and channel, never the recipient.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {Id} ({Channel}) failed after {Attempts} attempt(s): {Error}")]
    private partial void LogFailed(long id, string channel, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox message {Id} ({Channel}) attempt {Attempts} failed, will retry: {Error}")]
    private partial void LogRetrying(long id, string channel, int attempts, string error);
}
