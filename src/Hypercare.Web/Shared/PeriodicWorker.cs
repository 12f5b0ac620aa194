namespace Hypercare.Web.Shared;

/// <summary>
/// A background job that runs every <see cref="Interval"/> (off when it is zero or less) on the injected clock, in a
/// fresh service scope each time; a failed run is logged and the next one still comes.
/// </summary>
internal abstract partial class PeriodicWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

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
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed run (database unreachable, say) must not stop the next; what it missed happens then.
                LogRunFailed(logger, GetType().Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker} run failed")]
    private static partial void LogRunFailed(ILogger logger, string worker, Exception e);
}
