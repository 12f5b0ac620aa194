using System.CommandLine;
using System.Globalization;
using Hypercare.Cli.Shared;
using Hypercare.Core.Team;
using Spectre.Console;

namespace Hypercare.Cli.Commands;

/// <summary>`hypercare rota generate`: fills the rota from the plan's support hours and the team, under the project's rules.</summary>
internal sealed class RotaGenerateCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<DateOnly?> _from = CliOptions.Date("--from", "First local day (default: today)", required: false);
    private readonly Option<DateOnly?> _to = CliOptions.Date("--to", "Last local day (default: the plan's end, at most a year on)", required: false);
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public RotaGenerateCommand(CliContext cli)
        : base(cli, "generate", "Generate the rota (future generated shifts are replaced; manual and swapped ones kept) and list the gaps it could not fill.")
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
        var result = (await core.Get<TeamService>().GenerateAsync(access, new GenerateRotaRequest(parsed.GetValue(_from), parsed.GetValue(_to)), cancellationToken))
            .OrThrow(new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = "--from", ["to"] = "--to" });
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(result, cancellationToken);
            return ExitCodes.Ok;
        }

        Cli.WriteLine($"Rota {result.From:yyyy-MM-dd} to {result.To:yyyy-MM-dd}: {result.ShiftsWritten} shift(s) written, {result.ShiftsReplaced} replaced, "
            + $"{result.ShiftsKept} kept; quality {result.Quality.Score.ToString("0.00", CultureInfo.InvariantCulture)} "
            + $"(coverage {result.Quality.Coverage.ToString("P0", CultureInfo.InvariantCulture)}, {result.Quality.GapHours.ToString("0.#", CultureInfo.InvariantCulture)} h of gaps).");
        if (result.Gaps.Count > 0)
        {
            var table = Tables.Create("Start (UTC)", "End (UTC)", "Role", "Why nobody");
            foreach (var gap in result.Gaps)
            {
                table.AddRow(Tables.Cells(gap.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), gap.End.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    CliOptions.CamelName(gap.Role), gap.Reason));
            }

            Cli.Write(table);
        }

        return ExitCodes.Ok;
    }
}

/// <summary>`hypercare rota show`: the shifts of a range of local days, who holds each (or the gap), and hours per person.</summary>
internal sealed class RotaShowCommand : HypercareCommand
{
    private readonly Option<int> _project = CliOptions.ProjectId();
    private readonly Option<DateOnly?> _from = CliOptions.Date("--from", "First local day (default: today)", required: false);
    private readonly Option<DateOnly?> _to = CliOptions.Date("--to", "Last local day (default: a week on)", required: false);
    private readonly Option<OutputFormat> _format = CliOptions.Format();

    public RotaShowCommand(CliContext cli)
        : base(cli, "show", "Show the rota: each shift in the project's time zone with its holder or gap, then hours per person.")
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
        var rota = (await core.Get<TeamService>().RotaAsync(access, parsed.GetValue(_from), parsed.GetValue(_to), cancellationToken))
            .OrThrow(new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = "--from", ["to"] = "--to" });
        if (parsed.GetValue(_format) == OutputFormat.Json)
        {
            await Cli.WriteJsonAsync(rota, cancellationToken);
            return ExitCodes.Ok;
        }

        var shifts = Tables.Create("Id", "Day", $"From ({rota.TimeZoneId})", "To", "Role", "Who", "Hours", "Notes");
        foreach (var s in rota.Shifts)
        {
            var notes = string.Join(", ", new[] { s.IsAfterHours ? "after hours" : null, s.IsWeekend ? "weekend" : null, s.IsNight ? "night" : null,
                s.Source == ShiftSource.Generated ? null : CliOptions.CamelName(s.Source) }.Where(n => n is not null));
            shifts.AddRow(Tables.Cells(s.Id.ToString(CultureInfo.InvariantCulture), s.Date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture), s.LocalStart, s.LocalEnd,
                CliOptions.CamelName(s.Role), s.Person?.DisplayName ?? $"GAP: {s.GapReason}", s.Hours.ToString("0.#", CultureInfo.InvariantCulture), notes));
        }

        Cli.Write(shifts);
        var hours = Tables.Create("Person", "Role", "Hours", "Shifts", "After hours");
        foreach (var h in rota.Hours)
        {
            hours.AddRow(Tables.Cells(h.Person.DisplayName, CliOptions.CamelName(h.Role), h.Hours.ToString("0.#", CultureInfo.InvariantCulture),
                h.Shifts.ToString(CultureInfo.InvariantCulture), h.AfterHoursShifts.ToString(CultureInfo.InvariantCulture)));
        }

        Cli.Write(hours);
        Cli.WriteLine($"{rota.Shifts.Count} shift(s) from {rota.From:yyyy-MM-dd} to {rota.To:yyyy-MM-dd}, {rota.Gaps} gap(s).");
        return ExitCodes.Ok;
    }
}
