using System.Text;
using System.Text.RegularExpressions;
using Markdig;

namespace Hypercare.Core.Communications;

/// <summary>A report in every form it is sent in. <see cref="Markdown"/> is the source; the other forms follow from it.</summary>
public sealed record RenderedReport(string Key, ReportKind Kind, string Subject, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateOnly ForDate,
    string Markdown, string Html, string PlainText);

/// <summary>
/// Renders a report's Markdown (generated or edited) into e-mail-safe HTML (inline styles, tables, no scripts, no raw HTML,
/// charts as inline PNG), plain text for the e-mail's text part, and the short forms for Slack (mrkdwn) and Teams.
/// </summary>
public static partial class ReportRenderer
{
    // Raw HTML in the Markdown is shown as text, never passed through: an edit cannot inject markup or scripts.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    private static readonly (string Tag, string Style)[] Styles =
    [
        ("h1", "font-size:20px;margin:0 0 12px 0;color:#1f2937;"),
        ("h2", "font-size:16px;margin:20px 0 8px 0;color:#1f2937;border-bottom:1px solid #e5e7eb;padding-bottom:4px;"),
        ("h3", "font-size:14px;margin:16px 0 6px 0;color:#1f2937;"),
        ("p", "margin:0 0 10px 0;"),
        ("ul", "margin:0 0 10px 0;padding-left:20px;"),
        ("li", "margin:0 0 4px 0;"),
        ("table", "border-collapse:collapse;margin:0 0 12px 0;font-size:13px;"),
        ("th", "border:1px solid #d1d5db;background:#f3f4f6;padding:4px 8px;text-align:left;"),
        ("td", "border:1px solid #d1d5db;padding:4px 8px;"),
    ];

    public static RenderedReport Render(ReportContent content, string? subject = null, string? markdown = null, string? reportUrl = null, string? key = null)
    {
        var source = markdown ?? content.Markdown;
        var title = string.IsNullOrWhiteSpace(subject) ? content.Subject : subject.Trim();
        var charts = content.Charts.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return new RenderedReport(key ?? NewKey(), content.Kind, title, content.PeriodStart, content.PeriodEnd, content.ForDate, source,
            Html(source, charts, reportUrl), PlainText(source, reportUrl));
    }

    public static string NewKey() => Guid.NewGuid().ToString("N");

    public static string Html(string markdown, IReadOnlyDictionary<string, ReportChart> charts, string? reportUrl)
    {
        var body = Markdig.Markdown.ToHtml(markdown, Pipeline);
        body = ImageTag().Replace(body, m =>
        {
            var alt = m.Groups["alt"].Value;
            return m.Groups["src"].Value.StartsWith(MarkdownWriter.ChartScheme, StringComparison.Ordinal)
                && charts.TryGetValue(m.Groups["src"].Value[MarkdownWriter.ChartScheme.Length..], out var chart)
                ? $"<img src=\"data:image/png;base64,{Convert.ToBase64String(chart.Png)}\" alt=\"{alt}\" width=\"640\" style=\"display:block;max-width:100%;height:auto;border:0;\" />"
                // Only the report's own charts are pictures; any other image would be a remote fetch (a tracking pixel).
                : $"<em>[{alt}]</em>";
        });
        body = LinkHref().Replace(body, m => IsSafeLink(m.Groups["url"].Value)
            ? $"href=\"{m.Groups["url"].Value}\" style=\"color:#1d4ed8;\"" : "href=\"#\"");
        foreach (var (tag, style) in Styles)
        {
            body = body.Replace($"<{tag}>", $"<{tag} style=\"{style}\">", StringComparison.Ordinal);
        }

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>")
            .Append("<body style=\"margin:0;padding:16px;background:#ffffff;\">")
            .Append("<div style=\"max-width:680px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.45;color:#111827;\">")
            .Append(body);
        if (reportUrl is not null)
        {
            html.Append("<p style=\"margin:16px 0 0 0;font-size:12px;color:#6b7280;\">Full report: <a href=\"")
                .Append(System.Net.WebUtility.HtmlEncode(reportUrl)).Append("\" style=\"color:#1d4ed8;\">")
                .Append(System.Net.WebUtility.HtmlEncode(reportUrl)).Append("</a></p>");
        }

        return html.Append("</div></body></html>").ToString();
    }

