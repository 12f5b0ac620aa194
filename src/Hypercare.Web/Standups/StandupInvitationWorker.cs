using Hypercare.Core.Standups;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Standups;

/// <summary>
/// Every <c>Hypercare:Standups:SweepSeconds</c> (default 300; 0 turns it off) brings the standup invitations of every
/// scheduled project up to date with its plan and team, so a phase changed on the plan page or a member added is sent
/// as an updated iCalendar request whichever path changed it. One node per tick (job lease).
/// </summary>
internal sealed partial class StandupInvitationWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time,
    ILogger<StandupInvitationWorker> logger) : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Hypercare:Standups:SweepSeconds", 300));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var queued = await services.GetRequiredService<StandupService>().SweepAsync(cancellationToken);
        if (queued > 0)
        {
            LogSweep(queued);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Standup sweep queued {Queued} invitation(s) or cancellation(s)")]
    private partial void LogSweep(int queued);
}
