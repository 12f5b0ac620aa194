using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;

namespace Hypercare.Web.Adoption;

/// <summary>
/// The child process an out-of-process import runs in (ADR 0047): the web host's own executable started as
/// <c>Hypercare.Web import-worker</c> by <see cref="OutOfProcessImportRunner"/>, before any web host is built. It reads
/// one <see cref="ImportWorkerRequest"/> (JSON, one line) on stdin, runs the same <see cref="AdoptionImporter"/> the CLI
/// runs, writes one <see cref="ImportWorkerResult"/> on stdout and exits 0; anything else it prints goes to stderr.
/// It trusts the request: the host checked the caller's access before starting it, and it listens on nothing. When its
/// stdin closes before it is done (the host died or gave up), it exits at once without committing.
/// </summary>
public static class ImportWorker
{
    public const string Argument = "import-worker";

    /// <summary>Exit code when the import threw (a database error, say); the error is on stderr.</summary>
    public const int FailedExitCode = 1;

    /// <summary>Exit code when the request could not be read.</summary>
    public const int BadRequestExitCode = 2;

    /// <summary>Exit code when the host went away before the import ended (it did not commit).</summary>
    public const int HostGoneExitCode = 3;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static bool IsWorker(string[] args) => args is [Argument, ..];

    public static async Task<int> RunAsync()
    {
        var stdout = Console.OpenStandardOutput();
        // stdout carries the result and nothing else; any stray output (a library's warning) goes to the host's log.
        Console.SetOut(Console.Error);
        var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        ImportWorkerRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<ImportWorkerRequest>(await stdin.ReadLineAsync() ?? "", Json);
        }
        catch (JsonException error)
        {
            await Console.Error.WriteLineAsync($"import-worker: the request is not valid: {error.Message}");
            return BadRequestExitCode;
        }

        if (request is null)
        {
            await Console.Error.WriteLineAsync("import-worker: no request on stdin.");
            return BadRequestExitCode;
        }

        // The host keeps stdin open until this process exits; end of input means it is gone, so stop before committing.
        _ = Task.Run(async () =>
        {
            var buffer = new char[64];
            try
            {
                while (await stdin.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
                // A broken pipe is the host gone as well.
            }

            Environment.Exit(HostGoneExitCode);
        });

        Outcome<ImportReport> outcome;
        try
        {
            outcome = await ImportAsync(request);
        }
        catch (Exception error)
        {
            // The host answers 500 and logs this, as for an exception in its own process. The import is one
            // transaction, so nothing of the file was committed unless the error came after (the flag evaluation).
            await Console.Error.WriteLineAsync($"import-worker: {error}");
            return FailedExitCode;
        }

        using var self = Process.GetCurrentProcess();
        await JsonSerializer.SerializeAsync(stdout, ImportWorkerResult.From(outcome) with { PeakWorkingSet = self.PeakWorkingSet64 }, Json);
        await stdout.FlushAsync();
        return 0;
    }

    private static async Task<Outcome<ImportReport>> ImportAsync(ImportWorkerRequest request)
    {
        var services = new ServiceCollection();
        // Registered first: AddHypercareCore only adds the system clock when none is there.
        services.AddSingleton(request.ClockOffset == TimeSpan.Zero ? TimeProvider.System : new OffsetClock(request.ClockOffset));
        services.AddHypercareCore(request.Database);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();
        // The audit trail and the import record name the person who uploaded, as when the host imports itself.
        scope.ServiceProvider.GetRequiredService<AuditActor>().Current = request.Access.Caller;
        var importer = scope.ServiceProvider.GetRequiredService<AdoptionImporter>();
        var mapping = request.RosterMapping is null ? null : new Dictionary<string, string>(request.RosterMapping, StringComparer.OrdinalIgnoreCase);
        await using var input = new FileStream(request.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return await importer.ImportAsync(request.Access, request.Kind, input, request.FileName, new ImportOptions(request.AllowRejects, mapping));
    }

    /// <summary>The host's clock, when the host runs on another one than the system's (tests move a fake clock).</summary>
    private sealed class OffsetClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}

/// <summary>What the host hands the worker: the database it uses, its clock, the checked access and the file.</summary>
public sealed record ImportWorkerRequest(
    DatabaseTarget Database,
    TimeSpan ClockOffset,
    ProjectAccess Access,
    ImportKind Kind,
    string FilePath,
    string FileName,
    bool AllowRejects,
    IReadOnlyDictionary<string, string>? RosterMapping);

/// <summary>
/// The importer's outcome as the worker reports it: the report, or the failure with its problem-details fields; and the
/// worker's peak resident memory (bytes), which the host logs.
/// </summary>
public sealed record ImportWorkerResult(ImportReport? Report, ImportWorkerFailure? Failure, long PeakWorkingSet = 0)
{
    public static ImportWorkerResult From(Outcome<ImportReport> outcome) => outcome.Succeeded
        ? new(outcome.Value, null)
        : new(null, new ImportWorkerFailure(outcome.Failure!.Kind, outcome.Failure.Message, outcome.Failure.Errors, outcome.Failure.Current as ImportReport));

    public Outcome<ImportReport> ToOutcome()
    {
        if (Failure is { } failure)
        {
            return new Failure(failure.Kind, failure.Message, failure.Errors, failure.Current);
        }

        return Report ?? throw new InvalidOperationException("The import worker answered with neither a report nor a failure.");
    }
}

/// <summary>A <see cref="Core.Failure"/> whose current state, if any, is the import's report (the importer's only kind).</summary>
public sealed record ImportWorkerFailure(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors, ImportReport? Current);
