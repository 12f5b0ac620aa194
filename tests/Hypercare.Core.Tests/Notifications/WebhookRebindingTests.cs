using System.Net;
using System.Net.Sockets;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Core.Tests.Notifications;

public sealed class WebhookRebindingTests
{
    [Fact]
    public async Task Send_NameValidatedPublicThenResolvingToLoopback_RefusedWithoutConnecting()
    {
        // A local socket stands in for an internal service the webhook's name is re-pointed at after validation.
        using var inside = new TcpListener(IPAddress.Loopback, 0);
        inside.Start();
        var port = ((IPEndPoint)inside.LocalEndpoint).Port;
        var lookups = 0;
        var validator = new WebhookUrlValidator(new WebhookSettings(), (_, _) =>
            Task.FromResult(Interlocked.Increment(ref lookups) == 1 ? new[] { IPAddress.Parse("52.0.0.10") } : [IPAddress.Loopback]));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(DeliverySettings.Default);
        services.AddSingleton(validator);
        services.AddOutboxDelivery();
        await using var provider = services.BuildServiceProvider();
        var url = $"https://hooks.example.test:{port}/services/T000/B000/XXXX";
        var message = OutboxMessage.Webhook(1, "slack", url, "Sev1 breach", "Checkout is down", DateTimeOffset.UnixEpoch);

        var atSave = await validator.ValidateAsync(url);
        var result = await provider.GetServices<INotificationChannel>().OfType<SlackChannel>().Single().SendAsync(message, CancellationToken.None);

        Assert.Null(atSave);
        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains("resolves to 127.0.0.1, which is not a public address", result.Error, StringComparison.Ordinal);
        Assert.False(inside.Pending());
    }
}
