using System.Collections.Concurrent;
using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

/// <summary>One login attempt as read from a file, its user resolved to the project's user number (<see cref="LoginNames"/>).</summary>
internal struct LoginRow
{
    /// <summary>The <see cref="KeyNumber"/> of a key kept whole as text (not a Salesforce id).</summary>
    public const long TextKey = -1;

    /// <summary>The id's prefix (<see cref="KeyNumber"/> &gt;= 0) or the whole text key (<see cref="KeyNumber"/> = -1).</summary>
    public string KeyText;
    public long KeyNumber;
    public int User;
    public int Day;
    public bool Success;
    public FailureBucket? Bucket;
}

/// <summary>
/// The strings a login file repeats on every row (user ids, id prefixes, failure texts), looked up by span so a row
/// allocates nothing unless it brings a new one. Safe for the parallel parsers of one import: reads are lock-free, a
/// new user takes a lock and the next number after the project's stored users.
/// </summary>
internal sealed class LoginNames
{
    private const int MaxCachedStatuses = 4096;
    private const int MaxAliases = 1 << 20;
    private readonly ConcurrentDictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FailureBucket> _buckets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _aliases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _userLookup;
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _aliasLookup;
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _prefixLookup;
    private readonly List<string> _keys;
    private readonly Lock _gate = new();
    private volatile string? _lastPrefix;

    /// <param name="stored">The project's users by number (AdoptionLoginUsers).</param>
    public LoginNames(IReadOnlyList<string>? stored = null)
    {
        _userLookup = _users.GetAlternateLookup<ReadOnlySpan<char>>();
        _aliasLookup = _aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixLookup = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = [.. stored ?? []];
        StoredCount = _keys.Count;
        for (var i = 0; i < _keys.Count; i++)
        {
            _users[_keys[i]] = i;
        }
    }

    /// <summary>How many users the project had before this import.</summary>
    public int StoredCount { get; }

    public int UserCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Count;
            }
        }
    }

    /// <summary>All users by number, the stored ones first; read after parsing has finished.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>The number of a user id as written in the file, if it was seen (canonical, or as an alias).</summary>
    public bool TryKnownUser(ReadOnlySpan<char> written, out int number) =>
        _userLookup.TryGetValue(written, out number) || _aliasLookup.TryGetValue(written, out number);

    /// <summary>The number of a canonical user id; <paramref name="written"/>, when it differs, is remembered as an alias.</summary>
    public int User(ReadOnlySpan<char> key, ReadOnlySpan<char> written)
    {
        var number = User(key);
        if (!written.SequenceEqual(key) && _aliases.Count < MaxAliases)
        {
            _aliases.TryAdd(written.ToString(), number);
        }

        return number;
    }

    public int User(ReadOnlySpan<char> key)
    {
        if (_userLookup.TryGetValue(key, out var number))
        {
            return number;
        }

        lock (_gate)
        {
            var text = key.ToString();
            if (!_users.TryGetValue(text, out number))
            {
                number = _keys.Count;
                _keys.Add(text);
                _users[text] = number;
            }

            return number;
        }
    }

    public string Prefix(ReadOnlySpan<char> prefix)
    {
        // An export has one or two prefixes: the last one answers almost every row without hashing.
        if (_lastPrefix is { } last && prefix.SequenceEqual(last))
        {
            return last;
        }

        if (!_prefixLookup.TryGetValue(prefix, out var text))
        {
            text = prefix.ToString();
            text = _prefixes.GetOrAdd(text, text);
        }

        _lastPrefix = text;
        return text;
    }

    /// <summary>The failure bucket of a status text; texts repeat, so each is classified once.</summary>
    public FailureBucket Bucket(ReadOnlySpan<char> status)
    {
        if (_buckets.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(status, out var bucket))
        {
            return bucket;
        }

        var text = status.ToString();
        bucket = FailureBuckets.Of(text);
        if (_buckets.Count < MaxCachedStatuses)
        {
            _buckets[text] = bucket;
        }

        return bucket;
    }
}

