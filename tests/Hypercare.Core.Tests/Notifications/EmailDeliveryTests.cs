using Hypercare.Core.Notifications;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.Notifications;

public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task DispatchAsync_EmailToMember_ArrivesAtSmtpServerAndIsSent()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var member = await store.MemberAsync("Tess");
        var id = await store.AddAsync(OutboxMessage.Email(store.ProjectId, member.Id, member.Email, "Sev1 breach: ERP login fails",
            "Issue 42 breached its resolution target.", store.Clock.GetUtcNow()));

        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Sent);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal(member.Email, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("hypercare@tests.example", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal("Sev1 breach: ERP login fails", mail.Subject);
        Assert.Contains("Issue 42 breached its resolution target.", mail.TextBody, StringComparison.Ordinal);
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Sent, message.Status);
        Assert.Equal(store.Clock.GetUtcNow(), message.SentAt);
        Assert.Equal(1, message.Attempts);
        Assert.Null(message.ClaimedUntil);
    }

    [Fact]
    public async Task DispatchAsync_SentMessage_NotSentAgain()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var member = await store.MemberAsync("Once");
        await store.AddAsync(OutboxMessage.Email(store.ProjectId, member.Id, member.Email, "s", "b", store.Clock.GetUtcNow()));

        await store.DispatchAsync();
        store.Clock.Advance(TimeSpan.FromHours(1));
        var second = await store.DispatchAsync();

        Assert.Equal(0, second.Claimed);
        Assert.Single(smtp.Messages);
    }

    [Fact]
    public async Task DispatchAsync_RecipientNoLongerMember_FailedAndNotSent()
    {
        await using var smtp = await new LocalSmtpServer().ReadyAsync();
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtp.Port), daysLive: 2);
        var member = await store.MemberAsync("Leaver");
        var id = await store.AddAsync(OutboxMessage.Email(store.ProjectId, member.Id, member.Email, "Breach", "Confidential detail", store.Clock.GetUtcNow()));
        Assert.True(await store.RemoveMemberAsync(member.Id));

        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Failed);
        Assert.Empty(smtp.Messages);
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal("recipient no longer a member", message.LastError);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public async Task DispatchAsync_SmtpServerDown_StaysPendingWithBackoff()
    {
        int port;
        await using (var gone = await new LocalSmtpServer().ReadyAsync())
        {
            port = gone.Port;
        }

        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(port), daysLive: 2);
        var member = await store.MemberAsync("Waiting");
        var id = await store.AddAsync(OutboxMessage.Email(store.ProjectId, member.Id, member.Email, "s", "b", store.Clock.GetUtcNow()));

        var result = await store.DispatchAsync();

        Assert.Equal(1, result.Retrying);
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(store.Clock.GetUtcNow().AddSeconds(30), message.NextAttemptAt);
        Assert.NotNull(message.LastError);
    }

    [Fact]
    public async Task DispatchAsync_SmtpNotConfigured_EmailWaitsUntouched()
    {
        await using var store = await TestStore.CreateAsync(delivery: TestStore.Delivery(smtpPort: null), daysLive: 2);
        var member = await store.MemberAsync("Patient");
        var id = await store.AddAsync(OutboxMessage.Email(store.ProjectId, member.Id, member.Email, "s", "b", store.Clock.GetUtcNow()));

        var result = await store.DispatchAsync();

        Assert.Equal(0, result.Claimed);
        var message = await store.MessageAsync(id);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
    }
}
