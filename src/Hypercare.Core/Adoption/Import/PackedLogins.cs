using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace Hypercare.Core.Adoption.Import;

/// <summary>Unsigned LEB128 varints: the packing of login id blocks and per-day user sets (ADR 0042).</summary>
internal static class Varint
{
    public static void Write(List<byte> output, ulong value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    public static ulong Read(ReadOnlySpan<byte> input, ref int position)
    {
        // Most values (user gaps, daily counts) fit in one byte.
        if ((uint)position < (uint)input.Length && input[position] < 0x80)
        {
            return input[position++];
        }

        ulong value = 0;
        var shift = 0;
        while (true)
        {
            if (position >= input.Length || shift > 63)
            {
                throw new InvalidDataException("A packed login row is truncated or corrupt.");
            }

            var b = input[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}

/// <summary>A block of sorted login id numbers: the first number, then the gaps (ADR 0042).</summary>
internal static class PackedKeys
{
    /// <summary>Ids per block: a block is a few kilobytes, and a duplicate check decodes only blocks that overlap its range.</summary>
    public const int BlockKeys = 4096;

    /// <summary>The gaps after the first of <paramref name="sorted"/> (strictly ascending).</summary>
    public static byte[] Encode(ReadOnlySpan<long> sorted, List<byte> scratch)
    {
        scratch.Clear();
        for (var i = 1; i < sorted.Length; i++)
        {
            Varint.Write(scratch, (ulong)(sorted[i] - sorted[i - 1]));
        }

        return [.. scratch];
    }

    /// <summary>Decodes a block into <paramref name="destination"/> (at least <paramref name="count"/> long).</summary>
    public static void Decode(long first, int count, ReadOnlySpan<byte> data, Span<long> destination)
    {
        if (count <= 0)
        {
            return;
        }

        destination[0] = first;
        var position = 0;
        for (var i = 1; i < count; i++)
        {
            destination[i] = destination[i - 1] + (long)Varint.Read(data, ref position);
        }
    }
}

/// <summary>
/// The logins of one local day per user number, as the import counts them and as <see cref="LoginDaySet.Data"/> stores
/// them: for each user number in ascending order its gap to the previous one, its successes and its failures.
/// A day starts sparse (a list of (user, successes, failures) entries, 12 bytes a login) and turns dense (two arrays by
/// user number, 8 bytes a user) once that is smaller. A time-ordered export fills one day at a time and goes dense
/// quickly; a shuffled one spreads each window over every day, and sparse days keep that from costing users × days.
/// </summary>
internal sealed class DayTally
{
    private int[] _successes = [];
    private int[] _failures = [];
    private bool _dense;
    private readonly int _capacity;
    private readonly List<int> _users = [];
    private readonly List<(int User, int Successes, int Failures)> _sparse = [];

    public DayTally(int day, int capacity)
    {
        Day = day;
        _capacity = Math.Max(capacity, 16);
    }

    public int Day { get; private set; }

    /// <summary>Empties the tally for another day, keeping its arrays (they are large-object-heap sized).</summary>
    public DayTally Reuse(int day)
    {
        foreach (var user in _users)
        {
            _successes[user] = 0;
            _failures[user] = 0;
        }

        _users.Clear();
        _sparse.Clear();
        _dense = false;
        Array.Clear(Buckets);
        Day = day;
        return this;
    }

    /// <summary>Failed logins of the day per <see cref="FailureBucket"/> (counted here, stored per day and bucket).</summary>
    public int[] Buckets { get; } = new int[Enum.GetValues<FailureBucket>().Length];

    /// <summary>Bytes the tally holds (its lists' capacity, not their count), so the import can flush days before memory grows.</summary>
    public long Footprint => _dense ? (_successes.Length * 8L) + (_users.Capacity * 4L) : _sparse.Capacity * 12L;

    public bool IsDense => _dense;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int user, bool success, int count = 1)
    {
        if (!_dense)
        {
            _sparse.Add(success ? (user, count, 0) : (user, 0, count));
            if (_sparse.Count * 12L > Math.Max(_capacity, user + 1) * 8L)
            {
                Densify();
            }

            return;
        }

        if (user >= _successes.Length)
        {
            var size = Math.Max(user + 1, _successes.Length * 2);
            Array.Resize(ref _successes, size);
            Array.Resize(ref _failures, size);
        }

        if (_successes[user] == 0 && _failures[user] == 0)
        {
            _users.Add(user);
        }

        if (success)
        {
            _successes[user] += count;
        }
        else
        {
            _failures[user] += count;
        }
    }

    private void Densify()
    {
        var highest = _capacity - 1;
        foreach (var entry in _sparse)
        {
            highest = Math.Max(highest, entry.User);
        }

        if (_successes.Length <= highest)
        {
            _successes = new int[highest + 1];
            _failures = new int[highest + 1];
        }

        _dense = true;
        foreach (var (user, successes, failures) in _sparse)
        {
            if (_successes[user] == 0 && _failures[user] == 0)
            {
                _users.Add(user);
            }

            _successes[user] += successes;
            _failures[user] += failures;
        }

        _sparse.Clear();
    }

    /// <summary>Adds a stored day's counts (<see cref="LoginDaySet.Data"/>); <paramref name="entries"/> is scratch space.</summary>
    public void AddPacked(byte[] data, List<(int User, int Successes, int Failures)> entries)
    {
        Decode(data, entries);
        if (!_dense)
        {
            // Merged when the row is written (sorted with the day's own entries), without growing arrays by user.
            _sparse.AddRange(entries);
            return;
        }

        foreach (var (user, successes, failures) in entries)
        {
            if (successes > 0)
            {
                Add(user, true, successes);
            }

            if (failures > 0)
            {
                Add(user, false, failures);
            }
        }
    }

    public LoginDaySet ToRow(int projectId, List<byte> scratch)
    {
        scratch.Clear();
        var previous = 0;
        var successes = 0;
        var failures = 0;
        var users = 0;
        void Write(int user, int s, int f)
        {
            Varint.Write(scratch, (ulong)(user - previous));
            Varint.Write(scratch, (ulong)s);
            Varint.Write(scratch, (ulong)f);
            successes += s;
            failures += f;
            previous = user;
            users++;
        }

        if (_dense)
        {
            _users.Sort();
            foreach (var user in _users)
            {
                Write(user, _successes[user], _failures[user]);
            }
        }
        else
        {
            var entries = CollectionsMarshal.AsSpan(_sparse);
            entries.Sort(static (a, b) => a.User.CompareTo(b.User));
            for (var i = 0; i < entries.Length;)
            {
                var (user, s, f) = entries[i];
                while (++i < entries.Length && entries[i].User == user)
                {
                    s += entries[i].Successes;
                    f += entries[i].Failures;
                }

                Write(user, s, f);
            }
        }

        return new LoginDaySet
        {
            ProjectId = projectId,
            Day = DateOnly.FromDayNumber(Day),
            Users = users,
            Successes = successes,
            Failures = failures,
            Data = [.. scratch],
        };
    }

    /// <summary>Decodes a stored day into <paramref name="entries"/> (cleared first): one tight loop, no iterator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(ReadOnlySpan<byte> data, List<(int User, int Successes, int Failures)> entries)
    {
        entries.Clear();
        var position = 0;
        var user = 0;
        while (position < data.Length)
        {
            user += (int)Varint.Read(data, ref position);
            var successes = (int)Varint.Read(data, ref position);
            var failures = (int)Varint.Read(data, ref position);
            entries.Add((user, successes, failures));
        }
    }
}
