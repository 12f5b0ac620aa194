using System.Globalization;
using System.Text;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Demo;

/// <summary>
/// The demo's adoption data, imported through the real importer as the change manager would: a Salesforce User
/// export of 400 people, their LoginHistory from go-live to yesterday and a small "user, time, feature" usage file,
/// all generated in memory in the Data Loader shape (every value quoted). The importer computes the figures and
/// evaluates the flags as in production. The story: adoption ramps up over the first week with quiet weekends, about
/// one licensed user in ten never signs in, Sales Hamburg lags far behind everyone else (most tried it on go-live day
/// and went back to their spreadsheets), and a password policy locks dozens of people out on the third working morning.
/// </summary>
public sealed partial class DemoSeeder
{
    /// <summary>The department whose weekly login rate lags (the group-lagging flag's subject).</summary>
    public const string LaggingDepartment = "Sales Hamburg";

    private static readonly (string Department, int Size)[] Departments =
    [
        ("Sales Munich", 110), (LaggingDepartment, 70), ("Service Desk", 120), ("Finance", 40), ("Marketing", 50), ("IT", 10),
    ];

    private static readonly string[] FirstNames =
    [
        "Anna", "Lukas", "Sophie", "Felix", "Marie", "Jonas", "Lea", "Paul", "Laura", "Leon", "Julia", "Finn", "Lena", "Elias", "Sarah",
        "Noah", "Clara", "Ben", "Emma", "Tim", "Hannah", "David", "Mia", "Max", "Nora", "Jan", "Ida", "Emil", "Greta", "Moritz",
    ];

    private static readonly string[] LastNames =
    [
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter",
        "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause",
    ];

    private static readonly Dictionary<string, string[]> FeaturesByProfile = new(StringComparer.Ordinal)
    {
        ["Sales User"] = ["Opportunities", "Opportunities", "Quotes", "Reports", "Mobile app"],
        ["Sales Manager"] = ["Opportunities", "Reports", "Reports", "Quotes"],
        ["Service Agent"] = ["Service Console", "Service Console", "Reports"],
        ["System Administrator"] = ["Reports"],
    };

    private sealed record DemoUser(string Id, string Username, string Name, bool Active, string Profile, string Role, string Department,
        DateTimeOffset CreatedAt);

    private static async Task SeedAdoptionAsync(DbContextOptions<HypercareDbContext> options, TimeProvider time, int projectId,
        (int Id, string Name, ProjectRole Role) changeManager, DateOnly goLive, CancellationToken cancellationToken)
    {
        var access = As(projectId, changeManager);
        var actor = new AuditActor { Current = access.Caller };
        await using var db = new HypercareDbContext(options, actor, time);
        var stats = new AdoptionStatsBuilder(db);
        var flags = new AdoptionFlagEvaluator(db, time);
        var service = new AdoptionService(db, time, stats, flags);
        var importer = new AdoptionImporter(db, time, actor, stats, flags);

        // Settings first, so every import's figures already leave the integration users out of the licensed count.
        var settings = await service.PutSettingsAsync(access, new AdoptionSettingsDto(true, ["Standard"], ["Integration User"],
        [
            new("Opportunities", FeatureField.Feature, FeatureMatch.Equals, "Opportunities"),
            new("Quotes", FeatureField.Feature, FeatureMatch.Equals, "Quotes"),
            new("Reports", FeatureField.Feature, FeatureMatch.Equals, "Reports"),
            new("Service Console", FeatureField.Feature, FeatureMatch.Equals, "Service Console"),
            new("Mobile app", FeatureField.Feature, FeatureMatch.Equals, "Mobile app"),
        ],
        [
            new(TargetMetric.WeeklyLoginRate, 0.8, goLive.AddDays(13)),
            new(TargetMetric.DailyLoginRate, 0.6, goLive.AddDays(27)),
        ]), cancellationToken);
        Demand(settings);

        var today = LocalDays.Today(time.GetUtcNow(), Zone);
        var random = new Random(20261127);
        var users = DemoRoster(random, goLive);
        var (logins, usage) = DemoLogins(random, users, goLive, today);
        Demand(await importer.ImportAsync(access, ImportKind.Users, Utf8(RosterCsv(users)), "User.csv", new ImportOptions(), cancellationToken: cancellationToken));
        Demand(await importer.ImportAsync(access, ImportKind.Logins, Utf8(logins), "LoginHistory.csv", new ImportOptions(), cancellationToken: cancellationToken));
        Demand(await importer.ImportAsync(access, ImportKind.Usage, Utf8(usage), "feature-usage.csv", new ImportOptions(), cancellationToken: cancellationToken));
    }

