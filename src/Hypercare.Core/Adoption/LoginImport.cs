using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Hypercare.Core.Adoption;

/// <summary>
/// A login file in two stages (ADR 0013): one thread parses rows (CSV, id, time, local day, user number) into
/// batches and counts them into the aggregates, while the caller's thread stores the batches and takes the rows the
/// store found to be duplicates back out of the counts before they are written, so parsing and writing use both
/// cores and only new rows count. The store's transaction makes the file all or nothing.
/// </summary>
internal static class LoginImport
{
    private const int BatchRows = 1024;
    private const int QueuedBatches = 4;
    private const int FlushAggregatesAt = 250_000;

    public static async Task RunAsync(AdoptionImporter.Run run, LoginStore store, bool allowRejects, CancellationToken cancellationToken)
    {
        var reader = new LoginRecordReader(run.Csv);
        run.Format = reader.Format;
        var usernames = await run.UsernamesAsync(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var full = new BlockingCollection<LoginBatch>(QueuedBatches);
        using var free = new BlockingCollection<LoginBatch>();
        var aggregates = new LoginAggregates(FlushAggregatesAt + BatchRows);
        var parser = Task.Factory.StartNew(() => Parse(run, reader, usernames, aggregates, allowRejects, full, free, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // The parser counts every row into the aggregates; the store tells which rows were duplicates, and their
            // counts are taken back out here before anything is written, so only new rows count.
            var duplicates = new LoginAggregates.Corrections();
            var userKeys = new List<string>();
            var firstDay = int.MaxValue;
            var lastDay = int.MinValue;
            foreach (var batch in full.GetConsumingEnumerable(stop.Token))
            {
                userKeys.AddRange(batch.NewUsers);
                store.AddUsers(batch.NewUsers);
                await store.StoreAsync(batch.Rows, batch.Count, batch.IsNew, stop.Token);
                for (var i = 0; i < batch.Count; i++)
                {
                    ref var row = ref batch.Rows[i];
                    if (batch.IsNew[i])
                    {
                        run.Imported++;
                        firstDay = Math.Min(firstDay, row.Day);
                        lastDay = Math.Max(lastDay, row.Day);
                    }
                    else
                    {
                        run.Duplicates++;
                        duplicates.Add(ref row);
                    }
                }

                if (batch.Days is { } days)
                {
                    duplicates.TakeOutOfDays(days);
                    await store.AddLoginDaysAsync(days, userKeys, stop.Token);
                    aggregates.Recycle(days);
                }

                free.Add(batch.Reset(), stop.Token);
            }

            await parser;
            duplicates.TakeOutOfTotals(aggregates);
            if (firstDay <= lastDay)
            {
                run.Saw(DateOnly.FromDayNumber(firstDay));
                run.Saw(DateOnly.FromDayNumber(lastDay));
            }

            await AdoptionImporter.Sql.AddFailureDaysAsync(run, aggregates.Failures, cancellationToken);
            await AdoptionImporter.Sql.AddActivityAsync(run, userKeys, aggregates.Activity, cancellationToken);
        }
        catch
        {
            await stop.CancelAsync();
            try
            {
                await parser;
            }
            catch (OperationCanceledException)
            {
                // The parser stopped because the writer failed; the writer's error is the one to report.
            }

            throw;
        }
    }

    /// <summary>
    /// The parsing stage: rows to batches, counted into the aggregates; a batch carries the per-user days to write
    /// when they reach <see cref="FlushAggregatesAt"/> keys (and the last batch the rest). Rejections and counts go
    /// to the run (read after the join).
    /// </summary>
    private static void Parse(AdoptionImporter.Run run, LoginRecordReader reader, Dictionary<string, string> usernames, LoginAggregates aggregates, bool allowRejects,
        BlockingCollection<LoginBatch> full, BlockingCollection<LoginBatch> free, CancellationToken cancellationToken)
    {
        try
        {
            var names = new LoginNames();
            var batch = new LoginBatch();
            var batches = 1;
            while (run.Csv.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!run.Next(out var line))
                {
                    continue;
                }

                if (!reader.TryRead(run.Csv, run.Csv.Current, line, names, usernames, run.Clock, out var record, out var rejection))
                {
                    run.Reject(rejection!);
                    continue;
                }

                // A file with a rejected row imports nothing unless rejects are allowed: reading goes on for the
                // report, storing stops.
                if (run.Rejected > 0 && !allowRejects)
                {
                    continue;
                }

                aggregates.Add(ref record);
                batch.Rows[batch.Count++] = record;
                if (batch.Count == BatchRows)
                {
                    batch.NewUsers = names.TakeNewUsers();
                    if (aggregates.Days.Count >= FlushAggregatesAt)
                    {
                        batch.Days = aggregates.TakeDays();
                    }

                    full.Add(batch, cancellationToken);
                    if (!free.TryTake(out batch!))
                    {
                        // At most the queue plus the two being worked on exist; after that the parser waits for one.
                        batch = batches < QueuedBatches + 2 ? new LoginBatch() : free.Take(cancellationToken);
                        batches = Math.Min(batches + 1, QueuedBatches + 2);
                    }
                }
            }

            batch.NewUsers = names.TakeNewUsers();
            batch.Days = aggregates.TakeDays();
            full.Add(batch, cancellationToken);
        }
        finally
        {
            full.CompleteAdding();
        }
    }

    private sealed class LoginBatch
    {
        public LoginRow[] Rows { get; } = new LoginRow[BatchRows];

        public bool[] IsNew { get; } = new bool[BatchRows];

        public int Count { get; set; }

        public List<string> NewUsers { get; set; } = [];

        /// <summary>Per-user days counted up to and including this batch, to be written after it.</summary>
        public Dictionary<long, (int Successes, int Failures)>? Days { get; set; }

        public LoginBatch Reset()
        {
            Array.Clear(Rows, 0, Count);
            Count = 0;
            NewUsers = [];
            Days = null;
            return this;
        }
    }
}

/// <summary>The aggregates a login import keeps in memory: per-user days, failures per day and bucket, activity per user.</summary>
internal sealed class LoginAggregates
{
    private readonly ConcurrentQueue<Dictionary<long, (int Successes, int Failures)>> _written = new();
    private readonly int _capacity;

