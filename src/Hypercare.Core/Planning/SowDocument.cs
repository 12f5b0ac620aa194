using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Planning;

/// <summary>
/// The SOW section as a sequence of headings, paragraphs and tables, so the Markdown and the DOCX export say the same
/// thing in the same order: scope, duration and exit criteria, phases, roles and staffing, SLA table by severity,
/// cadences, budget.
/// </summary>
public static class SowDocument
{
    public abstract record Block;

    public sealed record Heading(int Level, string Text) : Block;

    public sealed record Paragraph(string Text) : Block;

    public sealed record Bullets(IReadOnlyList<string> Items) : Block;

    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;

    public static IReadOnlyList<Block> Blocks(SowPlan plan)
    {
        var c = plan.Budget.Currency;
        var blocks = new List<Block>
        {
            new Heading(1, $"Hypercare: {plan.System}"),
            new Heading(2, "Scope"),
            new Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"Heightened support of {plan.System} after go-live for {plan.Input.LicensedUsers:#,0} licensed users at {plan.Input.Sites} site(s) in {string.Join(", ", plan.Input.TimeZones)}, with {plan.Input.Integrations} integration(s) and {plan.Input.MigratedRecords:#,0} migrated records; {Word(plan.Input.Customisation.ToString())} customisation, {Word(plan.Input.Criticality.ToString())} business criticality, {Word(plan.Input.Rollout.ToString())} rollout.")),
            new Heading(2, "Duration and exit criteria"),
            new Paragraph(string.Create(CultureInfo.InvariantCulture,
                $"{PlanGenerator.Label(plan.Template)} plan: {plan.DurationDays} days ({Weeks(plan.DurationDays)}), from go-live on {D(plan.GoLive)} to {D(plan.PlannedEnd)}. A two-week base plus {plan.ComplexityDays} days for complexity:")),
            new Table(["Input", "Value", "Days", "Why"],
                [.. plan.Effects.Select(e => (IReadOnlyList<string>)[e.Input, e.Value, e.Days.ToString("+0;-0;0", CultureInfo.InvariantCulture), e.Reason])]),
            new Paragraph("Hypercare ends when every exit criterion holds:"),
            new Bullets([.. plan.ExitCriteria.Select(r => r.Title)]),
            new Heading(2, "Phases"),
            new Table(["Phase", "From", "To", "Support hours", "Hours in phase"],
                [.. plan.Phases.Select(p => (IReadOnlyList<string>)[p.Name, D(p.StartDate), D(p.EndDate), Windows(p.SupportHours), H(p.SupportHoursTotal)])]),
            new Heading(2, "Roles and staffing"),
            new Table(["Phase", "Role", "People", "Hours"],
                [.. plan.Phases.SelectMany(p => p.Staffing.Select(s => (IReadOnlyList<string>)[p.Name, PlanGenerator.RoleName(s.Role), s.People.ToString(CultureInfo.InvariantCulture), H(s.Hours)]))]),
            new Heading(2, "SLA targets by severity"),
        };
        var header = new List<string> { "Severity", "Clock" };
        header.AddRange(plan.Phases.Select(p => p.Name));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var severity in Enum.GetValues<Severity>())
        {
            foreach (var kind in Enum.GetValues<ClockKind>())
            {
                var cells = plan.Phases.Select(p => p.Targets.FirstOrDefault(t => t.Severity == severity && t.Kind == kind)?.Text).ToList();
                if (cells.All(x => x is null))
                {
                    continue;
                }

                var row = new List<string> { severity.ToString(), kind.ToString() };
                row.AddRange(cells.Select(x => x ?? "none"));
                rows.Add(row);
            }
        }

        blocks.Add(new Table(header, rows));
        blocks.Add(new Heading(2, "Cadences"));
        blocks.Add(new Table(["Phase", "Triage", "Standup", "Patches"],
            [.. plan.Phases.Select(p => (IReadOnlyList<string>)[p.Name, string.Join(", ", p.TriageTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture))), Word(p.StandupCadence.ToString()), Word(p.PatchCadence.ToString())])]));
        blocks.Add(new Heading(2, "Budget"));
        var budget = new List<IReadOnlyList<string>>();
        budget.AddRange(plan.Budget.Roles.Select(r => (IReadOnlyList<string>)[PlanGenerator.RoleName(r.Role), H(r.Hours), PlanGenerator.Money(r.DayRate, c), PlanGenerator.Money(r.Cost, c)]));
        budget.Add(["Planned", H(plan.Budget.Hours), "", PlanGenerator.Money(plan.Budget.Cost, c)]);
        budget.Add([$"Contingency ({plan.Budget.Contingency.Percent} %)", H(plan.Budget.Contingency.Hours), "", PlanGenerator.Money(plan.Budget.Contingency.Cost, c)]);
        budget.Add(["Total", H(plan.Budget.TotalHours), "", PlanGenerator.Money(plan.Budget.TotalCost, c)]);
        blocks.Add(new Table(["Role", "Hours", "Day rate", "Cost"], budget));
        blocks.Add(new Paragraph(string.Create(CultureInfo.InvariantCulture,
            $"A day is {PlanGenerator.HoursPerDay} hours. The contingency covers an extension of up to {plan.Budget.Contingency.ExtensionDays} days: {plan.Budget.Contingency.Reason}")));
        if (plan.Warnings.Count > 0)
        {
            blocks.Add(new Heading(2, "Risks"));
            blocks.Add(new Bullets(plan.Warnings));
        }

        return blocks;
    }

    /// <summary>The section as Markdown (GitHub tables; pipes in text escaped).</summary>
    public static string Markdown(SowPlan plan)
    {
        var text = new System.Text.StringBuilder();
        foreach (var block in Blocks(plan))
        {
            switch (block)
            {
                case Heading h:
                    text.Append('#', h.Level).Append(' ').AppendLine(Escape(h.Text)).AppendLine();
                    break;
                case Paragraph p:
                    text.AppendLine(Escape(p.Text)).AppendLine();
                    break;
                case Bullets b:
                    foreach (var item in b.Items)
                    {
                        text.Append("- ").AppendLine(Escape(item));
                    }

                    text.AppendLine();
                    break;
                case Table t:
                    text.Append("| ").AppendJoin(" | ", t.Header.Select(Escape)).AppendLine(" |");
                    text.Append('|').AppendJoin("|", t.Header.Select(_ => " --- ")).AppendLine("|");
                    foreach (var row in t.Rows)
                    {
                        text.Append("| ").AppendJoin(" | ", row.Select(Escape)).AppendLine(" |");
                    }

                    text.AppendLine();
                    break;
            }
        }

        return text.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string H(decimal hours) => hours.ToString("#,0.#", CultureInfo.InvariantCulture);

    private static string Weeks(int days) => days % 7 == 0 ? $"{days / 7} weeks" : string.Create(CultureInfo.InvariantCulture, $"{days / 7.0:0.#} weeks");

    /// <summary>An enum name as words: MissionCritical -> mission critical.</summary>
    private static string Word(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static string Windows(IReadOnlyList<PlanWindow> windows) =>
        string.Join("; ", windows.GroupBy(w => (w.Start, w.End)).Select(g =>
        {
            var days = g.Select(w => w.Day).ToList();
            var range = days.Count == 1 ? Day(days[0]) : $"{Day(days[0])}-{Day(days[^1])}";
            var hours = g.Key.Start == TimeOnly.MinValue && g.Key.End == TimeOnly.MinValue
                ? "24 h"
                : $"{g.Key.Start.ToString("HH:mm", CultureInfo.InvariantCulture)}-{(g.Key.End == TimeOnly.MinValue ? "24:00" : g.Key.End.ToString("HH:mm", CultureInfo.InvariantCulture))}";
            return $"{range} {hours}";
        }));

    private static string Day(DayOfWeek day) => day.ToString()[..3];
}
