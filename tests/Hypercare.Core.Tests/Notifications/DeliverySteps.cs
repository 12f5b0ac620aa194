using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Tests.Notifications;

/// <summary>What delivery tests do to a <see cref="TestStore"/>: put messages in the outbox and read them back.</summary>
public static class DeliverySteps
{
    public static Task<bool> RemoveMemberAsync(this TestStore store, int userId) =>
        store.RunAsync<ProjectService, bool>(async p => (await p.RemoveMemberAsync(store.Access, userId)).Succeeded);

    public static Task<long> AddAsync(this TestStore store, OutboxMessage message) => store.DbAsync(async db =>
    {
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    public static Task<OutboxMessage> MessageAsync(this TestStore store, long id) =>
        store.DbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
}
