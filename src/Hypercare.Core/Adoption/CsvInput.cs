using System.Text;
using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption;

/// <summary>A row the importer refused, with the physical line it starts on (1 = header) and the column at fault.</summary>
public sealed record Rejection(long Line, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"line {Line}: {Reason}" : $"line {Line}, column {Column}: {Reason}";
}

/// <summary>The file cannot be read as a whole (missing columns, not CSV); nothing of it is imported.</summary>
public sealed class ImportFileException(string message) : Exception(message)
{
    public ImportFileException()
        : this("The file cannot be imported.")
    {
    }

    public ImportFileException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}

/// <summary>
/// A CSV file read with Sep: streaming, RFC 4180 quoting (commas, CR/LF and doubled quotes inside quoted values),
/// BOM and CRLF tolerated, delimiter detected on the header line. Columns are found by name, case-insensitively and
/// ignoring spaces, underscores and dots, so <c>LoginTime</c>, <c>LOGINTIME</c>, <c>Login Time</c> and
/// <c>LOGIN_TIME</c> are the same column; unknown columns are ignored.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private static readonly string[] Footers = ["grand totals", "confidential information", "copyright", "total"];

    private readonly SepReader _reader;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private CsvInput(SepReader reader, string fileName)
    {
        _reader = reader;
        FileName = fileName;
        Header = [.. reader.Header.ColNames];
        for (var i = 0; i < Header.Length; i++)
        {
            _columns.TryAdd(Normalize(Header[i]), i);
        }
    }

    public string FileName { get; }

    public string[] Header { get; }

    public static CsvInput Open(Stream stream, string fileName)
    {
        try
        {
            var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true })
                .From(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true));
            if (reader.Header.IsEmpty)
            {
                reader.Dispose();
                throw new ImportFileException($"{fileName}: the file is empty; a header line is expected.");
            }

            return new CsvInput(reader, fileName);
        }
        catch (Exception error) when (error is not ImportFileException and (FormatException or InvalidDataException or ArgumentException))
        {
            throw new ImportFileException($"{fileName}: not a readable CSV file.", error);
        }
    }

    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim().Trim('\uFEFF'))
        {
            if (c is not (' ' or '_' or '.' or '-'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The index of the first alias present, or -1.</summary>
    public int Find(params string[] aliases)
    {
        foreach (var alias in aliases)
        {
            if (_columns.TryGetValue(Normalize(alias), out var index))
            {
                return index;
            }
        }

        return -1;
    }

    /// <summary>Like <see cref="Find"/>, but a missing column fails the file, naming the columns that were found.</summary>
    public int Require(string what, params string[] aliases)
    {
        var index = Find(aliases);
        return index >= 0
            ? index
            : throw new ImportFileException(
                $"{FileName}: required column {what} is missing (accepted names: {string.Join(", ", aliases)}); the header has: {string.Join(", ", Header)}.");
    }

    public string ColumnName(int index) => index >= 0 && index < Header.Length ? Header[index] : $"#{index + 1}";

    public bool MoveNext() => _reader.MoveNext();

    public SepReader.Row Current => _reader.Current;

    /// <summary>Blank lines and report footers ("Grand Totals (5700 records)", "Confidential Information ...") carry no data.</summary>
    public bool IsBlankOrFooter(SepReader.Row row)
    {
        if (row.ColCount >= Header.Length && Header.Length > 1)
        {
            return false;
        }

        var nonEmpty = 0;
        var first = "";
        for (var i = 0; i < row.ColCount; i++)
        {
            var span = row[i].Span.Trim();
            if (span.Length > 0)
            {
                if (nonEmpty == 0)
                {
                    first = span.ToString();
                }

                nonEmpty++;
            }
        }

        if (nonEmpty == 0)
        {
            return true;
        }

        return nonEmpty == 1 && Footers.Any(f => first.StartsWith(f, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The value of a column as a trimmed span; empty when the column is absent or the row is short.</summary>
    public static ReadOnlySpan<char> Cell(SepReader.Row row, int index) =>
        index >= 0 && index < row.ColCount ? row[index].Span.Trim() : [];

    public static string? Text(SepReader.Row row, int index, int maxLength = AdoptionModel.TextMaxLength)
    {
        var span = Cell(row, index);
        if (span.Length == 0)
        {
            return null;
        }

        return span.Length > maxLength ? span[..maxLength].ToString() : span.ToString();
    }

    /// <summary>A key for rows without a natural id: a hash of every cell, so the same row in two files is one row.</summary>
    public static string ContentKey(string prefix, SepReader.Row row)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        for (var i = 0; i < row.ColCount; i++)
        {
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(row[i].Span.Trim()));
            hash.AppendData([0x1F]);
        }

        // 128 bits of SHA-256 keep the key short; collisions are out of reach for any export size.
        return prefix + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16));
    }

    public void Dispose() => _reader.Dispose();
}
