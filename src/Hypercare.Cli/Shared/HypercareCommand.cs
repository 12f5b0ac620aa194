using System.CommandLine;
using System.Data.Common;

namespace Hypercare.Cli.Shared;

/// <summary>A `hypercare &lt;noun&gt; &lt;verb&gt;` command: maps refusals and database errors to messages and exit codes.</summary>
internal abstract class HypercareCommand : Command
{
    protected HypercareCommand(CliContext cli, string name, string description)
        : base(name, description)
    {
        Cli = cli;
        SetAction(InvokeAsync);
    }

    protected CliContext Cli { get; }

    protected abstract Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken);

    private async Task<int> InvokeAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        try
        {
            return await ExecuteAsync(parsed, cancellationToken);
        }
        catch (CliError error)
        {
            await Cli.Error.WriteLineAsync(error.Message);
            return error.ExitCode;
        }
        catch (Hypercare.Core.Data.RefusedTextException error)
        {
            await Cli.Error.WriteLineAsync($"Refused: {error.Field} {error.Reason}");
            return ExitCodes.Usage;
        }
        catch (DbException error)
        {
            await Cli.Error.WriteLineAsync($"Database error: {error.Message}");
            return ExitCodes.Failure;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException error)
        {
            await Cli.Error.WriteLineAsync($"Database error: {error.InnerException?.Message ?? error.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Cli.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Failure;
        }
    }
}
