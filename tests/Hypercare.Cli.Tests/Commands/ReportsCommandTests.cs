using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Audit;
using Hypercare.Core.Communications;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>
/// A small go-live for the reports commands, written through Core on the CLI's database at the CLI's clock (Monday
/// 16 March 2026, 12:00 in Berlin): one member per role, two Sev1 issues and one Sev3, and the user update scheduled
/// at 08:30 Monday to Friday to every role.
/// </summary>
internal sealed class ReportsData : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private ReportsData(CliRunner cli)
    {
        Cli = cli;
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(cli.Time);
        services.AddLogging();
        services.AddHypercareCore(DatabaseTarget.Parse(cli.Database));
        _provider = services.BuildServiceProvider();
    }

    public CliRunner Cli { get; }

    public int ProjectId { get; private set; }

    public string Project => ProjectId.ToString(CultureInfo.InvariantCulture);

    public IReadOnlyList<string> Emails { get; private set; } = [];

    public static async Task<ReportsData> CreateAsync(CliRunner cli)
    {
        var migrated = await cli.RunAsync("db", "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        var data = new ReportsData(cli);
        await data.SeedAsync();
        return data;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = Caller.System;
        return await work(scope.ServiceProvider);
    }

    private async Task<ProjectAccess> AccessAsync(IServiceProvider s) =>
        (await s.GetRequiredService<ProjectService>().AccessAsync(Caller.System, ProjectId))!;

    private async Task SeedAsync()
    {
        var project = await InScopeAsync(async s => (await s.GetRequiredService<ProjectService>().CreateAsync(Caller.System,
            new CreateProjectRequest("CRM go-live", "Salesforce Sales Cloud", new DateOnly(2026, 3, 9), new DateOnly(2026, 4, 10), "Europe/Berlin"))).Value!);
        ProjectId = project.Id;
        var emails = new List<string>();
        int reporter = 0;
        foreach (var role in Enum.GetValues<ProjectRole>())
        {
            var email = $"{role}@reports.test".ToLowerInvariant();
            emails.Add(email);
            var id = await InScopeAsync(async s =>
            {
                var user = (await s.GetRequiredService<AccountService>().CreateUserAsync(email, $"{role} person", "reports-password-123", false)).Value!;
                Assert.True((await s.GetRequiredService<ProjectService>().AddMemberAsync(await AccessAsync(s), new AddMemberRequest(user.Id, null, role))).Succeeded);
                return user.Id;
            });
            reporter = role == ProjectRole.Reporter ? id : reporter;
        }

        Emails = emails;
        foreach (var (title, severity) in new[] { ("Cannot save opportunities", Severity.Sev1), ("Quotes lose their discount", Severity.Sev1), ("Report totals off by one", Severity.Sev3) })
        {
            await InScopeAsync(async s =>
            {
                var issue = await s.GetRequiredService<IssueService>().ReportAsync(await AccessAsync(s),
                    new ReportIssueRequest(title, "Steps to reproduce ...", "Sales", severity, null, reporter));
                Assert.True(issue.Succeeded, issue.Failure?.Message);
                return issue.Value!.Id;
            });
        }

        await InScopeAsync(async s =>
        {
            var schedule = await s.GetRequiredService<CommunicationsService>().PutScheduleAsync(await AccessAsync(s), ReportKind.UserUpdate,
                new ScheduleRequest(true, "08:30", [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
                    [.. Enum.GetValues<ProjectRole>()], [], true, null, null, null));
            Assert.True(schedule.Succeeded, schedule.Failure?.Message);
            return schedule.Value!;
        });
    }

    public Task<List<ReportSend>> SendsAsync() => InScopeAsync(s => s.GetRequiredService<HypercareDbContext>().ReportSends.AsNoTracking()
        .Include(r => r.Recipients).Where(r => r.ProjectId == ProjectId).OrderBy(r => r.Id).ToListAsync());

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}

public sealed class ReportsCommandTests : IDisposable
{
    /// <summary>Tuesday 17 March 2026, 08:30 in Berlin (CET), the user update's slot.</summary>
    private static readonly DateTimeOffset TuesdaySlot = new(2026, 3, 17, 7, 30, 0, TimeSpan.Zero);

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Preview_Markdown_PrintsTheSponsorStatusOfTheLiveData()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        var result = await _cli.RunAsync("reports", "preview", "--project", data.Project, "--kind", "sponsor-status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("# CRM go-live: sponsor status, ", result.Out, StringComparison.Ordinal);
        Assert.Contains("**3 new** issue(s); **3 open** in total (2 Sev1, 0 Sev2, 1 Sev3)", result.Out, StringComparison.Ordinal);
        Assert.Contains("| Sev1 | 2 | 2 |", result.Out, StringComparison.Ordinal);
        Assert.Contains("![New and open issues by severity](chart:", result.Out, StringComparison.Ordinal);
        // A preview sends and archives nothing.
        Assert.Empty(await data.SendsAsync());
    }

    [Fact]
    public async Task Preview_Json_HasMarkdownHtmlAndChatForms()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        var result = await _cli.RunAsync("reports", "preview", "--project", data.Project, "--kind", "user-update", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        Assert.Equal("user-update", json.GetProperty("slug").GetString());
        Assert.Equal("2026-03-16", json.GetProperty("forDate").GetString());
        Assert.Contains("# CRM go-live", json.GetProperty("markdown").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", json.GetProperty("html").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("slackText").GetString()));
        Assert.False(json.GetProperty("edited").GetBoolean());
    }

    [Fact]
    public async Task Send_UserUpdate_ArchivesOnceWithEveryMemberAsRecipient()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        var result = await _cli.RunAsync("reports", "send", "--project", data.Project, "--kind", "user-update", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json();
        var sends = await data.SendsAsync();
        var send = Assert.Single(sends);
        Assert.Equal(json.GetProperty("key").GetString(), send.Key);
        Assert.Equal(ReportTrigger.Manual, send.Trigger);
        Assert.Equal(data.Emails.Order(StringComparer.Ordinal), send.Recipients.Select(r => r.Address).Order(StringComparer.Ordinal));
        Assert.All(send.Recipients, r => Assert.NotNull(r.OutboxMessageId));
        Assert.Equal(data.Emails.Count, json.GetProperty("recipients").GetArrayLength());
        // The JSON answer leaves out the bulky text; the archive holds it.
        Assert.Equal("", json.GetProperty("html").GetString());
        Assert.Contains("CRM go-live", send.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Table_SaysWhereItWentAndTheArchiveKey()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        var result = await _cli.RunAsync("reports", "send", "--project", data.Project, "--kind", "sponsor-status");

        Assert.True(result.ExitCode == 0, result.ToString());
        var send = Assert.Single(await data.SendsAsync());
        // The default sponsor status goes to the lead, the sponsor and the change manager.
        Assert.Equal(3, send.Recipients.Count);
        Assert.Contains($"to 3 recipient(s); archive key {send.Key}.", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_AtTheSlotThenAgain_SendsTheSlotOnceAndThenNothing()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        _cli.Time.SetUtcNow(TuesdaySlot.AddMinutes(-1));
        var early = await _cli.RunAsync("reports", "run-due", "--format", "json");
        _cli.Time.SetUtcNow(TuesdaySlot.AddMinutes(2));
        var due = await _cli.RunAsync("reports", "run-due", "--format", "json");
        var again = await _cli.RunAsync("reports", "run-due");

        Assert.True(early.ExitCode == 0, early.ToString());
        Assert.Equal(0, early.Json().GetProperty("sent").GetInt32());
        Assert.True(due.ExitCode == 0, due.ToString());
        Assert.Equal(1, due.Json().GetProperty("sent").GetInt32());
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("Sent: 0; already sent: 1; past the catch-up window: 0", again.Out.Trim());
        var send = Assert.Single(await data.SendsAsync());
        Assert.Equal(ReportTrigger.Schedule, send.Trigger);
        Assert.Equal(new DateOnly(2026, 3, 17), send.SlotDate);
        Assert.Equal(TuesdaySlot, send.SlotAt);
        Assert.Equal(data.Emails.Count, send.Recipients.Count);
    }

    [Fact]
    public async Task RunDue_PastTheCatchUpWindow_RecordsTheMissOnceAndSendsNothing()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        _cli.Time.SetUtcNow(TuesdaySlot.AddHours(7));
        var late = await _cli.RunAsync("reports", "run-due", "--format", "json");
        var again = await _cli.RunAsync("reports", "run-due", "--format", "json");

        Assert.Equal(0, late.Json().GetProperty("sent").GetInt32());
        Assert.Equal(1, late.Json().GetProperty("missed").GetInt32());
        Assert.Equal(0, again.Json().GetProperty("missed").GetInt32());
        var missed = Assert.Single(await data.SendsAsync());
        Assert.Equal(ReportTrigger.Missed, missed.Trigger);
        Assert.Empty(missed.Recipients);
    }

    [Fact]
    public async Task Preview_UnknownKind_ExitsTwoNamingKind()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        var result = await _cli.RunAsync("reports", "preview", "--project", data.Project, "--kind", "weekly-gossip");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--kind", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }
}

/// <summary>The scheduler pass on PostgreSQL, as cron runs it in production.</summary>
public sealed class ReportsRunDuePostgresTests : IAsyncLifetime, IDisposable
{
    private readonly PostgresDatabase _database = new();
    private readonly CliRunner _cli;

    public ReportsRunDuePostgresTests() => _cli = new CliRunner(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task RunDue_Postgres_SendsTheDueSlotOnce()
    {
        await using var data = await ReportsData.CreateAsync(_cli);

        _cli.Time.SetUtcNow(new DateTimeOffset(2026, 3, 17, 7, 31, 0, TimeSpan.Zero));
        var due = await _cli.RunAsync("reports", "run-due", "--format", "json");
        var again = await _cli.RunAsync("reports", "run-due", "--format", "json");

        Assert.True(due.ExitCode == 0, due.ToString());
        Assert.Equal(1, due.Json().GetProperty("sent").GetInt32());
        Assert.Equal(0, again.Json().GetProperty("sent").GetInt32());
        Assert.Equal(1, again.Json().GetProperty("alreadySent").GetInt32());
        Assert.Single(await data.SendsAsync());
    }
}
