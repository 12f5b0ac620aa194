using System.Net;
using System.Net.Sockets;

namespace Hypercare.Core.Notifications.Delivery;

/// <summary>
/// Decides whether a webhook address may be called: https only (plain http only to loopback, and only when
/// <see cref="WebhookSettings.AllowLoopbackHttp"/> is set for development), no credentials in the URL, and every address
/// the host resolves to must be public — no private, loopback, link-local, multicast or reserved targets, so a webhook
/// cannot be pointed at the database or a cloud metadata endpoint. Used when an address is saved and again at send time
/// (DNS answers change). The address rules are pure; only <see cref="ValidateAsync"/> resolves.
/// </summary>
public sealed class WebhookUrlValidator(WebhookSettings settings, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

    /// <summary>The checks that need no DNS; null when the URL's form is acceptable.</summary>
    public string? CheckForm(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "The webhook address is not an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return "The webhook address must use https.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !settings.AllowLoopbackHttp)
        {
            return "The webhook address must use https.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "The webhook address must not carry credentials.";
        }

        if (string.IsNullOrEmpty(uri.IdnHost))
        {
            return "The webhook address has no host.";
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) ? CheckAddresses(uri, [literal]) : null;
    }

    /// <summary>Every check, resolving the host now; null when the address may be called.</summary>
    public async Task<string?> ValidateAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (CheckForm(url) is { } error)
        {
            return error;
        }

        var uri = new Uri(url!);
        var host = uri.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolve(host, cancellationToken);
            }
            catch (SocketException e)
            {
                return $"The webhook host {host} does not resolve ({e.SocketErrorCode}).";
            }
        }

        return addresses.Length == 0 ? $"The webhook host {host} does not resolve." : CheckAddresses(uri, addresses);
    }

    /// <summary>
    /// The webhook client's connect step: resolves the host, applies <see cref="CheckAddresses"/> to exactly the addresses
    /// it then connects to, and refuses with <see cref="WebhookAddressRefusedException"/> otherwise.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await _resolve(host, cancellationToken);
        var uri = context.InitialRequestMessage.RequestUri!;
        var refusal = addresses.Length == 0 ? $"The webhook host {host} does not resolve." : CheckAddresses(uri, addresses);
        if (refusal is not null)
        {
            throw new WebhookAddressRefusedException(refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The rule on resolved addresses: all public, or (with the development flag) all loopback.</summary>
    public string? CheckAddresses(Uri uri, IReadOnlyCollection<IPAddress> addresses)
    {
        var allLoopback = addresses.All(IPAddress.IsLoopback);
        if (settings.AllowLoopbackHttp && allLoopback)
        {
            return null;
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Plain http is allowed only to a loopback address in development.";
        }

        var refused = addresses.FirstOrDefault(a => !IsPublic(a));
        return refused is null ? null : $"The webhook host resolves to {refused}, which is not a public address.";
    }

    /// <summary>True for a globally routable unicast address.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                    // 10/8
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)    // 100.64/10 carrier-grade NAT
                || b[0] == 127                                   // 127/8 loopback
                || (b[0] == 169 && b[1] == 254)                  // 169.254/16 link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)     // 172.16/12
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0/24 protocol assignments
                || (b[0] == 192 && b[1] == 168)                  // 192.168/16
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // 198.18/15 benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            var unspecified = address.Equals(IPAddress.IPv6None);
            var nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b;
            if (nat64)
            {
                return IsPublic(new IPAddress(b[12..]));
            }

            return !(unspecified
                || IPAddress.IsLoopback(address)                 // ::1
                || (b[0] & 0xfe) == 0xfc                         // fc00::/7 unique local
                || address.IsIPv6LinkLocal                       // fe80::/10
                || address.IsIPv6SiteLocal                       // fec0::/10 (deprecated)
                || address.IsIPv6Multicast                       // ff00::/8
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)); // 2001:db8::/32 documentation
        }

        return false;
    }
}

/// <summary>A webhook address refused at connect time (it resolved to an address that may not be called).</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
