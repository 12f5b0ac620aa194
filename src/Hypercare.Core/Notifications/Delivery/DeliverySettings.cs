using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>How the outbox is worked: batches, attempts, backoff, leases and per-endpoint timeouts.</summary>
public sealed record OutboxSettings
{
    public int BatchSize { get; init; } = 50;

    /// <summary>After this many failed attempts a message is marked Failed (a lead may retry it).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>Delay after the first failure; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed message is held; longer than a whole batch's sends, so a live claim never expires.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Per send (one SMTP conversation or one webhook POST).</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Sends in flight at once within a batch, so a slow endpoint holds up only its own message.</summary>
    public int Parallelism { get; init; } = 8;

    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, BaseBackoff.Ticks * (1L << Math.Clamp(attempts - 1, 0, 30))));
}

public sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>TLS on connect for port 465, STARTTLS otherwise; false sends in the clear (a relay on the same host, tests).</summary>
    public bool UseTls { get; init; } = true;

    public string? User { get; init; }

    public string? Password { get; init; }

    public string From { get; init; } = "hypercare@localhost";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public sealed record WebhookSettings
{
    /// <summary>Development and tests only: allow plain http to a loopback address.</summary>
    public bool AllowLoopbackHttp { get; init; }
}

/// <summary>The delivery settings under <c>Hypercare:Outbox</c>, <c>Hypercare:Smtp</c> and <c>Hypercare:Webhooks</c>.</summary>
public sealed record DeliverySettings(OutboxSettings Outbox, SmtpSettings Smtp, WebhookSettings Webhooks)
{
    public static DeliverySettings Default { get; } = new(new OutboxSettings(), new SmtpSettings(), new WebhookSettings());

    /// <summary>
    /// Reads the settings from configuration; without one (the CLI composes Core without a host) from the environment,
    /// with the same names as the web host's (<c>Hypercare__Smtp__Host</c>).
    /// </summary>
    public static DeliverySettings From(IConfiguration? configuration) =>
        Read(configuration is null ? key => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal)) : key => configuration[key]);

    public static DeliverySettings Read(Func<string, string?> value)
    {
        var outbox = new OutboxSettings();
        var smtp = new SmtpSettings();
        return new DeliverySettings(
            outbox with
            {
                BatchSize = Int(value, "Hypercare:Outbox:BatchSize", outbox.BatchSize, 1),
                MaxAttempts = Int(value, "Hypercare:Outbox:MaxAttempts", outbox.MaxAttempts, 1),
                BaseBackoff = TimeSpan.FromSeconds(Int(value, "Hypercare:Outbox:BackoffSeconds", (int)outbox.BaseBackoff.TotalSeconds, 1)),
                MaxBackoff = TimeSpan.FromSeconds(Int(value, "Hypercare:Outbox:MaxBackoffSeconds", (int)outbox.MaxBackoff.TotalSeconds, 1)),
                SendTimeout = TimeSpan.FromSeconds(Int(value, "Hypercare:Outbox:SendTimeoutSeconds", (int)outbox.SendTimeout.TotalSeconds, 1)),
                Parallelism = Int(value, "Hypercare:Outbox:Parallelism", outbox.Parallelism, 1),
            },
            smtp with
            {
                Host = value("Hypercare:Smtp:Host"),
                Port = Int(value, "Hypercare:Smtp:Port", smtp.Port, 1),
                UseTls = Bool(value, "Hypercare:Smtp:UseTls", smtp.UseTls),
                User = value("Hypercare:Smtp:User"),
                Password = value("Hypercare:Smtp:Password"),
                From = value("Hypercare:Smtp:From") is { Length: > 0 } from ? from : smtp.From,
            },
            new WebhookSettings { AllowLoopbackHttp = Bool(value, "Hypercare:Webhooks:AllowLoopbackHttp", false) });
    }

    private static int Int(Func<string, string?> value, string key, int fallback, int minimum) =>
        int.TryParse(value(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? Math.Max(parsed, minimum) : fallback;

    private static bool Bool(Func<string, string?> value, string key, bool fallback) =>
        bool.TryParse(value(key), out var parsed) ? parsed : fallback;
}
