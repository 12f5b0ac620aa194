using Hypercare.Core.Communications;
using Hypercare.Core.Projects;
using Hypercare.Core.Tests.Infrastructure;

namespace Hypercare.Core.Tests.Communications;

/// <summary>The scheduler driven by a fake clock on a real SQLite file: DST days, restarts and the catch-up window.</summary>
public sealed class ReportSchedulerTests
{
    private static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    /// <summary>Runs a pass at every step from the clock's time until <paramref name="until"/>, as the worker would.</summary>
    private static async Task SweepAsync(TestStore store, DateTimeOffset until, TimeSpan step)
    {
        while (store.Clock.GetUtcNow() < until)
        {
            store.Clock.Advance(step);
            await store.RunDueAsync();
        }
    }

    [Fact]
    public async Task RunDueAsync_DailyAt0830AcrossSpringForward_OnePerDayAt0830Local()
    {
        await using var store = await TestStore.CreateAsync(new DateTimeOffset(2026, 3, 27, 0, 0, 0, TimeSpan.Zero), daysLive: 21);
        await store.MemberAsync("Rita", ProjectRole.Reporter);
        Assert.True((await store.ScheduleAsync(ReportKind.UserUpdate, "08:30", EveryDay, [ProjectRole.Reporter])).Succeeded);

        await SweepAsync(store, new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15));

        var sends = await store.SendsAsync();
        Assert.Equal([new DateOnly(2026, 3, 27), new DateOnly(2026, 3, 28), new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 30)],
            sends.Select(s => s.SlotDate!.Value));
        // 08:30 local is 07:30 UTC in winter time and 06:30 UTC from 29 March; each went out on the first pass at or after it.
        Assert.Equal([7, 7, 6, 6], sends.Select(s => s.SlotAt!.Value.Hour));
        Assert.All(sends, s => Assert.Equal(s.SlotAt, s.SentAt));
        Assert.All(sends, s => Assert.Equal(ReportTrigger.Schedule, s.Trigger));
        Assert.All(sends, s => Assert.Single(s.Recipients));
    }

    [Fact]
    public async Task RunDueAsync_TimeInSkippedHour_SentOnceAfterTheGap()
    {
        await using var store = await TestStore.CreateAsync(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), daysLive: 21);
        await store.ScheduleAsync(ReportKind.UserUpdate, "02:30", EveryDay, []);

        await SweepAsync(store, new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));

        var send = Assert.Single(await store.SendsAsync());
        Assert.Equal(new DateOnly(2026, 3, 29), send.SlotDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), send.SlotAt);
    }

    [Fact]
    public async Task RunDueAsync_TimeInRepeatedHour_SentOnceAtFirstOccurrence()
    {
        await using var store = await TestStore.CreateAsync(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), daysLive: 21);
        await store.ScheduleAsync(ReportKind.UserUpdate, "02:30", EveryDay, []);

        // Through both 02:30s of 25 October (00:30 and 01:30 UTC).
        await SweepAsync(store, new DateTimeOffset(2026, 10, 25, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(5));

        var send = Assert.Single(await store.SendsAsync());
        Assert.Equal(new DateOnly(2026, 10, 25), send.SlotDate);
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), send.SentAt);
    }

    [Fact]
    public async Task RunDueAsync_AfterRestart_NeitherRepeatsNorLosesTheSlot()
    {
        // Monday 2 March 2026, 07:00 UTC = 08:00 in Berlin.
        await using var store = await TestStore.CreateAsync(new DateTimeOffset(2026, 3, 2, 7, 0, 0, TimeSpan.Zero), daysLive: 21);
        await store.MemberAsync("Sam", ProjectRole.Sponsor);
        await store.ScheduleAsync(ReportKind.SponsorStatus, "08:30", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday], [ProjectRole.Sponsor]);
        store.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(1, (await store.RunDueAsync()).Sent);

        await store.RestartAsync();
        var again = await store.RunDueAsync();

        Assert.Equal(0, again.Sent);
        Assert.Equal(1, again.AlreadySent);

        // Down over Tuesday's 08:30 slot, back two hours later: inside the 6-hour window, so it is caught up once.
        store.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 9, 30, 0, TimeSpan.Zero));
        await store.RestartAsync();
        Assert.Equal(1, (await store.RunDueAsync()).Sent);
        Assert.Equal(0, (await store.RunDueAsync()).Sent);

        // Down over Wednesday's slot for longer than the window: skipped, not sent late.
        store.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero));
        await store.RestartAsync();
        var late = await store.RunDueAsync();

        var lateAgain = await store.RunDueAsync();

        Assert.Equal(0, late.Sent);
        Assert.Equal(1, late.Missed);
        // The miss is recorded once (a row that holds the slot, with no recipients); the next pass finds it taken.
        Assert.Equal(new SchedulerResult(0, 1, 0), lateAgain);
        var sends = await store.SendsAsync();
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4)], sends.Select(s => s.SlotDate!.Value));
        Assert.Equal([ReportTrigger.Schedule, ReportTrigger.Schedule, ReportTrigger.Missed], sends.Select(s => s.Trigger));
        Assert.Empty(sends[2].Recipients);
        Assert.Contains("not sent", sends[2].Subject, StringComparison.Ordinal);
        Assert.Equal(2, await store.DbAsync(db => Task.FromResult(db.OutboxMessages.Count())));
    }

    [Fact]
    public async Task RunDueAsync_ScheduleEnabledAfterTodaysTime_DoesNotSendThePastSlot()
    {
        await using var store = await TestStore.CreateAsync(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), daysLive: 21);
        await store.ScheduleAsync(ReportKind.UserUpdate, "08:30", EveryDay, []);

        var result = await store.RunDueAsync();

        Assert.Equal(0, result.Sent);
        Assert.Empty(await store.SendsAsync());
    }
}
