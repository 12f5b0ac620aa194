using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;

namespace Hypercare.Core.Notifications.Delivery;

public static class OutboxDeliveryExtensions
{
    /// <summary>
    /// The outbox dispatcher, its three channels and the webhook HTTP client. Settings come from the host's
    /// configuration when there is one (a host may register its own <see cref="DeliverySettings"/> first).
    /// </summary>
    public static IServiceCollection AddOutboxDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => DeliverySettings.From(sp.GetService<IConfiguration>()));
        // DNS unless the host registers a HostResolver of its own (the tests do: no network there).
        services.TryAddSingleton(sp => new WebhookUrlValidator(sp.GetRequiredService<DeliverySettings>().Webhooks, sp.GetService<HostResolver>()));
        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddSingleton<INotificationChannel, SlackChannel>();
        services.AddSingleton<INotificationChannel, TeamsChannel>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxService>();

        services.AddHttpClient(WebhookChannel.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A redirect could lead to an address nobody validated; the channel reports it as a failure instead.
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.All,
                // The dispatcher validates the address before sending, but the handler would resolve the name again:
                // a DNS answer that changes in between (rebinding) must not reach a private address. So the addresses
                // connected to are the ones checked, here, at connect time.
                ConnectCallback = sp.GetRequiredService<WebhookUrlValidator>().ConnectAsync,
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
            {
                var outbox = sp.GetRequiredService<DeliverySettings>().Outbox;
                o.AttemptTimeout.Timeout = outbox.SendTimeout;
                o.TotalRequestTimeout.Timeout = outbox.SendTimeout;
                // The outbox retries with its own backoff, recorded per message; retrying inside a send as well would
                // multiply attempts and hold the batch.
                o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
                // The circuit breaker's sampling window must be at least twice the attempt timeout.
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(o.CircuitBreaker.SamplingDuration.Ticks, outbox.SendTimeout.Ticks * 2));
            })
            // One circuit per receiving host: a failing endpoint never opens the circuit for the others.
            .SelectPipelineByAuthority();
        return services;
    }
}
