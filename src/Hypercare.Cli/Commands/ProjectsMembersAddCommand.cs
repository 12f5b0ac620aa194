using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Projects;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare projects members add`: puts an existing user into a project with a role.</summary>
internal sealed class ProjectsMembersAddCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal)
    {
        ["email"] = "--email",
        ["userId"] = "--email",
        ["role"] = "--role",
    };

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<string> _email = new("--email") { Description = "E-mail of an existing user (see `hypercare users add`)", Required = true };
    private readonly Option<ProjectRole?> _role = CliOptions.Enum<ProjectRole>("--role", "Role in the project", required: true);
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ProjectsMembersAddCommand(CliContext cli)
        : base(cli, "add", "Add a user to a project with a role.")
    {
        Options.Add(_project);
        Options.Add(_email);
        Options.Add(_role);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var member = (await core.Get<ProjectService>().AddMemberAsync(access,
            new AddMemberRequest(null, parsed.GetValue(_email), parsed.GetValue(_role)), cancellationToken)).OrThrow(OptionsByField);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(member, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Added {member.DisplayName} <{member.Email}> to project {access.ProjectId} as {CliOptions.CamelName(member.Role)}.");
        return ExitCodes.Ok;
    }
}
