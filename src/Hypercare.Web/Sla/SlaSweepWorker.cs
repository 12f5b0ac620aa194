using Hypercare.Core.Sla;

namespace Hypercare.Web.Sla;

/// <summary>
/// Runs the SLA sweep every <c>Hypercare:Sla:SweepSeconds</c> (default 60; 0 turns it off, e.g. when a cron job runs
/// `hypercare sla sweep` instead). Several nodes may all run it: alerts fire once by the database's unique key.
/// </summary>
internal sealed class SlaSweepWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<SlaSweepWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Hypercare:Sla:SweepSeconds", 60);
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
                var result = await scope.ServiceProvider.GetRequiredService<SlaSweep>().RunAsync(stoppingToken);
                if (result.AlertsFired > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("SLA sweep: {Alerts} alert(s), {Notifications} notification(s) over {Issues} open issue(s)",
                        result.AlertsFired, result.Notifications, result.IssuesChecked);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failed sweep must not stop the next; the alerts it missed fire then.
                logger.LogError(e, "SLA sweep failed");
            }
        }
    }
}
