using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.People;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare users add`: creates a person who can sign in. The password never appears on the command line.</summary>
internal sealed class UsersAddCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal)
    {
        ["email"] = "--email",
        ["displayName"] = "--name",
        ["password"] = "--password-stdin",
    };

    private readonly Option<string> _email = new("--email") { Description = "E-mail address, used to sign in", Required = true };
    private readonly Option<string> _name = new("--name") { Description = "Display name", Required = true };
    private readonly Option<bool> _admin = new("--admin") { Description = "Make the user an instance administrator (creates projects, sees all)" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin")
    {
        Description = $"Read the password (at least {AccountService.MinimumPasswordLength} characters) from the first line of stdin",
    };

    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public UsersAddCommand(CliContext cli)
        : base(cli, "add", "Create a user. Prints the new user's id.")
    {
        Options.Add(_email);
        Options.Add(_name);
        Options.Add(_admin);
        Options.Add(_passwordStdin);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var password = await ReadPasswordAsync(parsed, cancellationToken);
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var user = (await core.Get<AccountService>().CreateUserAsync(parsed.GetValue(_email), parsed.GetValue(_name), password,
            parsed.GetValue(_admin), cancellationToken)).OrThrow(OptionsByField);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(user, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Cli.Note($"Created {(user.IsAdministrator ? "administrator" : "user")} {user.Email} ({user.DisplayName}).");
        return ExitCodes.Ok;
    }

    private async Task<string> ReadPasswordAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        if (parsed.GetValue(_passwordStdin))
        {
            // Only the line break is dropped: spaces at either end may be part of the password.
            var line = await Cli.In.ReadLineAsync(cancellationToken);
            return line ?? throw CliError.Usage("--password-stdin: stdin was empty; pipe the password in, e.g. `printf '%s' \"$PW\" | hypercare users add ...`.");
        }

        if (Cli.IsInteractive)
        {
            return await Cli.ErrorConsole.PromptAsync(new TextPrompt<string>("Password:").Secret(), cancellationToken);
        }

        throw CliError.Usage("--password-stdin: required when not on a terminal; the password is read from stdin, never taken as an argument (it would end up in shell history).");
    }
}
