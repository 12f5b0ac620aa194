using System.Globalization;
using nietras.SeparatedValues;

namespace Hypercare.Core.Forecasting;

/// <summary>
/// Reads arrivals from CSV with a header row: one column <c>time</c> (cumulative arrival times, ascending) or two
/// columns <c>end,count</c> (interval ends, increasing, and the arrivals in each). Every refusal names the file, line
/// and column (<c>F.csv:4:1: 'abc' is not a number</c>) so the offending cell can be found in an editor.
/// </summary>
public static class ArrivalCsv
{
    private const string Expected = "expected a header row 'time' (arrival times) or 'end,count' (interval ends and counts)";

    public static Outcome<ArrivalData> Read(TextReader text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return ReadRows(text, fileName);
        }
        catch (ArrivalFileException error)
        {
            return Failure.Invalid("file", error.Message);
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidDataException)
        {
            // Sep's own refusals (a quote left open, a line beyond its limits) carry no line of ours; say what it said.
            return Failure.Invalid("file", $"{fileName}: not a readable CSV file: {error.Message}");
        }
    }

    private static ArrivalData ReadRows(TextReader text, string fileName)
    {
        // The separator is fixed: Sep would otherwise guess it from the header, and a one-column header gives it nothing
        // to go on. The header row is read here rather than by Sep, which refuses a repeated name with an exception
        // instead of a line and column.
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true, Trim = SepTrim.All })
            .From(text);
        if (!reader.MoveNext())
        {
            throw new ArrivalFileException($"{fileName}: the file is empty; {Expected}.");
        }

        var header = reader.Current;
        var names = new List<string>();
        for (var i = 0; i < header.ColCount; i++)
        {
            var name = header[i].ToString();
            var key = name.ToUpperInvariant();
            if (key is not ("TIME" or "END" or "COUNT") || names.Contains(key))
            {
                throw new ArrivalFileException($"{fileName}:1:{i + 1}: unexpected column '{name}'; {Expected}.");
            }

            names.Add(key);
        }

        var time = names.IndexOf("TIME");
        var end = names.IndexOf("END");
        var count = names.IndexOf("COUNT");
        if (!(time >= 0 && names.Count == 1) && !(end >= 0 && count >= 0 && names.Count == 2))
        {
            throw new ArrivalFileException($"{fileName}:1: {Expected}.");
        }

        var times = new List<double>();
        var ends = new List<double>();
        var counts = new List<int>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (IsBlank(row))
            {
                continue;
            }

            if (row.ColCount > names.Count)
            {
                throw new ArrivalFileException($"{fileName}:{line}:{names.Count + 1}: unexpected value '{row[names.Count].ToString()}'; the header has {names.Count} column(s).");
            }

            if (time >= 0)
            {
                var t = Number(row, time, line, fileName);
                if (t <= 0)
                {
                    throw Cell(fileName, line, time, $"time must be greater than 0 (the start of observation), not {Show(t)}");
                }

                if (times.Count > 0 && t < times[^1])
                {
                    throw Cell(fileName, line, time, $"times must ascend; {Show(t)} comes after {Show(times[^1])}");
                }

                times.Add(t);
                continue;
            }

            var e = Number(row, end, line, fileName);
            var previous = ends.Count > 0 ? ends[^1] : 0;
            if (e <= previous)
            {
                throw Cell(fileName, line, end, ends.Count == 0
                    ? $"interval end must be greater than 0 (the start of observation), not {Show(e)}"
                    : $"interval ends must increase; {Show(e)} comes after {Show(previous)}");
            }

            ends.Add(e);
            counts.Add(Count(row, count, line, fileName));
        }

        if (times.Count == 0 && ends.Count == 0)
        {
            throw new ArrivalFileException($"{fileName}: no data rows after the header.");
        }

        return time >= 0 ? new FailureTimes(times) : new GroupedCounts(ends, counts);
    }

    private static double Number(SepReader.Row row, int column, int line, string fileName)
    {
        var cell = Text(row, column, line, fileName);
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Cell(fileName, line, column, $"'{cell}' is not a number");
        }

        return value;
    }

    private static int Count(SepReader.Row row, int column, int line, string fileName)
    {
        var cell = Text(row, column, line, fileName);
        if (!long.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Cell(fileName, line, column, double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                ? $"'{cell}' is not a whole number"
                : $"'{cell}' is not a number");
        }

        if (value < 0)
        {
            throw Cell(fileName, line, column, $"count must not be negative, not {cell}");
        }

        return value <= int.MaxValue ? (int)value : throw Cell(fileName, line, column, $"count {cell} is too large");
    }

    private static string Text(SepReader.Row row, int column, int line, string fileName) =>
        column < row.ColCount && row[column].Span.Length > 0
            ? row[column].ToString()
            : throw Cell(fileName, line, column, "a value is missing");

    private static bool IsBlank(SepReader.Row row)
    {
        for (var i = 0; i < row.ColCount; i++)
        {
            if (row[i].Span.Length > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static ArrivalFileException Cell(string fileName, int line, int column, string message) =>
        new($"{fileName}:{line}:{column + 1}: {message}");

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class ArrivalFileException(string message) : Exception(message);
}
