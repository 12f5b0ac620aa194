using Hypercare.Core;

namespace Hypercare.Cli.Shared;

/// <summary>
/// A refusal the user should read, with the exit code it ends in. Thrown from deep in a command so that each
/// command reads as its happy path; <see cref="HypercareCommand"/> turns it into a message on stderr.
/// </summary>
internal sealed class CliError : Exception
{
    public CliError()
    {
    }

    public CliError(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliError(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliError(int exitCode, string message)
        : base(message) => ExitCode = exitCode;

    public int ExitCode { get; } = ExitCodes.Failure;

    public static CliError Usage(string message) => new(ExitCodes.Usage, message);

    public static CliError NotFound(string what) => new(ExitCodes.Failure, $"{what} was not found.");

    /// <summary>Invalid input is a usage error naming the command-line option; everything else is a failure.</summary>
    public static CliError From(Failure failure, IReadOnlyDictionary<string, string> optionsByField)
    {
        if (failure.Kind != FailureKind.Invalid || failure.Errors is null)
        {
            return new(ExitCodes.Failure, failure.Message);
        }

        var lines = failure.Errors.SelectMany(field => field.Value.Select(message =>
            $"{(optionsByField.TryGetValue(field.Key, out var option) ? option : field.Key)}: {message}"));
        return new(ExitCodes.Usage, string.Join(Environment.NewLine, lines));
    }
}

internal static class OutcomeExtensions
{
    public static T OrThrow<T>(this Outcome<T> outcome, IReadOnlyDictionary<string, string> optionsByField) =>
        outcome.Succeeded ? outcome.Value! : throw CliError.From(outcome.Failure!, optionsByField);
}
