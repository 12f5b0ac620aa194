using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.KnownIssues;
using Hypercare.Core.Patches;
using Hypercare.Web.Components;

namespace Hypercare.Web.KnownIssues;

/// <summary>How known issues and patches read on pages, and the parsing of what people type into their forms.</summary>
public static class KnownIssueText
{
    /// <summary>"Fix scheduled in Patch 4 (2026-03-05 18:00)", "Fixed in Patch 2", or the plain status.</summary>
    public static string Status(KnownIssueSummary known, TimeZoneInfo zone) => known.Status switch
    {
        KnownIssueStatus.FixScheduled when known.PatchName is { } patch =>
            $"Fix scheduled in {patch}" + (known.PatchPlannedFor is { } at ? $" ({Display.When(at, zone)})" : ""),
        KnownIssueStatus.Fixed when known.PatchName is { } patch => $"Fixed in {patch}",
        _ => known.Status.Label(),
    };

    public static string Label(this PatchCadenceKind kind) => kind switch
    {
        PatchCadenceKind.Daily => "Daily (every working day)",
        PatchCadenceKind.EveryOtherDay => "Every other working day",
        PatchCadenceKind.TwiceWeekly => "Twice a week",
        PatchCadenceKind.ChosenDates => "On chosen dates",
        _ => kind.ToString(),
    };

    /// <summary>Issue numbers typed as "12, #14 15"; anything else is an error on <paramref name="field"/>.</summary>
    public static IReadOnlyList<int> IssueNumbers(FieldErrors errors, string field, string? text)
    {
        var ids = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                errors.Add(field, $"'{part}' is not an issue number.");
            }
        }

        return ids;
    }

    /// <summary>A local date and time typed in a datetime-local field ("2026-03-05T18:00"), as an instant in the project's zone.</summary>
    public static DateTimeOffset? LocalInstant(FieldErrors errors, string field, string? text, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm"];
        if (!DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors.Add(field, $"'{text}' is not a date and time (YYYY-MM-DD HH:mm).");
            return null;
        }

        return PatchCadence.ToInstant(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local), zone);
    }

    /// <summary>The value of a datetime-local field for an instant, in the project's zone.</summary>
    public static string LocalInput(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
