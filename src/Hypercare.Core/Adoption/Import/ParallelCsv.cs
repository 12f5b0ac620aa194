using System.Collections.Concurrent;
using System.Text;
using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

/// <summary>A row function for <see cref="ParallelCsv"/>: the row and its physical line in the whole file (1 = header).</summary>
internal delegate T RowSelect<T>(SepReader.Row row, long line);

/// <summary>
/// Reads the data rows of a CSV file on all cores, in order (ADR 0042). One thread reads the bytes and cuts them into
/// chunks of about <see cref="ChunkBytes"/> that end at a row end outside quotes (the quote parity of a chunk is a
/// vectorised count, so a quoted value with line breaks is never cut); each worker parses whole chunks with its own
/// Sep reader and the caller's select; the caller gets every chunk's results in file order. At most
/// <c>2 × workers + 2</c> chunks are in flight, so memory stays flat whatever the file size.
/// </summary>
internal static class ParallelCsv
{
    public const int ChunkBytes = 1 << 21;

    /// <summary>A row longer than this is not a row of any export we read; the file is refused rather than buffered whole.</summary>
    private const int MaxRowBytes = CsvRowGuard.MaxRowBytes;

    /// <param name="header">The file's header row, line end included (each chunk is parsed after it).</param>
    /// <param name="data">The stream after the bytes already read.</param>
    /// <param name="start">Bytes of the data already read from the stream (after the header row).</param>
    /// <param name="sep">The separator the header was read with.</param>
    /// <param name="firstLine">The physical line the data starts on.</param>
    /// <param name="chunkBytes">About how many bytes each chunk holds (<see cref="ChunkBytes"/>; tests use tiny ones).</param>
    /// <param name="select">Turns a row into a result; called concurrently.</param>
    /// <param name="consume">Called on the caller's thread with each chunk's results, in file order.</param>
    /// <param name="unclosedQuote">
    /// Told the line of the row the file ends in inside an open quote (a cut-off file), before the chunk holding that row
    /// is handed to a worker.
    /// </param>
    /// <param name="cancellationToken">Stops reading and parsing.</param>
    public static void Run<T>(ReadOnlyMemory<byte> header, Stream data, ReadOnlyMemory<byte> start, Sep sep, long firstLine, int chunkBytes, RowSelect<T> select, Action<List<T>> consume,
        Action<long> unclosedQuote, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Environment.ProcessorCount);
        var headerLines = header.Span.Count((byte)'\n');
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim((2 * workers) + 2);
        using var work = new BlockingCollection<Chunk>();
        var done = new ConcurrentDictionary<long, List<T>>();
        using var ready = new SemaphoreSlim(0);
        var failures = new ConcurrentQueue<Exception>();
        var buffers = new ConcurrentBag<byte[]>();
        // Result lists are large (tens of thousands of rows): reused, not left to the large-object heap.
        var lists = new ConcurrentBag<List<T>>();

        void Fail(Exception error)
        {
            failures.Enqueue(error);
            stop.Cancel();
            ready.Release();
        }

