using System.Globalization;
using System.Text;

namespace Hypercare.Core.Patches;

/// <summary>
/// Release notes for users, from the titles of the known issues the patch fixes; other fixed issues are counted, not
/// named (a report's title is the reporter's words and may name people or customers). No descriptions, comments,
/// assignees, teams, severities or internal notes go in, so none can come out; people add detail by editing.
/// </summary>
public static class ReleaseNotes
{
    public static string Generate(string patchName, DateOnly localDate, IReadOnlyList<PatchFix> fixes)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{patchName} — {localDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}\n\n");
        if (fixes.Count == 0)
        {
            text.Append("This update has no user-facing fixes yet.\n");
            return text.ToString();
        }

        text.Append("What this update fixes:\n");
        foreach (var fix in fixes.Where(f => f.KnownIssueId is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {fix.Title.Trim()}\n");
        }

        var others = fixes.Count(f => f.KnownIssueId is null);
        if (others > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {others} other fix{(others == 1 ? "" : "es")} for problems reported by users\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nIf you still see one of these problems after the update, report it again and mention {patchName}.\n");
        return text.ToString();
    }
}
