using Hypercare.Core.Notifications.Delivery;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Notifications;

/// <summary>
/// Works the outbox every <c>Hypercare:Outbox:PollSeconds</c> (default 10; 0 turns it off, e.g. when cron runs
/// `hypercare outbox dispatch`). Several nodes may all run it: claims are leases, so a message is sent by one at a time.
/// </summary>
internal sealed partial class OutboxWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<OutboxWorker> logger)
    : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(configuration.GetValue("Hypercare:Outbox:PollSeconds", 10));

    // Every node works the outbox: each message is claimed with its own lease (ADR 0020).
    protected override bool Exclusive => false;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var result = await services.GetRequiredService<OutboxDispatcher>().DispatchAsync(cancellationToken);
        if (result.Claimed > 0)
        {
            LogPass(result.Sent, result.Retrying, result.Failed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox: {Sent} sent, {Retrying} to retry, {Failed} failed")]
    private partial void LogPass(int sent, int retrying, int failed);
}
