using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Notifications;

public sealed class OutboxDispatcherTests
{
    private static OutboxMessage Slack(TestStore store, string url, string subject = "Workaround published", string body = "Use the *Export* button.") =>
        OutboxMessage.Webhook(store.ProjectId, OutboxMessage.SlackChannel, url, subject, body, store.Clock.GetUtcNow());

    [Fact]
    public async Task DispatchAsync_SlackWebhook_PostsBlockKitWithTextFallback()
    {
        await using var receiver = new WebhookReceiver();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/services/T1/B1/x")));

        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Sent);
        var (path, body) = Assert.Single(receiver.Received);
        Assert.Equal("/services/T1/B1/x", path);
        Assert.Equal("Workaround published", body.GetProperty("text").GetString());
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        Assert.Equal("plain_text", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Workaround published", blocks[0].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal("section", blocks[1].GetProperty("type").GetString());
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("Use the *Export* button.", blocks[1].GetProperty("text").GetProperty("text").GetString());
        Assert.Equal(OutboxStatus.Sent, (await store.MessageAsync(id)).Status);
    }

    [Fact]
    public async Task DispatchAsync_TeamsWebhook_PostsAdaptiveCardEnvelope()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/webhookb2/abc", _ => (200, "1", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        await store.AddAsync(OutboxMessage.Webhook(store.ProjectId, OutboxMessage.TeamsChannel, receiver.Url("/webhookb2/abc"), "Patch 3 deployed",
            "Fixes: invoice totals.", store.Clock.GetUtcNow()));

        Assert.Equal(1, (await store.DispatchAsync()).Sent);

        var body = Assert.Single(receiver.Received).Body;
        Assert.Equal("message", body.GetProperty("type").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray().ToList());
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        Assert.Equal(JsonValueKind.Null, attachment.GetProperty("contentUrl").ValueKind);
        var card = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
        var texts = card.GetProperty("body").EnumerateArray().Select(b => (b.GetProperty("type").GetString(), b.GetProperty("text").GetString())).ToList();
        Assert.Equal([("TextBlock", "Patch 3 deployed"), ("TextBlock", "Fixes: invoice totals.")], texts);
        Assert.DoesNotContain("Action.Submit", body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ReceiverFailsThenRecovers_RetriedAfterBackoffThenSent()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/flaky", n => n == 0 ? (500, "internal error", null) : (200, "ok", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/flaky")));

        var first = await store.DispatchAsync();
        var afterFailure = await store.MessageAsync(id);
        Assert.Equal(1, first.Retrying);
        Assert.Equal(OutboxStatus.Pending, afterFailure.Status);
        Assert.Equal(1, afterFailure.Attempts);
        Assert.Contains("500", afterFailure.LastError, StringComparison.Ordinal);
        Assert.Equal(store.Clock.GetUtcNow().AddSeconds(30), afterFailure.NextAttemptAt);

        store.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await store.DispatchAsync()).Claimed);
        Assert.Equal(1, receiver.Count("/flaky"));

        store.Clock.Advance(TimeSpan.FromSeconds(1));
        var retried = await store.DispatchAsync();

        Assert.Equal(1, retried.Sent);
        Assert.Equal(2, receiver.Count("/flaky"));
        var sent = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LastError);
        Assert.Equal(store.Clock.GetUtcNow(), sent.SentAt);
    }

    [Fact]
    public async Task DispatchAsync_BackoffDoublesAndGivesUpAfterMaxAttempts_Failed()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/down", _ => (503, "unavailable", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(maxAttempts: 3), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/down")));

        await store.DispatchAsync();
        Assert.Equal(store.Clock.GetUtcNow().AddSeconds(30), (await store.MessageAsync(id)).NextAttemptAt);
        store.Clock.Advance(TimeSpan.FromSeconds(30));
        await store.DispatchAsync();
        Assert.Equal(store.Clock.GetUtcNow().AddSeconds(60), (await store.MessageAsync(id)).NextAttemptAt);
        store.Clock.Advance(TimeSpan.FromSeconds(60));
        var last = await store.DispatchAsync();

        Assert.Equal(1, last.Failed);
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(3, message.Attempts);
        Assert.Null(message.NextAttemptAt);
        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await store.DispatchAsync()).Claimed);
        Assert.Equal(3, receiver.Count("/down"));
    }

    [Fact]
    public async Task DispatchAsync_ReceiverRedirects_NotFollowedAndFailed()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/moved", _ => (302, "", receiver.Url("/elsewhere")));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/moved")));

        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Failed);
        Assert.Equal(0, receiver.Count("/elsewhere"));
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Contains("redirect", message.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DispatchAsync_OneEndpointFailing_OtherMessagesStillDelivered()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/broken", _ => (500, "boom", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var broken = await store.AddAsync(Slack(store, receiver.Url("/broken")));
        var refused = await store.AddAsync(Slack(store, "http://10.0.0.1/hook"));
        var healthy = await store.AddAsync(Slack(store, receiver.Url("/healthy")));

        var result = await store.DispatchAsync();

        Assert.Equal(new DispatchResult(3, 1, 1, 1), result);
        Assert.Equal(OutboxStatus.Sent, (await store.MessageAsync(healthy)).Status);
        Assert.Equal(OutboxStatus.Pending, (await store.MessageAsync(broken)).Status);
        Assert.Equal(OutboxStatus.Failed, (await store.MessageAsync(refused)).Status);
        Assert.Equal(1, receiver.Count("/healthy"));
    }

    [Fact]
    public async Task DispatchAsync_TeamsThrottlingIn200Body_RetriedLater()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/teams", n => n == 0 ? (200, "Microsoft Teams endpoint returned HTTP error 429", null) : (200, "1", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(OutboxMessage.Webhook(store.ProjectId, OutboxMessage.TeamsChannel, receiver.Url("/teams"), "s", "b", store.Clock.GetUtcNow()));

        Assert.Equal(1, (await store.DispatchAsync()).Retrying);
        store.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await store.DispatchAsync()).Sent);
        Assert.Equal(2, (await store.MessageAsync(id)).Attempts);
    }

    [Fact]
    public async Task DispatchAsync_SlackClientError_PermanentFailure()
    {
        await using var receiver = new WebhookReceiver();
        receiver.On("/archived", _ => (404, "channel_is_archived", null));
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/archived")));

        Assert.Equal(1, (await store.DispatchAsync()).Failed);
        var message = await store.MessageAsync(id);
        Assert.Equal(1, message.Attempts);
        Assert.Contains("channel_is_archived", message.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_ExpiredLeaseOfCrashedDispatcher_TakenOverAndSent()
    {
        await using var receiver = new WebhookReceiver();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(), daysLive: 2);
        var id = await store.AddAsync(Slack(store, receiver.Url("/lease")));
        var crashedLease = store.Clock.GetUtcNow().AddMinutes(5);
        await store.RunAsync<HypercareDbContext, int>(db =>
            db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, crashedLease)));

        Assert.Equal(0, (await store.DispatchAsync()).Claimed);
        store.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(1, (await store.DispatchAsync()).Sent);
        Assert.Equal(OutboxStatus.Sent, (await store.MessageAsync(id)).Status);
    }
}