    private static void Demand<T>(Outcome<T> outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo adoption refused: {outcome.Failure!.Message}");
        }
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Q(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000+0000'", CultureInfo.InvariantCulture);

    private static List<DemoUser> DemoRoster(Random random, DateOnly goLive)
    {
        var users = new List<DemoUser>();
        var usernames = new HashSet<string>(StringComparer.Ordinal);
        var created = LocalDays.StartOf(goLive.AddDays(-21), Zone);
        foreach (var (department, size) in Departments)
        {
            for (var i = 0; i < size; i++)
            {
                var n = users.Count + 1;
                var (profile, role) = department switch
                {
                    "IT" when i < 4 => ("Integration User", "Integration"),
                    "IT" => ("System Administrator", "CRM Administrator"),
                    "Service Desk" => ("Service Agent", i < 8 ? "Service Team Lead" : "Service Agent"),
                    "Finance" or "Marketing" => ("Sales User", department),
                    _ when i < 8 => ("Sales Manager", "Sales Manager " + department[6..]),
                    _ => ("Sales User", "Sales Rep " + department[6..]),
                };
                var first = FirstNames[random.Next(FirstNames.Length)];
                var last = LastNames[random.Next(LastNames.Length)];
                var name = profile == "Integration User" ? $"Integration {(i == 0 ? "ERP" : i == 1 ? "Marketing Cloud" : i == 2 ? "Data Warehouse" : "Outlook")}" : $"{first} {last}";
                var handle = name.ToLowerInvariant().Replace(' ', '.').Replace("ü", "ue", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal);
                var username = $"{handle}@acme.example";
                for (var k = 2; !usernames.Add(username); k++)
                {
                    username = $"{handle}{k}@acme.example";
                }

                // A few people left between provisioning and go-live: deactivated, never licensed.
                var active = n % 67 != 0;
                users.Add(new DemoUser(SalesforceId.To18("0055g" + n.ToString("D10", CultureInfo.InvariantCulture)), username, name, active, profile, role,
                    department, created.AddMinutes(random.Next(0, 14 * 24 * 60))));
            }
        }

        return users;
    }

    private static string RosterCsv(List<DemoUser> users)
    {
        var csv = new StringBuilder("\"Id\",\"Username\",\"Name\",\"IsActive\",\"UserType\",\"Profile.Name\",\"UserRole.Name\",\"Department\",\"CreatedDate\"\n");
        foreach (var u in users)
        {
            csv.Append(Q(u.Id)).Append(',').Append(Q(u.Username)).Append(',').Append(Q(u.Name)).Append(',').Append(Q(u.Active ? "true" : "false"))
                .Append(',').Append(Q("Standard")).Append(',').Append(Q(u.Profile)).Append(',').Append(Q(u.Role)).Append(',').Append(Q(u.Department))
                .Append(',').Append(Q(Time(u.CreatedAt))).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>LoginHistory (time-ordered, ids ascending) and feature usage from go-live to yesterday.</summary>
    private static (string Logins, string Usage) DemoLogins(Random random, List<DemoUser> users, DateOnly goLive, DateOnly today)
    {
        var days = today.DayNumber - goLive.DayNumber;
        static bool Weekend(DateOnly d) => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

        // The third working day: an expired-password policy locks people out on their first sign-in of the morning.
        var lockoutDay = goLive;
        for (var workdays = Weekend(goLive) ? 0 : 1; workdays < 3 || Weekend(lockoutDay);)
        {
            lockoutDay = lockoutDay.AddDays(1);
            workdays += Weekend(lockoutDay) ? 0 : 1;
        }

        var events = new List<(DateTimeOffset At, string User, string Type, string Status, string App)>();
        var usage = new List<(DateTimeOffset At, string User, string Feature)>();
        var lockedOut = 0;
        foreach (var u in users.Where(u => u.Active))
        {
            var integration = u.Profile == "Integration User";
            var admin = u.Profile == "System Administrator";
            // Hamburg's managers lead by example; their teams went back to their spreadsheets.
            var lagging = u.Department == LaggingDepartment && u.Profile != "Sales Manager";
            var draw = random.NextDouble();

            // Most people adopt; some never sign in; in Hamburg many tried it on go-live day only.
            var never = !integration && !admin && draw < (lagging ? 0.2 : 0.07);
            var triedOnce = lagging && !never && draw < 0.55;
            if (never)
            {
                continue;
            }

            var start = integration || admin ? 0 : random.NextDouble() switch
            {
                < 0.45 => 0,
                < 0.65 => 1,
                < 0.80 => 2,
                < 0.90 => 3,
                < 0.95 => 4,
                _ => 5,
            };
            var weekdayRate = lagging ? 0.6 : admin ? 0.95 : 0.82;
            for (var d = 0; d < days; d++)
            {
                var day = goLive.AddDays(d);
                var dayStart = LocalDays.StartOf(day, Zone);
                if (integration)
                {
                    for (var hour = 0; hour < 24; hour += 2)
                    {
                        events.Add((dayStart.AddHours(hour).AddSeconds(random.Next(5, 50)), u.Id, "Remote Access 2.0", "Success", u.Name));
                    }

                    continue;
                }

                var signsIn = triedOnce ? d == 0 : d >= start && random.NextDouble() < (Weekend(day) ? (admin ? 0.3 : 0.05) : weekdayRate);
                var first = dayStart.AddHours(7).AddMinutes(random.Next(0, 90) + random.Next(0, 90));
                if (day == lockoutDay && signsIn && !lagging && !admin && lockedOut < 40 && random.NextDouble() < 0.25)
                {
                    // Two wrong passwords, the lockout, and an unlock by the admins an hour later.
                    lockedOut++;
                    events.Add((first, u.Id, "Application", "Invalid Password", "Browser"));
                    events.Add((first.AddSeconds(40 + random.Next(60)), u.Id, "Application", "Invalid Password", "Browser"));
                    events.Add((first.AddSeconds(120 + random.Next(60)), u.Id, "Application", "Password Lockout", "Browser"));
                    first = first.AddMinutes(55 + random.Next(30));
                }

                if (!signsIn)
                {
                    continue;
                }

                var sessions = Weekend(day) ? 1 : 2 + random.Next(0, 4);
                var at = first;
                for (var s = 0; s < sessions; s++)
                {
                    if (random.NextDouble() < 0.03)
                    {
                        events.Add((at.AddSeconds(-20 - random.Next(60)), u.Id, "Application", "Invalid Password", "Browser"));
                    }

                    var mobile = u.Profile.StartsWith("Sales", StringComparison.Ordinal) && random.NextDouble() < 0.2;
                    events.Add((at, u.Id, mobile ? "Remote Access 2.0" : "Application", "Success", mobile ? "Salesforce for iOS" : "Browser"));
                    if (FeaturesByProfile.TryGetValue(u.Profile, out var features))
                    {
                        for (var e = random.Next(0, 4); e > 0; e--)
                        {
                            usage.Add((at.AddMinutes(1 + random.Next(40)).AddSeconds(random.Next(60)), u.Id, mobile ? "Mobile app" : features[random.Next(features.Length)]));
                        }
                    }

                    at = at.AddMinutes(60 + random.Next(0, 120));
                }
            }
        }

        var logins = new StringBuilder("\"Id\",\"UserId\",\"LoginTime\",\"LoginType\",\"SourceIp\",\"Status\",\"Application\",\"Browser\"\n");
        var n = 0;
        foreach (var (at, user, type, status, app) in events.OrderBy(e => e.At).ThenBy(e => e.User, StringComparer.Ordinal))
        {
            var browser = app == "Browser";
            logins.Append(Q(SalesforceId.To18("0Ya5g" + (++n).ToString("D10", CultureInfo.InvariantCulture)))).Append(',').Append(Q(user)).Append(',')
                .Append(Q(Time(at))).Append(',').Append(Q(type)).Append(',').Append(Q((browser ? "193.158.12." : "10.20.0.") + (n % 200).ToString(CultureInfo.InvariantCulture)))
                .Append(',').Append(Q(status)).Append(',').Append(Q(app)).Append(',').Append(Q(browser ? "Chrome 131" : "Unknown")).Append('\n');
        }

        var usageCsv = new StringBuilder("\"User\",\"Time\",\"Feature\"\n");
        foreach (var (at, user, feature) in usage.OrderBy(e => e.At))
        {
            usageCsv.Append(Q(user)).Append(',').Append(Q(Time(at))).Append(',').Append(Q(feature)).Append('\n');
        }

        return (logins.ToString(), usageCsv.ToString());
    }
}
