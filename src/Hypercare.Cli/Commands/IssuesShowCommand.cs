using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare issues show`: one issue with its comments and its audit history.</summary>
internal sealed class IssuesShowCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal);

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<int> _issue = new("--issue") { Description = "Issue id", Required = true };
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public IssuesShowCommand(CliContext cli)
        : base(cli, "show", "Show an issue: its fields, comments and history.")
    {
        Options.Add(_project);
        Options.Add(_issue);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var issueId = parsed.GetValue(_issue);
        var outcome = await core.Get<IssueService>().GetAsync(access, issueId, cancellationToken);
        if (outcome.Failure?.Kind == Core.FailureKind.NotFound)
        {
            throw CliError.NotFound($"Issue {issueId} in project {access.ProjectId}");
        }

        var detail = outcome.OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(detail, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(OptionsByField);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        var i = detail.Issue;
        var fields = new Grid().AddColumn().AddColumn();
        void Field(string label, string? value) =>
            fields.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value ?? "-"));
        Field("Issue", $"#{i.Id} {i.Title}");
        Field("Status", i.Status.Label());
        Field("Severity", $"{CliOptions.CamelName(i.Severity)} (proposed {CliOptions.CamelName(i.ProposedSeverity)})");
        Field("Category", i.Category?.Label());
        Field("Area", i.AffectedArea);
        Field("Owning team", i.OwningTeam?.Label());
        Field("Assignee", i.Assignee?.DisplayName);
        Field("Reporter", i.Reporter.DisplayName);
        Field("Reported", Tables.Local(i.ReportedAt, zone));
        Field("Triaged", Tables.Local(i.TriagedAt, zone));
        Field("Resolved", Tables.Local(i.ResolvedAt, zone));
        Field("Closed", Tables.Local(i.ClosedAt, zone));
        Field("Duplicate of", i.DuplicateOfId is { } original ? $"#{original}" : null);
        Field("Next statuses", string.Join(", ", i.AllowedTransitions.Select(CliOptions.CamelName)));
        Field("Times in", project.TimeZoneId);
        Cli.Write(fields);
        Cli.WriteLine("");
        Cli.WriteLine(i.Description);

        if (detail.Comments.Count > 0)
        {
            var comments = Tables.Create("When", "Who", "Comment");
            foreach (var c in detail.Comments)
            {
                comments.AddRow(Tables.Cells(Tables.Local(c.CreatedAt, zone), c.Author.DisplayName, c.Body));
            }

            Cli.Write(comments);
        }

        if (detail.History.Count > 0)
        {
            var history = Tables.Create("When", "Who", "What", "Changes");
            foreach (var h in detail.History)
            {
                history.AddRow(Tables.Cells(Tables.Local(h.At, zone), h.Actor, $"{h.EntityType} {CliOptions.CamelName(h.Action)}",
                    string.Join(Environment.NewLine, h.Changes.Select(c => $"{c.Field}: {c.Before ?? "-"} -> {c.After ?? "-"}"))));
            }

            Cli.Write(history);
        }

        if (detail.Duplicates.Count > 0)
        {
            Cli.WriteLine("Duplicates: " + string.Join(", ", detail.Duplicates.Select(d => "#" + d.Id.ToString(CultureInfo.InvariantCulture))));
        }

        return ExitCodes.Ok;
    }
}
