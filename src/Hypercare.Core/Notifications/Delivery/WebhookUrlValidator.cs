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
public sealed class WebhookUrlValidator(WebhookSettings settings, HostResolver? resolve = null)
{
    /// <summary>Names that only mean something inside a network (RFC 6761, RFC 8375, ICANN's .internal) and never reach a public host.</summary>
    private static readonly string[] LocalSuffixes = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan", ".intranet"];

    private readonly HostResolver _resolve = resolve ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));

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

        var host = uri.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return CheckAddresses(uri, [literal]);
        }

        return CheckName(host);
    }

    /// <summary>
    /// The rules on a host name before it is resolved: a trailing dot (which turns "127.0.0.1." into a name a resolver
    /// answers), localhost, a single label and the private-use suffixes are refused; with the development flag,
    /// localhost is let through to the loopback rule.
    /// </summary>
    private string? CheckName(string host)
    {
        if (host.EndsWith('.'))
        {
            return $"The webhook host {host} ends with a dot; write it without.";
        }

        var lower = host.ToLowerInvariant();
        if (lower == "localhost" || lower.EndsWith(".localhost", StringComparison.Ordinal))
        {
            return settings.AllowLoopbackHttp ? null : $"The webhook host {host} is this machine.";
        }

        if (!lower.Contains('.', StringComparison.Ordinal))
        {
            return $"The webhook host {host} is a single-label name, which resolves only inside a network.";
        }

        var suffix = LocalSuffixes.FirstOrDefault(s => lower.EndsWith(s, StringComparison.Ordinal));
        return suffix is null ? null : $"The webhook host {host} ends in {suffix}, a name for private networks.";
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
                || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // 192.0.2/24 documentation (TEST-NET-1)
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // 198.51.100/24 documentation (TEST-NET-2)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // 203.0.113/24 documentation (TEST-NET-3)
                || (b[0] == 192 && b[1] == 168)                  // 192.168/16
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))   // 198.18/15 benchmarking
                || b[0] >= 224);                                 // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            var unspecified = address.Equals(IPAddress.IPv6None);
            // Forms that carry an IPv4 address inside are judged by that address: IPv4-compatible ::a.b.c.d (deprecated,
            // but a stack may still route it), IPv4-translated ::ffff:0:a.b.c.d (SIIT), NAT64 64:ff9b::/96, and 6to4
            // 2002:aabb:ccdd::/16. Teredo 2001:0::/32 carries two (the server, and the client with its bits inverted):
            // both must be public.
            if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !unspecified && !IPAddress.IsLoopback(address))
            {
                return IsPublic(new IPAddress(b[12..]));
            }

            if (b.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
            {
                return IsPublic(new IPAddress(b[12..]));
            }

            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
            {
                // 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only (RFC 8215).
                return b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0 && IsPublic(new IPAddress(b[12..]));
            }

            if (b[0] == 0x20 && b[1] == 0x02)
            {
                return IsPublic(new IPAddress(b[2..6]));
            }

            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            {
                byte[] client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
                return IsPublic(new IPAddress(b[4..8])) && IsPublic(new IPAddress(client));
            }

            return !(unspecified
                || IPAddress.IsLoopback(address)                 // ::1
                || (b[0] & 0xfe) == 0xfc                         // fc00::/7 unique local
                || address.IsIPv6LinkLocal                       // fe80::/10
                || address.IsIPv6SiteLocal                       // fec0::/10 (deprecated)
                || address.IsIPv6Multicast                       // ff00::/8
                || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0) // 100::/64 discard-only
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)); // 2001:db8::/32 documentation
        }

        return false;
    }
}

/// <summary>Resolves a host name to its addresses (DNS in production; tests answer for the names they use).</summary>
public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken cancellationToken);

/// <summary>A webhook address refused at connect time (it resolved to an address that may not be called).</summary>
public sealed class WebhookAddressRefusedException(string message) : Exception(message);
