using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.People;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare tokens create`: an API token for a user. The secret is shown this once; only its hash is stored.</summary>
internal sealed class TokensCreateCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal) { ["name"] = "--name" };

    private readonly Option<string> _user = new("--user") { Description = "E-mail of the user the token acts for", Required = true };
    private readonly Option<string?> _name = new("--name") { Description = "What the token is for (default: \"cli YYYY-MM-DD\")" };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public TokensCreateCommand(CliContext cli)
        : base(cli, "create", "Create an API token and print its secret (shown once) alone on stdout.")
    {
        Options.Add(_user);
        Options.Add(_name);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var accounts = core.Get<AccountService>();
        var email = parsed.GetValue(_user)!;
        var user = await accounts.FindUserByEmailAsync(email, cancellationToken) ?? throw CliError.NotFound($"User {email}");
        var name = parsed.GetValue(_name)
            ?? "cli " + Cli.Time.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var created = (await accounts.CreateTokenAsync(user.Id, name, cancellationToken)).OrThrow(OptionsByField);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(new { created.Token.Id, created.Token.Name, Token = created.Secret }, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine(created.Secret);
        Cli.Note($"Token {created.Token.Id} '{created.Token.Name}' for {user.Email}. Store it now: it cannot be shown again.");
        return ExitCodes.Ok;
    }
}
