using Hypercare.Core.People;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.People;

/// <summary>An administrator changes accounts; the instance always keeps one active administrator.</summary>
public sealed class AccountAdministrationTests
{
    private static Task<Outcome<UserResponse>> ChangeAsync(TestStore store, int id, ChangeUserRequest request) =>
        store.RunAsync<AccountService, Outcome<UserResponse>>(a => a.ChangeUserAsync(id, request));

    private static async Task<UserResponse> UserAsync(TestStore store, string name, bool administrator) =>
        (await store.RunAsync<AccountService, Outcome<UserResponse>>(a => a.CreateUserAsync($"{name}@tests.example", name, "a-long-password-1", administrator))).Value!;

    [Fact]
    public async Task ChangeUser_LastActiveAdministrator_CannotBeDemotedOrDeactivated()
    {
        await using var store = await TestStore.CreateAsync();
        var only = await UserAsync(store, "only", administrator: true);

        var demote = await ChangeAsync(store, only.Id, new ChangeUserRequest(null, false, null));
        var deactivate = await ChangeAsync(store, only.Id, new ChangeUserRequest(null, null, false));

        Assert.Contains("isAdministrator", demote.Failure!.Errors!.Keys);
        Assert.Contains("isActive", deactivate.Failure!.Errors!.Keys);
        var after = await store.RunAsync<AccountService, User?>(a => a.FindUserAsync(only.Id));
        Assert.True(after!.IsAdministrator);
        Assert.True(after.IsActive);
    }

    [Fact]
    public async Task ChangeUser_AnotherAdministratorExists_DemotesAndDeactivationEndsSessions()
    {
        await using var store = await TestStore.CreateAsync();
        var first = await UserAsync(store, "first", administrator: true);
        await UserAsync(store, "second", administrator: true);
        var session = await store.RunAsync<SessionService, StartedSession>(s => s.StartAsync(first.Id, "192.0.2.1", "tests"));

        var demoted = await ChangeAsync(store, first.Id, new ChangeUserRequest(null, false, null));
        var stillValid = await store.RunAsync<SessionService, Caller?>(s => s.ValidateAsync(session.Key));
        var deactivated = await ChangeAsync(store, first.Id, new ChangeUserRequest(null, null, false));
        var afterDeactivation = await store.RunAsync<SessionService, Caller?>(s => s.ValidateAsync(session.Key));

        Assert.False(demoted.Value!.IsAdministrator);
        Assert.Equal(new Caller(first.Id, "first", false), stillValid);
        Assert.False(deactivated.Value!.IsActive);
        Assert.Null(afterDeactivation);
        var ended = await store.DbAsync(db => Task.FromResult(db.UserSessions.Single(s => s.Id == session.Id)));
        Assert.Equal(SessionEnd.Deactivated, ended.EndReason);
    }

    [Fact]
    public async Task ValidateSession_IdleOrPastLifetime_Ends()
    {
        await using var store = await TestStore.CreateAsync();
        var person = await UserAsync(store, "person", administrator: false);
        var idle = await store.RunAsync<SessionService, StartedSession>(s => s.StartAsync(person.Id, null, null));
        var busy = await store.RunAsync<SessionService, StartedSession>(s => s.StartAsync(person.Id, null, null));

        // The busy one is used every 11 hours for 7 days; the idle one is not touched after sign-in.
        for (var i = 0; i < 15; i++)
        {
            store.Clock.Advance(TimeSpan.FromHours(11));
            Assert.NotNull(await store.RunAsync<SessionService, Caller?>(s => s.ValidateAsync(busy.Key)));
        }

        store.Clock.Advance(TimeSpan.FromHours(11));
        Assert.Null(await store.RunAsync<SessionService, Caller?>(s => s.ValidateAsync(busy.Key)));
        Assert.Null(await store.RunAsync<SessionService, Caller?>(s => s.ValidateAsync(idle.Key)));
        var reasons = await store.DbAsync(db => Task.FromResult(db.UserSessions.OrderBy(s => s.Id).Select(s => s.EndReason).ToList()));
        Assert.Equal([SessionEnd.IdleTimeout, SessionEnd.LifetimeReached], reasons);
    }
}
