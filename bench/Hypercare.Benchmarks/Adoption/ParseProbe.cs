using System.Diagnostics;
using Hypercare.Core.Adoption.Import;

namespace Hypercare.Benchmarks.Adoption;

/// <summary>
/// `adoption-parse FILE [TZ] [--sequential]`: times only the parsing stage of a login import (CSV, ids, times, local
/// days, user numbers; no database), on all cores as the import does it or on one thread, to see how an import's time
/// splits between parsing and storing.
/// </summary>
public static class ParseProbe
{
    public static int Run(string[] args)
    {
        var path = args[1];
        var zone = TimeZoneInfo.FindSystemTimeZoneById(args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : "Europe/Berlin");
        var sequential = args.Contains("--sequential");
        var watch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var file = File.OpenRead(path);
        using var csv = sequential ? CsvInput.Open(file, Path.GetFileName(path)) : CsvInput.OpenSplit(file, Path.GetFileName(path));
        var reader = new LoginRecordReader(csv);
        var names = new LoginNames();
        var usernames = new Dictionary<string, string>();
        using var clocks = new ThreadLocal<LocalDayClock>(() => new LocalDayClock(zone));
        long rows = 0, rejected = 0;
        csv.ParallelRows((row, line) => reader.TryRead(csv, row, line, names, usernames, clocks.Value!, out _, out _), results =>
        {
            foreach (var ok in results)
            {
                _ = ok ? rows++ : rejected++;
            }
        }, CancellationToken.None);

        Console.WriteLine($"{(sequential ? "one thread" : $"{Environment.ProcessorCount} parsers")}: {rows:N0} rows ({rejected} rejected, {names.UserCount} users) "
            + $"in {watch.Elapsed.TotalSeconds:0.00} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s, "
            + $"allocated {GC.GetTotalAllocatedBytes(true) >> 20} MB");
        return 0;
    }
}
