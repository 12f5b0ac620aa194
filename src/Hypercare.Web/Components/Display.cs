using System.Globalization;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Components;

/// <summary>
/// How values read on pages: enum labels, dates in the project's time zone, query-string spellings.
/// Formats are invariant so a page reads the same whatever culture the server runs in.
/// </summary>
public static class Display
{
    public static string Label(this Severity severity) => severity switch
    {
        Severity.Sev1 => "Sev 1",
        Severity.Sev2 => "Sev 2",
        Severity.Sev3 => "Sev 3",
        _ => severity.ToString(),
    };

    public static string Label(this ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead => "Hypercare lead",
        ProjectRole.Triage => "Triage team",
        ProjectRole.ChangeManager => "Change manager",
        ProjectRole.Sponsor => "Sponsor",
        ProjectRole.SteadyStateSupport => "Steady-state support",
        ProjectRole.Reporter => "Reporter",
        _ => role.ToString(),
    };

    public static string Label(this IssueSort sort) => sort switch
    {
        IssueSort.Newest => "Newest first",
        IssueSort.Oldest => "Oldest first",
        IssueSort.Severity => "Severity",
        IssueSort.Updated => "Recently updated",
        _ => sort.ToString(),
    };

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(DateOnly? date) => date is { } d ? Day(d) : "—";

    /// <summary>An instant as the project's local time; pages never show raw UTC to people working in one office.</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset? at, TimeZoneInfo zone) => at is { } value ? When(value, zone) : "—";

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset? at) => at is { } value ? Utc(value) : "—";

    public static TimeZoneInfo Zone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The query-string spelling of an enum value, the same as the API's (camelCase).</summary>
    public static string Wire<T>(T value) where T : struct, Enum => QueryValues.Name(value);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Long audit values (a description) are cut for the history table; the full text is on the page above.</summary>
    public static string Clip(string? value, int max = 160) =>
        value is null ? "(empty)" : value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");

    public static string CssClass(this Severity severity) => severity switch
    {
        Severity.Sev1 => "sev sev1",
        Severity.Sev2 => "sev sev2",
        _ => "sev sev3",
    };
}
