using Hypercare.Core.Sla;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Sla;

/// <summary>
/// Runs the SLA sweep every <c>Hypercare:Sla:SweepSeconds</c> (default 60; 0 turns it off, e.g. when a cron job runs
/// `hypercare sla sweep` instead). Several nodes may all run it: alerts fire once by the database's unique key.
/// </summary>
internal sealed partial class SlaSweepWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<SlaSweepWorker> logger)
    : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Hypercare:Sla:SweepSeconds", 60));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<SlaSweep>().RunAsync(cancellationToken);
        if (result.AlertsFired > 0)
        {
            LogSweep(result.AlertsFired, result.Notifications, result.IssuesChecked);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SLA sweep: {Alerts} alert(s), {Notifications} notification(s) over {Issues} open issue(s)")]
    private partial void LogSweep(int alerts, int notifications, int issues);
}
