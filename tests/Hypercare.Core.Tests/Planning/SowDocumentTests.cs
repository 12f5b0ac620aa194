using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Hypercare.Core.Planning;

namespace Hypercare.Core.Tests.Planning;

public sealed class SowDocumentTests
{
    private static readonly string[] Sections =
        ["Scope", "Duration and exit criteria", "Phases", "Roles and staffing", "SLA targets by severity", "Cadences", "Budget"];

    [Fact]
    public void Markdown_Plan_HasTheSectionsInOrder_TheSlaTableBySeverity_AndTheTotal()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple());

        var markdown = SowDocument.Markdown(plan);

        var headings = markdown.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].TrimEnd()).ToList();
        Assert.Equal(Sections, headings);
        Assert.Contains("| Severity | Clock | Intensive | Stabilise |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sev1 | Response | 15 minutes around the clock | 30 minutes around the clock |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Sev3 | Response | 1 support days | 2 support days |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| Sev3 | Resolution |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Total | 394.9 |  | EUR 40,562.50 |", markdown, StringComparison.Ordinal);
        Assert.Contains("- No new Sev1 or Sev2 for 3 consecutive days", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_PipeInTheSystemName_IsEscaped_SoTheTablesHold()
    {
        var plan = PlanSamples.Plan(PlanSamples.Simple() with { System = "CRM | ERP" });

        var markdown = SowDocument.Markdown(plan);

        Assert.Contains("# Hypercare: CRM \\| ERP", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Docx_ReopenedWithTheSdk_HasTheHeadingsAsStyles_AndTheTablesCells()
    {
        var plan = PlanSamples.Plan(PlanSamples.Complex() with { Template = PlanTemplate.Continuous90 });

        var bytes = SowDocx.Write(plan);

        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var headings = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2")
            .Select(p => p.InnerText)
            .ToList();
        Assert.Equal(plan.Warnings.Count > 0 ? [.. Sections, "Risks"] : Sections, headings);
        var tables = body.Elements<Table>().ToList();
        Assert.Equal(6, tables.Count);
        var phases = Rows(tables[1]);
        Assert.Equal(["Phase", "From", "To", "Support hours", "Hours in phase"], phases[0]);
        Assert.Equal(["Extended hours (weeks 1-2)", "Business hours (weeks 3-6)", "Reduced cover (days 43-90)"], phases.Skip(1).Select(r => r[0]));
        Assert.Equal("Mon-Sun 24 h", phases[1][3]);
        var budget = Rows(tables[^1]);
        Assert.Equal(["Total", plan.Budget.TotalHours.ToString("#,0.#", System.Globalization.CultureInfo.InvariantCulture), "", PlanGenerator.Money(plan.Budget.TotalCost, "EUR")], budget[^1]);
        Assert.NotNull(document.MainDocumentPart.StyleDefinitionsPart?.Styles?.Elements<Style>().SingleOrDefault(s => s.StyleId?.Value == "Heading1"));
    }

    private static List<string[]> Rows(Table table) =>
        [.. table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())];
}
