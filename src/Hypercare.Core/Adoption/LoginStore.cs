using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hypercare.Core.Adoption;

/// <summary>Where a login import puts its rows: it stores the new ones, tells which were new, and adds to the per-user days.</summary>
internal abstract class LoginStore : IDisposable
{
    public static LoginStore For(AdoptionImporter.Run run) => run.Sql.IsSqlite ? new SqliteLoginStore(run) : new PostgresLoginStore(run);

    /// <summary>Users the parser numbered since the last batch, in number order.</summary>
    public abstract void AddUsers(List<string> users);

    /// <summary>Stores the rows whose key is not stored yet (nor earlier in the batch); <paramref name="isNew"/> says which.</summary>
    public abstract ValueTask StoreAsync(LoginRow[] rows, int count, bool[] isNew, CancellationToken cancellationToken);

    /// <summary>Adds (user index &lt;&lt; 22 | day number) counts to AdoptionLoginDays.</summary>
    public abstract ValueTask AddLoginDaysAsync(Dictionary<long, (int Successes, int Failures)> days, List<string> userKeys, CancellationToken cancellationToken);

    public abstract void Dispose();
}

/// <summary>
/// SQLite through the connection's own handle (SQLitePCLRaw, inside the import's transaction): parameters bound by
/// position without boxing, 64 rows per INSERT, strings that repeat encoded once. Which keys exist is asked per batch
/// with one range scan over the sorted keys of an id prefix (a point lookup per key when the range holds many others),
/// so the INSERT itself needs neither ON CONFLICT nor RETURNING (ADR 0013).
/// </summary>
internal sealed class SqliteLoginStore : LoginStore
{
    private const int RowsPerInsert = 64;
    private const int Columns = 9;
    private static readonly byte[][] Buckets = Enum.GetNames<FailureBucket>().Select(Encoding.UTF8.GetBytes).ToArray();

    private readonly AdoptionImporter.Run _run;
    private readonly sqlite3 _db;
    private readonly RawStatement _insertMany;
    private readonly RawStatement _insertOne;
    private readonly RawStatement _range;
    private readonly RawStatement _point;
    private readonly RawStatement _day;
    private readonly List<byte[]> _users = [];
    private readonly Dictionary<string, byte[]> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<int, byte[]> _days = [];
    private int[] _order = new int[1024];
    private long[] _dayKeys = [];
    private (int Successes, int Failures)[] _dayValues = [];
    private readonly List<int> _candidates = new(1024);

    public SqliteLoginStore(AdoptionImporter.Run run)
    {
        _run = run;
        _db = ((SqliteConnection)run.Connection).Handle!;
        const string Insert = """INSERT INTO "AdoptionLoginEvents" ("ProjectId","KeyText","KeyNumber","UserKey","At","Success","Status","Bucket","LoginType") VALUES """;
        var row = "(" + string.Join(',', Enumerable.Repeat("?", Columns)) + ")";
        _insertMany = new RawStatement(_db, Insert + string.Join(',', Enumerable.Repeat(row, RowsPerInsert)));
        _insertOne = new RawStatement(_db, Insert + row);
        _range = new RawStatement(_db, """
            SELECT "KeyNumber" FROM "AdoptionLoginEvents" WHERE "ProjectId" = ?1 AND "KeyText" = ?2 AND "KeyNumber" BETWEEN ?3 AND ?4
            ORDER BY "KeyNumber" LIMIT ?5
            """);
        _point = new RawStatement(_db, """SELECT 1 FROM "AdoptionLoginEvents" WHERE "ProjectId" = ?1 AND "KeyText" = ?2 AND "KeyNumber" = ?3""");
        _day = new RawStatement(_db, """
            INSERT INTO "AdoptionLoginDays" ("ProjectId","UserKey","Day","Successes","Failures") VALUES (?1,?2,?3,?4,?5)
            ON CONFLICT ("ProjectId","Day","UserKey") DO UPDATE SET "Successes" = "AdoptionLoginDays"."Successes" + excluded."Successes",
              "Failures" = "AdoptionLoginDays"."Failures" + excluded."Failures"
            """);
    }

    public override void AddUsers(List<string> users)
    {
        foreach (var user in users)
        {
            _users.Add(Encoding.UTF8.GetBytes(user));
        }
    }

    public override ValueTask StoreAsync(LoginRow[] rows, int count, bool[] isNew, CancellationToken cancellationToken)
    {
        Array.Clear(isNew, 0, count);
        if (_order.Length < count)
        {
            _order = new int[count];
        }

        var order = _order.AsSpan(0, count);
        var sorted = true;
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            sorted = sorted && (i == 0 || Compare(ref rows[i - 1], ref rows[i]) <= 0);
        }

        if (!sorted)
        {
            order.Sort((a, b) => Compare(ref rows[a], ref rows[b]));
        }

