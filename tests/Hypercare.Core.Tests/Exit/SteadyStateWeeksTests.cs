using Hypercare.Core.Exit;
using Hypercare.Core.Issues;

namespace Hypercare.Core.Tests.Exit;

public class SteadyStateWeeksTests
{
    private const string Berlin = "Europe/Berlin";

    private static DateTimeOffset Local(int month, int day, int hour) => new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.FromHours(1)).ToUniversalTime();

    [Fact]
    public void Of_CountsEachNewIssueInItsLocalWeek_ByTheSameMeasureAsRuleTwo()
    {
        var steady = OwningTeam.SteadyStateTeam;
        var issues = new List<NewIssueOutcome>
        {
            // Week of Monday 2 March: one each way.
            new(1, Local(3, 2, 10), steady, Local(3, 2, 12), steady),
            new(2, Local(3, 4, 10), OwningTeam.ProjectTeam, Local(3, 4, 12), OwningTeam.ProjectTeam),
            // Sunday 15 March 23:30 in Berlin is still the week of 9 March.
            new(3, Local(3, 15, 23).AddMinutes(30), steady, Local(3, 16, 9), steady),
            // Week of 16 March: resolved by the steady-state team but rescued before, so not theirs; one still open.
            new(4, Local(3, 16, 10), steady, Local(3, 17, 10), steady),
            new(5, Local(3, 17, 10), null, null, steady),
        };

        var weeks = SteadyStateWeeks.Of(issues, [new Rescue(4, Local(3, 16, 15))], new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 18), Berlin);

        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 16)], weeks.Select(w => w.WeekStart));
        Assert.Equal((2, 1, 0, 0.5), (weeks[0].NewIssues, weeks[0].ResolvedBySteadyState, weeks[0].Rescues, weeks[0].Share));
        Assert.Equal((1, 1, 0), (weeks[1].NewIssues, weeks[1].ResolvedBySteadyState, weeks[1].Rescues));
        Assert.Equal((2, 0, 1, 0.0), (weeks[2].NewIssues, weeks[2].ResolvedBySteadyState, weeks[2].Rescues, weeks[2].Share));
    }

    [Fact]
    public void Of_WeekWithoutNewIssues_HasNoShare() =>
        Assert.Null(Assert.Single(SteadyStateWeeks.Of([], [], new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), Berlin)).Share);
}
