using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Hypercare.Core;
using Hypercare.Core.Adoption;
using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Data;

namespace Hypercare.Web.Adoption;

/// <summary>
/// Runs each import in a child process (ADR 0047): the host's own executable re-entered as <c>import-worker</c>
/// (<see cref="ImportWorker"/>), so deployment needs no second binary and the host's memory never holds an import's
/// working set. The child gets the host's database and clock and the checked access on stdin and answers on stdout;
/// a cancelled request (the client went away, the host stops) kills it, which rolls its one transaction back.
/// </summary>
public sealed partial class OutOfProcessImportRunner(DatabaseTarget database, TimeProvider time, ImportSlots slots,
    ILogger<OutOfProcessImportRunner> logger) : IImportRunner
{
    /// <summary>How much of the child's stderr is kept for the log when it fails.</summary>
    private const int ErrorTailChars = 16 * 1024;

    private readonly (string FileName, string[] Arguments) _command = WorkerCommand();

    /// <summary>Called with each child's process id just after it started (tests watch the children through it).</summary>
    internal Action<int>? Started { get; set; }

    /// <summary>Called with each child's process id and exit code once it has exited, killed or not.</summary>
    internal Action<int, int>? Exited { get; set; }

    public async Task<Outcome<ImportReport>> RunAsync(ImportJob job, CancellationToken cancellationToken)
    {
        using var slot = await slots.EnterAsync(cancellationToken);
        var request = new ImportWorkerRequest(database, ClockOffset(), job.Access, job.Kind, Path.GetFullPath(job.FilePath), job.FileName,
            job.Options.AllowRejects, job.Options.RosterMapping);
        var start = new ProcessStartInfo(_command.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = Environment.CurrentDirectory,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in _command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(ImportWorker.Argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the import worker ({_command.FileName}).");
        var pid = process.Id;
        var clock = Stopwatch.StartNew();
        LogStarted(pid, job.Kind, job.Access.ProjectId);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = TailAsync(process.StandardError);
        try
        {
            Started?.Invoke(pid);
            try
            {
                await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(request, ImportWorker.Json).AsMemory(), cancellationToken);
                await process.StandardInput.FlushAsync(cancellationToken);
            }
            catch (IOException)
            {
                // The child died before reading its request; its exit code and stderr tell why, below.
            }

            await process.WaitForExitAsync(cancellationToken);
        }
        catch (Exception error) when (error is OperationCanceledException || !process.HasExited)
        {
            // Cancelled (the client went away, the host stops) or failed here: the child must not go on alone.
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It had exited already.
            }

            await process.WaitForExitAsync(CancellationToken.None);
            LogKilled(pid, error.GetType().Name);
            throw;
        }
        finally
        {
            try
            {
                // Only now: the child takes the end of its stdin as the host giving up.
                process.StandardInput.Dispose();
            }
            catch (IOException)
            {
                // The child is gone and the pipe with it.
            }

            if (process.HasExited)
            {
                Exited?.Invoke(pid, process.ExitCode);
            }
        }

        var text = await output;
        var tail = await errors;
        if (process.ExitCode != 0 || string.IsNullOrWhiteSpace(text))
        {
            LogFailed(pid, process.ExitCode, tail);
            throw new InvalidOperationException($"The import worker failed (exit code {process.ExitCode}); its errors are in the log.");
        }

        var result = JsonSerializer.Deserialize<ImportWorkerResult>(text, ImportWorker.Json)
            ?? throw new InvalidOperationException("The import worker answered with nothing.");
        LogFinished(pid, clock.Elapsed.TotalSeconds, result.PeakWorkingSet / (1024 * 1024));
        return result.ToOutcome();
    }

    /// <summary>
    /// The host's own executable: its apphost (or single-file app) directly; otherwise the dotnet muxer with the host's
    /// assembly (<c>dotnet Hypercare.Web.dll</c>, and the tests, whose process is the test host).
    /// </summary>
    internal static (string FileName, string[] Arguments) WorkerCommand()
    {
        var process = Environment.ProcessPath;
        var assembly = typeof(ImportWorker).Assembly;
        // Not GetFileNameWithoutExtension: "Hypercare.Web" would lose ".Web".
        var apphost = assembly.GetName().Name + (OperatingSystem.IsWindows() ? ".exe" : "");
        if (process is not null && (assembly.Location.Length == 0 || string.Equals(Path.GetFileName(process), apphost, StringComparison.OrdinalIgnoreCase)))
        {
            return (process, []);
        }

        return (Muxer(process), [assembly.Location]);
    }

    private static string Muxer(string? process)
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (process is not null && string.Equals(Path.GetFileName(process), executable, StringComparison.OrdinalIgnoreCase))
        {
            return process;
        }

        // The muxer sits three levels above the shared runtime (dotnet/shared/Microsoft.NETCore.App/<version>/).
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? executable;
    }

    /// <summary>Zero on the system clock; otherwise (a fake clock in tests) how far the host's clock is from it.</summary>
    private TimeSpan ClockOffset() =>
        ReferenceEquals(time, TimeProvider.System) ? TimeSpan.Zero : time.GetUtcNow() - TimeProvider.System.GetUtcNow();

    private static async Task<string> TailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > ErrorTailChars)
            {
                tail.Remove(0, tail.Length - ErrorTailChars);
            }
        }

        return tail.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import worker {Pid} started: {Kind} for project {ProjectId}")]
    private partial void LogStarted(int pid, ImportKind kind, int projectId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import worker {Pid} finished in {Seconds:F1} s, peak resident memory {PeakMegabytes} MB")]
    private partial void LogFinished(int pid, double seconds, long peakMegabytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import worker {Pid} killed ({Reason})")]
    private partial void LogKilled(int pid, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import worker {Pid} failed with exit code {ExitCode}: {Errors}")]
    private partial void LogFailed(int pid, int exitCode, string errors);
}
