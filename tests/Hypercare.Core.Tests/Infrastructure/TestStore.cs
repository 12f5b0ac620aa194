using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Core.Tests.Infrastructure;

/// <summary>
/// Core as one app node on a real SQLite file with real migrations and a fake clock, with one project. The node can be
/// restarted: the service provider is thrown away and a new one built over the same file (nothing in memory survives).
/// Feature helpers (imports, reports, deliveries) are extension methods in the feature's test folder.
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    /// <summary>The instant the clock starts at unless a test says otherwise: a Wednesday morning, four weeks after go-live.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly DeliverySettings _delivery;
    private ServiceProvider _provider;

    private TestStore(string file, DeliverySettings delivery, FakeTimeProvider clock)
    {
        File = file;
        _delivery = delivery;
        Clock = clock;
        _provider = Build();
    }

    public string File { get; }

    public FakeTimeProvider Clock { get; }

    public ProjectAccess Access { get; private set; } = null!;

    public int ProjectId => Access.ProjectId;

    /// <summary>
    /// A store whose clock starts at <paramref name="start"/> with one project that went live <paramref name="daysLive"/>
    /// days before (or on <paramref name="goLive"/>), in <paramref name="timeZone"/>.
    /// </summary>
    public static async Task<TestStore> CreateAsync(DateTimeOffset? start = null, DeliverySettings? delivery = null, string timeZone = "Europe/Berlin",
        DateOnly? goLive = null, int daysLive = 30)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hypercare-core-tests");
        Directory.CreateDirectory(folder);
        var clock = new FakeTimeProvider(start ?? DefaultStart);
        var store = new TestStore(Path.Combine(folder, Guid.NewGuid().ToString("N")[..12] + ".db"), delivery ?? Delivery(), clock);
        await store.RunAsync<DatabaseMigrator, IReadOnlyList<string>>(m => m.MigrateAsync());
        var live = goLive ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-daysLive);
        var project = await store.RunAsync<ProjectService, Outcome<ProjectResponse>>(p => p.CreateAsync(Caller.System,
            new CreateProjectRequest("Atlas", "Salesforce", live, null, timeZone)));
        store.Access = new ProjectAccess(project.Value!.Id, Caller.System, null);
        return store;
    }

    /// <summary>Delivery settings for tests: the local SMTP server when a port is given, loopback webhooks allowed, short back-off.</summary>
    public static DeliverySettings Delivery(int? smtpPort = null, int maxAttempts = 8) => new(
        new OutboxSettings { MaxAttempts = maxAttempts, BaseBackoff = TimeSpan.FromSeconds(30), SendTimeout = TimeSpan.FromSeconds(20) },
        smtpPort is { } port ? new SmtpSettings { Host = "127.0.0.1", Port = port, UseTls = false, From = "hypercare@tests.example" } : new SmtpSettings(),
        new WebhookSettings { AllowLoopbackHttp = true });

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(_delivery);
        services.AddSingleton(new ReportSettings { CatchUpWindow = TimeSpan.FromHours(6), PublicUrl = "https://hypercare.example.com" });
        services.AddLogging();
        services.AddHypercareCore(DatabaseTarget.Parse(File));
        return services.BuildServiceProvider();
    }

    /// <summary>Stops this node and starts a fresh one on the same database.</summary>
    public async Task RestartAsync()
    {
        await _provider.DisposeAsync();
        _provider = Build();
    }

    /// <summary>Runs an action on a service in its own scope, as the system (audited like any request).</summary>
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> action) => RunAsync(action);

    public Task<DispatchResult> DispatchAsync() => RunAsync<OutboxDispatcher, DispatchResult>(d => d.DispatchAsync());

    /// <summary>A person who is a member of the project with the role.</summary>
    public async Task<UserResponse> MemberAsync(string name, ProjectRole role = ProjectRole.Triage)
    {
        var user = (await RunAsync<AccountService, Outcome<UserResponse>>(a =>
            a.CreateUserAsync($"{name.ToLowerInvariant()}@tests.example", name, "a-long-password-1", false))).Value!;
        await RunAsync<ProjectService, Outcome<MemberResponse>>(p => p.AddMemberAsync(Access, new AddMemberRequest(user.Id, null, role)));
        return user;
    }

    /// <summary>The member's access to the project, as a request signed in as them would carry.</summary>
    public ProjectAccess As(UserResponse user, ProjectRole role) => new(ProjectId, new Caller(user.Id, user.DisplayName, false), role);

    public async Task<int> CountAsync(string table)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL on the store's file (e.g. a trigger that makes writes fail).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={File}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            System.IO.File.Delete(File + suffix);
        }
    }
}
