namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Watches the bytes of a CSV file on their way to the parser, without keeping them: refuses a row longer than
/// <see cref="MaxRowBytes"/> as soon as it passes that length (a 1 GB file with one line is refused after 4 MB, not
/// buffered whole), and notes the line of the row a file ends in while a quoted value is still open (a file cut off in
/// transfer), so that row is rejected instead of imported with half a value.
/// </summary>
internal sealed class CsvRowGuard(Stream inner, string fileName) : ForwardOnlyStream
{
    /// <summary>
    /// No export row we read comes near this: a Salesforce long text area holds 131,072 characters (at most ~400 kB of
    /// UTF-8); rows beyond it are refused rather than held in memory.
    /// </summary>
    public const int MaxRowBytes = 4 << 20;

    private bool _quoted;
    private bool _started;
    private bool _utf16;
    private long _rowBytes;
    private long _line = 1;
    private long _rowLine = 1;

    /// <summary>The physical line (1 = header) of the row the file ends in inside quotes, once the end is read; else 0.</summary>
    public long UnclosedQuoteLine { get; private set; }

    public override int Read(Span<byte> buffer) => Seen(buffer, inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Seen(buffer.Span, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Watches the bytes just read; at the end of the file, notes a quoted value still open.</summary>
    private int Seen(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            Watch(buffer[..read]);
        }
        else if (_quoted && _rowBytes > 0)
        {
            UnclosedQuoteLine = _rowLine;
        }

        return read;
    }

    private void Watch(ReadOnlySpan<byte> bytes)
    {
        if (!_started)
        {
            // UTF-16 (Excel's "Unicode text"): other characters' bytes can look like quotes, so only line feeds are
            // watched, and a cut-off quote is left to the parser.
            _started = true;
            _utf16 = bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));
        }

        var rest = bytes;
        while (true)
        {
            // Only quotes and line feeds matter; everything between them is skipped with one vectorised search.
            var next = rest.IndexOfAny((byte)'"', (byte)'\n');
            if (next < 0)
            {
                Grow(rest.Length);
                return;
            }

            Grow(next + 1);
            if (rest[next] == (byte)'"')
            {
                _quoted = !_quoted && !_utf16;
            }
            else
            {
                _line++;
                if (!_quoted)
                {
                    _rowBytes = 0;
                    _rowLine = _line;
                }
            }

            rest = rest[(next + 1)..];
        }
    }

    private void Grow(int bytes)
    {
        _rowBytes += bytes;
        if (_rowBytes > MaxRowBytes)
        {
            throw new ImportFileException(
                $"{fileName}: line {_rowLine}: a row longer than {MaxRowBytes >> 20} MB{(_quoted ? " (a quoted value that is never closed?)" : "")}; the file cannot be read.");
        }
    }
}
