using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Hypercare.Core.Team;
using Microsoft.Extensions.DependencyInjection;
using static Hypercare.Benchmarks.BenchArgs;

namespace Hypercare.Benchmarks.Team;

/// <summary>
/// Issue 12's page goal: the Team page p95 &lt; 100 ms with 40 people and a 90-day rota. <c>team-seed</c> migrates the
/// database, creates a project going live today (real clock, Europe/Berlin) with its plan ending 89 days later, 40
/// members (4 leads, 20 triage, 16 steady-state) and generates the rota through <see cref="TeamService"/> as the lead;
/// <c>team-get</c> signs the lead in on a running host (the sign-in form, as a browser) and times N sequential GETs of
/// the Team page (scripts/bench-team.sh starts the host between the two).
/// </summary>
internal static partial class TeamPageBenchmark
{
    public const string Password = "bench-password-1";

    public static async Task<int> SeedAsync(string[] args)
    {
        var database = Option(args, "--db") ?? throw new ArgumentException("--db is required");
        var people = int.Parse(Option(args, "--people") ?? "40", CultureInfo.InvariantCulture);
        var days = int.Parse(Option(args, "--days") ?? "90", CultureInfo.InvariantCulture);
        var services = new ServiceCollection().AddHypercareCore(DatabaseTarget.Parse(database)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var projects = scope.ServiceProvider.GetRequiredService<ProjectService>();
        var team = scope.ServiceProvider.GetRequiredService<TeamService>();
        var db = scope.ServiceProvider.GetRequiredService<HypercareDbContext>();

        var today = LocalDays.Today(TimeProvider.System.GetUtcNow(), "Europe/Berlin");
        var project = (await projects.CreateAsync(Caller.System, new CreateProjectRequest("Team page bench", "Salesforce Sales Cloud",
            today, today.AddDays(days - 1), "Europe/Berlin"))).Value!;
        string? leadEmail = null;
        for (var i = 0; i < people; i++)
        {
            var role = (i % 10) switch { 0 => ProjectRole.HypercareLead, < 6 => ProjectRole.Triage, _ => ProjectRole.SteadyStateSupport };
            var email = $"team.{i}.{Guid.NewGuid():N}@bench.hypercare";
            var user = (await accounts.CreateUserAsync(email, $"Person {i}", Password, false)).Value!;
            db.ProjectMembers.Add(ProjectMember.Create(project.Id, user.Id, role, TimeProvider.System.GetUtcNow()));
            if (i == 0)
            {
                leadEmail = email;
            }
        }

        await db.SaveChangesAsync();
        var lead = await accounts.FindUserByEmailAsync(leadEmail!) ?? throw new InvalidOperationException("No lead.");
        var access = await projects.AccessAsync(new Caller(lead.Id, lead.DisplayName, false), project.Id) ?? throw new InvalidOperationException("No access.");
        var watch = Stopwatch.StartNew();
        var generated = await team.GenerateAsync(access, new GenerateRotaRequest());
        watch.Stop();
        var rota = generated.Value ?? throw new InvalidOperationException(generated.Failure!.Message);
        await Console.Error.WriteLineAsync($"seeded: {people} people, rota {rota.From:yyyy-MM-dd}..{rota.To:yyyy-MM-dd}, {rota.ShiftsWritten} shifts written, generated and saved in {watch.Elapsed.TotalMilliseconds:0} ms");
        Console.WriteLine($"{project.Id} {leadEmail}");
        return 0;
    }

    public static async Task<int> GetAsync(string[] args)
    {
        var url = (Option(args, "--url") ?? throw new ArgumentException("--url is required")).TrimEnd('/');
        var projectId = Option(args, "--project") ?? throw new ArgumentException("--project is required");
        var email = Option(args, "--email") ?? throw new ArgumentException("--email is required");
        var requests = int.Parse(Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup") ?? "20", CultureInfo.InvariantCulture);

        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };
        var login = await client.GetStringAsync(new Uri("/login", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenPattern().Match(login).Groups[1].Value,
            ["email"] = email,
            ["password"] = Password,
        });
        using var signedIn = await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || signedIn.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)signedIn.StatusCode}.");
        }

        var page = new Uri($"/projects/{projectId}/team", UriKind.Relative);
        var times = new List<double>();
        var bytes = 0;
        for (var i = 0; i < warmup + requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK || !html.Contains("fairness score", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET {page} answered {(int)response.StatusCode} without the Team page.");
            }

            if (i >= warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
                bytes = html.Length;
            }
        }

        Console.WriteLine($"GET /projects/{projectId}/team as the lead, {requests} sequential requests after {warmup} warm-up, {bytes} chars of HTML, {Environment.ProcessorCount} cores");
        Console.WriteLine($"team page: p50 {Percentile(times, 50):0.0} ms, p95 {Percentile(times, 95):0.0} ms, p99 {Percentile(times, 99):0.0} ms, max {times.Max():0.0} ms");
        return 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
