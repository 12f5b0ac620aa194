using System.Globalization;
using Hypercare.Core.Audit;
using Hypercare.Core.Issues;
using Hypercare.Web.Components;

namespace Hypercare.Web.Issues;

public sealed record HistoryLine(string Field, string? Before, string? After);

/// <summary>
/// Turns audit rows (entity property names, enum names, ids, ISO instants) into what a person reads in an issue's history.
/// Bookkeeping columns (ids, version, timestamps set with the row) are left out: they say nothing the row itself does not.
/// </summary>
public static class HistoryLines
{
    private static readonly HashSet<string> Bookkeeping = new(StringComparer.Ordinal)
    {
        "Id", "ProjectId", "ReporterId", "ReportedAt", "UpdatedAt", "Version", "CreatedAt", "IssueId", "AuthorId",
    };

    public static string What(HistoryEntry entry) => (entry.EntityType, entry.Action) switch
    {
        ("Issue", AuditAction.Created) => "Reported",
        ("Issue", _) => "Changed",
        ("IssueComment", AuditAction.Created) => "Commented",
        ("IssueComment", _) => "Comment changed",
        _ => $"{entry.EntityType} {entry.Action.ToString().ToLowerInvariant()}",
    };

    public static IReadOnlyList<HistoryLine> Lines(HistoryEntry entry, IReadOnlyDictionary<int, string> people, TimeZoneInfo zone) =>
        entry.Changes
            .Where(c => !Bookkeeping.Contains(c.Field))
            .Select(c => new HistoryLine(FieldLabel(c.Field), Value(c.Field, c.Before, people, zone), Value(c.Field, c.After, people, zone)))
            .ToList();

    private static string FieldLabel(string field) => field switch
    {
        "AffectedArea" => "Affected area",
        "ProposedSeverity" => "Proposed severity",
        "OwningTeam" => "Owning team",
        "AssigneeId" => "Assignee",
        "DuplicateOfId" => "Duplicate of",
        "TriagedAt" => "Triaged",
        "ResolvedAt" => "Resolved",
        "ClosedAt" => "Closed",
        "Body" => "Comment",
        _ => field,
    };

    private static string? Value(string field, string? value, IReadOnlyDictionary<int, string> people, TimeZoneInfo zone)
    {
        if (value is null)
        {
            return null;
        }

        return field switch
        {
            "Status" when Enum.TryParse<IssueStatus>(value, out var status) => status.Label(),
            "Severity" or "ProposedSeverity" when Enum.TryParse<Severity>(value, out var severity) => severity.Label(),
            "Category" when Enum.TryParse<IssueCategory>(value, out var category) => category.Label(),
            "OwningTeam" when Enum.TryParse<OwningTeam>(value, out var team) => team.Label(),
            "AssigneeId" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) =>
                people.TryGetValue(id, out var name) ? name : $"user {id}",
            "DuplicateOfId" => "#" + value,
            "TriagedAt" or "ResolvedAt" or "ClosedAt" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) =>
                Display.When(at, zone),
            _ => Display.Clip(value),
        };
    }
}