    /// <summary>The e-mail's text part: the Markdown itself, which reads as text, with each chart named instead of drawn.</summary>
    public static string PlainText(string markdown, string? reportUrl)
    {
        var text = ChartImage().Replace(markdown, m => $"[Chart: {m.Groups["alt"].Value}{(reportUrl is null ? "" : " (in the full report)")}]");
        return reportUrl is null ? text : $"{text.TrimEnd()}\n\nFull report: {reportUrl}\n";
    }

    /// <summary>Slack mrkdwn: *bold* headings, table rows as lines, no pictures, &lt;url|text&gt; links; the link to the full report first.</summary>
    public static string Slack(string subject, string markdown, string? reportUrl)
    {
        var lines = new List<string>();
        if (reportUrl is not null)
        {
            lines.Add($"<{reportUrl}|Full report>");
        }

        foreach (var line in ChatLines(markdown, skipFirstHeading: subject.Length > 0))
        {
            var slack = SlackEscape(Unescape(line.Text));
            slack = Bold().Replace(slack, "*$1*");
            slack = Link().Replace(slack, m => IsSafeLink(m.Groups[2].Value) ? $"<{m.Groups[2].Value}|{m.Groups[1].Value}>" : m.Groups[1].Value);
            lines.Add(line.Heading ? $"*{slack}*" : slack);
        }

        return string.Join('\n', lines).Trim();
    }

    /// <summary>Teams TextBlock Markdown (bold, lists and links; no headings or tables); the link to the full report first.</summary>
    public static string Teams(string subject, string markdown, string? reportUrl)
    {
        var lines = new List<string>();
        if (reportUrl is not null)
        {
            lines.Add($"[Full report]({reportUrl})");
            lines.Add("");
        }

        foreach (var line in ChatLines(markdown, skipFirstHeading: subject.Length > 0))
        {
            var text = Link().Replace(line.Text, m => IsSafeLink(m.Groups[2].Value) ? m.Value : m.Groups[1].Value);
            lines.Add(line.Heading ? $"**{text}**" : text);
        }

        // TextBlock needs a blank line for a line break between paragraphs.
        return string.Join("\n\n", string.Join('\n', lines).Split("\n\n")).Trim();
    }

    private static IEnumerable<(string Text, bool Heading)> ChatLines(string markdown, bool skipFirstHeading)
    {
        var skipped = !skipFirstHeading;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (ChartImage().IsMatch(line) || TableSeparator().IsMatch(line))
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                if (!skipped && line.StartsWith("# ", StringComparison.Ordinal))
                {
                    skipped = true;
                    continue;
                }

                yield return (line.TrimStart('#').Trim(), true);
            }
            else if (line.StartsWith('|'))
            {
                yield return ("• " + string.Join(" · ", line.Trim('|').Split(" | ").Select(c => c.Trim())), false);
            }
            else
            {
                yield return (line, false);
            }
        }
    }

    /// <summary>
    /// Links go to http(s) or mailto only, in the HTML and in Slack and Teams alike: a javascript: or data: link in a
    /// report someone edited is kept as its text.
    /// </summary>
    private static bool IsSafeLink(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    private static string Unescape(string text) => BackslashEscape().Replace(text, "$1");

    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    [GeneratedRegex("<img src=\"(?<src>[^\"]*)\" alt=\"(?<alt>[^\"]*)\"\\s*/?>")]
    private static partial Regex ImageTag();

    [GeneratedRegex("href=\"(?<url>[^\"]*)\"")]
    private static partial Regex LinkHref();

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<src>[^)]*)\)")]
    private static partial Regex ChartImage();

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    // A URL may hold one level of balanced parentheses, as Markdown allows ("javascript:alert(1)", Wikipedia links).
    [GeneratedRegex(@"\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+!|<>~&.-])")]
    private static partial Regex BackslashEscape();
}
