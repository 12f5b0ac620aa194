using Hypercare.Core.Issues;

namespace Hypercare.Core.Tests.Issues;

public class IssueLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static Issue NewIssue() => Issue.Report(1, 7, "Quote PDF wrong", "details", "Quotes", Severity.Sev2, null, Now);

    private static Issue At(params IssueStatus[] path)
    {
        var issue = NewIssue();
        foreach (var step in path)
        {
            Assert.Null(step == IssueStatus.Triaged
                ? issue.Triage(Severity.Sev2, IssueCategory.Defect, OwningTeam.ProjectTeam, 8, Now)
                : issue.TransitionTo(step, Now, step == IssueStatus.Duplicate ? 99 : null));
        }

        return issue;
    }

    [Theory]
    [InlineData(IssueStatus.New, IssueStatus.Triaged)]
    [InlineData(IssueStatus.Triaged, IssueStatus.InProgress)]
    [InlineData(IssueStatus.InProgress, IssueStatus.WaitingOnReporter)]
    [InlineData(IssueStatus.WaitingOnReporter, IssueStatus.InProgress)]
    [InlineData(IssueStatus.InProgress, IssueStatus.Fixed)]
    [InlineData(IssueStatus.Fixed, IssueStatus.Resolved)]
    [InlineData(IssueStatus.Resolved, IssueStatus.Closed)]
    [InlineData(IssueStatus.New, IssueStatus.Duplicate)]
    [InlineData(IssueStatus.New, IssueStatus.WontFix)]
    [InlineData(IssueStatus.Resolved, IssueStatus.InProgress)]
    [InlineData(IssueStatus.Closed, IssueStatus.InProgress)]
    [InlineData(IssueStatus.Duplicate, IssueStatus.InProgress)]
    [InlineData(IssueStatus.WontFix, IssueStatus.InProgress)]
    public void CanMove_DocumentedTransitions_AreAllowed(IssueStatus from, IssueStatus to) =>
        Assert.True(IssueLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(IssueStatus.New, IssueStatus.InProgress)]
    [InlineData(IssueStatus.New, IssueStatus.Fixed)]
    [InlineData(IssueStatus.New, IssueStatus.Resolved)]
    [InlineData(IssueStatus.New, IssueStatus.Closed)]
    [InlineData(IssueStatus.Triaged, IssueStatus.Closed)]
    [InlineData(IssueStatus.Fixed, IssueStatus.Closed)]
    [InlineData(IssueStatus.Closed, IssueStatus.Resolved)]
    [InlineData(IssueStatus.WaitingOnReporter, IssueStatus.Fixed)]
    [InlineData(IssueStatus.Resolved, IssueStatus.Triaged)]
    public void CanMove_SkippingSteps_IsRefused(IssueStatus from, IssueStatus to) =>
        Assert.False(IssueLifecycle.CanMove(from, to));

    [Fact]
    public void CanMove_NoStatusMovesToItself()
    {
        foreach (var status in Enum.GetValues<IssueStatus>())
        {
            Assert.False(IssueLifecycle.CanMove(status, status), $"{status} -> {status}");
        }
    }

    [Fact]
    public void AllowedFrom_EveryStatusHasAWayOut()
    {
        foreach (var status in Enum.GetValues<IssueStatus>())
        {
            Assert.NotEmpty(IssueLifecycle.AllowedFrom(status));
        }
    }

    [Fact]
    public void TransitionTo_Illegal_ReturnsMessageNamingAllowedTargetsAndLeavesIssueAlone()
    {
        var issue = NewIssue();

        var refusal = issue.TransitionTo(IssueStatus.Closed, Now.AddHours(1));

        Assert.Equal("An issue that is New cannot move to Closed. From New it can move to: Duplicate, Won't fix.", refusal);
        Assert.Equal(IssueStatus.New, issue.Status);
        Assert.Equal(Now, issue.UpdatedAt);
    }

    [Fact]
    public void TransitionTo_DuplicateWithoutOriginal_IsRefused()
    {
        var issue = NewIssue();

        Assert.NotNull(issue.TransitionTo(IssueStatus.Duplicate, Now));
        Assert.Equal(IssueStatus.New, issue.Status);
        Assert.Null(issue.DuplicateOfId);
    }

    [Fact]
    public void TransitionTo_Triaged_IsRefused_TriageIsTheOnlyWay()
    {
        var issue = NewIssue();

        var refusal = issue.TransitionTo(IssueStatus.Triaged, Now.AddHours(1));

        Assert.StartsWith("An issue becomes Triaged only through triage", refusal, StringComparison.Ordinal);
        Assert.Equal((IssueStatus.New, (IssueCategory?)null, (OwningTeam?)null, (DateTimeOffset?)null, Now),
            (issue.Status, issue.Category, issue.OwningTeam, issue.TriagedAt, issue.UpdatedAt));
    }

    [Fact]
    public void Triage_SetsEverythingInOneStep_AndOnlyOnNewIssues()
    {
        var issue = NewIssue();

        Assert.Null(issue.Triage(Severity.Sev1, IssueCategory.AccessPermissions, OwningTeam.SteadyStateTeam, 8, Now.AddMinutes(5)));
        var again = issue.Triage(Severity.Sev3, IssueCategory.Defect, OwningTeam.ProjectTeam, 9, Now.AddMinutes(6));

        Assert.Equal((IssueStatus.Triaged, Severity.Sev1, (IssueCategory?)IssueCategory.AccessPermissions, (OwningTeam?)OwningTeam.SteadyStateTeam, (int?)8, (DateTimeOffset?)Now.AddMinutes(5)),
            (issue.Status, issue.Severity, issue.Category, issue.OwningTeam, issue.AssigneeId, issue.TriagedAt));
        Assert.NotNull(again);
    }

    [Fact]
    public void Classify_TriagedIssueWithoutCategory_IsRefused()
    {
        var issue = At(IssueStatus.Triaged);

        Assert.NotNull(issue.Classify(Severity.Sev1, null, Now.AddHours(1)));
        Assert.Equal((Severity.Sev2, (IssueCategory?)IssueCategory.Defect), (issue.Severity, issue.Category));
    }

    [Theory]
    [InlineData(OwningTeam.SteadyStateTeam, OwningTeam.ProjectTeam, true)]
    [InlineData(OwningTeam.ProjectTeam, OwningTeam.SteadyStateTeam, false)]
    public void HandOver_RecordsFromAndTo_AndSteadyStateBackToProjectIsARescue(OwningTeam from, OwningTeam to, bool rescue)
    {
        var issue = NewIssue();
        Assert.Null(issue.Triage(Severity.Sev2, IssueCategory.Defect, from, 8, Now));

        var handoff = issue.HandOver(to, 9, 8, "needs code", Now.AddHours(1));

        Assert.Equal(((OwningTeam?)from, to, rescue), (handoff.FromTeam, handoff.ToTeam, handoff.IsRescue));
        Assert.Equal(((OwningTeam?)to, (int?)9, Now.AddHours(1)), (issue.OwningTeam, issue.AssigneeId, issue.UpdatedAt));
    }

    [Fact]
    public void TransitionTo_Triaged_StampsFirstTriageOnly()
    {
        var issue = At(IssueStatus.Triaged, IssueStatus.Resolved, IssueStatus.InProgress);

        Assert.Equal(Now, issue.TriagedAt);
        Assert.Null(issue.ResolvedAt);
    }

    [Fact]
    public void TransitionTo_ReopenDuplicate_UnlinksOriginal()
    {
        var issue = At(IssueStatus.Duplicate);
        Assert.Equal(99, issue.DuplicateOfId);

        Assert.Null(issue.TransitionTo(IssueStatus.InProgress, Now.AddDays(1)));

        Assert.Null(issue.DuplicateOfId);
        Assert.True(IssueLifecycle.IsReopen(IssueStatus.Duplicate, IssueStatus.InProgress));
    }

    [Fact]
    public void TransitionTo_Closed_KeepsResolutionTimeAndStampsClose()
    {
        var issue = At(IssueStatus.Triaged, IssueStatus.Resolved);

        Assert.Null(issue.TransitionTo(IssueStatus.Closed, Now.AddDays(2)));

        Assert.Equal(Now, issue.ResolvedAt);
        Assert.Equal(Now.AddDays(2), issue.ClosedAt);
    }

    [Fact]
    public void IsOpen_FixedAwaitingReleaseCountsAsOpen()
    {
        Assert.True(IssueLifecycle.IsOpen(IssueStatus.Fixed));
        Assert.False(IssueLifecycle.IsOpen(IssueStatus.Resolved));
        Assert.Equal(5, IssueLifecycle.OpenStatuses.Count);
    }
}
