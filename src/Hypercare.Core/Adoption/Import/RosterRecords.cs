using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

internal sealed record RosterRecord(string UserKey, string? Username, string? Name, bool IsActive, string? UserType, string? Profile,
    string? Role, string? Department, DateTimeOffset? CreatedAt, DateTimeOffset? LastLoginAt);

/// <summary>
/// Reads a Salesforce User export (Data Loader, Bulk, or a Users report with labels) or a generic roster CSV with a
/// column mapping (field → header, e.g. <c>id=Employee Id</c>). Only the id is required.
/// </summary>
internal sealed class RosterRecordReader
{
    /// <summary>The roster fields a column mapping may name.</summary>
    public static readonly string[] Fields = ["id", "username", "name", "isActive", "userType", "profile", "role", "department", "createdDate", "lastLoginDate"];

    private readonly int _id;
    private readonly int _username;
    private readonly int _name;
    private readonly int _active;
    private readonly int _type;
    private readonly int _profile;
    private readonly int _role;
    private readonly int _department;
    private readonly int _created;
    private readonly int _lastLogin;
    private readonly int _first;
    private readonly int _last;

    public RosterRecordReader(CsvInput csv, IReadOnlyDictionary<string, string>? mapping)
    {
        int Column(string field, params string[] aliases) =>
            mapping is not null && mapping.TryGetValue(field, out var header) ? csv.Require(field, header) : csv.Find(aliases);

        _id = mapping is not null && mapping.TryGetValue("id", out var idHeader)
            ? csv.Require("id", idHeader)
            : csv.Require("Id", "Id", "User ID", "UserId", "USER_ID");
        _username = Column("username", "Username", "User Name");
        _name = Column("name", "Name", "Full Name");
        _first = csv.Find("FirstName", "First Name");
        _last = csv.Find("LastName", "Last Name");
        _active = Column("isActive", "IsActive", "Active");
        _type = Column("userType", "UserType", "User Type");
        _profile = Column("profile", "Profile.Name", "Profile", "ProfileName");
        _role = Column("role", "UserRole.Name", "Role", "UserRoleName");
        _department = Column("department", "Department");
        _created = Column("createdDate", "CreatedDate", "Created Date");
        _lastLogin = Column("lastLoginDate", "LastLoginDate", "Last Login");
        Format = mapping is null ? "Salesforce User" : "Generic roster";
    }

    public string Format { get; }

    public bool TryRead(CsvInput csv, SepReader.Row row, long line, out RosterRecord? record, out Rejection? rejection)
    {
        record = null;
        rejection = csv.CheckRow(row, line);
        if (rejection is not null)
        {
            return false;
        }

        var idCell = CsvInput.Cell(row, _id);
        if (idCell.Length == 0)
        {
            rejection = new(line, csv.ColumnName(_id), "the id is empty.");
            return false;
        }

        var key = SalesforceId.Canonical(idCell) ?? idCell.ToString().ToLowerInvariant();
        if (key.Length > AdoptionModel.KeyMaxLength)
        {
            rejection = new(line, csv.ColumnName(_id), $"the id is longer than {AdoptionModel.KeyMaxLength} characters.");
            return false;
        }

        var active = true;
        var activeCell = CsvInput.Cell(row, _active);
        if (activeCell.Length > 0 && !TryBoolean(activeCell, out active))
        {
            rejection = new(line, csv.ColumnName(_active), $"'{activeCell}' is not true or false.");
            return false;
        }

        if (!TryInstant(csv, row, _created, line, out var created, out rejection) || !TryInstant(csv, row, _lastLogin, line, out var lastLogin, out rejection))
        {
            return false;
        }

        var name = CsvInput.Text(row, _name);
        if (name is null && (_first >= 0 || _last >= 0))
        {
            name = $"{CsvInput.Text(row, _first)} {CsvInput.Text(row, _last)}".Trim();
            name = name.Length == 0 ? null : name;
        }

        record = new RosterRecord(key, CsvInput.Text(row, _username)?.ToLowerInvariant(), name, active, CsvInput.Text(row, _type, 64),
            CsvInput.Text(row, _profile), CsvInput.Text(row, _role), Department(CsvInput.Text(row, _department)), created, lastLogin);
        return true;
    }

    /// <summary>Departments are free text: trimmed and with runs of spaces collapsed before grouping.</summary>
    private static string? Department(string? text) =>
        text is null ? null : string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Data Loader writes true/false and also accepts yes/y/on/1 and no/n/off/0.</summary>
    public static bool TryBoolean(ReadOnlySpan<char> text, out bool value)
    {
        var lower = text.ToString().ToLowerInvariant();
        value = lower is "true" or "yes" or "y" or "on" or "1";
        return value || lower is "false" or "no" or "n" or "off" or "0";
    }

    private static bool TryInstant(CsvInput csv, SepReader.Row row, int column, long line, out DateTimeOffset? value, out Rejection? rejection)
    {
        value = null;
        rejection = null;
        var cell = CsvInput.Cell(row, column);
        if (cell.Length == 0)
        {
            return true;
        }

        if (SalesforceTime.TryParse(cell, out var at))
        {
            value = at;
            return true;
        }

        if (DateOnly.TryParseExact(cell, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            value = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        rejection = new(line, csv.ColumnName(column), $"'{cell}' is not a date or time.");
        return false;
    }
}

/// <summary>The fields a generic roster's column mapping may name.</summary>
public static class RosterFields
{
    public static IReadOnlyList<string> Names => RosterRecordReader.Fields;

    public static bool Contains(string field) => RosterRecordReader.Fields.Contains(field, StringComparer.OrdinalIgnoreCase);

    public static string Canonical(string field) => RosterRecordReader.Fields.First(f => f.Equals(field, StringComparison.OrdinalIgnoreCase));
}
