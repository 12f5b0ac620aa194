using Hypercare.Core.Communications;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Communications;

/// <summary>
/// Runs the report scheduler every <c>Hypercare:Reports:PollSeconds</c> (default 30; 0 turns it off, e.g. when cron runs
/// `hypercare reports run-due`). Several nodes may all run it: each slot is sent once by the archive's unique key (ADR 0041).
/// </summary>
internal sealed partial class ReportSchedulerWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time,
    ILogger<ReportSchedulerWorker> logger) : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Hypercare:Reports:PollSeconds", 30));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ReportScheduler>().RunDueAsync(cancellationToken);
        if (result.Missed > 0)
        {
            LogMissed(result.Missed);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Report scheduler: {Missed} slot(s) past the catch-up window were skipped")]
    private partial void LogMissed(int missed);
}