/// <summary>
/// Reads Salesforce LoginHistory exports (Data Loader API names, ALL-CAPS or UI labels) and Event Log File
/// <c>Login</c> files, by header name. Success is <c>Status</c> = "Success" (trimmed, any case) or
/// <c>LOGIN_STATUS</c> = <c>LOGIN_NO_ERROR</c>; every other value is a failure, kept verbatim and bucketed.
/// </summary>
internal sealed class LoginRecordReader
{
    private readonly int _id;
    private readonly int _user;
    private readonly int _userFallback = -1;
    private readonly int _username;
    private readonly int _time;
    private readonly int _timeFallback;
    private readonly int _status;
    private readonly int _requestId;
    private readonly bool _eventLog;

    public LoginRecordReader(CsvInput csv)
    {
        _eventLog = csv.Find("LOGIN_STATUS") >= 0 || csv.Find("EVENT_TYPE") >= 0;
        Format = _eventLog ? "EventLogFile Login" : "LoginHistory";
        if (_eventLog)
        {
            _user = csv.Find("USER_ID_DERIVED", "USER_ID");
            _userFallback = csv.Find("USER_ID");
            _username = csv.Find("USER_NAME");
            if (_user < 0 && _username < 0)
            {
                csv.Require("USER_ID_DERIVED", "USER_ID_DERIVED", "USER_ID", "USER_NAME");
            }

            _time = csv.Find("TIMESTAMP_DERIVED");
            _timeFallback = csv.Find("TIMESTAMP");
            if (_time < 0 && _timeFallback < 0)
            {
                csv.Require("TIMESTAMP_DERIVED", "TIMESTAMP_DERIVED", "TIMESTAMP");
            }

            _status = csv.Require("LOGIN_STATUS", "LOGIN_STATUS");
            _requestId = csv.Find("REQUEST_ID");
            _id = -1;
        }
        else
        {
            _id = csv.Find("Id", "Login History Id", "LoginHistoryId");
            _user = csv.Find("UserId", "User ID", "User");
            _username = csv.Find("Username", "User Name");
            if (_user < 0 && _username < 0)
            {
                csv.Require("UserId", "UserId", "User ID", "Username");
            }

            _time = csv.Require("LoginTime", "LoginTime", "Login Time");
            _timeFallback = -1;
            _status = csv.Require("Status", "Status");
            _requestId = -1;
        }
    }

    public string Format { get; }

