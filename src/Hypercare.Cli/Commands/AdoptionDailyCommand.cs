using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Adoption;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare adoption daily --project P`: one row per local day (date, activeUsers, licensedUsers, loginRate, successfulLogins, failedLogins).</summary>
internal sealed class AdoptionDailyCommand : HypercareCommand
{
    private static readonly Dictionary<string, string> OptionsByField = new(StringComparer.Ordinal);

    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public AdoptionDailyCommand(CliContext cli)
        : base(cli, "daily", "Daily active users and login rate per local day in the project's time zone.")
    {
        Options.Add(_project);
        Options.Add(_format);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        await using var core = await CoreSession.OpenAsync(Cli, Cli.Database(parsed), cancellationToken);
        var access = await core.ProjectAsync(parsed.GetValue(_project), cancellationToken);
        var days = (await core.Get<AdoptionService>().DailyAsync(access, cancellationToken)).OrThrow(OptionsByField);
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(days, cancellationToken);
            return ExitCodes.Ok;
        }

        var table = Tables.Create("Date", "Active users", "Licensed", "Login rate", "Successful", "Failed");
        foreach (var d in days)
        {
            table.AddRow(Tables.Cells(Tables.Date(d.Date), I(d.ActiveUsers), d.LicensedUsers is { } l ? I(l) : "",
                d.LoginRate?.ToString("P1", CultureInfo.InvariantCulture), I(d.SuccessfulLogins), I(d.FailedLogins)));
        }

        Cli.Write(table);
        if (days.Count == 0)
        {
            Cli.WriteLine("No login data yet: hypercare adoption import logins FILE --project P.");
        }

        return ExitCodes.Ok;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
