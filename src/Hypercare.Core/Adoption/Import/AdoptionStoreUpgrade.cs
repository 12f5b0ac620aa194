using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Moves logins stored before the packed store (one row per login in AdoptionLoginEvents, one per user and day in
/// AdoptionLoginDays) into it (ADR 0042), so re-importing an old file after the upgrade still finds every login and
/// the figures stay the same. Runs after the migrations (<see cref="DatabaseMigrator"/>), one transaction per project;
/// a database without such rows costs two empty queries. The packing needs code, not SQL, hence not a migration.
/// </summary>
public sealed class AdoptionStoreUpgrade(HypercareDbContext db)
{
    /// <returns>How many projects were moved.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var projects = await db.AdoptionLoginEvents.Select(e => e.ProjectId)
            .Union(db.AdoptionLoginDays.Select(d => d.ProjectId))
            .ToListAsync(cancellationToken);
        foreach (var projectId in projects.Distinct().Order())
        {
            await MoveAsync(projectId, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return projects.Count;
    }

    private async Task MoveAsync(int projectId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var users = await db.AdoptionLoginUsers.Where(u => u.ProjectId == projectId).OrderBy(u => u.Number)
            .Select(u => u.UserKey).ToListAsync(cancellationToken);
        var numbers = users.Select((key, number) => (key, number)).ToDictionary(u => u.key, u => u.number, StringComparer.Ordinal);
        int Number(string key)
        {
            if (!numbers.TryGetValue(key, out var number))
            {
                number = numbers.Count;
                numbers[key] = number;
                db.AdoptionLoginUsers.Add(new LoginUser { ProjectId = projectId, Number = number, UserKey = key });
            }

            return number;
        }

        var days = new Dictionary<DateOnly, DayTally>();
        await foreach (var day in db.AdoptionLoginDays.AsNoTracking().Where(d => d.ProjectId == projectId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!days.TryGetValue(day.Day, out var tally))
            {
                tally = new DayTally(day.Day.DayNumber, 1024);
                days[day.Day] = tally;
            }

            var user = Number(day.UserKey);
            if (day.Successes > 0)
            {
                tally.Add(user, true, day.Successes);
            }

            if (day.Failures > 0)
            {
                tally.Add(user, false, day.Failures);
            }
        }

        var scratch = new List<byte>();
        var entries = new List<(int User, int Successes, int Failures)>();
        foreach (var (day, tally) in days)
        {
            var stored = await db.AdoptionLoginDaySets.SingleOrDefaultAsync(d => d.ProjectId == projectId && d.Day == day, cancellationToken);
            if (stored is not null)
            {
                tally.AddPacked(stored.Data, entries);
                db.AdoptionLoginDaySets.Remove(stored);
                await db.SaveChangesAsync(cancellationToken);
            }

            db.AdoptionLoginDaySets.Add(tally.ToRow(projectId, scratch));
        }

        // Ids become blocks per prefix; other keys stay whole. Ids kept whole by an older migration (KeyNumber -1 with a
        // Salesforce id as text, see AdoptionIntegerLoginKeys) are split here like the import splits them.
        var ids = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var canonical = new char[18];
        var events = db.AdoptionLoginEvents.AsNoTracking().Where(e => e.ProjectId == projectId).Select(e => new { e.KeyText, e.KeyNumber });
        await foreach (var key in events.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (prefix, number) = (key.KeyText, key.KeyNumber);
            if (number < 0 && SalesforceId.TryCanonical(key.KeyText, canonical) && SalesforceId.TrySplit(canonical, out var idPrefix, out var idNumber))
            {
                (prefix, number) = (idPrefix.ToString(), idNumber);
            }

            if (number < 0)
            {
                db.AdoptionLoginTextKeys.Add(new LoginTextKey { ProjectId = projectId, Key = key.KeyText });
            }
            else if (ids.TryGetValue(prefix, out var list))
            {
                list.Add(number);
            }
            else
            {
                ids[prefix] = [number];
            }
        }

        foreach (var (prefix, list) in ids)
        {
            list.Sort();
            var distinct = list.Distinct().ToArray();
            for (var start = 0; start < distinct.Length; start += PackedKeys.BlockKeys)
            {
                var keys = distinct.AsSpan(start, Math.Min(PackedKeys.BlockKeys, distinct.Length - start));
                db.AdoptionLoginKeyBlocks.Add(new LoginKeyBlock
                {
                    ProjectId = projectId,
                    Prefix = prefix,
                    First = keys[0],
                    Last = keys[^1],
                    Count = keys.Length,
                    Keys = PackedKeys.Encode(keys, scratch),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.AdoptionLoginEvents.Where(e => e.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await db.AdoptionLoginDays.Where(d => d.ProjectId == projectId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
