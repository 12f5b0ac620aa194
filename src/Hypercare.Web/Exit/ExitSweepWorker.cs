using Hypercare.Core.Exit;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Exit;

/// <summary>
/// Evaluates every open project's exit rules every <c>Hypercare:Exit:SweepSeconds</c> (default 300; 0 turns it off, e.g.
/// when a cron job runs `hypercare exit sweep`), keeps the day's record, withdraws a sign-off a new Sev1 broke and alerts
/// the lead once when the planned end is near and the rules do not hold. Safe on several nodes (unique keys).
/// </summary>
internal sealed partial class ExitSweepWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ExitSweepWorker> logger)
    : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Hypercare:Exit:SweepSeconds", 300));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<ExitService>().SweepAsync(cancellationToken);
        if (result.WentLive + result.SignOffsWithdrawn + result.EndAlerts > 0)
        {
            LogSweep(result.Projects, result.WentLive, result.SignOffsWithdrawn, result.EndAlerts);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Exit sweep over {Projects} project(s): {Live} went live, {Withdrawn} sign-off(s) withdrawn, {Alerts} end-near alert(s)")]
    private partial void LogSweep(int projects, int live, int withdrawn, int alerts);
}
