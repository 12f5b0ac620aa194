using System.Globalization;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>The demo go-live's next standup agenda after <c>demo seed</c> ("now" Monday 16 March 2026, 12:00 in Berlin), through the CLI.</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoStandupTests(DemoDatabase demo)
{
    private string Project => demo.ProjectId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task StandupAgenda_Markdown_NamesTheNextStandupAndCarriesTheOpenActionsWithTheOverdueOne()
    {
        var run = await demo.Cli.RunAsync("standup", "agenda", "--project", Project);

        Assert.True(run.ExitCode == 0, run.ToString());
        // Today's 09:15 standup is over: the next is Tuesday's, and the agenda covers what happened since this morning's.
        Assert.Contains("Next standup: Tue 17 Mar 09:15", run.Out, StringComparison.Ordinal);
        Assert.Contains("Since Mon 16 Mar 09:15 (Europe/Berlin)", run.Out, StringComparison.Ordinal);
        Assert.Contains("- Train the southern sales team on converting leads (Chloé Change, due 2026-03-15, OVERDUE; from 2026-03-13)", run.Out, StringComparison.Ordinal);
        Assert.Contains("- Check forecast sharing rules for the northern territory (Priya Natarajan, due 2026-03-17; from 2026-03-16)", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("password rotation", run.Out, StringComparison.Ordinal);
        Assert.Contains("## On duty, next 24 hours", run.Out, StringComparison.Ordinal);
        Assert.Contains("## Exit criteria", run.Out, StringComparison.Ordinal);
        // The burnout flags come from the rota's hours: Priya's late nights on the Sev1s raise one.
        var burnout = run.Out[run.Out.IndexOf("## Burnout flags", StringComparison.Ordinal)..run.Out.IndexOf("## On duty", StringComparison.Ordinal)];
        Assert.Contains("Priya Natarajan", burnout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StandupAgenda_Json_HasTheSameActionsAndOnDutyShifts()
    {
        var run = await demo.Cli.RunAsync("standup", "agenda", "--project", Project, "--format", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var agenda = run.Json();
        Assert.Equal(2, agenda.GetProperty("openActions").GetArrayLength());
        Assert.True(agenda.GetProperty("onDuty").GetArrayLength() > 0, agenda.ToString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-17T08:15:00Z", CultureInfo.InvariantCulture), agenda.GetProperty("next").GetProperty("start").GetDateTimeOffset());
    }

    [Fact]
    public async Task StandupAgenda_UnknownFormat_ExitsTwoNamingTheOption()
    {
        var run = await demo.Cli.RunAsync("standup", "agenda", "--project", Project, "--format", "pdf");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--format", run.Error, StringComparison.Ordinal);
    }
}
