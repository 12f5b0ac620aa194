using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Hypercare.Core.Tests.Notifications;

/// <summary>
/// A real HTTP listener on 127.0.0.1 standing in for Slack or Teams. Each path answers by its own rule (given the
/// number of earlier requests to that path); every request body is recorded.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<int, (int Status, string Body, string? Location)>> _rules = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, JsonElement Body)> _received = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public IReadOnlyList<(string Path, JsonElement Body)> Received => [.. _received];

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public void On(string path, Func<int, (int Status, string Body, string? Location)> rule) => _rules[path] = rule;

    public int Count(string path) => _counts.GetValueOrDefault(path);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                var text = await reader.ReadToEndAsync();
                _received.Enqueue((path, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default));
            }

            var n = _counts.AddOrUpdate(path, 1, (_, c) => c + 1) - 1;
            var (status, body, location) = _rules.TryGetValue(path, out var rule) ? rule(n) : (200, "ok", null);
            context.Response.StatusCode = status;
            if (location is not null)
            {
                context.Response.RedirectLocation = location;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
