using System.CommandLine;
using Hypercare.Cli.Shared;
using Hypercare.Core.Communications;

namespace Hypercare.Cli.Commands;

internal static class ReportOptions
{
    public static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal) { ["kind"] = "--kind" };

    public static Option<string> Kind() => WithCheck(new Option<string>("--kind")
    {
        Description = "user-update, sponsor-status or leadership",
        Required = true,
    });

    private static Option<string> WithCheck(Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (ReportKinds.Parse(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--kind is user-update, sponsor-status or leadership.");
            }
        });
        return option;
    }
}

/// <summary>`hypercare reports preview`: the report as it would go out now (an edit made for this period included), as Markdown, HTML or JSON.</summary>
internal sealed class ReportsPreviewCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<string> _kind = ReportOptions.Kind();
    private readonly Option<string> _format = new("--format") { Description = "md (default), html or json", DefaultValueFactory = _ => "md" };

    public ReportsPreviewCommand(CliContext cli)
        : base(cli, "preview", "Print the report as it would be sent now: md, html or json.")
    {
        _format.AcceptOnlyFromAmong("md", "html", "json");
        Options.Add(_project);
        Options.Add(_kind);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var preview = (await core.Get<CommunicationsService>().PreviewAsync(access, ReportKinds.Parse(parsed.GetValue(_kind))!.Value, cancellationToken)).OrThrow(ReportOptions.OptionsByField);
        switch (parsed.GetValue(_format))
        {
            case "json":
                await Cli.WriteJsonAsync(preview, cancellationToken);
                break;
            case "html":
                Cli.WriteLine(preview.Html);
                break;
            default:
                Cli.WriteLine(preview.Markdown);
                break;
        }

        return ExitCodes.Ok;
    }
}

/// <summary>`hypercare reports send`: sends the report now to its schedule's recipients (through the outbox) and archives it.</summary>
internal sealed class ReportsSendCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<string> _kind = ReportOptions.Kind();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ReportsSendCommand(CliContext cli)
        : base(cli, "send", "Send the report now to its recipients (queued in the outbox) and archive it.")
    {
        Options.Add(_project);
        Options.Add(_kind);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var sent = (await core.Get<CommunicationsService>().SendNowAsync(access, ReportKinds.Parse(parsed.GetValue(_kind))!.Value, cancellationToken)).OrThrow(ReportOptions.OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(sent with { Html = "", Markdown = "" }, cancellationToken);
        }
        else
        {
            Cli.WriteLine($"Sent '{sent.Subject}' to {sent.Recipients?.Count ?? 0} recipient(s); archive key {sent.Key}.");
        }

        return ExitCodes.Ok;
    }
}

/// <summary>`hypercare reports run-due`: one scheduler pass (for cron when the web host's worker is off); safe alongside it.</summary>
internal sealed class ReportsRunDueCommand : HypercareCommand
{
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public ReportsRunDueCommand(CliContext cli)
        : base(cli, "run-due", "Send every scheduled report whose slot is due (each slot once, across nodes).")
    {
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var result = await core.Get<ReportScheduler>().RunDueAsync(cancellationToken);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(result, cancellationToken);
        }
        else
        {
            Cli.WriteLine($"Sent: {result.Sent}; already sent: {result.AlreadySent}; past the catch-up window: {result.Missed}");
        }

        return ExitCodes.Ok;
    }
}
