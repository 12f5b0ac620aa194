using System.Globalization;
using System.Text;
using Hypercare.Core.Communications;
using Hypercare.Core.Issues;
using Hypercare.Core.KnownIssues;
using static Hypercare.Core.Communications.MarkdownWriter;

namespace Hypercare.Core.Handover;

/// <summary>What the knowledge digest is built from: values the service loaded, each text already cleared for the caller.</summary>
public sealed record KnowledgeDigestInputs(
    string ProjectName,
    string SystemName,
    string TimeZoneId,
    DateOnly GoLive,
    DateTimeOffset Now,
    bool IncludeInternal,
    string? Area,
    DateOnly? Since,
    IReadOnlyList<DigestIssue> Issues,
    IReadOnlyList<DigestKnownIssue> KnownIssues);

/// <summary>A resolved, closed or won't-fix issue as the digest tells it: no reporter, no assignee, no description.</summary>
public sealed record DigestIssue(
    int Id,
    string Title,
    Severity Severity,
    IssueStatus Status,
    string? Area,
    IssueCategory? Category,
    OwningTeam? Team,
    DateTimeOffset ReportedAt,
    DateTimeOffset ResolvedAt,
    DigestResolution? Resolution,
    int? KnownIssueId,
    DigestPatch? Patch,
    int Duplicates);

/// <summary>How the issue was resolved: the note written with the move to resolved, or else the last reply before it.</summary>
public sealed record DigestResolution(string Text, bool WrittenWhenResolved);

public sealed record DigestPatch(int Number, string Name, DateTimeOffset PlannedFor, DateTimeOffset? DeployedAt);

/// <summary>
/// A known issue as the digest tells it. <see cref="Workaround"/> is the published one, or the draft when internal text
/// is included; <see cref="InternalNotes"/> is null unless internal text is included.
/// </summary>
public sealed record DigestKnownIssue(
    int Id,
    string Title,
    KnownIssueStatus Status,
    string Symptoms,
    string? Workaround,
    bool WorkaroundPublished,
    string? InternalNotes,
    DigestPatch? Fix,
    DateTimeOffset? FixedAt,
    int LinkedReports,
    IReadOnlyList<DigestPlace> LinkedPlaces);

/// <summary>Where one linked report sits: its affected area (as typed) and category.</summary>
public readonly record struct DigestPlace(string? Area, IssueCategory? Category);

public enum DigestAreaKind
{
    /// <summary>An affected area people named ("Billing" and "billing " are one).</summary>
    Named,
    /// <summary>Issues reported without an affected area.</summary>
    NoArea,
    /// <summary>Known issues no report is linked to.</summary>
    General,
}

public sealed record DigestArea(DigestAreaKind Kind, string Name, IReadOnlyList<DigestCategoryGroup> Categories)
{
    public int Issues => Categories.Sum(c => c.Issues.Count);

    public int KnownIssues => Categories.Sum(c => c.KnownIssues.Count);
}

public sealed record DigestCategoryGroup(IssueCategory? Category, string Name, IReadOnlyList<DigestKnownIssue> KnownIssues, IReadOnlyList<DigestIssue> Issues);

/// <summary>The digest grouped, and as Markdown (the source; <see cref="Html"/> follows from it as the reports' HTML does).</summary>
public sealed record KnowledgeDigestDocument(
    string FileStem,
    IReadOnlyList<DigestArea> Areas,
    int ResolvedIssues,
    int KnownIssues,
    bool IncludesInternal,
    string Markdown)
{
    private static readonly Dictionary<string, ReportChart> NoCharts = [];

    /// <summary>Rendered by the reports' Markdig pipeline, which disables raw HTML: nothing people typed becomes markup.</summary>
    public string Html() => ReportRenderer.Html(Markdown, NoCharts, null);

    public string FileName(string extension) => $"{FileStem}.{extension}";
}

/// <summary>
/// The knowledge digest for the steady-state team (pure): what was learnt in hypercare, by affected area and then
/// category, known issues first (their workaround is what users are told), then the resolved issues with how they were
/// resolved. Order: named areas by entries (issues + known issues) descending, then by name; then "No area given"; then
/// "General". Categories by entries descending, then in the category list's order, "Uncategorised" last. Known issues
/// open before fixed (investigating, workaround, fix scheduled, fixed), then by linked reports descending; issues Sev1
/// first, then the most recently resolved.
/// </summary>
public static class KnowledgeDigest
{
    public const string NoAreaName = "No area given";
    public const string GeneralName = "General";
    public const string UncategorisedName = "Uncategorised";

    /// <summary>The key an affected area is grouped by: case and runs of whitespace do not matter; null for none.</summary>
    public static string? AreaKey(string? area)
    {
        var spelled = Spelling(area);
        return spelled is null ? null : spelled.ToLowerInvariant();
    }

