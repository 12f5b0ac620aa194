using System.Globalization;
using Hypercare.Core.Issues;
using static Hypercare.Core.Communications.MarkdownWriter;

namespace Hypercare.Core.Communications;

public sealed record SeverityCounts(int Sev1, int Sev2, int Sev3)
{
    public int Total => Sev1 + Sev2 + Sev3;

    public int Of(Severity severity) => severity switch { Severity.Sev1 => Sev1, Severity.Sev2 => Sev2, _ => Sev3 };

    public static SeverityCounts Count(IEnumerable<IssueFact> issues)
    {
        var list = issues.ToList();
        return new(list.Count(i => i.Severity == Severity.Sev1), list.Count(i => i.Severity == Severity.Sev2), list.Count(i => i.Severity == Severity.Sev3));
    }
}

/// <summary>The daily sponsor status's figures.</summary>
public sealed record SponsorStatusReport(SeverityCounts New, SeverityCounts Open, int UnassignedSev1Or2, SlaFigures Sla, AdoptionHeadline? Adoption,
    IReadOnlyList<string> TopRisks, IReadOnlyList<PatchPlanItem> UpcomingPatches, IReadOnlyList<PatchPlanItem> DeployedInPeriod);

/// <summary>
/// The daily sponsor status (pure): new and open issues by severity, SLA compliance and breaches, the adoption headline
/// and open flags, the top risks (rules below, most urgent first) and the patch plan.
/// </summary>
public static class SponsorStatusBuilder
{
    public const int MaxRisks = 6;

    public static SponsorStatusReport Compute(SponsorInputs inputs)
    {
        var counted = inputs.Issues.Where(i => i.Status != IssueStatus.Duplicate).ToList();
        var open = counted.Where(i => IssueLifecycle.IsOpen(i.Status)).ToList();
        var unassigned = open.Count(i => i.Severity <= Severity.Sev2 && !i.Assigned);
        return new SponsorStatusReport(
            SeverityCounts.Count(counted.Where(i => i.ReportedAt >= inputs.Since && i.ReportedAt <= inputs.Now)),
            SeverityCounts.Count(open),
            unassigned,
            inputs.Sla,
            inputs.Adoption,
            Risks(inputs, open, unassigned),
            inputs.Patches.Where(p => p.DeployedAt is null).OrderBy(p => p.PlannedFor).ToList(),
            inputs.Patches.Where(p => p.DeployedAt >= inputs.Since && p.DeployedAt <= inputs.Now).OrderBy(p => p.DeployedAt).ToList());
    }

    /// <summary>Open Sev1s first, then breached and about-to-breach clocks, unassigned Sev1/2s, adoption targets missed and open flags.</summary>
    private static List<string> Risks(SponsorInputs inputs, List<IssueFact> open, int unassigned)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var risks = new List<string>();
        foreach (var sev1 in open.Where(i => i.Severity == Severity.Sev1).OrderBy(i => i.ReportedAt).Take(3))
        {
            risks.Add($"Sev1 open: #{sev1.Id} {Escape(sev1.Title)}" + (sev1.ResolutionBreached ? " (resolution target breached)" : ""));
        }

        if (inputs.Sla.OpenBreached > 0)
        {
            var first = inputs.Sla.Breached.Count > 0 ? inputs.Sla.Breached[0] : null;
            risks.Add(Count(inputs.Sla.OpenBreached, "open issue") + " past an SLA target" +
                (first is null ? "" : $", e.g. #{first.IssueId} {Escape(first.Title)} ({first.Severity}, {first.Clock} due {Escape(Local(first.DueAt, zone))})"));
        }

        if (inputs.Sla.AboutToBreach > 0)
        {
            risks.Add(Count(inputs.Sla.AboutToBreach, "issue") + " about to breach an SLA target");
        }

        if (unassigned > 0)
        {
            risks.Add(Count(unassigned, "open Sev1/Sev2 issue") + " without an assignee");
        }

