using Hypercare.Core;
using Hypercare.Core.Communications;
using Hypercare.Core.Team;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>
/// The demo's burnout flag after <c>demo seed</c> ("now" Monday 16 March 2026, 12:00 in Berlin): Priya answered Sev1s
/// from home late on each of the five nights before, outside any shift, so the after-hours flag rises on that evidence,
/// and the sponsor status shows it.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class DemoTeamHoursTests(DemoDatabase demo)
{
    [Fact]
    public async Task DemoSeed_LateNights_RaiseTheAfterHoursFlagForPriya_WithTheNightsAndTheSev1s()
    {
        var hours = await demo.ReadAsync<TeamService, TeamHoursReport>((s, a) => s.HoursAsync(a, new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 15)));

        var flag = Assert.Single(hours.Flags, f => f.Kind == BurnoutFlagKind.AfterHoursWork && f.Person.DisplayName == "Priya Natarajan");
        Assert.Equal(new DateOnly(2026, 3, 9), flag.Evidence.Week);
        Assert.True(flag.Evidence.Value > 5, flag.Summary);
        // The five late nights (she also worked past office hours earlier in that week, as the demo's triage team does).
        Assert.Subset(flag.Evidence.Days.ToHashSet(), Enumerable.Range(11, 5).Select(d => new DateOnly(2026, 3, d)).ToHashSet());
        Assert.NotEmpty(flag.Evidence.IssueIds);
        var priya = hours.People.Single(p => p.Person.DisplayName == "Priya Natarajan");
        Assert.True(priya.Weeks[0].AfterHoursOffShiftHours > 5);
    }

    [Fact]
    public async Task DemoSponsorStatus_ShowsTheTeamAndBurnoutSection_WithPriyasFlag()
    {
        var content = await demo.ReadAsync<ReportGenerator, ReportContent>(async (s, a) =>
            (Outcome<ReportContent>)await s.GenerateAsync(a.ProjectId, ReportKind.SponsorStatus, CliRunner.Now));

        Assert.Contains("## Team and burnout", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("Priya Natarajan worked", content.Markdown, StringComparison.Ordinal);
    }
}
