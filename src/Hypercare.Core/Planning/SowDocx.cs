using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Hypercare.Core.Planning;

/// <summary>
/// The SOW section as a Word document (DOCX through the Open XML SDK, ADR 0055): the same blocks as the Markdown, with
/// real headings (Heading1/Heading2 styles, so the client's template restyles them) and bordered tables.
/// </summary>
public static class SowDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Write(SowPlan plan)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            foreach (var block in SowDocument.Blocks(plan))
            {
                switch (block)
                {
                    case SowDocument.Heading h:
                        body.Append(Para(h.Text, $"Heading{h.Level}"));
                        break;
                    case SowDocument.Paragraph p:
                        body.Append(Para(p.Text));
                        break;
                    case SowDocument.Bullets b:
                        foreach (var item in b.Items)
                        {
                            body.Append(Para("\u2022 " + item));
                        }

                        break;
                    case SowDocument.Table t:
                        body.Append(TableOf(t));
                        body.Append(Para(""));
                        break;
                }
            }

            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 }, new PageMargin { Top = 1134, Bottom = 1134, Left = 1134, Right = 1134 }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Para(string text, string? style = null)
    {
        var paragraph = new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        if (style is not null)
        {
            paragraph.PrependChild(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        }

        return paragraph;
    }

    private static Table TableOf(SowDocument.Table t)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(t.Header, bold: true));
        foreach (var row in t.Rows)
        {
            table.Append(Row(row, bold: false));
        }

        return table;
    }

    private static TableRow Row(IEnumerable<string> cells, bool bold)
    {
        var row = new TableRow();
        if (bold)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        foreach (var cell in cells)
        {
            var run = new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve });
            if (bold)
            {
                run.PrependChild(new RunProperties(new Bold()));
            }

            row.Append(new TableCell(new Paragraph(run)));
        }

        return row;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            StyleOf("Normal", "Normal", 20, bold: false),
            StyleOf("Heading1", "heading 1", 32, bold: true),
            StyleOf("Heading2", "heading 2", 26, bold: true));
        styles.Styles.Save();
    }

    private static Style StyleOf(string id, string name, int halfPoints, bool bold)
    {
        var run = new StyleRunProperties(new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            run.Append(new Bold());
        }

        // The schema orders a style's children: name, basedOn, next, then the run properties.
        var style = new Style(new StyleName { Val = name }) { Type = StyleValues.Paragraph, StyleId = id };
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }

        style.Append(run);
        return style;
    }
}