        // Candidates: the first of each key in the batch that is not stored yet.
        _candidates.Clear();
        var start = 0;
        while (start < count)
        {
            var text = rows[order[start]].KeyText;
            var end = start + 1;
            while (end < count && string.Equals(rows[order[end]].KeyText, text, StringComparison.Ordinal))
            {
                end++;
            }

            CheckRun(rows, order[start..end], text);
            start = end;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var c = 0;
        for (; c + RowsPerInsert <= _candidates.Count; c += RowsPerInsert)
        {
            for (var r = 0; r < RowsPerInsert; r++)
            {
                Bind(_insertMany, r * Columns, ref rows[_candidates[c + r]]);
            }

            _insertMany.Run();
        }

        for (; c < _candidates.Count; c++)
        {
            Bind(_insertOne, 0, ref rows[_candidates[c]]);
            _insertOne.Run();
        }

        foreach (var index in _candidates)
        {
            isNew[index] = true;
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adds to <see cref="_candidates"/> the rows of one key text (sorted by number) whose key is new.</summary>
    private void CheckRun(LoginRow[] rows, ReadOnlySpan<int> run, string text)
    {
        var textBytes = Text(text);
        var first = rows[run[0]].KeyNumber;
        var last = rows[run[^1]].KeyNumber;
        var limit = (4 * run.Length) + 1;
        var mark = _candidates.Count;
        if (first >= 0 && run.Length >= 4)
        {
            _range.Int(1, _run.ProjectId);
            _range.Text(2, textBytes);
            _range.Int(3, first);
            _range.Int(4, last);
            _range.Int(5, limit);
            var returned = 0;
            var i = 0;
            var previous = long.MinValue;
            while (_range.Step())
            {
                if (++returned == limit)
                {
                    break;
                }

                var stored = _range.Column(0);
                for (; i < run.Length && rows[run[i]].KeyNumber <= stored; i++)
                {
                    var number = rows[run[i]].KeyNumber;
                    if (number < stored && number != previous)
                    {
                        _candidates.Add(run[i]);
                    }

                    previous = number;
                }
            }

            var exhausted = returned < limit;
            _range.Reset();
            if (exhausted)
            {
                for (; i < run.Length; i++)
                {
                    var number = rows[run[i]].KeyNumber;
                    if (number != previous)
                    {
                        _candidates.Add(run[i]);
                    }

                    previous = number;
                }

                return;
            }

            // The range holds many other stored keys (an export in another order): undo and look each key up.
            _candidates.RemoveRange(mark, _candidates.Count - mark);
        }

        var last2 = long.MinValue;
        for (var i = 0; i < run.Length; i++)
        {
            var number = rows[run[i]].KeyNumber;
            if (i > 0 && number == last2)
            {
                continue;
            }

            last2 = number;
            _point.Int(1, _run.ProjectId);
            _point.Text(2, textBytes);
            _point.Int(3, number);
            var stored = _point.Step();
            _point.Reset();
            if (!stored)
            {
                _candidates.Add(run[i]);
            }
        }
    }

    public override ValueTask AddLoginDaysAsync(Dictionary<long, (int Successes, int Failures)> days, List<string> userKeys, CancellationToken cancellationToken)
    {
        if (days.Count == 0)
        {
            return ValueTask.CompletedTask;
        }

        // Day, then user key as stored (ordinal): the order of the table's key, so the writes walk its B-tree once.
        var ranks = new int[userKeys.Count];
        var byKey = Enumerable.Range(0, userKeys.Count).ToArray();
        Array.Sort(byKey, (a, b) => string.CompareOrdinal(userKeys[a], userKeys[b]));
        for (var r = 0; r < byKey.Length; r++)
        {
            ranks[byKey[r]] = r;
        }

        if (_dayKeys.Length < days.Count)
        {
            _dayKeys = new long[days.Count];
            _dayValues = new (int, int)[days.Count];
        }

        var keys = _dayKeys;
        var values = _dayValues;
        var n = 0;
        foreach (var (key, counts) in days)
        {
            var user = (int)(key >> 22);
            var day = (int)(key & 0x3FFFFF);
            keys[n] = ((long)day << 32) | (uint)ranks[user];
            values[n++] = counts;
        }

        Array.Sort(keys, values, 0, n);
        _day.Int(1, _run.ProjectId);
        for (var i = 0; i < n; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = (int)(keys[i] >> 32);
            var user = byKey[(int)(keys[i] & 0xFFFFFFFF)];
            _day.Text(2, _users[user]);
            _day.Text(3, DayText(day));
            _day.Int(4, values[i].Successes);
            _day.Int(5, values[i].Failures);
            _day.Run();
        }

        return ValueTask.CompletedTask;
    }

    public override void Dispose()
    {
        _insertMany.Dispose();
        _insertOne.Dispose();
        _range.Dispose();
        _point.Dispose();
        _day.Dispose();
    }

    private static int Compare(ref LoginRow a, ref LoginRow b)
    {
        var text = ReferenceEquals(a.KeyText, b.KeyText) ? 0 : string.CompareOrdinal(a.KeyText, b.KeyText);
        return text != 0 ? text : a.KeyNumber.CompareTo(b.KeyNumber);
    }

    private void Bind(RawStatement statement, int offset, ref LoginRow row)
    {
        statement.Int(offset + 1, _run.ProjectId);
        statement.Text(offset + 2, Text(row.KeyText));
        statement.Int(offset + 3, row.KeyNumber);
        statement.Text(offset + 4, _users[row.User]);
        statement.Int(offset + 5, row.AtTicks);
        statement.Int(offset + 6, row.Success ? 1 : 0);
        statement.Text(offset + 7, row.Status);
        if (row.Bucket is { } bucket)
        {
            statement.Text(offset + 8, Buckets[(int)bucket]);
        }
        else
        {
            statement.Null(offset + 8);
        }

        if (row.LoginType is null)
        {
            statement.Null(offset + 9);
        }
        else
        {
            statement.Text(offset + 9, Text(row.LoginType));
        }
    }

    /// <summary>UTF-8 of a repeating string (id prefixes, login types); one-off keys are not kept.</summary>
    private byte[] Text(string text)
    {
        if (_texts.TryGetValue(text, out var bytes))
        {
            return bytes;
        }

        bytes = Encoding.UTF8.GetBytes(text);
        if (text.Length <= SalesforceId.KeyPrefixLength || _texts.Count < 1024)
        {
            _texts[text] = bytes;
        }

        return bytes;
    }

    /// <summary>A day as Microsoft.Data.Sqlite stores a DateOnly (yyyy-MM-dd), so EF reads what this writes.</summary>
    private byte[] DayText(int dayNumber)
    {
        if (!_days.TryGetValue(dayNumber, out var bytes))
        {
            bytes = Encoding.UTF8.GetBytes(DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            _days[dayNumber] = bytes;
        }

        return bytes;
    }

    /// <summary>A prepared statement on the raw handle; errors become SqliteException like everywhere else.</summary>
    private sealed class RawStatement : IDisposable
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;

        public RawStatement(sqlite3 db, string sql)
        {
            _db = db;
            SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, sql, out _statement), db);
        }

        public void Int(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

        public void Text(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

        public void Text(int index, string? value) => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

        public void Null(int index) => Check(raw.sqlite3_bind_null(_statement, index));

        public long Column(int index) => raw.sqlite3_column_int64(_statement, index);

        /// <summary>One step: true for a row, false when done.</summary>
        public bool Step()
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW)
            {
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                raw.sqlite3_reset(_statement);
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return false;
        }

        public void Run()
        {
            while (Step())
            {
            }

            Reset();
        }

        public void Reset() => raw.sqlite3_reset(_statement);

        public void Dispose() => _statement.Dispose();

        private void Check(int rc)
        {
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
    }
}

/// <summary>PostgreSQL: multi-row INSERT … ON CONFLICT DO NOTHING RETURNING the keys that were new.</summary>
internal sealed class PostgresLoginStore(AdoptionImporter.Run run) : LoginStore
{
    private const int RowsPerInsert = 400;
    private readonly List<string> _users = [];
    private readonly HashSet<(string, long)> _returned = [];
    private DbCommand? _full;

    public override void AddUsers(List<string> users) => _users.AddRange(users);

    public override async ValueTask StoreAsync(LoginRow[] rows, int count, bool[] isNew, CancellationToken cancellationToken)
    {
        Array.Clear(isNew, 0, count);
        for (var start = 0; start < count; start += RowsPerInsert)
        {
            var n = Math.Min(RowsPerInsert, count - start);
            using var partial = n == RowsPerInsert ? null : Insert(n);
            var command = partial ?? (_full ??= Insert(RowsPerInsert));
            var p = 0;
            for (var i = start; i < start + n; i++)
            {
                ref var r = ref rows[i];
                command.Parameters[p++].Value = r.KeyText;
                command.Parameters[p++].Value = r.KeyNumber;
                command.Parameters[p++].Value = _users[r.User];
                command.Parameters[p++].Value = new DateTimeOffset(r.AtTicks, TimeSpan.Zero);
                command.Parameters[p++].Value = r.Success;
                command.Parameters[p++].Value = (object?)r.Status ?? DBNull.Value;
                command.Parameters[p++].Value = r.Bucket is { } b ? b.ToString() : DBNull.Value;
                command.Parameters[p++].Value = (object?)r.LoginType ?? DBNull.Value;
            }

            _returned.Clear();
            await using (var results = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await results.ReadAsync(cancellationToken))
                {
                    _returned.Add((results.GetString(0), results.GetInt64(1)));
                }
            }

            for (var i = start; i < start + n; i++)
            {
                // A key twice in one statement is returned once: the first row counts, the other is a duplicate.
                isNew[i] = _returned.Remove((rows[i].KeyText, rows[i].KeyNumber));
            }
        }
    }

    public override async ValueTask AddLoginDaysAsync(Dictionary<long, (int Successes, int Failures)> days, List<string> userKeys, CancellationToken cancellationToken) =>
        await AdoptionImporter.Sql.AddLoginDaysAsync(run, days, userKeys, cancellationToken);

    public override void Dispose() => _full?.Dispose();

    private DbCommand Insert(int rows) => AdoptionImporter.Sql.LoginInsert(run, rows);
}
