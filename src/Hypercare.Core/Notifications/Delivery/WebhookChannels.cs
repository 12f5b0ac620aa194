using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>
/// Posts JSON to an incoming webhook (the message's recipient). Redirects are not followed (the client is built
/// without them): a redirect is a refusal, since following it could reach an address nobody validated. Only 429 and 5xx
/// are worth retrying; any other 4xx is permanent (formats.md §7.4).
/// </summary>
public abstract class WebhookChannel(IHttpClientFactory clients) : INotificationChannel
{
    public const string HttpClientName = "hypercare-webhooks";

    private const int MaxErrorBody = 300;

    public abstract string Name { get; }

    public bool IsConfigured => true;

    public async Task<DeliveryResult> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.PostAsJsonAsync(message.Recipient, Payload(message.Subject, message.Body), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                return DeliveryResult.Refused($"HTTP {status}: redirects are not followed.");
            }

            if (response.IsSuccessStatusCode)
            {
                return Throttled(body) ? DeliveryResult.Transient("Throttled by the receiver (HTTP 429 in a 200 body).") : DeliveryResult.Ok;
            }

            var error = $"HTTP {status}: {Truncate(body)}";
            return response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout
                ? DeliveryResult.Transient(error)
                : DeliveryResult.Refused(error);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return DeliveryResult.Refused(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Transient($"HTTP request failed: {e.Message}");
        }
    }

    /// <summary>The JSON body for this kind of webhook.</summary>
    public abstract JsonObject Payload(string subject, string body);

    /// <summary>Whether a successful answer is in fact a throttling notice.</summary>
    protected virtual bool Throttled(string body) => false;

    protected static string Truncate(string text, int max = MaxErrorBody) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>Slack incoming webhook: Block Kit with a header and a section, plus the top-level text fallback (formats.md §7.4).</summary>
public sealed class SlackChannel(IHttpClientFactory clients) : WebhookChannel(clients)
{
    public override string Name => OutboxMessage.SlackChannel;

    public override JsonObject Payload(string subject, string body) => new()
    {
        ["text"] = Truncate(subject.Length > 0 ? subject : body, 3000),
        ["blocks"] = new JsonArray(
            new JsonObject { ["type"] = "header", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(subject, 150) } },
            new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Truncate(body, 3000) } }),
    };
}

/// <summary>
/// Microsoft Teams (Office 365 connector or Workflows URL): an Adaptive Card 1.2 in a message envelope, which both
/// accept; no Action.Submit. Teams reports throttling as HTTP 200 with the 429 in the body (formats.md §8).
/// </summary>
public sealed class TeamsChannel(IHttpClientFactory clients) : WebhookChannel(clients)
{
    public override string Name => OutboxMessage.TeamsChannel;

    public override JsonObject Payload(string subject, string body) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["contentUrl"] = null,
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                ["type"] = "AdaptiveCard",
                ["version"] = "1.2",
                ["body"] = new JsonArray(
                    new JsonObject { ["type"] = "TextBlock", ["text"] = subject, ["size"] = "Large", ["weight"] = "Bolder", ["wrap"] = true },
                    new JsonObject { ["type"] = "TextBlock", ["text"] = body, ["wrap"] = true }),
            },
        }),
    };

    protected override bool Throttled(string body) => body.Contains("HTTP error 429", StringComparison.OrdinalIgnoreCase);
}
