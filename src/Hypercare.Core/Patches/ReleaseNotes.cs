using System.Globalization;
using System.Text;

namespace Hypercare.Core.Patches;

/// <summary>
/// Release notes for users, from the patch's public lines only (known-issue titles and fixed issues' titles): no
/// descriptions, comments, assignees, teams, severities or internal notes go in, so none can come out.
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
        foreach (var fix in fixes)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {fix.Title.Trim()}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nIf you still see one of these problems after the update, report it again and mention {patchName}.\n");
        return text.ToString();
    }
}
