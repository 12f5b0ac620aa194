using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Notifications.Delivery;

namespace Hypercare.Cli.Commands;

/// <summary>
/// `hypercare outbox dispatch`: one pass over the outbox (deliver what is due by e-mail, Slack and Teams, schedule
/// retries). Safe from cron alongside the web host's worker: claims are leases. SMTP comes from the environment
/// (Hypercare__Smtp__Host, …). Exit 1 when a message failed for good in this pass.
/// </summary>
internal sealed class OutboxDispatchCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public OutboxDispatchCommand(CliContext cli)
        : base(cli, "dispatch", "Deliver due outbox messages once (e-mail, Slack, Teams); failures are retried later with backoff.")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var result = await Cli.WithStatusAsync("Delivering the outbox...", () => core.Get<OutboxDispatcher>().DispatchAsync(cancellationToken));
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(result, cancellationToken);
        }
        else
        {
            Cli.WriteLine($"Claimed: {result.Claimed}");
            Cli.WriteLine($"Sent: {result.Sent}");
            Cli.WriteLine($"To retry: {result.Retrying}");
            Cli.WriteLine($"Failed: {result.Failed}");
        }

        return result.Failed > 0 ? ExitCodes.Failure : ExitCodes.Ok;
    }
}
