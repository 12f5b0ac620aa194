using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Core.Tests.Communications;

/// <summary>
/// Core on a real SQLite file with real migrations and a fake clock, as one app node that can be restarted: a restart
/// throws the service provider away and builds a new one over the same file (nothing in memory survives).
/// </summary>
public sealed class ReportStore : IAsyncDisposable
{
    private readonly string _file;
    private readonly DeliverySettings _settings;
    private ServiceProvider _provider;

    private ReportStore(string file, DeliverySettings settings, FakeTimeProvider clock)
    {
        _file = file;
        _settings = settings;
        Clock = clock;
        _provider = Build();
    }

    public FakeTimeProvider Clock { get; }

    public ProjectAccess Access { get; private set; } = null!;

    public int ProjectId => Access.ProjectId;

    public static async Task<ReportStore> CreateAsync(DateTimeOffset start, DeliverySettings? settings = null, string timeZoneId = "Europe/Berlin")
    {
        var folder = Path.Combine(Path.GetTempPath(), "hypercare-core-tests");
        Directory.CreateDirectory(folder);
        var store = new ReportStore(Path.Combine(folder, Guid.NewGuid().ToString("N")[..12] + ".db"),
            settings ?? Notifications.DeliveryStore.Settings(), new FakeTimeProvider(start));
        await store.RunAsync<DatabaseMigrator, IReadOnlyList<string>>(m => m.MigrateAsync());
        var goLive = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-21);
        var project = await store.RunAsync<ProjectService, Outcome<ProjectResponse>>(p => p.CreateAsync(Caller.System,
            new CreateProjectRequest("Atlas", "Salesforce", goLive, null, timeZoneId)));
        store.Access = new ProjectAccess(project.Value!.Id, Caller.System, null);
        return store;
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(_settings);
        services.AddSingleton(new ReportSettings { CatchUpWindow = TimeSpan.FromHours(6), PublicUrl = "https://hypercare.example.com" });
        services.AddLogging();
        services.AddHypercareCore(DatabaseTarget.Parse(_file));
        return services.BuildServiceProvider();
    }

    /// <summary>Stops this node and starts a fresh one on the same database.</summary>
    public async Task RestartAsync()
    {
        await _provider.DisposeAsync();
        _provider = Build();
    }

    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> action) => RunAsync(action);

    public Task<SchedulerResult> RunDueAsync() => RunAsync<ReportScheduler, SchedulerResult>(s => s.RunDueAsync());

    public Task<DispatchResult> DispatchAsync() => RunAsync<OutboxDispatcher, DispatchResult>(d => d.DispatchAsync());

    public async Task<UserResponse> MemberAsync(string name, ProjectRole role)
    {
        var user = (await RunAsync<AccountService, Outcome<UserResponse>>(a =>
            a.CreateUserAsync($"{name.ToLowerInvariant()}@tests.example", name, "a-long-password-1", false))).Value!;
        await RunAsync<ProjectService, Outcome<MemberResponse>>(p => p.AddMemberAsync(Access, new AddMemberRequest(user.Id, null, role)));
        return user;
    }

    public Task<Outcome<ScheduleResponse>> ScheduleAsync(ReportKind kind, string time, DayOfWeek[] days, ProjectRole[] roles, string? slack = null, string? teams = null) =>
        RunAsync<CommunicationsService, Outcome<ScheduleResponse>>(c => c.PutScheduleAsync(Access, kind,
            new ScheduleRequest(true, time, days, roles, [], true, slack, teams, null)));

    public Task<List<ReportSend>> SendsAsync() =>
        DbAsync(db => db.ReportSends.AsNoTracking().Include(s => s.Recipients).OrderBy(s => s.SentAt).ToListAsync());

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
