using System.Text;
using Hypercare.Core.Data;
using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

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
    private Stream? _data;
    private ReadOnlyMemory<byte> _dataStart;
    private long _dataLine;
    private int _chunkBytes;
    private ReadOnlyMemory<byte> _headerBytes;
    private CsvRowGuard? _guard;
    private long _unclosedQuoteLine;

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
            var guard = new CsvRowGuard(stream, fileName);
            var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true })
                .From(new StreamReader(guard, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true));
            if (reader.Header.IsEmpty)
            {
                reader.Dispose();
                throw new ImportFileException($"{fileName}: the file is empty; a header line is expected.");
            }

            return new CsvInput(reader, fileName) { _guard = guard };
        }
        catch (Exception error) when (error is not ImportFileException and (FormatException or InvalidDataException or ArgumentException))
        {
            throw new ImportFileException($"{fileName}: not a readable CSV file.", error);
        }
    }

    /// <summary>
    /// Like <see cref="Open"/>, but only the header row is parsed here; the rest of the stream is left for
    /// <see cref="ParallelRows{T}"/> to parse on all cores. A UTF-16 file (byte order mark) is opened the plain way.
    /// </summary>
    public static CsvInput OpenSplit(Stream stream, string fileName, int chunkBytes = ParallelCsv.ChunkBytes)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        int end;
        while (true)
        {
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            if (length >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)))
            {
                return Open(new ConcatenatedStream(buffer.AsMemory(0, length), stream), fileName);
            }

            end = FirstRowEnd(buffer.AsSpan(0, length));
            if (end > 0 || length < buffer.Length)
            {
                break;
            }

            if (buffer.Length >= CsvRowGuard.MaxRowBytes)
            {
                throw new ImportFileException($"{fileName}: line 1: the header row is longer than {CsvRowGuard.MaxRowBytes >> 20} MB; not a readable CSV file.");
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var headerLength = end > 0 ? end : length;
        var csv = Open(new MemoryStream(buffer, 0, headerLength, writable: false), fileName);
        // The rest is watched by ParallelCsv, which reports a cut-off quote itself.
        csv._guard = null;
        csv._data = stream;
        csv._dataStart = buffer.AsMemory(headerLength, length - headerLength);
        csv._dataLine = 1 + buffer.AsSpan(0, headerLength).Count((byte)'\n');
        csv._chunkBytes = chunkBytes;
        csv._headerBytes = buffer.AsMemory(0, headerLength);
        return csv;
    }

    /// <summary>The position after the first line feed outside quotes, or 0.</summary>
    private static int FirstRowEnd(ReadOnlySpan<byte> buffer)
    {
        var quoted = false;
        for (var i = 0; i < buffer.Length; i++)
        {
            if (buffer[i] == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (buffer[i] == (byte)'\n' && !quoted)
            {
                return i + 1;
            }
        }

        return 0;
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

    /// <summary>
    /// Every data row through <paramref name="select"/>, results handed to <paramref name="consume"/> in file order
    /// a chunk at a time. A file opened with <see cref="OpenSplit"/> is parsed on all cores (<see cref="ParallelCsv"/>,
    /// so <paramref name="select"/> must be safe to call concurrently); otherwise rows are read here one by one.
    /// </summary>
    public void ParallelRows<T>(RowSelect<T> select, Action<List<T>> consume, CancellationToken cancellationToken)
    {
        if (_data is { } data)
        {
            try
            {
                ParallelCsv.Run(_headerBytes, data, _dataStart, _reader.Spec.Sep, _dataLine, _chunkBytes, select, consume,
                    line => Volatile.Write(ref _unclosedQuoteLine, line), cancellationToken);
            }
            catch (ImportFileException error) when (!error.Message.StartsWith(FileName + ":", StringComparison.Ordinal))
            {
                throw new ImportFileException($"{FileName}: {error.Message}");
            }

            return;
        }

        var results = new List<T>(4096);
        while (_reader.MoveNext())
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(select(_reader.Current, _reader.Current.LineNumberFrom));
            if (results.Count == 4096)
            {
                consume(results);
                results = new List<T>(4096);
            }
        }

        consume(results);
    }

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

        return nonEmpty == 1 && IsFooter(first);
    }

    // Not a lambda over `first`: its closure would be allocated on every call, also on the early return above
    // (ten million rows, a quarter of a gigabyte of garbage).
    private static bool IsFooter(string text)
    {
        foreach (var footer in Footers)
        {
            if (text.StartsWith(footer, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The physical line of the row the file ends in while a quoted value is still open (the file was cut off), known once
    /// the end of the file has been read, which is before that row is handed out; 0 when the file ends cleanly.
    /// </summary>
    public long UnclosedQuoteLine => _guard?.UnclosedQuoteLine ?? Volatile.Read(ref _unclosedQuoteLine);

    /// <summary>
    /// The rejection of a damaged row, or null: the row a cut-off file ends in (its last cell is the unclosed value), or a
    /// row with a cell holding a control character other than tab, CR or LF (<see cref="PlainText"/>), naming its column.
    /// One vectorised scan of the raw row; cells are looked at only when it finds something.
    /// </summary>
    public Rejection? CheckRow(SepReader.Row row, long line)
    {
        if (line == UnclosedQuoteLine)
        {
            return new Rejection(line, ColumnName(UnclosedColumn(row.Span, _reader.Spec.Sep.Separator)),
                "the file ends inside this quoted value, so the value and the row are incomplete (was the file cut off?).");
        }

        if (PlainText.IndexOfRefused(row.Span) < 0)
        {
            return null;
        }

        for (var i = 0; i < row.ColCount; i++)
        {
            var cell = row[i].Span;
            var index = PlainText.IndexOfRefused(cell);
            if (index >= 0)
            {
                return new Rejection(line, ColumnName(i), $"the value {PlainText.Describe(cell, index)}");
            }
        }

        return null;
    }

    /// <summary>The index of the column whose quoted value is still open at the end of the raw row.</summary>
    private static int UnclosedColumn(ReadOnlySpan<char> raw, char separator)
    {
        var column = 0;
        var opened = 0;
        var quoted = false;
        foreach (var c in raw)
        {
            if (c == '"')
            {
                quoted = !quoted;
                opened = quoted ? column : opened;
            }
            else if (c == separator && !quoted)
            {
                column++;
            }
        }

        return quoted ? opened : column;
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

/// <summary>Bytes already read, then the rest of a stream.</summary>
internal sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream tail) : ForwardOnlyStream
{
    private ReadOnlyMemory<byte> _head = head;

    public override int Read(Span<byte> buffer)
    {
        if (_head.IsEmpty)
        {
            return tail.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _head.Length);
        _head.Span[..n].CopyTo(buffer);
        _head = _head[n..];
        return n;
    }
}
