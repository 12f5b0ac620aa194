using Hypercare.Core.Cluster;

namespace Hypercare.Web.Shared;

/// <summary>
/// A background job that runs every <see cref="Interval"/> (off when it is zero or less) on the injected clock, in a
/// fresh service scope each time; a failed run is logged and the next one still comes. With several nodes on one
/// database an <see cref="Exclusive"/> job runs each tick on one of them, the one that takes the job's lease (ADR 0060).
/// </summary>
internal abstract partial class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>
    /// One node per tick. False for work that is safe and faster shared, as the outbox is (it claims each message).
    /// </summary>
    protected virtual bool Exclusive => true;

    /// <summary>The lease row's name: the worker's type, so renaming a worker starts a fresh lease.</summary>
    private string JobName => GetType().Name;

    /// <summary>
    /// How long a run holds the job: most of an interval, so a node whose timer ticks a little later than the taker's
    /// (clocks and start times differ between nodes) finds the job held, and the next tick is free again.
    /// </summary>
    internal TimeSpan Hold => Interval * 0.9;

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TickAsync(stoppingToken);
        }
    }

    /// <summary>One tick: take the job (when exclusive) and run it. True when this node ran it.</summary>
    internal async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (Exclusive && !await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(JobName, Hold, cancellationToken: cancellationToken))
            {
                return false;
            }

            await RunOnceAsync(scope.ServiceProvider, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One failed run (database unreachable, say) must not stop the next; what it missed happens then.
            LogRunFailed(logger, GetType().Name, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} run failed")]
    private static partial void LogRunFailed(ILogger logger, string worker, Exception e);
}