    /// <summary>
    /// Filled by the parser; <see cref="Failures"/> and <see cref="Activity"/> are read by the writer after the
    /// parser has finished. The per-user days go over in batches and come back through <see cref="Recycle"/>.
    /// </summary>
    public LoginAggregates(int capacity)
    {
        _capacity = capacity;
        Days = new(capacity);
    }

    /// <summary>(user index &lt;&lt; 22 | day number) to the user's successes and failures that day.</summary>
    public Dictionary<long, (int Successes, int Failures)> Days { get; private set; }

    public Dictionary<(DateOnly Day, FailureBucket Bucket), int> Failures { get; } = [];

    public List<(DateOnly First, DateOnly Last, int Logins)> Activity { get; } = [];

    public static long DayKey(ref LoginRow row) => ((long)row.User << 22) | (uint)row.Day;

    public Dictionary<long, (int Successes, int Failures)> TakeDays()
    {
        var days = Days;
        Days = _written.TryDequeue(out var reused) ? reused : new(_capacity);
        return days;
    }

    /// <summary>Gives written days back for reuse: allocating a quarter-million-entry table per flush grew the heap.</summary>
    public void Recycle(Dictionary<long, (int Successes, int Failures)> days)
    {
        days.Clear();
        _written.Enqueue(days);
    }

    public void Add(ref LoginRow row)
    {
        while (Activity.Count <= row.User)
        {
            Activity.Add((DateOnly.MaxValue, DateOnly.MinValue, 0));
        }

        if (row.Success)
        {
            var day = DateOnly.FromDayNumber(row.Day);
            var (first, last, logins) = Activity[row.User];
            Activity[row.User] = (day < first ? day : first, day > last ? day : last, logins + 1);
        }

        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(Days, DayKey(ref row), out _);
        counts = row.Success ? (counts.Successes + 1, counts.Failures) : (counts.Successes, counts.Failures + 1);
        if (row.Bucket is { } bucket)
        {
            var failureKey = (DateOnly.FromDayNumber(row.Day), bucket);
            Failures[failureKey] = Failures.GetValueOrDefault(failureKey) + 1;
        }
    }

    /// <summary>
    /// The counts of rows that turned out to be duplicates, to take back out. A duplicate's day needs no correction
    /// of a user's first and last login day: the stored row (or the first one in the file) already has that day.
    /// </summary>
    public sealed class Corrections
    {
        private readonly Dictionary<long, (int Successes, int Failures)> _days = [];
        private readonly Dictionary<(DateOnly Day, FailureBucket Bucket), int> _failures = [];
        private readonly Dictionary<int, int> _logins = [];

        public void Add(ref LoginRow row)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_days, DayKey(ref row), out _);
            counts = row.Success ? (counts.Successes + 1, counts.Failures) : (counts.Successes, counts.Failures + 1);
            if (row.Success)
            {
                _logins[row.User] = _logins.GetValueOrDefault(row.User) + 1;
            }

            if (row.Bucket is { } bucket)
            {
                var key = (DateOnly.FromDayNumber(row.Day), bucket);
                _failures[key] = _failures.GetValueOrDefault(key) + 1;
            }
        }

        /// <summary>Takes the duplicates counted so far out of the days the parser handed over with the same batch.</summary>
        public void TakeOutOfDays(Dictionary<long, (int Successes, int Failures)> days)
        {
            foreach (var (key, (successes, failures)) in _days)
            {
                var (s, f) = days[key];
                if (s == successes && f == failures)
                {
                    days.Remove(key);
                }
                else
                {
                    days[key] = (s - successes, f - failures);
                }
            }

            _days.Clear();
        }

        public void TakeOutOfTotals(LoginAggregates aggregates)
        {
            foreach (var (key, count) in _failures)
            {
                var left = aggregates.Failures[key] - count;
                if (left == 0)
                {
                    aggregates.Failures.Remove(key);
                }
                else
                {
                    aggregates.Failures[key] = left;
                }
            }

            foreach (var (user, count) in _logins)
            {
                var (first, last, logins) = aggregates.Activity[user];
                aggregates.Activity[user] = (first, last, logins - count);
            }
        }
    }
}
