using Hypercare.Core.Data;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>
/// One way out of the product (e-mail, Slack, Teams). The dispatcher claims the message, checks the recipient and the
/// address, then hands it to the channel named by <see cref="OutboxMessage.Channel"/>; the channel only sends.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The <see cref="OutboxMessage.Channel"/> value this channel delivers.</summary>
    string Name { get; }

    /// <summary>False when the channel has nothing to send with (no SMTP host): its messages wait, they do not fail.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one message. Expected refusals come back as a failed result; an exception counts as a transient failure.</summary>
    Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>What one attempt came to. A permanent failure is not retried (a 4xx from Slack, a redirect, a refused address).</summary>
public sealed record DeliveryResult(bool Delivered, string? Error = null, bool Permanent = false)
{
    public static DeliveryResult Ok { get; } = new(true);

    // The error is often a remote server's own words; it is stored with the message, so it is made plain text.
    public static DeliveryResult Transient(string error) => new(false, PlainText.Clean(error));

    public static DeliveryResult Refused(string error) => new(false, PlainText.Clean(error), Permanent: true);
}

/// <summary>
/// Supplies message bodies stored once outside the outbox row (a report's HTML, shared by all its recipients) to the
/// messages a dispatcher pass has claimed, before they are handed to their channels.
/// </summary>
public interface IOutboxBodySource
{
    Task SupplyAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken);
}
