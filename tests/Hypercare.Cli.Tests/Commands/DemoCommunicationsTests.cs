using Hypercare.Core;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Demo;
using Hypercare.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>The demo go-live's report schedules and archive after <c>demo seed</c> (its "now" is Monday 16 March 2026, 12:00 in Berlin).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoCommunicationsTests(DemoDatabase demo)
{
    private async Task<T> DbAsync<T>(Func<HypercareDbContext, Task<T>> read)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(demo.Cli.Time);
        services.AddHypercareCore(DatabaseTarget.Parse(demo.Cli.Database));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<HypercareDbContext>());
    }

    private Task<List<ReportSend>> SendsAsync() => DbAsync(db => db.ReportSends.AsNoTracking().Include(s => s.Recipients).ThenInclude(r => r.OutboxMessage)
        .Where(s => s.ProjectId == demo.ProjectId).OrderBy(s => s.SlotAt).ToListAsync());

    [Fact]
    public async Task DemoSeed_Schedules_TheThreeReportsAreOnAtTheirTimes()
    {
        var stored = await DbAsync(db => db.ReportSchedules.AsNoTracking().Where(s => s.ProjectId == demo.ProjectId).ToListAsync());
        var schedules = stored.OrderBy(s => s.Kind).ToList();

        Assert.Equal([ReportKind.UserUpdate, ReportKind.SponsorStatus, ReportKind.Leadership], schedules.Select(s => s.Kind));
        Assert.All(schedules, s => Assert.True(s.Enabled));
        Assert.Equal([new TimeOnly(8, 30), new TimeOnly(17, 0), new TimeOnly(9, 0)], schedules.Select(s => s.LocalTime));
        DayOfWeek[] workdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
        Assert.Equal(workdays, schedules[0].Days);
        Assert.Equal(workdays, schedules[1].Days);
        Assert.Equal([DayOfWeek.Monday], schedules[2].Days);
        Assert.Equal([DemoCommunications.SteeringList], schedules[1].ExtraAddresses);
    }

    [Fact]
    public async Task DemoSeed_Archive_LatestSlotsSentToTheirRecipientsAndDelivered()
    {
        var sends = await SendsAsync();

        Assert.Equal(DemoCommunications.UserUpdates + DemoCommunications.SponsorStatuses + DemoCommunications.LeadershipReports, sends.Count);
        Assert.All(sends, s => Assert.Equal(ReportTrigger.Schedule, s.Trigger));
        var updates = sends.Where(s => s.Kind == ReportKind.UserUpdate).ToList();
        var sponsor = sends.Where(s => s.Kind == ReportKind.SponsorStatus).ToList();
        var leadership = Assert.Single(sends, s => s.Kind == ReportKind.Leadership);
        // The five workdays up to this Monday's 08:30 (the weekend has none); the sponsor status of Wed, Thu and Fri at 17:00.
        Assert.Equal([new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 13), new DateOnly(2026, 3, 16)],
            updates.Select(s => s.SlotDate!.Value));
        Assert.Equal([new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 12), new DateOnly(2026, 3, 13)], sponsor.Select(s => s.SlotDate!.Value));
        Assert.Equal(new DateOnly(2026, 3, 16), leadership.SlotDate);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 7, 30, 0, TimeSpan.Zero), updates[^1].SlotAt);
        // Every member gets the user update; the sponsor status goes to the lead, sponsor, change manager and the steering list.
        Assert.All(updates, s => Assert.Equal(13, s.Recipients.Count));
        Assert.All(sponsor, s => Assert.Equal(4, s.Recipients.Count));
        Assert.All(sponsor, s => Assert.Contains(s.Recipients, r => r.Address == DemoCommunications.SteeringList));
        Assert.Equal(3, leadership.Recipients.Count);
        Assert.All(sends.SelectMany(s => s.Recipients), r => Assert.Equal(OutboxStatus.Sent, r.OutboxMessage!.Status));
        // Realistic reports: figures and the chart in the sponsor status, the weeks in the leadership report.
        Assert.All(sponsor, s => Assert.Contains("new** issue(s)", s.Markdown, StringComparison.Ordinal));
        Assert.All(sponsor, s => Assert.Contains("src=\"data:image/png;base64,", s.Html, StringComparison.Ordinal));
        Assert.Contains("week", leadership.Markdown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DemoSeed_LatestUserUpdate_CarriesTheLeadsEdit()
    {
        var sends = await SendsAsync();

        var latest = sends.Where(s => s.Kind == ReportKind.UserUpdate).OrderBy(s => s.SlotAt).Last();
        Assert.Equal("Hanna Lead", latest.EditedByName);
        Assert.Contains(DemoCommunications.LeadNote, latest.Markdown, StringComparison.Ordinal);
        Assert.Single(sends, s => s.EditedByName is not null);
        Assert.Empty(await DbAsync(db => db.ReportDrafts.AsNoTracking().Where(d => d.ProjectId == demo.ProjectId).ToListAsync()));
    }

    [Fact]
    public async Task RunDue_OnTheDemoAtItsNow_SendsNothingOld()
    {
        var result = await demo.Cli.RunAsync("reports", "run-due", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, result.Json().GetProperty("sent").GetInt32());
        Assert.Equal(0, result.Json().GetProperty("missed").GetInt32());
        Assert.Equal(3, result.Json().GetProperty("alreadySent").GetInt32());
    }
}
