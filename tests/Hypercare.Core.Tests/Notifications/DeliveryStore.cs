using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Core.Tests.Notifications;

/// <summary>Core on a real SQLite file with real migrations, a fake clock and the given delivery settings; one project with a lead.</summary>
public sealed class DeliveryStore : IAsyncDisposable
{
    private readonly string _file;
    private readonly ServiceProvider _provider;

    private DeliveryStore(string file, ServiceProvider provider, FakeTimeProvider clock)
    {
        _file = file;
        _provider = provider;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public ProjectAccess Access { get; private set; } = null!;

    public int ProjectId => Access.ProjectId;

    public static DeliverySettings Settings(int? smtpPort = null, int maxAttempts = 8) => new(
        new OutboxSettings { MaxAttempts = maxAttempts, BaseBackoff = TimeSpan.FromSeconds(30), SendTimeout = TimeSpan.FromSeconds(20) },
        smtpPort is { } port ? new SmtpSettings { Host = "127.0.0.1", Port = port, UseTls = false, From = "hypercare@tests.example" } : new SmtpSettings(),
        new WebhookSettings { AllowLoopbackHttp = true });

    public static async Task<DeliveryStore> CreateAsync(DeliverySettings settings)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hypercare-core-tests");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, Guid.NewGuid().ToString("N")[..12] + ".db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(settings);
        services.AddHypercareCore(DatabaseTarget.Parse(file));
        var store = new DeliveryStore(file, services.BuildServiceProvider(), clock);
        await store.RunAsync<DatabaseMigrator, IReadOnlyList<string>>(m => m.MigrateAsync());
        var project = await store.RunAsync<ProjectService, Outcome<ProjectResponse>>(p => p.CreateAsync(Caller.System,
            new CreateProjectRequest("Delivery", "Salesforce", new DateOnly(2026, 3, 30), null, "Europe/Berlin")));
        store.Access = new ProjectAccess(project.Value!.Id, Caller.System, null);
        return store;
    }

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<DispatchResult> DispatchAsync() => RunAsync<OutboxDispatcher, DispatchResult>(d => d.DispatchAsync());

    /// <summary>A person who is a member of the project with the role.</summary>
    public async Task<UserResponse> MemberAsync(string name, ProjectRole role = ProjectRole.Triage)
    {
        var user = (await RunAsync<AccountService, Outcome<UserResponse>>(a =>
            a.CreateUserAsync($"{name.ToLowerInvariant()}@tests.example", name, "a-long-password-1", false))).Value!;
        await RunAsync<ProjectService, Outcome<MemberResponse>>(p => p.AddMemberAsync(Access, new AddMemberRequest(user.Id, null, role)));
        return user;
    }

    public Task<bool> RemoveMemberAsync(int userId) =>
        RunAsync<ProjectService, bool>(async p => (await p.RemoveMemberAsync(Access, userId)).Succeeded);

    public Task<long> AddAsync(OutboxMessage message) => RunAsync<HypercareDbContext, long>(async db =>
    {
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    });

    public Task<OutboxMessage> MessageAsync(long id) =>
        RunAsync<HypercareDbContext, OutboxMessage>(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }
}
