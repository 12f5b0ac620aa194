using Hypercare.Core.Exit;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Exit;

/// <summary>The forecast's selection as the query string spells it, for the API and the Exit page alike.</summary>
public static class ForecastQuery
{
    public const string AnyCategory = "any";

    public static ForecastSelection Parse(Hypercare.Core.FieldErrors errors, string[]? severities, string? category)
    {
        var chosen = QueryValues.Enums<Hypercare.Core.Issues.Severity>(errors, "severities", severities);
        if (chosen is { Count: 0 } && severities is { Length: > 0 })
        {
            errors.Add("severities", "severities names at least one severity (sev1, sev2, sev3).");
        }

        var any = string.Equals(category?.Trim(), AnyCategory, StringComparison.OrdinalIgnoreCase);
        var parsed = any ? null : QueryValues.Enum<Hypercare.Core.Issues.IssueCategory>(errors, "category", category);
        if (errors.Any)
        {
            return ForecastSelection.Default;
        }

        return new ForecastSelection(chosen is { Count: > 0 } ? [.. chosen.Distinct().Order()] : ForecastSelection.Default.Severities,
            any ? null : parsed ?? ForecastSelection.Default.Category);
    }

    /// <summary>The query string that asks for <paramref name="selection"/> (empty for the default).</summary>
    public static string Of(ForecastSelection selection) => selection.IsDefault
        ? ""
        : $"?severities={string.Join(',', selection.Severities.Select(QueryValues.Name))}&category={(selection.Category is { } c ? QueryValues.Name(c) : AnyCategory)}";
}