        // Started unconditionally (they watch `stop` themselves): a task cancelled before it ran would never complete
        // the work queue, and waiting for it would throw.
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                Produce(data, start, firstLine, chunkBytes, buffers, slots, work, unclosedQuote, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception error)
            {
                Fail(error);
            }
            finally
            {
                work.CompleteAdding();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var parsers = Enumerable.Range(0, workers).Select(_ => Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var chunk in work.GetConsumingEnumerable(stop.Token))
                {
                    done[chunk.Sequence] = Parse(chunk, header, headerLines, sep, select, lists.TryTake(out var list) ? list : new List<T>(chunk.Length / 100));
                    buffers.Add(chunk.Bytes);
                    ready.Release();
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception error)
            {
                Fail(error);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        try
        {
            long next = 0;
            while (true)
            {
                if (done.TryRemove(next, out var results))
                {
                    consume(results);
                    results.Clear();
                    lists.Add(results);
                    slots.Release();
                    next++;
                    continue;
                }

                if (!failures.IsEmpty)
                {
                    break;
                }

                if (producer.IsCompleted && work.IsCompleted && parsers.All(p => p.IsCompleted) && done.IsEmpty)
                {
                    break;
                }

                // Woken by every finished chunk (and by a failure); the timeout only re-checks completion.
                ready.Wait(100, stop.Token);
            }
        }
        catch (OperationCanceledException) when (!failures.IsEmpty)
        {
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll([producer, .. parsers], CancellationToken.None);
        }

        if (failures.TryDequeue(out var failure))
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static void Produce(Stream data, ReadOnlyMemory<byte> start, long firstLine, int chunkBytes, ConcurrentBag<byte[]> buffers, SemaphoreSlim slots,
        BlockingCollection<Chunk> work, Action<long> unclosedQuote, CancellationToken cancellationToken)
    {
        // The bytes already read go through the same cutting as the rest.
        data = new ConcatenatedStream(start, data);
        var carry = new byte[chunkBytes];
        var carryLength = 0;
        var line = firstLine;
        long sequence = 0;
        var ended = false;
        while (!ended || carryLength > 0)
        {
            slots.Wait(cancellationToken);
            // Fill up to the chunk size (more only while no row end fits): reused buffers may be larger.
            var limit = Math.Max(chunkBytes, carryLength + 1);
            var buffer = buffers.TryTake(out var reused) && reused.Length >= limit ? reused : new byte[limit];
            carry.AsSpan(0, carryLength).CopyTo(buffer);
            var length = carryLength;
            int end;
            while (true)
            {
                while (!ended && length < limit)
                {
                    var read = data.Read(buffer, length, limit - length);
                    ended = read == 0;
                    length += read;
                }

                end = ended ? length : LastRowEnd(buffer.AsSpan(0, length));
                if (end > 0 || length == 0)
                {
                    break;
                }

                // No row end in the whole buffer: one row is longer than the buffer.
                if (limit >= MaxRowBytes)
                {
                    throw new ImportFileException($"line {line}: a row longer than {MaxRowBytes >> 20} MB (an unclosed quote?); the file cannot be read.");
                }

                limit *= 2;
                if (buffer.Length < limit)
                {
                    Array.Resize(ref buffer, limit);
                }
            }

            if (length == 0)
            {
                slots.Release();
                break;
            }

            carryLength = length - end;
            if (carry.Length < carryLength)
            {
                carry = new byte[Math.Max(carryLength, chunkBytes)];
            }

            buffer.AsSpan(end, carryLength).CopyTo(carry);
            var lines = buffer.AsSpan(0, end).Count((byte)'\n');
            if (ended && carryLength == 0 && (buffer.AsSpan(0, end).Count((byte)'"') & 1) == 1)
            {
                // The last chunk starts outside quotes, so an odd count of quotes means the file ends inside one.
                var lastRow = LastRowEnd(buffer.AsSpan(0, end));
                unclosedQuote(line + buffer.AsSpan(0, lastRow).Count((byte)'\n'));
            }

            work.Add(new Chunk(sequence++, buffer, end, line), cancellationToken);
            line += lines;
            if (ended && carryLength == 0)
            {
                break;
            }
        }
    }

    /// <summary>The position after the last line feed outside quotes, or 0. The buffer starts outside quotes.</summary>
    internal static int LastRowEnd(ReadOnlySpan<byte> buffer)
    {
        var quotes = buffer.Count((byte)'"');
        var after = 0;
        for (var i = buffer.Length - 1; i >= 0; i--)
        {
            var b = buffer[i];
            if (b == (byte)'"')
            {
                after++;
            }
            else if (b == (byte)'\n' && ((quotes - after) & 1) == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static List<T> Parse<T>(Chunk chunk, ReadOnlyMemory<byte> header, int headerLines, Sep sep, RowSelect<T> select, List<T> results)
    {
        // Each chunk is read after the file's header row, so its first row is read exactly as in the whole file (and
        // numbered from the header's end); a fixed, modest buffer, as for a stream of known length Sep would otherwise
        // size it to the whole chunk.
        using var reader = sep.Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true, InitialBufferLength = 1 << 15 })
            .From(new StreamReader(new ConcatenatedStream(header, new MemoryStream(chunk.Bytes, 0, chunk.Length, writable: false)), Encoding.UTF8, true, 1 << 14));
        var offset = chunk.FirstLine - (headerLines + 1);
        foreach (var row in reader)
        {
            results.Add(select(row, row.LineNumberFrom + offset));
        }

        return results;
    }

    private sealed record Chunk(long Sequence, byte[] Bytes, int Length, long FirstLine);
}
