using System.Collections.Concurrent;

namespace Hypercare.Core.Adoption;

/// <summary>
/// A login file in two stages (ADR 0013): one thread parses rows (CSV, id, time, local day, user number) into
/// batches while the caller's thread stores them and keeps the aggregates, so parsing and writing use both cores.
/// Only rows the store reports as new reach the aggregates; the store's transaction makes the file all or nothing.
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
        var parser = Task.Factory.StartNew(() => Parse(run, reader, usernames, allowRejects, full, free, stop.Token),
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            var aggregates = new LoginAggregates();
            var userKeys = new List<string>();
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
                        aggregates.Add(ref row);
                    }
                    else
                    {
                        run.Duplicates++;
                    }
                }

                free.Add(batch.Reset(), stop.Token);
                if (aggregates.Days.Count >= FlushAggregatesAt)
                {
                    await store.AddLoginDaysAsync(aggregates.Days, userKeys, stop.Token);
                    aggregates.Days.Clear();
                }
            }

            await parser;
            if (aggregates.FirstDay <= aggregates.LastDay)
            {
                run.Saw(DateOnly.FromDayNumber(aggregates.FirstDay));
                run.Saw(DateOnly.FromDayNumber(aggregates.LastDay));
            }

            await store.AddLoginDaysAsync(aggregates.Days, userKeys, cancellationToken);
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

    /// <summary>The parsing stage: rows to batches; rejections and counts go to the run (read after the join).</summary>
    private static void Parse(AdoptionImporter.Run run, LoginRecordReader reader, Dictionary<string, string> usernames, bool allowRejects,
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

                batch.Rows[batch.Count++] = record;
                if (batch.Count == BatchRows)
                {
                    batch.NewUsers = names.TakeNewUsers();
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

        public LoginBatch Reset()
        {
            Array.Clear(Rows, 0, Count);
            Count = 0;
            NewUsers = [];
            return this;
        }
    }
}

/// <summary>The aggregates a login import keeps in memory for the rows that were new.</summary>
internal sealed class LoginAggregates
{
    /// <summary>(user index &lt;&lt; 22 | day number) to the user's successes and failures that day.</summary>
    public Dictionary<long, (int Successes, int Failures)> Days { get; } = [];

    public Dictionary<(DateOnly Day, FailureBucket Bucket), int> Failures { get; } = [];

    public List<(DateOnly First, DateOnly Last, int Logins)> Activity { get; } = [];

    public int FirstDay { get; private set; } = int.MaxValue;

    public int LastDay { get; private set; } = int.MinValue;

    public void Add(ref LoginRow row)
    {
        FirstDay = Math.Min(FirstDay, row.Day);
        LastDay = Math.Max(LastDay, row.Day);
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

        var key = ((long)row.User << 22) | (uint)row.Day;
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Days, key, out _);
        counts = row.Success ? (counts.Successes + 1, counts.Failures) : (counts.Successes, counts.Failures + 1);
        if (row.Bucket is { } bucket)
        {
            var failureKey = (DateOnly.FromDayNumber(row.Day), bucket);
            Failures[failureKey] = Failures.GetValueOrDefault(failureKey) + 1;
        }
    }
}
