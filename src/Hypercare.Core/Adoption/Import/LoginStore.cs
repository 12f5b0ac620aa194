using System.Data.Common;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Where a login import reads and writes its packed rows (ADR 0042), inside the import's transaction, through plain
/// ADO.NET on either engine: the rows are few (a block per few thousand ids, a set per day), so statements are
/// synchronous and simple. Only keys that are not Salesforce ids are stored one row each.
/// </summary>
internal sealed class LoginStore(ImportRun run) : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private byte[] _block = new byte[PackedKeys.BlockKeys * 2];

    /// <summary>SQLite looks named parameters up one by one (quadratic in a statement's parameters); PostgreSQL prefers fewer round trips.</summary>
    private int RowsPerStatement => run.Sql.IsSqlite ? 32 : 200;

    /// <summary>The project's users by number.</summary>
    public List<string> Users()
    {
        var users = new List<string>();
        using var command = run.Command("""SELECT "Number","UserKey" FROM "AdoptionLoginUsers" WHERE "ProjectId" = @p ORDER BY "Number" """);
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            if (rows.GetInt32(0) != users.Count)
            {
                throw new InvalidDataException($"Project {run.ProjectId}: login user numbers are not contiguous at {users.Count}.");
            }

            users.Add(rows.GetString(1));
        }

        return users;
    }

    public void AddUsers(IReadOnlyList<string> users, int from)
    {
        Insert("AdoptionLoginUsers", ["Number", "UserKey"], users.Count - from, (i, values) =>
        {
            values[0] = from + i;
            values[1] = users[from + i];
        });
    }

    /// <summary>Adds to each user's first and last successful login day and successful logins (AdoptionUserActivity).</summary>
    public void AddActivity(IReadOnlyList<string> users, int[] firstDays, int[] lastDays, int[] logins)
    {
        var active = Enumerable.Range(0, logins.Length).Where(u => logins[u] > 0).ToList();
        Insert("AdoptionUserActivity", ["UserKey", "FirstLoginDay", "LastLoginDay", "Logins"], active.Count, (i, values) =>
        {
            var user = active[i];
            (values[0], values[1], values[2], values[3]) =
                (users[user], DateOnly.FromDayNumber(firstDays[user]), DateOnly.FromDayNumber(lastDays[user]), logins[user]);
        }, """
             ON CONFLICT ("ProjectId","UserKey") DO UPDATE SET
              "FirstLoginDay" = CASE WHEN excluded."FirstLoginDay" < "AdoptionUserActivity"."FirstLoginDay" THEN excluded."FirstLoginDay" ELSE "AdoptionUserActivity"."FirstLoginDay" END,
              "LastLoginDay" = CASE WHEN excluded."LastLoginDay" > "AdoptionUserActivity"."LastLoginDay" THEN excluded."LastLoginDay" ELSE "AdoptionUserActivity"."LastLoginDay" END,
              "Logins" = "AdoptionUserActivity"."Logins" + excluded."Logins"
            """);
    }

    /// <summary>
    /// Calls <paramref name="each"/> with every stored id block of a prefix that overlaps [<paramref name="low"/>,
    /// <paramref name="high"/>], one at a time, in one reused buffer: a shuffled export overlaps every stored block in
    /// every window, so holding them all would grow with the project's history (defect 9 of issue 10).
    /// </summary>
    public void Blocks(string prefix, long low, long high, BlockAction each)
    {
        var command = Cached("blocks", """
            SELECT "First","Count","Keys" FROM "AdoptionLoginKeyBlocks"
            WHERE "ProjectId" = @p AND "Prefix" = @x AND "Last" >= @lo AND "First" <= @hi
            """, "@x", "@lo", "@hi");
        command.Parameters["@x"].Value = prefix;
        command.Parameters["@lo"].Value = low;
        command.Parameters["@hi"].Value = high;
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            var length = (int)rows.GetBytes(2, 0, null, 0, 0);
            if (_block.Length < length)
            {
                _block = new byte[Math.Max(length, _block.Length * 2)];
            }

            var read = 0;
            while (read < length)
            {
                var n = (int)rows.GetBytes(2, read, _block, read, length - read);
                if (n <= 0)
                {
                    throw new InvalidDataException($"Project {run.ProjectId}: a login key block ended after {read} of {length} bytes.");
                }

                read += n;
            }

            each(rows.GetInt64(0), rows.GetInt32(1), _block.AsSpan(0, length));
        }
    }

    public delegate void BlockAction(long first, int count, ReadOnlySpan<byte> keys);

    public void AddBlocks(string prefix, List<(long First, long Last, int Count, byte[] Keys)> blocks) =>
        Insert("AdoptionLoginKeyBlocks", ["Prefix", "First", "Last", "Count", "Keys"], blocks.Count, (i, values) =>
        {
            values[0] = prefix;
            (values[1], values[2], values[3], values[4]) = (blocks[i].First, blocks[i].Last, blocks[i].Count, blocks[i].Keys);
        });

    /// <summary>Stores the keys (distinct) that are new; <paramref name="isNew"/>[i] says whether keys[i] was.</summary>
    public void AddTextKeys(List<string> keys, bool[] isNew)
    {
        if (run.Sql.IsSqlite)
        {
            // SQLite: one prepared statement per key, its change count says whether the key was new.
            var command = Cached("text", """INSERT INTO "AdoptionLoginTextKeys" ("ProjectId","Key") VALUES (@p,@k) ON CONFLICT DO NOTHING""", "@k");
            for (var i = 0; i < keys.Count; i++)
            {
                command.Parameters["@k"].Value = keys[i];
                isNew[i] = command.ExecuteNonQuery() == 1;
            }

            return;
        }

        // PostgreSQL: many keys per statement; RETURNING names the ones that were new.
        var returned = new HashSet<string>(StringComparer.Ordinal);
        for (var start = 0; start < keys.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, keys.Count - start);
            using var command = run.Command(ImportSql.MultiRowSql("AdoptionLoginTextKeys", ["Key"], n) + """ ON CONFLICT DO NOTHING RETURNING "Key" """);
            for (var i = 0; i < n; i++)
            {
                Parameter(command, $"@v{i}_0", keys[start + i]);
            }

            using var rows = command.ExecuteReader();
            while (rows.Read())
            {
                returned.Add(rows.GetString(0));
            }
        }

        for (var i = 0; i < keys.Count; i++)
        {
            isNew[i] = returned.Contains(keys[i]);
        }
    }

    /// <summary>The stored user set of a day, or null.</summary>
    public byte[]? Day(int dayNumber)
    {
        var command = Cached("day", """SELECT "Data" FROM "AdoptionLoginDaySets" WHERE "ProjectId" = @p AND "Day" = @d""", "@d");
        command.Parameters["@d"].Value = DateOnly.FromDayNumber(dayNumber);
        return command.ExecuteScalar() is byte[] data ? data : null;
    }

    public void PutDay(LoginDaySet day)
    {
        var command = Cached("put-day", """
            INSERT INTO "AdoptionLoginDaySets" ("ProjectId","Day","Users","Successes","Failures","Data") VALUES (@p,@d,@u,@s,@f,@x)
            ON CONFLICT ("ProjectId","Day") DO UPDATE SET "Users" = excluded."Users", "Successes" = excluded."Successes",
              "Failures" = excluded."Failures", "Data" = excluded."Data"
            """, "@d", "@u", "@s", "@f", "@x");
        command.Parameters["@d"].Value = day.Day;
        command.Parameters["@u"].Value = day.Users;
        command.Parameters["@s"].Value = day.Successes;
        command.Parameters["@f"].Value = day.Failures;
        command.Parameters["@x"].Value = day.Data;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }

    private DbCommand Cached(string name, string sql, params string[] parameters)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = run.Command(sql);
            foreach (var parameter in parameters)
            {
                Parameter(command, parameter, null);
            }

            _commands[name] = command;
        }

        return command;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> rows of the project, many per statement; the full-size statement is prepared
    /// once and reused (compiling it is most of the cost of a small statement).
    /// </summary>
    private void Insert(string table, string[] columns, int count, Action<int, object[]> fill, string suffix = "")
    {
        var values = new object[columns.Length];
        var size = RowsPerStatement;
        for (var start = 0; start < count; start += size)
        {
            var n = Math.Min(size, count - start);
            using var partial = n == size ? null : Statement(ImportSql.MultiRowSql(table, columns, n) + suffix, n, columns.Length);
            var command = partial ?? Cached(table + suffix, () => Statement(ImportSql.MultiRowSql(table, columns, size) + suffix, size, columns.Length));
            var p = 0;
            for (var r = 0; r < n; r++)
            {
                fill(start + r, values);
                for (var c = 0; c < columns.Length; c++)
                {
                    command.Parameters[p++].Value = values[c] ?? DBNull.Value;
                }
            }

            command.ExecuteNonQuery();
        }
    }

    /// <summary>A statement of <see cref="ImportSql.MultiRowSql"/>: its values as @v{row}_{column} in order, then the project.</summary>
    private DbCommand Statement(string sql, int rows, int columns)
    {
        var command = run.Command(sql);
        command.Parameters.Clear();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                Parameter(command, $"@v{r}_{c}", null);
            }
        }

        Parameter(command, "@p", run.ProjectId);
        return command;
    }

    private DbCommand Cached(string name, Func<DbCommand> create)
    {
        if (!_commands.TryGetValue(name, out var command))
        {
            command = create();
            _commands[name] = command;
        }

        return command;
    }

    private static void Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