    public bool TryRead(CsvInput csv, SepReader.Row row, long line, LoginNames names, Dictionary<string, string> usernames, LocalDayClock clock,
        out LoginRow record, out Rejection? rejection)
    {
        record = default;
        rejection = csv.CheckRow(row, line);
        if (rejection is not null)
        {
            return false;
        }

        Span<char> canonical = stackalloc char[18];
        var userColumn = _user;
        var userCell = CsvInput.Cell(row, _user);
        if (userCell.Length == 0 && _userFallback >= 0)
        {
            userColumn = _userFallback;
            userCell = CsvInput.Cell(row, _userFallback);
        }

        if (userCell.Length > 0)
        {
            // Seen before as written (the usual case): no need to canonicalise it again.
            if (!names.TryKnownUser(userCell, out record.User))
            {
                if (!SalesforceId.TryCanonical(userCell, canonical))
                {
                    rejection = new(line, csv.ColumnName(userColumn), $"'{userCell}' is not a 15- or 18-character Salesforce id.");
                    return false;
                }

                record.User = names.User(canonical, userCell);
            }
        }
        else if (CsvInput.Cell(row, _username) is { Length: > 0 } name)
        {
            var lower = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
            name.ToLowerInvariant(lower);
            if (!usernames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(lower, out var key))
            {
                rejection = new(line, "Username", $"user '{lower}' is not in the roster; import the roster first so usernames can be matched.");
                return false;
            }

            record.User = names.User(key);
        }
        else
        {
            rejection = new(line, csv.ColumnName(_user >= 0 ? _user : _username), "the user is empty.");
            return false;
        }

        var timeColumn = _time;
        var timeCell = CsvInput.Cell(row, _time);
        if (timeCell.Length == 0 && _timeFallback >= 0)
        {
            timeColumn = _timeFallback;
            timeCell = CsvInput.Cell(row, _timeFallback);
        }

        if (!SalesforceTime.TryParse(timeCell, out var at))
        {
            rejection = new(line, csv.ColumnName(timeColumn >= 0 ? timeColumn : _time),
                timeCell.Length == 0 ? "the login time is empty." : $"'{timeCell}' is not a time (expected e.g. 2026-03-02T13:58:41.000Z).");
            return false;
        }

        var statusCell = CsvInput.Cell(row, _status);
        if (statusCell.Length == 0)
        {
            rejection = new(line, csv.ColumnName(_status), "the status is empty.");
            return false;
        }

        record.Success = _eventLog
            ? statusCell.Equals("LOGIN_NO_ERROR", StringComparison.OrdinalIgnoreCase)
            : statusCell.Equals("Success", StringComparison.OrdinalIgnoreCase);
        if (!record.Success)
        {
            record.Bucket = names.Bucket(statusCell);
        }

        record.Day = clock.DayOf(at).DayNumber;
        record.KeyNumber = LoginRow.TextKey;
        if (_id >= 0 && CsvInput.Cell(row, _id) is { Length: > 0 } idCell)
        {
            if (SalesforceId.TryCanonical(idCell, canonical) && SalesforceId.TrySplit(canonical, out var prefix, out var number))
            {
                record.KeyText = names.Prefix(prefix);
                record.KeyNumber = number;
            }
            else
            {
                record.KeyText = idCell.ToString();
            }
        }
        else if (_requestId >= 0 && CsvInput.Cell(row, _requestId) is { Length: > 0 } request)
        {
            record.KeyText = string.Concat("elf:", request, "@", at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            record.KeyText = CsvInput.ContentKey("h:", row);
        }

        if (record.KeyText.Length > AdoptionModel.KeyMaxLength)
        {
            record.KeyText = CsvInput.ContentKey("h:", row);
        }

        return true;
    }
}

/// <summary>Failure reasons by keyword, from LoginHistory status texts and Event Log <c>LOGIN_STATUS</c> codes alike.</summary>
public static class FailureBuckets
{
    public static FailureBucket Of(string status)
    {
        var text = status.Replace('_', ' ').ToLowerInvariant();
        if (text.Contains("lockout", StringComparison.Ordinal) || text.Contains("locked", StringComparison.Ordinal))
        {
            return FailureBucket.Lockout;
        }

        if (text.Contains("frozen", StringComparison.Ordinal) || text.Contains("inactive", StringComparison.Ordinal))
        {
            return FailureBucket.FrozenOrInactive;
        }

        if (text.Contains("saml", StringComparison.Ordinal) || text.Contains("sso", StringComparison.Ordinal)
            || text.Contains("assertion", StringComparison.Ordinal) || text.Contains("audience", StringComparison.Ordinal)
            || text.Contains("signature", StringComparison.Ordinal) || text.Contains("authentication service", StringComparison.Ordinal))
        {
            return text.Contains("password", StringComparison.Ordinal) ? FailureBucket.Password : FailureBucket.Sso;
        }

        if (text.Contains("password", StringComparison.Ordinal))
        {
            return FailureBucket.Password;
        }

        if (text.Contains("multi-factor", StringComparison.Ordinal) || text.Contains("two-factor", StringComparison.Ordinal)
            || text.Contains("twofactor", StringComparison.Ordinal) || text.Contains("verification", StringComparison.Ordinal)
            || text.Contains("challenge", StringComparison.Ordinal) || text.Contains("activation", StringComparison.Ordinal)
            || text.Contains("lightning login", StringComparison.Ordinal) || text.Contains("mfa", StringComparison.Ordinal))
        {
            return FailureBucket.Mfa;
        }

        if (text.Contains("restricted", StringComparison.Ordinal) || text.Contains("not allowed", StringComparison.Ordinal)
            || text.Contains("invalid ip", StringComparison.Ordinal))
        {
            return FailureBucket.Restricted;
        }

        if (text.Contains("oauth", StringComparison.Ordinal) || text.Contains("nonce", StringComparison.Ordinal)
            || text.Contains("token", StringComparison.Ordinal))
        {
            return FailureBucket.OAuth;
        }

        return FailureBucket.Other;
    }
}
