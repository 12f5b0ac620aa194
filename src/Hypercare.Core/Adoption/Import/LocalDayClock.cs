namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// The local calendar day of an instant in one time zone, for millions of rows: the UTC offset is looked up once per
/// quarter hour of UTC (zone transitions fall on quarter hours) and cached. Not thread-safe: one clock per import.
/// </summary>
public sealed class LocalDayClock(TimeZoneInfo zone)
{
    private static readonly long Block = TimeSpan.FromMinutes(15).Ticks;
    private readonly Dictionary<long, long> _offsets = [];
    private long _lastBlock = long.MinValue;
    private long _lastOffset;

    public TimeZoneInfo Zone => zone;

    public DateOnly DayOf(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        var block = utc / Block;
        if (block == _lastBlock)
        {
            // Time-ordered exports stay in one quarter hour for many rows in a row.
            return DateOnly.FromDayNumber((int)((utc + _lastOffset) / TimeSpan.TicksPerDay));
        }

        if (!_offsets.TryGetValue(block, out var offset))
        {
            offset = zone.GetUtcOffset(new DateTime(block * Block, DateTimeKind.Utc)).Ticks;
            if (_offsets.Count > 100_000)
            {
                _offsets.Clear();
            }

            _offsets[block] = offset;
        }

        _lastBlock = block;
        _lastOffset = offset;

        return DateOnly.FromDayNumber((int)((utc + offset) / TimeSpan.TicksPerDay));
    }
}
