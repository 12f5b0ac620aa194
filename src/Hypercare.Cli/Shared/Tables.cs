using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Hypercare.Cli.Shared;

/// <summary>Spectre tables whose cells are plain text: data never goes through markup parsing, so "[x]" in a title stays "[x]".</summary>
internal static class Tables
{
    public static Table Create(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        return table;
    }

    public static IRenderable[] Cells(params string?[] values) =>
        values.Select(v => (IRenderable)new Text(v ?? "")).ToArray();

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Instants are shown in the project's time zone (ARCHITECTURE.md §3.6: local time only at the edges).</summary>
    public static string Local(DateTimeOffset? instant, TimeZoneInfo zone) =>
        instant is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
