using System.Globalization;
using System.Text;

namespace Hypercare.Core.Communications;

/// <summary>Writes the reports' Markdown: headings, escaped text, bullet lists, pipe tables and chart references.</summary>
public sealed class MarkdownWriter
{
    /// <summary>The image source that names a chart of the report; the HTML renderer replaces it with the picture.</summary>
    public const string ChartScheme = "chart:";

    private readonly StringBuilder _text = new();

    public MarkdownWriter Heading(int level, string text)
    {
        _text.Append('#', level).Append(' ').Append(Escape(text)).Append("\n\n");
        return this;
    }

    /// <summary>A paragraph of already-escaped Markdown (use <see cref="Escape"/> on anything people typed).</summary>
    public MarkdownWriter Paragraph(string markdown)
    {
        _text.Append(markdown).Append("\n\n");
        return this;
    }

    public MarkdownWriter Bullets(IEnumerable<string> markdownItems, string whenEmpty)
    {
        var any = false;
        foreach (var item in markdownItems)
        {
            _text.Append("- ").Append(item.Replace("\n", " ", StringComparison.Ordinal)).Append('\n');
            any = true;
        }

        _text.Append(any ? "\n" : $"_{Escape(whenEmpty)}_\n\n");
        return this;
    }

    public MarkdownWriter Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", header.Select(Cell)).Append(" |\n");
        _text.Append('|').AppendJoin('|', header.Select(_ => " --- ")).Append("|\n");
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
        }

        _text.Append('\n');
        return this;
    }

    public MarkdownWriter Chart(string name, string alt)
    {
        _text.Append("![").Append(Escape(alt)).Append("](").Append(ChartScheme).Append(name).Append(")\n\n");
        return this;
    }

    public override string ToString() => _text.ToString().TrimEnd() + "\n";

    /// <summary>Escapes Markdown and HTML punctuation in text people typed, so a title cannot become a link, a table or markup.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '`' or '*' or '_' or '{' or '}' or '[' or ']' or '(' or ')' or '#' or '+' or '!' or '|' or '<' or '>' or '~' or '&')
            {
                result.Append('\\');
            }

            result.Append(c);
        }

        return result.ToString();
    }

    private static string Cell(string value) => value.Replace("\n", " ", StringComparison.Ordinal);

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Share(double? fraction) => fraction is { } f ? (f * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–";

    public static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.InvariantCulture);
}
