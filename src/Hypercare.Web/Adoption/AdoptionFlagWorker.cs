using Hypercare.Core.Adoption.Flags;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Adoption;

/// <summary>
/// Re-evaluates every project's adoption flags every <c>Hypercare:Adoption:FlagEvaluationMinutes</c> (default 60, so
/// at least daily; 0 turns it off, e.g. when cron runs `hypercare adoption evaluate`). Several nodes may run it: an
/// open flag is updated in place, never repeated.
/// </summary>
internal sealed partial class AdoptionFlagWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AdoptionFlagWorker> logger)
    : PeriodicWorker(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(configuration.GetValue("Hypercare:Adoption:FlagEvaluationMinutes", 60));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var projects = await services.GetRequiredService<AdoptionFlagRun>().RunAsync(cancellationToken);
        LogRun(projects);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Adoption flags evaluated for {Projects} project(s)")]
    private partial void LogRun(int projects);
}
