using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare sla report`: SLA compliance by severity, phase and team, MTTA/MTTR, time used by team, breaches.</summary>
internal sealed class SlaReportCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal)
    {
        ["from"] = "--from",
        ["to"] = "--to",
    };

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<DateOnly?> _from = CliOptions.Date("--from", "First local day of reports to include (default: the go-live date)", required: false);
    private readonly Option<DateOnly?> _to = CliOptions.Date("--to", "Last local day of reports to include (default: today)", required: false);
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public SlaReportCommand(CliContext cli)
        : base(cli, "report", "SLA compliance by severity, phase and team; mean time to acknowledge and resolve; breaches.")
    {
        Options.Add(_project);
        Options.Add(_from);
        Options.Add(_to);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var report = (await core.Get<SlaReports>().ReportAsync(access, parsed.GetValue(_from), parsed.GetValue(_to), cancellationToken)).OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(report, cancellationToken);
            return ExitCodes.Ok;
        }

        var project = (await core.Get<ProjectService>().GetAsync(access, cancellationToken)).OrThrow(OptionsByField);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId);
        Cli.WriteLine($"SLA report for {project.Name}: issues reported {Tables.Date(report.From)} to {Tables.Date(report.To)}.");
        Cli.WriteLine($"Mean time to acknowledge: {Hours(report.MeanHoursToAcknowledge)}; mean time to resolve: {Hours(report.MeanHoursToResolve)}.");
        Compliance("First response by severity", "Severity", report.ResponseBySeverity);
        Compliance("Resolution by severity", "Severity", report.ResolutionBySeverity);
        Compliance("Resolution by phase", "Phase", report.ResolutionByPhase);
        Compliance("Resolution by owning team", "Team", report.ResolutionByTeam);

        var usage = Tables.Create("Team", "Response hours used", "Resolution hours used", "Breaches (held most time)");
        foreach (var u in report.UsageByTeam)
        {
            usage.AddRow(Tables.Cells(u.Team.Label(), Number(u.ResponseHours), Number(u.ResolutionHours), u.Breaches.ToString(CultureInfo.InvariantCulture)));
        }

        Cli.Write(usage);
        if (report.Breaches.Count == 0)
        {
            Cli.WriteLine("No breaches in the period.");
            return ExitCodes.Ok;
        }

        var breaches = Tables.Create("Issue", "What", $"Crossed at ({project.TimeZoneId})");
        foreach (var b in report.Breaches)
        {
            breaches.AddRow(Tables.Cells($"#{b.IssueId}", Escalation.Describe(b.Kind, b.Threshold), Tables.Local(b.CrossedAt, zone)));
        }

        Cli.Write(breaches);
        return ExitCodes.Ok;
    }

    private void Compliance(string title, string group, IReadOnlyList<ComplianceRow> rows)
    {
        var table = Tables.Create(group, "Measured", "Met", "Missed", "Compliance");
        table.Title = new TableTitle(title);
        foreach (var row in rows)
        {
            table.AddRow(Tables.Cells(row.Group, Count(row.Measured), Count(row.Met), Count(row.Missed),
                row.CompliancePercent is { } p ? p.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-"));
        }

        Cli.Write(table);
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Hours(double? hours) => hours is { } h ? h.ToString("0.00", CultureInfo.InvariantCulture) + " h" : "-";
}
