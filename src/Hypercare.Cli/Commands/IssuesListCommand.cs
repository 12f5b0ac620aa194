using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare issues list`: one page of a project's issues, newest first, filtered like the API.</summary>
internal sealed class IssuesListCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal)
    {
        ["page"] = "--page",
        ["pageSize"] = "--page-size",
        ["q"] = "--q",
    };

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<IReadOnlyList<IssueStatus>> _status = CliOptions.Enums<IssueStatus>("--status", "Only these statuses");
    private readonly Option<IReadOnlyList<Severity>> _severity = CliOptions.Enums<Severity>("--severity", "Only these severities");
    private readonly Option<string?> _q = new("--q") { Description = "Free text in title, description or area; #123 finds issue 123" };
    private readonly Option<int> _page = new("--page") { Description = "Page number, from 1", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _pageSize = new("--page-size")
    {
        Description = $"Issues per page, 1 to {IssueService.MaxPageSize}",
        DefaultValueFactory = _ => 25,
    };

    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public IssuesListCommand(CliContext cli)
        : base(cli, "list", "List a project's issues, newest first, one page at a time.")
    {
        Options.Add(_project);
        Options.Add(_status);
        Options.Add(_severity);
        Options.Add(_q);
        Options.Add(_page);
        Options.Add(_pageSize);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var filter = new IssueFilter(
            Status: parsed.GetValue(_status),
            Severity: parsed.GetValue(_severity),
            Q: parsed.GetValue(_q),
            Page: parsed.GetValue(_page),
            PageSize: parsed.GetValue(_pageSize));
        var page = (await core.Get<IssueService>().ListAsync(access, filter, cancellationToken)).OrThrow(OptionsByField);

        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(page, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(OptionsByField);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        var table = Tables.Create("Id", "Sev", "Status", "Category", "Title", "Assignee", $"Reported ({project.TimeZoneId})");
        foreach (var issue in page.Items)
        {
            table.AddRow(Tables.Cells(
                issue.Id.ToString(CultureInfo.InvariantCulture),
                CliOptions.CamelName(issue.Severity),
                issue.Status.Label(),
                issue.Category?.Label(),
                issue.Title,
                issue.Assignee?.DisplayName,
                Tables.Local(issue.ReportedAt, zone)));
        }

        Cli.Write(table);
        Cli.WriteLine(page.TotalCount == 0
            ? "No issues match."
            : $"Page {page.Page} of {page.TotalPages} ({page.TotalCount} issue(s)); --page and --page-size move through them.");
        return ExitCodes.Ok;
    }
}
