using Hypercare.Core.Issues;
using static Hypercare.Core.Communications.MarkdownWriter;
using static Hypercare.Core.Communications.SponsorStatusBuilder;

namespace Hypercare.Core.Communications;

/// <summary>One week of the trend: arrivals by severity and category, training gaps against defects, SLA and login rate.</summary>
public sealed record WeekRow(DateOnly WeekStart, SeverityCounts Arrivals, IReadOnlyDictionary<string, int> ByCategory, int TrainingGaps, int Defects,
    double? ResponseCompliance, double? ResolutionCompliance, double? LoginRate);

public sealed record LeadershipReport(IReadOnlyList<WeekRow> Weeks, TargetLine? LoginTarget);

/// <summary>
/// The weekly leadership report (pure): per local week (Monday to Sunday in the project's zone), issue arrivals by severity
/// and by category, training gaps against defects, SLA compliance and the login rate against its target.
/// </summary>
public static class LeadershipBuilder
{
    public const string Uncategorised = "Not categorised";

    public static LeadershipReport Compute(LeadershipInputs inputs)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var byWeek = inputs.Issues.Where(i => i.Status != IssueStatus.Duplicate)
            .ToLookup(i => WeekStart(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(i.ReportedAt, zone).DateTime)));
        var weeks = inputs.Weeks.OrderBy(w => w.WeekStart).Select(w =>
        {
            var issues = byWeek[w.WeekStart].ToList();
            var categories = Enum.GetValues<IssueCategory>().ToDictionary(c => c.Label(), c => issues.Count(i => i.Category == c), StringComparer.Ordinal);
            categories[Uncategorised] = issues.Count(i => i.Category is null);
            return new WeekRow(w.WeekStart, SeverityCounts.Count(issues), categories,
                issues.Count(i => i.Category == IssueCategory.TrainingGap), issues.Count(i => i.Category == IssueCategory.Defect),
                w.ResponseCompliance, w.ResolutionCompliance, w.LoginRate);
        }).ToList();
        return new LeadershipReport(weeks, inputs.LoginTarget);
    }

    /// <summary>The Monday that starts the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => Projects.LocalDays.WeekStart(day);

    public static ReportContent Build(LeadershipInputs inputs, DateTimeOffset periodStart)
    {
        var report = Compute(inputs);
        var weeks = report.Weeks;
        var last = weeks.Count > 0 ? weeks[^1] : null;
        var previous = weeks.Count > 1 ? weeks[^2] : null;
        var forDate = last?.WeekStart ?? WeekStart(DateOnly.FromDateTime(inputs.Now.UtcDateTime));
        var md = new MarkdownWriter().Heading(1, $"{inputs.ProjectName}: leadership report, week of {Day(forDate)}");
        if (last is null)
        {
            md.Paragraph("_No week to report yet._");
        }
        else
        {
            var change = previous is null ? "" : $" ({Signed(last.Arrivals.Total - previous.Arrivals.Total)} on the week before)";
            var share = last.Arrivals.Total == 0 ? "–" : Share((double)last.TrainingGaps / last.Arrivals.Total);
            md.Paragraph($"Week of {Day(last.WeekStart)}: **{N(last.Arrivals.Total)} new issues**{change}, {N(last.Arrivals.Sev1)} Sev1; " +
                $"training gaps {N(last.TrainingGaps)} against defects {N(last.Defects)} ({share} of arrivals were training gaps); " +
                $"resolution SLA met {Percent(last.ResolutionCompliance)}; login rate {Share(last.LoginRate)}" +
                (report.LoginTarget is { } t ? $" against a target of {Share(t.Rate)} by {Day(t.ByDate)}." : "."));
        }

        ExitSection(md, inputs.Exit);
        md.Heading(2, "Issue arrivals by severity")
            .Table(["Week of", "Sev1", "Sev2", "Sev3", "Total"], weeks.Select(w => (IReadOnlyList<string>)[Day(w.WeekStart), N(w.Arrivals.Sev1), N(w.Arrivals.Sev2), N(w.Arrivals.Sev3), N(w.Arrivals.Total)]))
            .Chart(ReportCharts.ArrivalsChart, "Issue arrivals by severity per week")
            .Heading(2, "Issue arrivals by category");
        var categories = weeks.SelectMany(w => w.ByCategory.Where(c => c.Value > 0).Select(c => c.Key)).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
        if (categories.Count == 0)
        {
            md.Paragraph("_No issues arrived in these weeks._");
        }
        else
        {
            md.Table(["Week of", .. categories], weeks.Select(w => (IReadOnlyList<string>)[Day(w.WeekStart), .. categories.Select(c => N(w.ByCategory.GetValueOrDefault(c)))]));
        }

        md.Heading(2, "Training gaps versus defects")
            .Table(["Week of", "Training gaps", "Defects"], weeks.Select(w => (IReadOnlyList<string>)[Day(w.WeekStart), N(w.TrainingGaps), N(w.Defects)]))
            .Chart(ReportCharts.TrainingChart, "Training gaps versus defects per week")
            .Heading(2, "SLA compliance")
            .Table(["Week of", "Response met", "Resolution met"], weeks.Select(w => (IReadOnlyList<string>)[Day(w.WeekStart), Percent(w.ResponseCompliance), Percent(w.ResolutionCompliance)]))
            .Chart(ReportCharts.SlaChart, "SLA compliance per week")
            .Heading(2, "Login rate against target")
            .Table(["Week of", "7-day login rate", "Target"], weeks.Select(w => (IReadOnlyList<string>)[Day(w.WeekStart), Share(w.LoginRate),
                report.LoginTarget is { } t ? Share(t.Rate) : "–"]))
            .Chart(ReportCharts.LoginChart, "Login rate against target per week");
        var charts = new[]
        {
            new ReportChart(ReportCharts.ArrivalsChart, "Issue arrivals by severity per week", ReportCharts.Arrivals(weeks)),
            new ReportChart(ReportCharts.TrainingChart, "Training gaps versus defects per week", ReportCharts.Training(weeks)),
            new ReportChart(ReportCharts.SlaChart, "SLA compliance per week", ReportCharts.Sla(weeks)),
            new ReportChart(ReportCharts.LoginChart, "Login rate against target per week", ReportCharts.Login(weeks, report.LoginTarget)),
        };
        return new ReportContent(ReportKind.Leadership, $"{inputs.ProjectName}: leadership report, week of {Day(forDate)}", periodStart, inputs.Now, forDate, md.ToString(), charts);
    }

    private static string Signed(int n) => n > 0 ? $"+{N(n)}" : N(n);
}
