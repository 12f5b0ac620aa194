using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Web.Tests.Infrastructure;

/// <summary>
/// The real web host over a real database engine, with a fake clock. One per test class (class fixture);
/// tests isolate themselves by creating their own project and people.
/// </summary>
public abstract class HypercareApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@tests.hypercare";
    public const string AdminPassword = "admin-password-123";
    public const string UserPassword = "user-password-123";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private int _sequence;

    public abstract Engine Engine { get; }

    /// <summary>
    /// Adoption imports run inside the test host (exact fake clock, no process start per import) unless a fixture asks
    /// for the production path, a child process per import (ADR 0047).
    /// </summary>
    public virtual bool ImportsOutOfProcess => false;

    public string ConnectionString { get; private set; } = "";

    /// <summary>The fake clock; a second node on the same database (<see cref="JoiningNode"/>) shares the first's.</summary>
    public virtual FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public HttpClient Admin { get; private set; } = null!;

    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        var token = await TokenAsync(AdminEmail);
        Admin = Bearer(token);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await DropDatabaseAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("HYPERCARE_DB", ConnectionString);
        builder.UseSetting("Hypercare:Admin:Email", AdminEmail);
        builder.UseSetting("Hypercare:Admin:Password", AdminPassword);
        // Tests run the SLA sweep themselves, at the fake clock's instants.
        builder.UseSetting("Hypercare:Sla:SweepSeconds", "0");
        // ...and the report scheduler (ReportScheduler.RunDueAsync).
        builder.UseSetting("Hypercare:Reports:PollSeconds", "0");
        // ...and the adoption flags (evaluated on import and by AdoptionFlagRun).
        builder.UseSetting("Hypercare:Adoption:FlagEvaluationMinutes", "0");
        // ...and the exit sweep (ExitService.SweepAsync).
        builder.UseSetting("Hypercare:Exit:SweepSeconds", "0");
        builder.UseSetting("Hypercare:Standups:SweepSeconds", "0");
        builder.UseSetting("Hypercare:Adoption:ImportRunner", ImportsOutOfProcess ? "OutOfProcess" : "InProcess");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestAddressFilter>();
            // No DNS on the test machines: the names the tests save as webhooks answer here (a real boundary, so a stand-in).
            services.AddSingleton<Hypercare.Core.Notifications.Delivery.HostResolver>(TestDns);
        });
    }

    /// <summary>Slack's and Teams' hosts resolve to a public address, *.corp.example inside the network; other names do not exist.</summary>
    private static Task<System.Net.IPAddress[]> TestDns(string host, CancellationToken cancellationToken) => host switch
    {
        "hooks.slack.com" or "acme.webhook.office.com" => Task.FromResult(new[] { System.Net.IPAddress.Parse("52.0.0.10") }),
        _ when host.EndsWith(".corp.example", StringComparison.OrdinalIgnoreCase) => Task.FromResult(new[] { System.Net.IPAddress.Parse("10.20.0.5") }),
        _ => Task.FromException<System.Net.IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound)),
    };

    public HttpClient Bearer(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<string> TokenAsync(string email) => WithServicesAsync(async services =>
    {
        var accounts = services.GetRequiredService<AccountService>();
        var user = await accounts.FindUserByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}");
        return (await accounts.CreateTokenAsync(user.Id, "tests")).Value!.Secret;
    });

    /// <summary>A new person with a bearer client; unique per call so tests never share people by accident.</summary>
    public async Task<TestUser> NewUserAsync(string label)
    {
        var n = Interlocked.Increment(ref _sequence);
        var email = $"{label.ToLowerInvariant().Replace(' ', '.')}.{n}@tests.hypercare";
        var user = await WithServicesAsync(async services =>
            (await services.GetRequiredService<AccountService>().CreateUserAsync(email, $"{label} {n}", UserPassword, false)).Value!);
        var token = await TokenAsync(email);
        return new TestUser(user.Id, email, user.DisplayName, Bearer(token));
    }

    /// <summary>A project with one member per role, created through the API as the administrator.</summary>
    public async Task<TestProject> NewProjectAsync(string name = "Go-live")
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/projects", new
        {
            name = $"{name} {Interlocked.Increment(ref _sequence)}",
            systemName = "Salesforce Sales Cloud",
            // Relative to the fake clock (which tests move forward), so "now" is always inside the first phase.
            goLiveDate = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            plannedEndDate = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime).AddDays(25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            timeZoneId = "Europe/Berlin",
        }, Json);
        response.EnsureSuccessStatusCode();
        var project = (await response.Content.ReadFromJsonAsync<ProjectResponse>(Json))!;
        var members = new Dictionary<ProjectRole, TestUser>();
        foreach (var role in Enum.GetValues<ProjectRole>())
        {
            var user = await NewUserAsync(role.ToString());
            (await Admin.PostAsJsonAsync($"/api/v1/projects/{project.Id}/members", new { userId = user.Id, role }, Json)).EnsureSuccessStatusCode();
            members[role] = user;
        }

        return new TestProject(project.Id, members);
    }
}

/// <summary>
/// The in-memory test server has no network peer; a test that needs one (the per-address sign-in lockout and rate
/// limit) names it in <c>X-Test-Address</c>, set as the connection's remote address before anything else runs.
/// </summary>
internal sealed class TestAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Address";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address))
            {
                http.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(http);
        });
        next(app);
    };
}

public sealed record TestUser(int Id, string Email, string DisplayName, HttpClient Client);

public sealed record TestProject(int Id, IReadOnlyDictionary<ProjectRole, TestUser> Members)
{
    public TestUser this[ProjectRole role] => Members[role];

    public string Issues => $"/api/v1/projects/{Id}/issues";

    public string Url => $"/api/v1/projects/{Id}";
}

public class SqliteApp : HypercareApp
{
    private string _file = "";

    public override Engine Engine => Engine.Sqlite;

    protected override Task<string> CreateDatabaseAsync()
    {
        _file = TestDatabases.NewSqliteFile();
        return Task.FromResult(_file);
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }
}

public class PostgresApp : HypercareApp
{
    public override Engine Engine => Engine.Postgres;

    protected override Task<string> CreateDatabaseAsync() => TestDatabases.NewPostgresDatabaseAsync();

    protected override Task DropDatabaseAsync() => TestDatabases.DropPostgresDatabaseAsync(ConnectionString);
}

/// <summary>SQLite, with adoption imports in a child process as in production.</summary>
public sealed class OutOfProcessSqliteApp : SqliteApp
{
    public override bool ImportsOutOfProcess => true;
}

/// <summary>PostgreSQL, with adoption imports in a child process as in production.</summary>
public sealed class OutOfProcessPostgresApp : PostgresApp
{
    public override bool ImportsOutOfProcess => true;
}

/// <summary>
/// A second web host on the first one's PostgreSQL database and clock, installed elsewhere (its own content root), as a
/// second node behind a load balancer is. It neither creates nor drops the database.
/// </summary>
public sealed class JoiningNode(HypercareApp first, params (string Key, string Value)[] settings) : HypercareApp
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("hypercare-node-").FullName;

    public override Engine Engine => first.Engine;

    public override FakeTimeProvider Clock => first.Clock;

    protected override Task<string> CreateDatabaseAsync() => Task.FromResult(first.ConnectionString);

    protected override Task DropDatabaseAsync()
    {
        Directory.Delete(_contentRoot, recursive: true);
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseContentRoot(_contentRoot);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
