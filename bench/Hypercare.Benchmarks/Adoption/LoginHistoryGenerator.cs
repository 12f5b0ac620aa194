using System.Globalization;
using System.Text;
using Hypercare.Core.Adoption.Import;

namespace Hypercare.Benchmarks.Adoption;

/// <summary>
/// Deterministic Salesforce LoginHistory exports (Data Loader v61 shape: API-name headers, every value quoted,
/// <c>…000Z</c> instants) and the matching User export. The same arguments always write the same bytes: users log in
/// on weekdays more than at weekends, a few percent of attempts fail (wrong password, lockouts, SSO), and rows come in
/// time order with ascending ids, as a LoginTime-ordered SOQL export does.
/// </summary>
public static class LoginHistoryGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static readonly string[] Departments = ["Sales - EMEA", "Sales - Americas", "Customer Care", "Finance", "Marketing", "Operations", "Field Service", "Partner Management"];
    private static readonly string[] Profiles = ["Sales User", "Service Agent", "Marketing User", "Read Only", "System Administrator"];
    private static readonly string[] Failures = ["Invalid Password", "Password Lockout", "Failed: Username Or SSO Id Invalid", "User is frozen", "Restricted IP"];

    public static string UserId(int index) => SalesforceId.To18("005Hs" + Base62(index, 10));

    public static string LoginId(long index) => SalesforceId.To18("0YaHs" + Base62(index, 10));

    public static long WriteLogins(string path, long rows, int users, int days, DateOnly firstDay)
    {
        var random = new Random(20260302);
        var weights = Enumerable.Range(0, days).Select(d => firstDay.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.25 : 1.0).ToArray();
        var total = weights.Sum();
        var perDay = weights.Select(w => (long)(rows * w / total)).ToArray();
        perDay[^1] += rows - perDay.Sum();
        // Most users are regular; a tail never logs in (they show up on the never-logged-in list).
        var activeUsers = (int)(users * 0.9);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.NewLine = "\n";
        writer.WriteLine("\"Id\",\"UserId\",\"LoginTime\",\"LoginType\",\"LoginSubType\",\"Status\",\"Application\",\"Browser\",\"Platform\",\"SourceIp\",\"LoginUrl\",\"ApiType\",\"ApiVersion\",\"CountryIso\",\"TlsProtocol\"");
        long id = 0;
        var start = firstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var line = new StringBuilder(256);
        for (var d = 0; d < days; d++)
        {
            var count = perDay[d];
            var dayStart = start.AddDays(d);
            for (long i = 0; i < count; i++)
            {
                // Spread evenly through the UTC day, with jitter that keeps rows in time order.
                var ms = (long)((i + random.NextDouble() * 0.999) * 86_400_000.0 / count);
                var at = dayStart.AddMilliseconds(ms);
                var user = random.Next(activeUsers);
                var failed = random.NextDouble() < 0.03;
                line.Clear();
                line.Append('"').Append(LoginId(id++)).Append("\",\"").Append(UserId(user)).Append("\",\"")
                    .Append(at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append("\",\"Application\",\"UI Username-Password\",\"")
                    .Append(failed ? Failures[random.Next(Failures.Length)] : "Success")
                    .Append("\",\"Browser\",\"Chrome 122\",\"Windows 10\",\"203.0.113.").Append((user % 250) + 1)
                    .Append("\",\"acme.my.salesforce.com\",\"N/A\",\"N/A\",\"US\",\"TLS 1.3\"");
                writer.WriteLine(line);
            }
        }

        return id;
    }

    public static void WriteUsers(string path, int users)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.NewLine = "\n";
        writer.WriteLine("\"Id\",\"Username\",\"Name\",\"IsActive\",\"UserType\",\"Profile.Name\",\"UserRole.Name\",\"Department\",\"CreatedDate\",\"LastLoginDate\"");
        for (var u = 0; u < users; u++)
        {
            var active = u % 97 != 0;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\"{UserId(u)}\",\"user{u}@acme.com.prod\",\"User {u}\",\"{(active ? "true" : "false")}\",\"Standard\",\"{Profiles[u % Profiles.Length]}\",\"Role {u % 40}\",\"{Departments[u % Departments.Length]}\",\"2026-01-15T09:00:00.000Z\",\"\""));
        }
    }

    private static string Base62(long value, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(chars);
    }
}
