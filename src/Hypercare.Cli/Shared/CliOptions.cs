using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Hypercare.Core.Data;

namespace Hypercare.Cli.Shared;

internal enum OutputFormat
{
    Table,
    Json,
}

/// <summary>Options shared by several commands, and parsers that name the option when a value is wrong.</summary>
internal static class CliOptions
{
    public static Option<string?> Database { get; } = new("--db")
    {
        Description = $"SQLite file path or PostgreSQL connection string (default: ${DatabaseTarget.EnvironmentVariable}, else {DatabaseTarget.DefaultSqlitePath})",
        Recursive = true,
    };

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "table (for people) or json (camelCase, alone on stdout, for scripts)",
        DefaultValueFactory = _ => OutputFormat.Table,
        CustomParser = result => ParseEnum<OutputFormat>(result) ?? OutputFormat.Table,
    };

    public static Option<int> ProjectId() => new("--project")
    {
        Description = "Project id (see `hypercare projects list`)",
        Required = true,
    };

    /// <summary>A calendar date as YYYY-MM-DD; anything else is a parse error naming the option (exit 2).</summary>
    public static Option<DateOnly?> Date(string name, string description, bool required) => new(name)
    {
        Description = description + " (YYYY-MM-DD)",
        Required = required,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            result.AddError($"{name}: '{text}' is not a valid date; use YYYY-MM-DD, e.g. 2026-03-02.");
            return null;
        },
    };

    /// <summary>An enum by its camelCase name (as in the JSON API), case-insensitive; numbers are refused.</summary>
    public static Option<T?> Enum<T>(string name, string description, bool required = false)
        where T : struct, Enum => new(name)
        {
            Description = $"{description}: {string.Join(", ", Names<T>())}",
            Required = required,
            CustomParser = ParseEnum<T>,
        };

    /// <summary>Repeatable and comma-separated: --status new,triaged or --status new --status triaged.</summary>
    public static Option<IReadOnlyList<T>> Enums<T>(string name, string description)
        where T : struct, Enum => new(name)
        {
            Description = $"{description}, repeatable or comma-separated: {string.Join(", ", Names<T>())}",
            AllowMultipleArgumentsPerToken = false,
            Arity = ArgumentArity.ZeroOrMore,
            DefaultValueFactory = _ => [],
            CustomParser = result =>
            {
                var values = new List<T>();
                foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
                {
                    if (TryParseName<T>(text, out var value))
                    {
                        values.Add(value);
                    }
                    else
                    {
                        result.AddError(UnknownValue<T>(name, text));
                    }
                }

                return values;
            },
        };

    public static string CamelName<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static IEnumerable<string> Names<T>()
        where T : struct, Enum => System.Enum.GetValues<T>().Select(CamelName);

    private static T? ParseEnum<T>(ArgumentResult result)
        where T : struct, Enum
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParseName<T>(text, out var value))
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? result.Argument.Name;
        result.AddError(UnknownValue<T>(option, text));
        return null;
    }

    private static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        // Names only: Enum.TryParse alone would also accept "7" and undefined numbers.
        var wanted = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string UnknownValue<T>(string option, string text)
        where T : struct, Enum => $"{option}: '{text}' is not one of {string.Join(", ", Names<T>())}.";
}
