using Hypercare.Core.Communications;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Tests.Communications;

/// <summary>Each report's figures computed from constructed values.</summary>
public sealed class ReportBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 16, 0, 0, TimeSpan.Zero); // Wednesday 17:00 in Berlin
    private static readonly DateTimeOffset Since = Now.AddDays(-1);

    private static PublicKnownIssue Known(int id, KnownIssueStatus status, DateTimeOffset created, string? workaround = null, DateTimeOffset? published = null,
        DateTimeOffset? fixedAt = null, string? patch = null) =>
        new(id, $"Known {id}", $"Symptoms {id}", workaround, status, created, published, fixedAt, patch, patch is null ? null : Now.AddDays(1));

    [Fact]
    public void UserUpdate_Compute_SortsKnownIssuesIntoTheFourSections()
    {
        var inputs = new UserUpdateInputs("Atlas", "Europe/Berlin", Since, Now,
        [
            Known(1, KnownIssueStatus.Investigating, Now.AddHours(-3)),
            Known(2, KnownIssueStatus.WorkaroundAvailable, Now.AddDays(-5), "Use the classic view", Now.AddDays(-4)),
            Known(3, KnownIssueStatus.FixScheduled, Now.AddHours(-2), "Refresh twice", Now.AddHours(-1), patch: "Patch 4"),
            Known(4, KnownIssueStatus.Fixed, Now.AddDays(-6), fixedAt: Now.AddHours(-5)),
            Known(5, KnownIssueStatus.Fixed, Now.AddDays(-9), fixedAt: Now.AddDays(-3)),
        ],
        [new PatchPlanItem("Patch 4", Now.AddDays(1), null, 2), new PatchPlanItem("Patch 3", Now.AddDays(-3), Now.AddDays(-3), 1)]);

        var report = UserUpdateBuilder.Compute(inputs);

        Assert.Equal([3, 1], report.NewKnownIssues.Select(k => k.Id));
        Assert.Equal([3, 2], report.Workarounds.Select(k => k.Id));
        Assert.Equal([3], report.FixesComing.Select(k => k.Id));
        Assert.Equal([4], report.FixedSinceLastUpdate.Select(k => k.Id));
        Assert.Equal(["Patch 4"], report.UpcomingPatches.Select(p => p.Name));
        var content = UserUpdateBuilder.Build(inputs);
        Assert.Contains("2 new known issue(s), 1 fix(es) coming, 1 fixed.", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("**Known 2**: Use the classic view", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("in Patch 4, planned Thu 12 Mar 17:00", content.Markdown, StringComparison.Ordinal);
    }

    private static IssueFact Issue(int id, Severity severity, IssueStatus status, DateTimeOffset reported, bool assigned = true, IssueCategory? category = null) =>
        new(id, $"Issue {id}", severity, category, status, reported, assigned, false, false);

    [Fact]
    public void SponsorStatus_Compute_CountsNewAndOpenBySeverityAndRanksRisks()
    {
        var sla = new SlaFigures(
            [new ComplianceRow("Sev1", 4, 3, 1, 75.0), new ComplianceRow("Sev2", 10, 9, 1, 90.0), new ComplianceRow("Sev3", 0, 0, 0, null)],
            [new ComplianceRow("Sev1", 2, 1, 1, 50.0)], BreachesInPeriod: 2, OpenBreached: 1, AboutToBreach: 3,
            [new RiskLine(7, "Quotes fail", Severity.Sev2, "resolution", Now.AddHours(-2))], []);
        var adoption = new AdoptionHeadline(new DateOnly(2026, 3, 10), 200, 120, 0.6, 0.71, 35,
            new TargetLine("weekly login rate", 0.8, new DateOnly(2026, 3, 14), 0.71, false), ["Sales EMEA logins fell 40 %"]);
        var inputs = new SponsorInputs("Atlas", "Europe/Berlin", Since, Now,
        [
            Issue(1, Severity.Sev1, IssueStatus.InProgress, Now.AddHours(-4), assigned: false),
            Issue(2, Severity.Sev2, IssueStatus.New, Now.AddHours(-2), assigned: false),
            Issue(3, Severity.Sev2, IssueStatus.Triaged, Now.AddDays(-3)),
            Issue(4, Severity.Sev3, IssueStatus.Resolved, Now.AddHours(-5)),
            Issue(5, Severity.Sev3, IssueStatus.Duplicate, Now.AddHours(-1)),
            Issue(6, Severity.Sev3, IssueStatus.Fixed, Now.AddDays(-2), assigned: false),
        ], sla, adoption, [new PatchPlanItem("Patch 5", Now.AddDays(1), null, 3), new PatchPlanItem("Patch 4", Now.AddDays(-2), Now.AddHours(-6), 2)]);

        var report = SponsorStatusBuilder.Compute(inputs);

        Assert.Equal(new SeverityCounts(1, 1, 1), report.New);
        Assert.Equal(new SeverityCounts(1, 2, 1), report.Open);
        Assert.Equal(2, report.UnassignedSev1Or2);
        Assert.Equal(["Patch 5"], report.UpcomingPatches.Select(p => p.Name));
        Assert.Equal(["Patch 4"], report.DeployedInPeriod.Select(p => p.Name));
        Assert.Equal(
        [
            "Sev1 open: #1 Issue 1",
            "1 open issue past an SLA target, e.g. #7 Quotes fail (Sev2, resolution due Wed 11 Mar 15:00)",
            "3 issues about to breach an SLA target",
            "2 open Sev1/Sev2 issues without an assignee",
            "Adoption target weekly login rate 80.0 % by Sat 14 Mar 2026 not met (now 71.0 %)",
            "1 open adoption flag: Sales EMEA logins fell 40 %",
        ], report.TopRisks);
        var content = SponsorStatusBuilder.Build(inputs);
        Assert.Contains("| Sev2 | 1 | 2 |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Total | 3 | 4 |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Sev1 | 75.0 % (3/4) | 50.0 % (1/2) |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("login rate 60.0 % (7-day 71.0 %), 120 active of 200 licensed users; 35 never logged in", content.Markdown, StringComparison.Ordinal);
        Assert.Single(content.Charts);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], content.Charts[0].Png.Take(4));
    }

    [Fact]
    public void Leadership_Compute_CountsArrivalsPerLocalWeekBySeverityAndCategory()
    {
        var monday = new DateOnly(2026, 2, 23);
        var issues = new[]
        {
            // Sunday 1 March 23:30 UTC is Monday 2 March 00:30 in Berlin: the second week.
            Issue(1, Severity.Sev1, IssueStatus.New, new DateTimeOffset(2026, 3, 1, 23, 30, 0, TimeSpan.Zero), category: IssueCategory.Defect),
            Issue(2, Severity.Sev2, IssueStatus.New, new DateTimeOffset(2026, 3, 1, 22, 30, 0, TimeSpan.Zero), category: IssueCategory.TrainingGap),
            Issue(3, Severity.Sev3, IssueStatus.Resolved, new DateTimeOffset(2026, 2, 24, 10, 0, 0, TimeSpan.Zero), category: IssueCategory.TrainingGap),
            Issue(4, Severity.Sev3, IssueStatus.New, new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero)),
            Issue(5, Severity.Sev2, IssueStatus.Duplicate, new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), category: IssueCategory.Defect),
        };
        var inputs = new LeadershipInputs("Atlas", "Europe/Berlin", Now, issues,
            [new WeekInputs(monday, 100, 80, 0.55), new WeekInputs(monday.AddDays(7), 90, null, 0.62)],
            new TargetLine("weekly login rate", 0.8, new DateOnly(2026, 3, 31), 0.62, false));

        var report = LeadershipBuilder.Compute(inputs);

        Assert.Equal(new SeverityCounts(0, 1, 1), report.Weeks[0].Arrivals);
        Assert.Equal(new SeverityCounts(1, 0, 1), report.Weeks[1].Arrivals);
        Assert.Equal((2, 0), (report.Weeks[0].TrainingGaps, report.Weeks[0].Defects));
        Assert.Equal((0, 1), (report.Weeks[1].TrainingGaps, report.Weeks[1].Defects));
        Assert.Equal(1, report.Weeks[1].ByCategory[LeadershipBuilder.Uncategorised]);
        var content = LeadershipBuilder.Build(inputs, Now.AddDays(-14));
        Assert.Contains("**2 new issues** (0 on the week before), 1 Sev1; training gaps 0 against defects 1", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Mon 2 Mar 2026 | 1 | 0 | 1 | 2 |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Mon 23 Feb 2026 | 100.0 % | 80.0 % |", content.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Mon 2 Mar 2026 | 62.0 % | 80.0 % |", content.Markdown, StringComparison.Ordinal);
        Assert.Equal(4, content.Charts.Count);
    }

    [Fact]
    public void TeamSection_InSponsorStatus_ListsTheBurnoutFlags_OrSaysThereAreNone()
    {
        var sla = new SlaFigures([], [], 0, 0, 0, [], []);
        var flags = new TeamHeadline(4, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15),
            ["Priya worked 5.5 h outside their shifts and office hours in the week of 2026-03-09 (threshold 4 h), on 2026-03-09, 2026-03-10."]);

        var flagged = SponsorStatusBuilder.Build(new SponsorInputs("Atlas", "Europe/Berlin", Since, Now, [], sla, null, [], null, flags)).Markdown;
        var calm = SponsorStatusBuilder.Build(new SponsorInputs("Atlas", "Europe/Berlin", Since, Now, [], sla, null, [], null, flags with { Flags = [] })).Markdown;
        var none = SponsorStatusBuilder.Build(new SponsorInputs("Atlas", "Europe/Berlin", Since, Now, [], sla, null, [])).Markdown;

        Assert.Contains("## Team and burnout", flagged, StringComparison.Ordinal);
        Assert.Contains("4 people on the rota; weeks of Mon 2 Mar 2026 to Sun 15 Mar 2026: **1 burnout flag**.", flagged, StringComparison.Ordinal);
        Assert.Contains("- Priya worked 5.5 h outside their shifts and office hours in the week of 2026-03-09 \\(threshold 4 h\\)", flagged, StringComparison.Ordinal);
        Assert.Contains("**0 burnout flags**", calm, StringComparison.Ordinal);
        Assert.Contains("No burnout flag", calm, StringComparison.Ordinal);
        Assert.DoesNotContain("Team and burnout", none, StringComparison.Ordinal);
    }

    [Fact]
    public void ExitSection_InSponsorStatusAndLeadershipReport_GivesRulesSignOffExtensionsAndForecast()
    {
        var exit = new ExitHeadline(Hypercare.Core.Exit.ProjectStage.Extended, new DateOnly(2026, 4, 10), 1, 3,
            ["No new Sev1 or Sev2 for 3 consecutive days: 1 of 3 days clean", "The sponsor has signed off: Not signed off."], false, 1, 14,
            "The delayed S-shaped model expects 52 defects in all.", [new Hypercare.Core.Exit.SteadyStateWeek(new DateOnly(2026, 3, 9), 8, 6, 1)],
            "2 of 7 checklist items done (1 overdue); Accounts: steady-state owns, Cases: reverse shadow.");
        var sla = new SlaFigures([], [], 0, 0, 0, [], []);
        var sponsor = SponsorStatusBuilder.Build(new SponsorInputs("Atlas", "Europe/Berlin", Since, Now, [], sla, null, [], exit)).Markdown;
        var leadership = LeadershipBuilder.Build(new LeadershipInputs("Atlas", "Europe/Berlin", Now, [], [], null, exit), Now.AddDays(-14)).Markdown;
        var without = SponsorStatusBuilder.Build(new SponsorInputs("Atlas", "Europe/Berlin", Since, Now, [], sla, null, [])).Markdown;

        foreach (var md in new[] { sponsor, leadership })
        {
            Assert.Contains("## Hypercare exit", md, StringComparison.Ordinal);
            Assert.Contains("Stage: extended; planned end Fri 10 Apr 2026 after 1 extension (14 days). **1 of 3 exit rules hold**; sponsor sign-off: not yet.", md, StringComparison.Ordinal);
            Assert.Contains("- No new Sev1 or Sev2 for 3 consecutive days: 1 of 3 days clean", md, StringComparison.Ordinal);
            Assert.Contains("Forecast: The delayed S-shaped model expects 52 defects in all.", md, StringComparison.Ordinal);
            Assert.Contains("| Mon 9 Mar 2026 | 8 | 6 | 75.0 % | 1 |", md, StringComparison.Ordinal);
            Assert.Contains("Handover: 2 of 7 checklist items done \\(1 overdue\\); Accounts: steady-state owns, Cases: reverse shadow.", md, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Hypercare exit", without, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EditedMarkdownWithHtmlAndForeignImage_EscapedAndDropped()
    {
        var content = new ReportContent(ReportKind.UserUpdate, "S", Since, Now, new DateOnly(2026, 3, 11), "# T\n",
            [new ReportChart("c1", "Chart", [1, 2, 3])]);

        var rendered = ReportRenderer.Render(content, markdown: "<script>alert(1)</script>\n\n![x](https://tracker.example/p.png)\n\n![Chart](chart:c1)\n\n[bad](javascript:alert(1))",
            reportUrl: "https://hypercare.example.com/r");

        Assert.DoesNotContain("<script>", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("tracker.example", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,AQID\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("[Chart: Chart (in the full report)]", rendered.PlainText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(document.cookie)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox")]
    public void SlackAndTeams_LinkToAnotherScheme_KeptAsTextOnly(string url)
    {
        var markdown = $"# Update\n\nSee [the fix]({url}) and [the guide](https://help.example.com/guide) or [mail us](mailto:help@example.com).";

        var slack = ReportRenderer.Slack("Update", markdown, null);
        var teams = ReportRenderer.Teams("Update", markdown, null);

        Assert.DoesNotContain(url, slack, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(url, teams, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("See the fix and <https://help.example.com/guide|the guide> or <mailto:help@example.com|mail us>.", slack, StringComparison.Ordinal);
        Assert.Contains("See the fix and [the guide](https://help.example.com/guide) or [mail us](mailto:help@example.com).", teams, StringComparison.Ordinal);
    }
}