        if (inputs.Adoption?.Target is { Met: false } target && target.ByDate <= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(inputs.Now, zone).DateTime).AddDays(7))
        {
            risks.Add($"Adoption target {Escape(target.Metric)} {Share(target.Rate)} by {Day(target.ByDate)} not met (now {Share(target.Actual)})");
        }

        if (inputs.Adoption is { OpenFlags.Count: > 0 } adoption)
        {
            risks.Add(Count(adoption.OpenFlags.Count, "open adoption flag") + $": {Escape(adoption.OpenFlags[0])}");
        }

        return risks.Take(MaxRisks).ToList();
    }

    public static ReportContent Build(SponsorInputs inputs)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var report = Compute(inputs);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(inputs.Now, zone).DateTime);
        var md = new MarkdownWriter()
            .Heading(1, $"{inputs.ProjectName}: sponsor status, {Day(today)}")
            .Paragraph($"Since {Escape(Local(inputs.Since, zone))}: **{report.New.Total} new** issue(s); **{report.Open.Total} open** in total " +
                $"({report.Open.Sev1} Sev1, {report.Open.Sev2} Sev2, {report.Open.Sev3} Sev3); {Count(report.Sla.BreachesInPeriod, "SLA breach")} in the period.")
            .Heading(2, "Issues by severity")
            .Table(["Severity", "New", "Open"], Enum.GetValues<Severity>().Select(s => (IReadOnlyList<string>)[s.ToString(), N(report.New.Of(s)), N(report.Open.Of(s))])
                .Append(["Total", N(report.New.Total), N(report.Open.Total)]))
            .Chart(ReportCharts.SeverityChart, "New and open issues by severity")
            .Heading(2, "SLA compliance")
            .Table(["Severity", "Response met", "Resolution met"], Enum.GetValues<Severity>().Select(s => (IReadOnlyList<string>)[s.ToString(),
                Compliance(report.Sla.Response, s), Compliance(report.Sla.Resolution, s)]))
            .Paragraph($"{Count(report.Sla.BreachesInPeriod, "breach", "breaches")} in the period; {report.Sla.OpenBreached} open issue(s) past a target now, " +
                $"{report.Sla.AboutToBreach} about to breach.")
            .Bullets(report.Sla.Breached.Take(5).Select(r => $"#{r.IssueId} {Escape(r.Title)} ({r.Severity}, {r.Clock} was due {Escape(Local(r.DueAt, zone))})"),
                "No open issue is past its SLA target.");
        md.Heading(2, "Adoption");
        if (report.Adoption is { AsOf: { } asOf } a)
        {
            md.Paragraph($"As of {Day(asOf)}: login rate {Share(a.LoginRate)} (7-day {Share(a.WeeklyLoginRate)}), {N(a.ActiveUsers)} active of " +
                $"{(a.LicensedUsers is { } l ? N(l) : "?")} licensed users; {N(a.NeverLoggedIn)} never logged in." +
                (a.Target is { } t ? $" Target: {Escape(t.Metric)} {Share(t.Rate)} by {Day(t.ByDate)}, {(t.Met ? "met" : $"not met yet ({Share(t.Actual)})")}." : ""))
                .Bullets(a.OpenFlags.Select(Escape), "No open adoption flags.");
        }
        else
        {
            md.Paragraph("_No adoption data imported yet._");
        }

        ExitSection(md, inputs.Exit);
        TeamSection(md, inputs.Team);
        BudgetSection(md, inputs.Budget);
        md.Heading(2, "Top risks")
            .Bullets(report.TopRisks, "No risks stand out today.")
            .Heading(2, "Patch plan")
            .Bullets(report.UpcomingPatches.Select(p => $"{Escape(p.Name)}: planned {Escape(Local(p.PlannedFor, zone))}, {Count(p.Fixes, "fix", "fixes")}")
                .Concat(report.DeployedInPeriod.Select(p => $"{Escape(p.Name)}: deployed {Escape(Local(p.DeployedAt!.Value, zone))}, {Count(p.Fixes, "fix", "fixes")}")),
                "No patches planned.");
        var charts = new[] { new ReportChart(ReportCharts.SeverityChart, "New and open issues by severity", ReportCharts.Severity(report.New, report.Open)) };
        return new ReportContent(ReportKind.SponsorStatus, $"{inputs.ProjectName}: sponsor status {Day(today)}", inputs.Since, inputs.Now, today, md.ToString(), charts);
    }

    /// <summary>"Is the team holding up?": the burnout flags (issue 12), each with its evidence; hours per person stay with the lead.</summary>
    internal static void TeamSection(MarkdownWriter md, TeamHeadline? team)
    {
        if (team is null)
        {
            return;
        }

        md.Heading(2, "Team and burnout")
            .Paragraph($"{Count(team.Rostered, "person", "people")} on the rota; weeks of {Day(team.From)} to {Day(team.To)}: " +
                $"**{Count(team.Flags.Count, "burnout flag")}**.")
            .Bullets(team.Flags.Select(Escape), "No burnout flag: hours, days in a row, after-hours work, Sev1 load and cover are within the rota's thresholds.");
    }

    /// <summary>"Are we within budget?": the burn against the SOW plan (issue 13), to date and projected at the planned and the forecast end.</summary>
    internal static void BudgetSection(MarkdownWriter md, Planning.BudgetBurn? burn)
    {
        if (burn is null)
        {
            return;
        }

        string Money(decimal amount) => Planning.PlanGenerator.Money(amount, burn.Currency);
        md.Heading(2, "Budget")
            .Paragraph(Escape(burn.Summary) + (burn.OverPercent > Planning.BudgetBurnCalculator.WarnOverPercent
                ? $" **Projected over budget by more than {N((int)Planning.BudgetBurnCalculator.WarnOverPercent)} %.**" : ""))
            .Table(["", "Hours", "Cost"], BudgetRows(burn, Money));
    }

    private static List<IReadOnlyList<string>> BudgetRows(Planning.BudgetBurn burn, Func<decimal, string> money)
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Planned to date", H(burn.PlannedHoursToDate), money(burn.PlannedCostToDate) },
            new[] { "Spent to date", H(burn.HoursToDate), money(burn.CostToDate) },
            new[] { $"Projected at the planned end {Day(burn.PlannedEnd)}", H(burn.Roles.Sum(r => r.ProjectedHours)), money(burn.ProjectedAtPlannedEnd) },
        };
        if (burn.ProjectedAtForecastEnd is { } f && burn.ForecastEnd is { } fe && fe > burn.PlannedEnd)
        {
            rows.Add(new[] { $"Projected at the forecast end {Day(fe)}", "", money(f) });
        }

        rows.Add(new[] { $"Budget (contingency on top: {money(burn.Contingency)})", "", money(burn.Budget) });
        return rows;
    }

    private static string H(decimal hours) => hours.ToString("#,0.#", CultureInfo.InvariantCulture);

    /// <summary>"When does hypercare end?": the exit rules that hold, the sign-off, extensions and the forecast.</summary>
    internal static void ExitSection(MarkdownWriter md, ExitHeadline? exit)
    {
        if (exit is null)
        {
            return;
        }

        md.Heading(2, "Hypercare exit")
            .Paragraph($"Stage: {Escape(Exit.ProjectStages.Label(exit.Stage))}; planned end {(exit.PlannedEnd is { } end ? Day(end) : "not set")}" +
                (exit.Extensions > 0 ? $" after {Count(exit.Extensions, "extension")} ({N(exit.ExtensionDays)} days)" : "") +
                $". **{N(exit.RulesMet)} of {N(exit.Rules)} exit rules hold**; sponsor sign-off: {(exit.SignedOff ? "given" : "not yet")}.")
            .Bullets(exit.Unmet.Select(Escape), "Every exit rule holds.")
            .Paragraph($"Forecast: {Escape(exit.Forecast)}");
        if (exit.Handover is { } handover)
        {
            md.Paragraph($"Handover: {Escape(handover)}");
        }

        if (exit.SteadyStateWeeks is { Count: > 0 } weeks)
        {
            md.Paragraph("New issues the steady-state team resolved itself, and the rescues, by week:")
                .Table(["Week of", "New issues", "Resolved by steady-state", "Share", "Rescues"], weeks.Select(w => (IReadOnlyList<string>)
                    [Day(w.WeekStart), N(w.NewIssues), N(w.ResolvedBySteadyState), w.Share is { } share ? Share(share) : "–", N(w.Rescues)]));
        }
    }

    private static string Compliance(IReadOnlyList<Sla.ComplianceRow> rows, Severity severity) =>
        rows.FirstOrDefault(r => r.Group == severity.ToString()) is { Measured: > 0 } row ? $"{Percent(row.CompliancePercent)} ({row.Met}/{row.Measured})" : "–";

    internal static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static string Count(int n, string singular, string? plural = null) => $"{N(n)} {(n == 1 ? singular : plural ?? singular + "s")}";
}
