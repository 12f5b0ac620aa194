using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// A login file into the packed store (ADR 0042). Rows are parsed on all cores (<see cref="ParallelCsv"/>: chunks cut
/// at row ends, each read by its own Sep reader, results back in file order); one worker collects them in windows of
/// <see cref="WindowRows"/>, checks each window's ids against the stored id blocks and itself, stores the new ids as
/// blocks, and counts only the new rows into per-day user sets, failures per day and bucket and per-user activity.
/// The import's transaction makes the file all or nothing.
/// </summary>
internal static class LoginImport
{
    /// <summary>Rows per duplicate check: a time-ordered file touches no stored block; a shuffled one reads each block once per window.</summary>
    public const int WindowRows = 1 << 17;

    /// <summary>Memory the per-day tallies may hold before they are merged into the stored days.</summary>
    private const long DayTallyBytes = 8L << 20;

    /// <summary>Emptied day tallies kept for the next days: a time-ordered file has one or two days open at a time.</summary>
    private const int KeptTallies = 4;

    public static async Task RunAsync(ImportRun run, bool allowRejects, CancellationToken cancellationToken)
    {
        var reader = new LoginRecordReader(run.Csv);
        run.Format = reader.Format;
        var usernames = await run.UsernamesAsync(cancellationToken);
        var store = new LoginStore(run);
        try
        {
            var state = await Task.Factory.StartNew(() => Collect(run, reader, usernames, store, allowRejects, cancellationToken),
                cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            run.LoginUsers = state.Names.Keys;
            if (state.FirstDay <= state.LastDay)
            {
                run.Saw(DateOnly.FromDayNumber(state.FirstDay));
                run.Saw(DateOnly.FromDayNumber(state.LastDay));
            }

            if (run.Rejected > 0 && !allowRejects)
            {
                // Nothing of the file will be kept.
                store.Dispose();
                return;
            }

            // Users, activity and failures are written by the importer while it computes the daily figures (they are
            // not read by that computation); the store's statements are disposed after.
            run.Finish = async token =>
            {
                using (store)
                {
                    store.AddUsers(state.Names.Keys, state.Names.StoredCount);
                    state.WriteActivity();
                    await ImportSql.AddFailureDaysAsync(run, state.Failures, token);
                }
            };
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Parses, checks and stores on a worker thread (the statements are synchronous); returns what is left to write.</summary>
    private static ImportState Collect(ImportRun run, LoginRecordReader reader, Dictionary<string, string> usernames, LoginStore store,
        bool allowRejects, CancellationToken cancellationToken)
    {
        var state = new ImportState(run, store, new LoginNames(store.Users()));
        // The parsers run on several threads; each gets its own clock (its offset cache is not shared).
        using var clocks = new ThreadLocal<LocalDayClock>(() => new LocalDayClock(run.Clock.Zone));
        var csv = run.Csv;
        var names = state.Names;
        ParsedLogin Parse(SepReader.Row row, long line)
        {
            if (csv.IsBlankOrFooter(row))
            {
                return new ParsedLogin(ParsedKind.Skipped, default, null);
            }

            return reader.TryRead(csv, row, line, names, usernames, clocks.Value!, out var record, out var rejection)
                ? new ParsedLogin(ParsedKind.Row, record, null)
                : new ParsedLogin(ParsedKind.Rejected, default, rejection);
        }

        // Windows are checked and counted on a thread of their own, so the parsers never wait for a window's writes;
        // three windows circulate (one filling, one queued, one being checked).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var full = new BlockingCollection<Window>(1);
        using var free = new BlockingCollection<Window>();
        free.Add(new Window(), CancellationToken.None);
        free.Add(new Window(), CancellationToken.None);
        var checker = Task.Factory.StartNew(() =>
        {
            try
            {
                foreach (var checkedWindow in full.GetConsumingEnumerable(stop.Token))
                {
                    state.Flush(checkedWindow, stop.Token);
                    free.Add(checkedWindow, stop.Token);
                }
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var window = new Window();
        Exception? readingError = null;
        try
        {
            csv.ParallelRows(Parse, results =>
            {
                foreach (var parsed in results)
                {
                    switch (parsed.Kind)
                    {
                        case ParsedKind.Skipped:
                            run.CountSkipped();
                            continue;
                        case ParsedKind.Rejected:
                            run.CountRead();
                            run.Reject(parsed.Rejection!);
                            continue;
                    }

                    run.CountRead();
                    // A file with a rejected row imports nothing unless rejects are allowed: reading goes on for the
                    // report, storing stops.
                    if (run.Rejected > 0 && !allowRejects)
                    {
                        continue;
                    }

                    window.Rows[window.Count++] = parsed.Row;
                    if (window.Count == WindowRows)
                    {
                        full.Add(window, stop.Token);
                        window = free.Take(stop.Token);
                    }
                }
            }, stop.Token);

            full.Add(window, stop.Token);
        }
        catch (Exception error)
        {
            readingError = error;
            stop.Cancel();
        }
        finally
        {
            full.CompleteAdding();
        }

        try
        {
            // A checker that failed first reports its own error (the reading then only saw the cancellation).
            checker.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (readingError is not null)
        {
            // The checker stopped because the reading failed.
        }

        if (readingError is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readingError);
        }

        if (run.Rejected == 0 || allowRejects)
        {
            state.WriteDays();
        }

        return state;
    }

    private enum ParsedKind : byte
    {
        Row,
        Skipped,
        Rejected,
    }

    private readonly record struct ParsedLogin(ParsedKind Kind, LoginRow Row, Rejection? Rejection);

    /// <summary>The rows of one duplicate check.</summary>
    private sealed class Window
    {
        public LoginRow[] Rows { get; } = new LoginRow[WindowRows];

        public bool[] IsNew { get; } = new bool[WindowRows];

        public int Count { get; set; }
    }

    /// <summary>What an import has counted so far, and the duplicate check of a window.</summary>
    private sealed class ImportState(ImportRun run, LoginStore store, LoginNames names)
    {
        private readonly Dictionary<int, DayTally> _days = [];
        private readonly Dictionary<string, List<int>> _byPrefix = new(StringComparer.Ordinal);
        private readonly List<byte> _scratch = [];
        private long[] _numbers = [];
        private int[] _indexes = [];
        private long[] _decoded = new long[PackedKeys.BlockKeys];
        private bool[] _stored = [];
        private readonly Stack<DayTally> _free = new();
        private readonly List<(int User, int Successes, int Failures)> _entries = [];
        private int[] _firstLogin = [];
        private int[] _lastLogin = [];
        private int[] _logins = [];
        private DayTally? _tally;

        public LoginNames Names => names;

        public Dictionary<(DateOnly Day, FailureBucket Bucket), int> Failures { get; } = [];

        /// <summary>Writes each user's first and last successful login day and count of successful logins.</summary>
        public void WriteActivity() => store.AddActivity(names.Keys, _firstLogin, _lastLogin, _logins);

        public int FirstDay { get; private set; } = int.MaxValue;

        public int LastDay { get; private set; } = int.MinValue;

        /// <summary>Checks the window's keys, stores the new ones and counts the new rows.</summary>
        public void Flush(Window window, CancellationToken cancellationToken)
        {
            if (window.Count == 0)
            {
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            Array.Clear(window.IsNew, 0, window.Count);
            MarkNew(window);
            for (var i = 0; i < window.Count; i++)
            {
                if (!window.IsNew[i])
                {
                    run.Duplicates++;
                    continue;
                }

                run.Imported++;
                Count(ref window.Rows[i]);
            }

            if (OpenFootprint() > DayTallyBytes)
            {
                WriteDays();
            }

            Array.Clear(window.Rows, 0, window.Count);
            window.Count = 0;
        }

        private long OpenFootprint()
        {
            long footprint = 0;
            foreach (var tally in _days.Values)
            {
                footprint += tally.Footprint;
            }

            return footprint;
        }

        /// <summary>Merges the counted days into the stored ones.</summary>
        public void WriteDays()
        {
            // Taken out of the open days first, so each tally not kept for reuse can be collected once it is written.
            var open = _days.Values.OrderBy(t => t.Day).ToList();
            _days.Clear();
            _tally = null;
            for (var t = 0; t < open.Count; t++)
            {
                var tally = open[t];
                open[t] = null!;
                for (var b = 0; b < tally.Buckets.Length; b++)
                {
                    if (tally.Buckets[b] > 0)
                    {
                        var key = (DateOnly.FromDayNumber(tally.Day), (FailureBucket)b);
                        Failures[key] = Failures.GetValueOrDefault(key) + tally.Buckets[b];
                    }
                }

                if (store.Day(tally.Day) is { } stored)
                {
                    tally.AddPacked(stored, _entries);
                }

                store.PutDay(tally.ToRow(run.ProjectId, _scratch));
                if (_free.Count < KeptTallies)
                {
                    _free.Push(tally);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Count(ref LoginRow row)
        {
            // Rows of a time-ordered file stay on one day for a long run: the day's tally is looked up when it changes.
            if (_tally?.Day != row.Day)
            {
                FirstDay = Math.Min(FirstDay, row.Day);
                LastDay = Math.Max(LastDay, row.Day);
                if (!_days.TryGetValue(row.Day, out _tally))
                {
                    // A shuffled export touches every day in every window: the open days are bounded here, not only
                    // between windows, so memory does not grow with the number of days a window spans.
                    if (OpenFootprint() > DayTallyBytes)
                    {
                        WriteDays();
                    }

                    _tally = _free.TryPop(out var reused) ? reused.Reuse(row.Day) : new DayTally(row.Day, names.UserCount);
                    _days[row.Day] = _tally;
                }
            }

            _tally.Add(row.User, row.Success);
            if (row.Success)
            {
                if (row.User >= _firstLogin.Length)
                {
                    var size = Math.Max(row.User + 1, _firstLogin.Length * 2);
                    var grown = _firstLogin.Length;
                    Array.Resize(ref _firstLogin, size);
                    Array.Resize(ref _lastLogin, size);
                    Array.Resize(ref _logins, size);
                    _firstLogin.AsSpan(grown).Fill(int.MaxValue);
                }

                _firstLogin[row.User] = Math.Min(_firstLogin[row.User], row.Day);
                _lastLogin[row.User] = Math.Max(_lastLogin[row.User], row.Day);
                _logins[row.User]++;
            }

            if (row.Bucket is { } bucket)
            {
                _tally.Buckets[(int)bucket]++;
            }
        }

        /// <summary>
        /// Sets IsNew for the first row of each key that is stored neither in the project nor earlier in the window,
        /// and stores those keys: ids as packed blocks per prefix, other keys one row each.
        /// </summary>
        private void MarkNew(Window window)
        {
            foreach (var list in _byPrefix.Values)
            {
                list.Clear();
            }

            var texts = new List<string>();
            var textRows = new List<int>();
            var firstText = new Dictionary<string, int>(StringComparer.Ordinal);
            string? lastPrefix = null;
            List<int>? lastList = null;
            for (var i = 0; i < window.Count; i++)
            {
                ref var row = ref window.Rows[i];
                if (row.KeyNumber >= 0)
                {
                    // Prefixes are shared strings (LoginNames) and an export has one or two: compare references first.
                    if (!ReferenceEquals(row.KeyText, lastPrefix))
                    {
                        if (!_byPrefix.TryGetValue(row.KeyText, out lastList))
                        {
                            lastList = [];
                            _byPrefix[row.KeyText] = lastList;
                        }

                        lastPrefix = row.KeyText;
                    }

                    lastList!.Add(i);
                }
                else if (firstText.TryAdd(row.KeyText, i))
                {
                    texts.Add(row.KeyText);
                    textRows.Add(i);
                }
            }

            foreach (var (prefix, rows) in _byPrefix)
            {
                if (rows.Count > 0)
                {
                    MarkNewIds(window, prefix, rows);
                }
            }

            if (texts.Count > 0)
            {
                var isNew = new bool[texts.Count];
                store.AddTextKeys(texts, isNew);
                for (var t = 0; t < texts.Count; t++)
                {
                    window.IsNew[textRows[t]] = isNew[t];
                }
            }
        }

        private void MarkNewIds(Window window, string prefix, List<int> rows)
        {
            var n = rows.Count;
            if (_numbers.Length < n)
            {
                _numbers = new long[n];
                _indexes = new int[n];
            }

            var numbers = _numbers.AsSpan(0, n);
            var indexes = _indexes.AsSpan(0, n);
            var ascending = true;
            for (var i = 0; i < n; i++)
            {
                numbers[i] = window.Rows[rows[i]].KeyNumber;
                indexes[i] = rows[i];
                ascending = ascending && (i == 0 || numbers[i - 1] <= numbers[i]);
            }

            if (!ascending)
            {
                numbers.Sort(indexes);
            }

            // One candidate per distinct id: the row that comes first in the file.
            var m = 0;
            for (var i = 0; i < n;)
            {
                var j = i;
                var first = indexes[i];
                while (++j < n && numbers[j] == numbers[i])
                {
                    first = Math.Min(first, indexes[j]);
                }

                numbers[m] = numbers[i];
                indexes[m++] = first;
                i = j;
            }

            var candidates = numbers[..m];
            if (_stored.Length < m)
            {
                _stored = new bool[m];
            }

            var stored = _stored.AsSpan(0, m);
            stored.Clear();
            var kept = m; // the lambda captures this copy, not the counter the loop above runs on
            store.Blocks(prefix, numbers[0], numbers[kept - 1], (blockFirst, count, keys) =>
            {
                if (_decoded.Length < count)
                {
                    _decoded = new long[count];
                }

                var ids = _numbers.AsSpan(0, kept);
                var found = _stored.AsSpan(0, kept);
                var decoded = _decoded.AsSpan(0, count);
                PackedKeys.Decode(blockFirst, count, keys, decoded);
                var c = ids.BinarySearch(blockFirst);
                c = c < 0 ? ~c : c;
                var k = 0;
                while (c < kept && k < count)
                {
                    if (ids[c] == decoded[k])
                    {
                        found[c++] = true;
                        k++;
                    }
                    else if (ids[c] < decoded[k])
                    {
                        c++;
                    }
                    else
                    {
                        k++;
                    }
                }
            });

            // The new ids, in order, written over the candidates already passed.
            var fresh = 0;
            for (var c = 0; c < m; c++)
            {
                if (!stored[c])
                {
                    window.IsNew[indexes[c]] = true;
                    candidates[fresh++] = candidates[c];
                }
            }

            var blocks = new List<(long First, long Last, int Count, byte[] Keys)>();
            var span = candidates[..fresh];
            for (var start = 0; start < span.Length; start += PackedKeys.BlockKeys)
            {
                var block = span.Slice(start, Math.Min(PackedKeys.BlockKeys, span.Length - start));
                blocks.Add((block[0], block[^1], block.Length, PackedKeys.Encode(block, _scratch)));
            }

            store.AddBlocks(prefix, blocks);
        }
    }
}
