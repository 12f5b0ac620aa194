using Hypercare.Core.Notifications.Delivery;

namespace Hypercare.Web.Notifications;

/// <summary>
/// Works the outbox every <c>Hypercare:Outbox:PollSeconds</c> (default 10; 0 turns it off, e.g. when cron runs
/// `hypercare outbox dispatch`). Several nodes may all run it: claims are leases, so a message is sent by one at a time.
/// </summary>
internal sealed partial class OutboxWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Hypercare:Outbox:PollSeconds", 10);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(stoppingToken);
                if (result.Claimed > 0)
                {
                    LogPass(result.Sent, result.Retrying, result.Failed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed pass (database unreachable) must not stop the next; its messages stay pending.
                LogPassFailed(e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed")]
    private partial void LogPass(int sent, int retrying, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox pass failed")]
    private partial void LogPassFailed(Exception e);
}
