using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Cluster;

/// <summary>
/// Takes the run of a scheduled job for this node, or says another node has it (ADR 0060). The same conditional UPDATE
/// as the outbox's claims: on PostgreSQL the second of two racing nodes re-evaluates the WHERE under the row lock and
/// updates nothing; SQLite has one writer.
/// </summary>
public sealed class JobLeases(HypercareDbContext db, TimeProvider time)
{
    /// <summary>This process, as the lease rows name it.</summary>
    public static readonly string ThisNode = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>
    /// True when this node takes the job's run now and holds it for <paramref name="hold"/>; false when another node
    /// holds it. A node that dies mid-run keeps the job only until its hold ends.
    /// </summary>
    public async Task<bool> TryTakeAsync(string job, TimeSpan hold, string? node = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero);
        node ??= ThisNode;
        var now = time.GetUtcNow();

        // The row, once: a raw insert that ignores a racing twin (both engines know ON CONFLICT DO NOTHING).
        if (!await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == job, cancellationToken))
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"""INSERT INTO "JobLeases" ("Name", "Runs") VALUES ({job}, {0L}) ON CONFLICT DO NOTHING""", cancellationToken);
        }

        var until = now + hold;
        var taken = await db.JobLeases
            .Where(l => l.Name == job && (l.HeldUntil == null || l.HeldUntil <= now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(l => l.HeldUntil, until)
                .SetProperty(l => l.HeldBy, node)
                .SetProperty(l => l.LastRunAt, now)
                .SetProperty(l => l.Runs, l => l.Runs + 1), cancellationToken);
        return taken == 1;
    }
}
