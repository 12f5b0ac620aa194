using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Projects;

namespace Hypercare.Web.Adoption;

/// <summary>An uploaded file, already on disk, to import for a caller whose access the host has checked.</summary>
public sealed record ImportJob(ProjectAccess Access, ImportKind Kind, string FilePath, string FileName, ImportOptions Options);

/// <summary>
/// Where the web host runs an adoption import (ADR 0047): in a child process by default
/// (<see cref="OutOfProcessImportRunner"/>), so the host's own memory never carries an import's working set, or in the
/// host itself (<see cref="InProcessImportRunner"/>, <c>Hypercare:Adoption:ImportRunner=InProcess</c>). Both answer with
/// the importer's own outcome, so the endpoints answer alike whichever runs.
/// </summary>
public interface IImportRunner
{
    Task<Outcome<ImportReport>> RunAsync(ImportJob job, CancellationToken cancellationToken);
}

/// <summary>
/// How many imports a host runs at once (<c>Hypercare:Adoption:ImportWorkers</c>, default 1); the others wait their
/// turn in the request that brought them (a cancelled request leaves the queue). One at a time because each import
/// may use up to the 256 MB bound, and SQLite has one writer anyway.
/// </summary>
public sealed class ImportSlots(int count) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(count, count);
    private int _waiting;

    /// <summary>Imports waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}

/// <summary>Runs the import in the host's own process (tests, or a node that prefers it); the host then carries its memory.</summary>
public sealed class InProcessImportRunner(AdoptionImporter importer, ImportSlots slots) : IImportRunner
{
    public async Task<Outcome<ImportReport>> RunAsync(ImportJob job, CancellationToken cancellationToken)
    {
        using var slot = await slots.EnterAsync(cancellationToken);
        await using var input = new FileStream(job.FilePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.SequentialScan | FileOptions.Asynchronous);
        return await importer.ImportAsync(job.Access, job.Kind, input, job.FileName, job.Options, null, cancellationToken);
    }
}

public static class ImportRunnerRegistration
{
    public const string RunnerKey = "Hypercare:Adoption:ImportRunner";
    public const string WorkersKey = "Hypercare:Adoption:ImportWorkers";

    /// <summary>The import runner the configuration names (OutOfProcess by default, or InProcess) and its slots.</summary>
    public static IServiceCollection AddAdoptionImports(this IServiceCollection services, IConfiguration configuration)
    {
        var workers = configuration.GetValue(WorkersKey, 1);
        if (workers < 1)
        {
            throw new InvalidOperationException($"{WorkersKey} must be at least 1 (got {workers}).");
        }

        services.AddSingleton(new ImportSlots(workers));
        var runner = configuration[RunnerKey];
        if (string.Equals(runner, "InProcess", StringComparison.OrdinalIgnoreCase))
        {
            services.AddScoped<IImportRunner, InProcessImportRunner>();
        }
        else if (string.IsNullOrEmpty(runner) || string.Equals(runner, "OutOfProcess", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IImportRunner, OutOfProcessImportRunner>();
        }
        else
        {
            throw new InvalidOperationException($"{RunnerKey} is OutOfProcess (the default) or InProcess (got '{runner}').");
        }

        return services;
    }
}
