using System.Text.Json;
using Hypercare.Core;
using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hypercare.Cli.Tests;

public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Parses all of stdout: fails if anything but the JSON document was written there.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>A real SQLite file in its own temp folder, and the CLI run in-process against it.</summary>
public sealed class CliRunner : IDisposable
{
    /// <summary>A fixed "now" so demo data and token names are the same on every run.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 16, 11, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "hypercare-cli-tests", Guid.NewGuid().ToString("N"));

    /// <param name="database">The --db value; by default a SQLite file in a fresh temp folder.</param>
    public CliRunner(string? database = null)
    {
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "hypercare.db");
        Database = database ?? DatabasePath;
    }

    public string DatabasePath { get; }

    public string Database { get; }

    public FakeTimeProvider Time { get; } = new(Now);

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        // The environment is empty so a HYPERCARE_DB on the test machine cannot redirect a test to another database.
        var exitCode = await CliApp.RunAsync(["--db", Database, .. args], output, error, input, Time, _ => null);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them so the folder can go.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pool may still hold a handle for a moment; the OS temp folder is cleaned eventually.
        }
    }
}

/// <summary>The demo go-live, seeded once: seeding runs the real services through ten days of issues and takes seconds.</summary>
public sealed class DemoDatabase : IAsyncLifetime, IDisposable
{
    public CliRunner Cli { get; } = new();

    public int ProjectId { get; private set; }

    public int IssueCount { get; private set; }

    public async Task InitializeAsync()
    {
        var seeded = await Cli.RunAsync("demo", "seed", "--format", "json");
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        var json = seeded.Json();
        ProjectId = json.GetProperty("projectId").GetInt32();
        IssueCount = json.GetProperty("issues").GetInt32();
    }

    /// <summary>Reads the demo project through a Core service, as the system, on the demo's file and clock; the read must succeed.</summary>
    public async Task<T> ReadAsync<TService, T>(Func<TService, ProjectAccess, Task<Outcome<T>>> read)
        where TService : notnull
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Cli.Time);
        services.AddHypercareCore(DatabaseTarget.Parse(Cli.Database));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var access = (await scope.ServiceProvider.GetRequiredService<ProjectService>().AccessAsync(Caller.System, ProjectId))!;
        var outcome = await read(scope.ServiceProvider.GetRequiredService<TService>(), access);
        Assert.True(outcome.Succeeded, outcome.Failure?.Message);
        return outcome.Value!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Cli.Dispose();
}

[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoDatabase>
{
    public const string Name = "Demo database";
}
