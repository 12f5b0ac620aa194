using System.Collections.Concurrent;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Web.Tests.Notifications;

/// <summary>Two dispatchers (as two app nodes) on one PostgreSQL database, against a real Kestrel receiver.</summary>
public sealed class OutboxClaimingTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private WebApplication _receiver = null!;
    private string _receiverUrl = "";
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await TestDatabases.NewPostgresDatabaseAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = builder.Build();
        _receiver.MapPost("/hook/{n}", (string n) =>
        {
            _hits.AddOrUpdate(n, 1, (_, c) => c + 1);
            return Results.Text("ok");
        });
        await _receiver.StartAsync();
        _receiverUrl = _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await TestDatabases.DropPostgresDatabaseAsync(_database);
    }

    private ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(new DeliverySettings(new OutboxSettings { BatchSize = 7 }, new SmtpSettings(), new WebhookSettings { AllowLoopbackHttp = true }));
        services.AddHypercareCore(DatabaseTarget.Parse(_database));
        return services.BuildServiceProvider();
    }

    private static async Task<DispatchResult> DispatchAsync(ServiceProvider node)
    {
        await using var scope = node.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync();
    }

    [Fact]
    public async Task DispatchAsync_TwoNodesConcurrently_EachMessageDeliveredOnce()
    {
        const int count = 60;
        await using (var db = TestDatabases.NewContext(Engine.Postgres, _database))
        {
            for (var i = 0; i < count; i++)
            {
                db.OutboxMessages.Add(OutboxMessage.Webhook(null, i % 2 == 0 ? OutboxMessage.SlackChannel : OutboxMessage.TeamsChannel,
                    $"{_receiverUrl}/hook/{i}", $"Message {i}", "b", _clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        await using var first = Node();
        await using var second = Node();
        var results = await Task.WhenAll(Task.Run(() => DispatchAsync(first)), Task.Run(() => DispatchAsync(second)),
            Task.Run(() => DispatchAsync(first)), Task.Run(() => DispatchAsync(second)));

        Assert.Equal(count, results.Sum(r => r.Sent));
        Assert.Equal(count, results.Sum(r => r.Claimed));
        Assert.Equal(count, _hits.Count);
        Assert.All(_hits, hit => Assert.Equal(1, hit.Value));
        await using var check = TestDatabases.NewContext(Engine.Postgres, _database);
        Assert.Equal(count, await check.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent && m.ClaimedUntil == null));
    }
}
