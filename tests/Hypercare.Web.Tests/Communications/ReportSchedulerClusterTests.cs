using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Notifications.Delivery;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Web.Tests.Communications;

/// <summary>Two schedulers (as two app nodes) on one PostgreSQL database race for the same slots.</summary>
public sealed class ReportSchedulerClusterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 6, 0, 0, TimeSpan.Zero));
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestDatabases.NewPostgresDatabaseAsync();

    public Task DisposeAsync() => TestDatabases.DropPostgresDatabaseAsync(_database);

    private ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddLogging();
        services.AddSingleton(new DeliverySettings(new OutboxSettings(), new SmtpSettings(), new WebhookSettings()));
        services.AddHypercareCore(DatabaseTarget.Parse(_database));
        return services.BuildServiceProvider();
    }

    private static async Task<T> RunAsync<TService, T>(ServiceProvider node, Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = node.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    [Fact]
    public async Task RunDueAsync_TwoNodesOnPostgres_EachSlotSentOnceWithOneMessagePerRecipient()
    {
        await using var first = Node();
        await using var second = Node();
        var project = (await RunAsync<ProjectService, Outcome<ProjectResponse>>(first, p => p.CreateAsync(Caller.System,
            new CreateProjectRequest("Cluster", "Salesforce", new DateOnly(2026, 2, 2), null, "Europe/Berlin")))).Value!;
        var access = new ProjectAccess(project.Id, Caller.System, null);
        for (var i = 0; i < 3; i++)
        {
            var user = (await RunAsync<AccountService, Outcome<UserResponse>>(first, a => a.CreateUserAsync($"member{i}@cluster.example", $"Member {i}", "a-long-password-1", false))).Value!;
            await RunAsync<ProjectService, Outcome<MemberResponse>>(first, p => p.AddMemberAsync(access, new AddMemberRequest(user.Id, null, ProjectRole.Sponsor)));
        }

        var everyDay = Enum.GetValues<DayOfWeek>();
        foreach (var (kind, time) in new[] { (ReportKind.UserUpdate, "08:30"), (ReportKind.SponsorStatus, "17:00") })
        {
            Assert.True((await RunAsync<CommunicationsService, Outcome<ScheduleResponse>>(first, c => c.PutScheduleAsync(access, kind,
                new ScheduleRequest(true, time, everyDay, [ProjectRole.Sponsor], [], true, null, null, null)))).Succeeded);
        }

        // Three days in 30-minute steps; at each step both nodes run a pass at the same moment.
        for (var step = 0; step < 3 * 48; step++)
        {
            _clock.Advance(TimeSpan.FromMinutes(30));
            await Task.WhenAll(
                Task.Run(() => RunAsync<ReportScheduler, SchedulerResult>(first, s => s.RunDueAsync())),
                Task.Run(() => RunAsync<ReportScheduler, SchedulerResult>(second, s => s.RunDueAsync())));
        }

        await using var db = TestDatabases.NewContext(Engine.Postgres, _database);
        var sends = await db.ReportSends.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync();
        Assert.Equal(6, sends.Count);
        Assert.Equal(3, sends.Count(s => s.Kind == ReportKind.UserUpdate));
        Assert.Equal(3, sends.Count(s => s.Kind == ReportKind.SponsorStatus));
        Assert.Equal(6, sends.Select(s => (s.Kind, s.SlotDate)).Distinct().Count());
        Assert.Equal(18, await db.OutboxMessages.CountAsync(m => m.ProjectId == project.Id));
        Assert.Equal(18, await db.ReportRecipients.CountAsync());
    }
}