    /// <summary>"my-project-knowledge-digest" and such: ASCII letters and digits, dashes between, accents dropped.</summary>
    public static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        text = text.Length > 60 ? text[..60].TrimEnd('-') : text;
        return text.Length == 0 ? "project" : text;
    }

    public static IReadOnlyList<DigestArea> Group(KnowledgeDigestInputs inputs)
    {
        var filter = AreaKey(inputs.Area);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var issues = inputs.Issues
            .Where(i => (filter is null || AreaKey(i.Area) == filter) && (inputs.Since is not { } since || LocalDay(i.ResolvedAt, zone) >= since))
            .ToList();
        // With a start day, a known issue fixed before it is old news; open ones are always part of the hand-over.
        var known = inputs.KnownIssues
            .Where(k => inputs.Since is not { } since || k.Status != KnownIssueStatus.Fixed || k.FixedAt is not { } at || LocalDay(at, zone) >= since)
            .ToList();
        var names = AreaNames(issues.Select(i => i.Area).Concat(known.SelectMany(k => k.LinkedPlaces).Select(p => p.Area)));

        var places = new List<(string? Key, bool General, IssueCategory? Category, DigestKnownIssue Known)>();
        foreach (var k in known)
        {
            var candidates = k.LinkedPlaces.Where(p => filter is null || AreaKey(p.Area) == filter).ToList();
            if (candidates.Count == 0)
            {
                // With an area chosen, a known issue none of whose reports are in it is not part of that area.
                if (filter is null && k.LinkedPlaces.Count == 0)
                {
                    places.Add((null, true, null, k));
                }

                continue;
            }

            // Where most of its reports are; a tie goes to the area first by name, then the category first in the list.
            var best = candidates.GroupBy(p => (Key: AreaKey(p.Area), p.Category))
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key.Key is null ? 1 : 0)
                .ThenBy(g => g.Key.Key is null ? "" : names[g.Key.Key], StringComparer.OrdinalIgnoreCase)
                .ThenBy(g => g.Key.Category is null ? int.MaxValue : (int)g.Key.Category)
                .First().Key;
            places.Add((best.Key, false, best.Category, k));
        }

        var areas = new List<DigestArea>();
        var issuesByArea = issues.GroupBy(i => AreaKey(i.Area)).ToDictionary(g => g.Key ?? "", g => g.ToList());
        var knownByArea = places.Where(p => !p.General).GroupBy(p => p.Key ?? "").ToDictionary(g => g.Key, g => g.ToList());
        foreach (var key in issuesByArea.Keys.Union(knownByArea.Keys))
        {
            var areaIssues = issuesByArea.GetValueOrDefault(key) ?? [];
            var areaKnown = knownByArea.GetValueOrDefault(key) ?? [];
            var categories = areaIssues.Select(i => i.Category).Concat(areaKnown.Select(p => p.Category)).Distinct()
                .Select(c => new DigestCategoryGroup(c, c?.Label() ?? UncategorisedName,
                    OrderKnown(areaKnown.Where(p => p.Category == c).Select(p => p.Known)),
                    OrderIssues(areaIssues.Where(i => i.Category == c))))
                .OrderBy(g => g.Category is null ? 1 : 0)
                .ThenByDescending(g => g.Issues.Count + g.KnownIssues.Count)
                .ThenBy(g => g.Category is null ? int.MaxValue : (int)g.Category)
                .ToList();
            areas.Add(key.Length == 0
                ? new DigestArea(DigestAreaKind.NoArea, NoAreaName, categories)
                : new DigestArea(DigestAreaKind.Named, names[key], categories));
        }

        var ordered = areas
            .OrderBy(a => a.Kind)
            .ThenByDescending(a => a.Issues + a.KnownIssues)
            .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        var general = places.Where(p => p.General).Select(p => p.Known).ToList();
        if (general.Count > 0)
        {
            ordered.Add(new DigestArea(DigestAreaKind.General, GeneralName,
                [new DigestCategoryGroup(null, "Not linked to a report", OrderKnown(general), [])]));
        }

        return ordered;
    }

    public static KnowledgeDigestDocument Build(KnowledgeDigestInputs inputs)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var now = TimeZoneInfo.ConvertTime(inputs.Now, zone);
        var today = DateOnly.FromDateTime(now.DateTime);
        var areas = Group(inputs);
        var knownById = inputs.KnownIssues.ToDictionary(k => k.Id);
        var resolved = areas.Sum(a => a.Issues);
        var knownCount = areas.Sum(a => a.KnownIssues);
        var named = areas.Count(a => a.Kind != DigestAreaKind.General);

        var md = new MarkdownWriter()
            .Paragraph($"# Knowledge digest: {Escape(inputs.ProjectName)} ({Escape(inputs.SystemName)})")
            .Paragraph($"Generated {Escape(Day(today))} at {now.ToString("HH:mm", CultureInfo.InvariantCulture)} ({Escape(inputs.TimeZoneId)}). " +
                $"Covers go-live, {Escape(Day(inputs.GoLive))}, to today, {Escape(Day(today))}" +
                (inputs.Since is { } since ? $"; resolved issues from {Escape(Day(since))} on, and the known issues still open or fixed since then." : "."))
            .Paragraph((AreaKey(inputs.Area) is not null
                    ? $"Only the area **{Escape(areas.FirstOrDefault(a => a.Kind == DigestAreaKind.Named)?.Name ?? Spelling(inputs.Area))}**. "
                    : "") +
                $"**{Count(resolved, "resolved issue")}, {Count(knownCount, "known issue")}, {Count(named, "area")}.**")
            .Paragraph(inputs.IncludeInternal
                ? "**Internal text is included**: internal notes and unpublished workarounds, each marked _internal_. Keep this copy inside the support team."
                : "Internal text is not included: internal notes and unpublished workarounds are left out.")
            .Paragraph("How to use: find the area the user names, then the kind of problem. Known issues come first: their workaround is what " +
                "users are told. The resolved issues below them say how similar reports were solved, and which patch fixed them.");

        if (areas.Count == 0)
        {
            md.Paragraph("_Nothing to hand over yet: no resolved issue and no known issue matches._");
        }

        foreach (var a in areas)
        {
            md.Paragraph($"## {Escape(a.Name)} · {Count(a.Issues, "resolved issue")} · {Count(a.KnownIssues, "known issue")}");
            foreach (var group in a.Categories)
            {
                md.Paragraph($"### {Escape(group.Name)}");
                foreach (var k in group.KnownIssues)
                {
                    WriteKnown(md, k, zone, inputs.IncludeInternal);
                }

                foreach (var issue in group.Issues)
                {
                    WriteIssue(md, issue, issue.KnownIssueId is { } id ? knownById.GetValueOrDefault(id) : null, zone, inputs.IncludeInternal);
                }
            }
        }

        return new KnowledgeDigestDocument($"{Slug(inputs.ProjectName)}-knowledge-digest-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            areas, resolved, knownCount, inputs.IncludeInternal, md.ToString());
    }

    private static void WriteKnown(MarkdownWriter md, DigestKnownIssue k, TimeZoneInfo zone, bool includeInternal)
    {
        md.Paragraph($"#### Known issue: {Escape(k.Title)}");
        var facts = new List<string> { Escape(k.Status.Label()), Count(k.LinkedReports, "linked report") };
        if (FixLine(k, zone) is { } fix)
        {
            facts.Add(fix);
        }

        md.Paragraph(string.Join(" · ", facts));
        md.Paragraph("**Symptoms:**").Paragraph(Quote(k.Symptoms));
        WriteWorkaround(md, k, includeInternal, "Workaround");
        if (includeInternal && !string.IsNullOrWhiteSpace(k.InternalNotes))
        {
            md.Paragraph("**Internal notes** (_internal_):").Paragraph(Quote(k.InternalNotes));
        }
    }

    private static void WriteIssue(MarkdownWriter md, DigestIssue issue, DigestKnownIssue? known, TimeZoneInfo zone, bool includeInternal)
    {
        md.Paragraph($"#### #{issue.Id.ToString(CultureInfo.InvariantCulture)} {Escape(issue.Title)}");
        var facts = new List<string>
        {
            issue.Severity.ToString(),
            $"reported {Escape(Day(LocalDay(issue.ReportedAt, zone)))}",
            $"resolved {Escape(Day(LocalDay(issue.ResolvedAt, zone)))}",
            Escape(issue.Status.Label()),
        };
        if (issue.Team is { } team)
        {
            facts.Add(Escape(team.Label()));
        }

        if (issue.Duplicates > 0)
        {
            facts.Add(issue.Duplicates == 1 ? "1 duplicate" : $"{issue.Duplicates} duplicates");
        }

        md.Paragraph(string.Join(" · ", facts));
        if (issue.Resolution is { } resolution)
        {
            md.Paragraph(resolution.WrittenWhenResolved ? "**Resolution** (the note written when it was resolved):" : "**Resolution** (the last reply before it was resolved):")
                .Paragraph(Quote(resolution.Text));
        }
        else
        {
            md.Paragraph("_No resolution was written down._");
        }

        if (known is not null)
        {
            md.Paragraph($"**Known issue:** {Escape(known.Title)} ({Escape(known.Status.Label())}).");
            WriteWorkaround(md, known, includeInternal, "Its workaround");
        }

        if (issue.Patch is { } patch)
        {
            md.Paragraph(patch.DeployedAt is { } deployed
                ? $"**Fixed by** {PatchName(patch)}, deployed {Escape(Day(LocalDay(deployed, zone)))}."
                : $"**Fix rides** {PatchName(patch)}, planned for {Escape(Day(LocalDay(patch.PlannedFor, zone)))}.");
        }
    }

    private static void WriteWorkaround(MarkdownWriter md, DigestKnownIssue k, bool includeInternal, string label)
    {
        // Only a published workaround is what users are told; a draft is the team's, like the internal notes.
        if (string.IsNullOrWhiteSpace(k.Workaround))
        {
            return;
        }

        if (k.WorkaroundPublished)
        {
            md.Paragraph($"**{label}:**").Paragraph(Quote(k.Workaround));
        }
        else if (includeInternal)
        {
            md.Paragraph($"**{label}** (a draft, not published: _internal_):").Paragraph(Quote(k.Workaround));
        }
    }

    private static string? FixLine(DigestKnownIssue k, TimeZoneInfo zone) => (k.Status, k.Fix) switch
    {
        (KnownIssueStatus.Fixed, { } patch) => $"fixed by {PatchName(patch)}, deployed {Escape(Day(LocalDay(patch.DeployedAt ?? k.FixedAt ?? patch.PlannedFor, zone)))}",
        (KnownIssueStatus.Fixed, null) when k.FixedAt is { } at => $"fixed {Escape(Day(LocalDay(at, zone)))}",
        (KnownIssueStatus.FixScheduled, { } patch) => $"fix in {PatchName(patch)}, planned for {Escape(Day(LocalDay(patch.PlannedFor, zone)))}",
        _ => null,
    };

    /// <summary>
    /// Text people typed as a block quote, line breaks kept: every line is escaped, and what would start a block at the
    /// start of a line (a list, a rule, a setext underline, an indented code block) is escaped too, so nothing in it can
    /// change the digest's structure.
    /// </summary>
    private static string Quote(string? text)
    {
        var lines = (text ?? "").ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        if (lines.Count == 0)
        {
            return "> _(empty)_";
        }

        var quote = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = EscapeLineStart(Escape(lines[i]));
            var breaks = i + 1 < lines.Count && lines[i + 1].Length > 0 && line.Length > 0;
            quote.Append('>');
            if (line.Length > 0)
            {
                quote.Append(' ').Append(line);
            }

            // A backslash at the end of a line is CommonMark's hard line break; a blank line starts a new paragraph.
            quote.Append(breaks ? "\\\n" : "\n");
        }

        return quote.ToString().TrimEnd('\n');
    }

    private static string EscapeLineStart(string line)
    {
        if (line.Length == 0)
        {
            return line;
        }

        if (line[0] is '-' or '=')
        {
            return "\\" + line;
        }

        var digits = 0;
        while (digits < line.Length && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        // "1." would start an ordered list ("1)" cannot: Escape already escaped the parenthesis).
        return digits > 0 && digits < line.Length && line[digits] == '.' ? line[..digits] + "\\" + line[digits..] : line;
    }

    private static List<DigestKnownIssue> OrderKnown(IEnumerable<DigestKnownIssue> known) => known
        .OrderBy(k => k.Status).ThenByDescending(k => k.LinkedReports)
        .ThenBy(k => k.Title, StringComparer.OrdinalIgnoreCase).ThenBy(k => k.Id).ToList();

    private static List<DigestIssue> OrderIssues(IEnumerable<DigestIssue> issues) => issues
        .OrderBy(i => i.Severity).ThenByDescending(i => i.ResolvedAt).ThenByDescending(i => i.Id).ToList();

    /// <summary>For each area key, the spelling most reports used (ties: the first in ordinal order).</summary>
    private static Dictionary<string, string> AreaNames(IEnumerable<string?> areas) => areas
        .Select(Spelling).OfType<string>()
        .GroupBy(s => s.ToLowerInvariant())
        .ToDictionary(g => g.Key, g => g.GroupBy(s => s, StringComparer.Ordinal)
            .OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).First().Key);

    private static string? Spelling(string? area)
    {
        if (string.IsNullOrWhiteSpace(area))
        {
            return null;
        }

        return string.Join(' ', area.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The patch's name (escaped Markdown), with its number when the name does not already say it.</summary>
    private static string PatchName(DigestPatch patch)
    {
        var number = patch.Number.ToString(CultureInfo.InvariantCulture);
        return patch.Name == $"Patch {number}" ? Escape(patch.Name) : $"{Escape(patch.Name)} (patch {number})";
    }

    private static DateOnly LocalDay(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";
}
