using System.Globalization;
using System.Text.Json;
using Hypercare.Core;

namespace Hypercare.Web.Shared;

/// <summary>Parses query-string values with the same names and spellings as the JSON bodies (camelCase enums).</summary>
public static class QueryValues
{
    public static T? Enum<T>(FieldErrors errors, string field, string? value) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(Name(candidate), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        errors.Add(field, $"'{value}' is not a valid {field}; expected one of: {string.Join(", ", System.Enum.GetValues<T>().Select(Name))}.");
        return null;
    }

    public static IReadOnlyList<T>? Enums<T>(FieldErrors errors, string field, string[]? values) where T : struct, System.Enum
    {
        if (values is null || values.Length == 0)
        {
            return null;
        }

        var parsed = new List<T>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Enum<T>(errors, field, value) is { } item)
            {
                parsed.Add(item);
            }
        }

        return parsed;
    }

    public static int? WholeNumber(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        errors.Add(field, $"'{value}' is not a whole number.");
        return null;
    }

    public static bool? TrueOrFalse(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        errors.Add(field, $"'{value}' must be true or false.");
        return null;
    }

    public static DateOnly? Date(FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"'{value}' is not a date as YYYY-MM-DD.");
        return null;
    }

    /// <summary>The wire name of an enum value: camelCase, as JsonStringEnumConverter writes it.</summary>
    public static string Name<T>(T value) where T : struct, System.Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
