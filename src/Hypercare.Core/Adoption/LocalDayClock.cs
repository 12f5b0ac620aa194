namespace Hypercare.Core.Adoption;

/// <summary>
/// The local calendar day of an instant in one time zone, for millions of rows: the UTC offset is looked up once per
/// quarter hour of UTC (zone transitions fall on quarter hours) and cached.
/// </summary>
public sealed class LocalDayClock(TimeZoneInfo zone)
{
    private static readonly long Block = TimeSpan.FromMinutes(15).Ticks;
    private readonly Dictionary<long, long> _offsets = [];

    public TimeZoneInfo Zone => zone;

    public DateOnly DayOf(DateTimeOffset instant)
    {
        var utc = instant.UtcTicks;
        var block = utc / Block;
        if (!_offsets.TryGetValue(block, out var offset))
        {
            offset = zone.GetUtcOffset(new DateTime(block * Block, DateTimeKind.Utc)).Ticks;
            if (_offsets.Count > 100_000)
            {
                _offsets.Clear();
            }

            _offsets[block] = offset;
        }

        return DateOnly.FromDayNumber((int)((utc + offset) / TimeSpan.TicksPerDay));
    }
}
