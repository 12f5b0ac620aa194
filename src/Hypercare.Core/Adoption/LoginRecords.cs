using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption;

/// <summary>One login attempt as read from a file, its user resolved to an index of <see cref="LoginNames"/>.</summary>
internal struct LoginRow
{
    public string KeyText;
    public long KeyNumber;
    public int User;
    public long AtTicks;
    public int Day;
    public bool Success;
    public string? Status;
    public FailureBucket? Bucket;
    public string? LoginType;
}

/// <summary>
/// The strings a login file repeats on every row (user ids, id prefixes, login types), looked up by span so a row
/// allocates nothing unless it brings a new one. Users are numbered in order of appearance.
/// </summary>
internal sealed class LoginNames
{
    private const int MaxCachedTypes = 4096;
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _types = new(StringComparer.Ordinal);

    /// <summary>Users numbered since <see cref="TakeNewUsers"/> was last called.</summary>
    public List<string> NewUsers { get; private set; } = [];

    public int UserCount => _users.Count;

    public int User(ReadOnlySpan<char> key)
    {
        var lookup = _users.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(key, out var index))
        {
            var text = key.ToString();
            index = _users.Count;
            _users[text] = index;
            NewUsers.Add(text);
        }

        return index;
    }

    public List<string> TakeNewUsers()
    {
        var taken = NewUsers;
        NewUsers = [];
        return taken;
    }

    public string Prefix(ReadOnlySpan<char> prefix)
    {
        var lookup = _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(prefix, out var text))
        {
            text = prefix.ToString();
            _prefixes[text] = text;
        }

        return text;
    }

    public string? LoginType(ReadOnlySpan<char> raw)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        var lookup = _types.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(raw, out var name))
        {
            return name;
        }

        name = LoginTypes.Normalize(raw);
        if (_types.Count < MaxCachedTypes)
        {
            _types[raw.ToString()] = name;
        }

        return name;
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
    private readonly int _type;
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
            _type = csv.Find("LOGIN_TYPE");
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
            _type = csv.Find("LoginType", "Login Type");
            _requestId = -1;
        }
    }

    public string Format { get; }

    public bool TryRead(CsvInput csv, SepReader.Row row, long line, LoginNames names, Dictionary<string, string> usernames, LocalDayClock clock,
        out LoginRow record, out Rejection? rejection)
    {
        record = default;
        rejection = null;
        Span<char> canonical = stackalloc char[18];
        var userColumn = CsvInput.Cell(row, _user).Length > 0 ? _user : _userFallback;
        var userCell = CsvInput.Cell(row, userColumn);
        if (userCell.Length > 0)
        {
            if (!SalesforceId.TryCanonical(userCell, canonical))
            {
                rejection = new(line, csv.ColumnName(userColumn), $"'{userCell}' is not a 15- or 18-character Salesforce id.");
                return false;
            }

            record.User = names.User(canonical);
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

        var timeColumn = CsvInput.Cell(row, _time).Length > 0 ? _time : _timeFallback;
        var timeCell = CsvInput.Cell(row, timeColumn);
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
            record.Status = CsvInput.Text(row, _status);
            record.Bucket = FailureBuckets.Of(record.Status!);
        }

        record.AtTicks = at.UtcTicks;
        record.Day = clock.DayOf(at).DayNumber;
        record.LoginType = names.LoginType(CsvInput.Cell(row, _type));
        record.KeyNumber = LoginEvent.TextKey;
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

/// <summary>LoginType as API name, label or Event Log one-letter code, normalised to the API name (formats.md §1.2).</summary>
public static class LoginTypes
{
    private static readonly Dictionary<string, string> ByLabel = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Application"] = "Application",
        ["AppExchange"] = "AppExchange",
        ["Certificate"] = "Certificate",
        ["Certificate-based login"] = "Certificate",
        ["Remote Access 2.0"] = "Oauth2",
        ["Oauth2"] = "Oauth2",
        ["Remote Access Client"] = "Oauth",
        ["Oauth"] = "Oauth",
        ["Other Apex API"] = "OtherApi",
        ["OtherApi"] = "OtherApi",
        ["Partner Product"] = "Partner",
        ["Partner"] = "Partner",
        ["SAML Idp Initiated SSO"] = "Saml",
        ["Saml"] = "Saml",
        ["SAML Sfdc Initiated SSO"] = "Saml2",
        ["Saml2"] = "Saml2",
        ["Third Party SSO"] = "ThirdPartySso",
        ["ThirdPartySso"] = "ThirdPartySso",
        ["Lightning Login"] = "LightningLogin",
        ["LightningLogin"] = "LightningLogin",
        ["Passwordless Login"] = "PasswordlessLogin",
        ["PasswordlessLogin"] = "PasswordlessLogin",
        ["Customer Service Portal"] = "Portal",
        ["Portal"] = "Portal",
        ["Partner Portal"] = "PrmPortal",
        ["PrmPortal"] = "PrmPortal",
        ["SelfService"] = "SelfService",
        ["Chatter Communities External User"] = "ChatterCommunityPortalUnPwd",
        ["Employee Login to Community"] = "EmployeeLoginToCommunity",
        ["Help And Training"] = "HelpAndTraining",
    };

    // Event Log codes are case-sensitive: "i" is OAuth 2.0, "I" is Other Apex API.
    private static readonly Dictionary<string, string> ByCode = new(StringComparer.Ordinal)
    {
        ["7"] = "AppExchange",
        ["A"] = "Application",
        ["s"] = "Certificate",
        ["k"] = "ChatterCommunityPortalUnPwd",
        ["n"] = "ChatterCommunityThirdPartySso",
        ["x"] = "CrossTenantLogin",
        ["r"] = "EmployeeLoginToCommunity",
        ["z"] = "LightningLogin",
        ["l"] = "NetworksPortalApiOnly",
        ["6"] = "Oauth",
        ["i"] = "Oauth2",
        ["I"] = "OtherApi",
        ["R"] = "Partner",
        ["w"] = "PasswordlessLogin",
        ["3"] = "Portal",
        ["q"] = "PrmPortalThirdPartySso",
        ["9"] = "PrmPortal",
        ["5"] = "Saml",
        ["m"] = "SamlChatterNetworks",
        ["b"] = "SamlCspPortal",
        ["c"] = "SamlPrmPortal",
        ["h"] = "SamlSite",
        ["8"] = "Saml2",
        ["E"] = "SelfService",
        ["j"] = "ThirdPartySso",
    };

    /// <summary>The API name; an unknown value is kept as it is, never refused.</summary>
    public static string? Normalize(ReadOnlySpan<char> raw)
    {
        if (raw.Length == 0)
        {
            return null;
        }

        var text = raw.ToString();
        if (text.Length <= 1 && ByCode.TryGetValue(text, out var code))
        {
            return code;
        }

        return ByLabel.TryGetValue(text, out var name) ? name : (text.Length > 64 ? text[..64] : text);
    }
}
