using System.Globalization;
using System.Text.RegularExpressions;
using Hypercare.Core;
using Hypercare.Core.Issues;
using Hypercare.Core.Sla;
using Hypercare.Web.Components;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Sla;

/// <summary>
/// A plan phase as people type it: support hours one window per line ("Mon 07:00-20:00", "Mon-Fri 08:00-18:00"),
/// triage times separated by commas, and a small table of targets (one row per severity and clock; an empty amount
/// means no target). Only the shape is parsed here; the plan service validates the meaning and names the field.
/// </summary>
public sealed partial class PhaseForm
{
    public static readonly IReadOnlyList<(Severity Severity, ClockKind Kind)> TargetRows =
        [.. Enum.GetValues<Severity>().SelectMany(s => Enum.GetValues<ClockKind>().Select(k => (s, k)))];

    public string? Name { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    public string? SupportHours { get; set; }

    public string? TriageTimes { get; set; }

    public string? StandupCadence { get; set; }

    public string? Version { get; set; }

    /// <summary>Null when a post carries no target rows (the form binder leaves it unset).</summary>
    public List<TargetRow>? Targets { get; set; } = [];

    public sealed class TargetRow
    {
        public string? Amount { get; set; }

        public string? Unit { get; set; }

        public string? Clock { get; set; }
    }

    public TargetRow Row(int index) => Targets is { } rows && index < rows.Count && rows[index] is { } row ? row : new TargetRow();

    public static PhaseForm Empty() => new()
    {
        SupportHours = "Mon-Fri 08:00-18:00",
        TriageTimes = "09:30, 15:00",
        StandupCadence = QueryValues.Name(Core.Sla.StandupCadence.Weekdays),
        Targets = [.. TargetRows.Select(r => ToRow(SlaTarget.Defaults.FirstOrDefault(t => t.Severity == r.Severity && t.Kind == r.Kind) is { } t
            ? new SlaTargetDto(t.Severity, t.Kind, t.Amount, t.Unit, t.Clock) : null))],
    };

    public static PhaseForm From(PhaseResponse phase) => new()
    {
        Name = phase.Name,
        StartDate = Display.Day(phase.StartDate),
        EndDate = Display.Day(phase.EndDate),
        SupportHours = string.Join("\n", phase.SupportHours.Select(SlaText.Window)),
        TriageTimes = string.Join(", ", phase.TriageTimes),
        StandupCadence = QueryValues.Name(phase.StandupCadence),
        Version = Display.Number(phase.Version),
        Targets = [.. TargetRows.Select(r => ToRow(SlaText.TargetOf(phase.Targets, r.Severity, r.Kind)))],
    };

    private static TargetRow ToRow(SlaTargetDto? t) => new()
    {
        Amount = t?.Amount is { } a ? Display.Number(a) : null,
        Unit = QueryValues.Name(t?.Unit ?? TargetUnit.Hours),
        Clock = QueryValues.Name(t?.Clock ?? TargetClock.Support),
    };

    /// <summary>The request for the plan service, or the shape errors (keyed like the service's fields).</summary>
    public (PhaseRequest? Request, FieldErrors Errors) ToRequest(int? version)
    {
        var errors = new FieldErrors();
        var start = Date(errors, "startDate", StartDate);
        var end = Date(errors, "endDate", EndDate);
        var hours = Hours(errors, SupportHours);
        var cadence = QueryValues.Enum<StandupCadence>(errors, "standupCadence", StandupCadence);
        var triage = (TriageTimes ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

        var targets = new List<SlaTargetDto>();
        for (var i = 0; i < TargetRows.Count; i++)
        {
            var (severity, kind) = TargetRows[i];
            var row = Row(i);
            if (string.IsNullOrWhiteSpace(row.Amount))
            {
                continue;
            }

            if (!int.TryParse(row.Amount.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                errors.Add("targets", $"{severity.Label()} {kind.Label().ToLowerInvariant()}: '{row.Amount}' is not a whole number.");
                continue;
            }

            var unit = QueryValues.Enum<TargetUnit>(errors, "targets", row.Unit) ?? TargetUnit.Hours;
            var clock = QueryValues.Enum<TargetClock>(errors, "targets", row.Clock) ?? TargetClock.Support;
            targets.Add(new SlaTargetDto(severity, kind, amount, unit, clock));
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new PhaseRequest(Name, start, end, hours, targets, triage, cadence, version), errors);
    }

    private static DateOnly? Date(FieldErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"'{text}' is not a date as YYYY-MM-DD.");
        return null;
    }

    private static List<SupportWindowDto> Hours(FieldErrors errors, string? text)
    {
        var windows = new List<SupportWindowDto>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries);
        for (var n = 0; n < lines.Length; n++)
        {
            if (lines[n].Length == 0)
            {
                continue;
            }

            var match = LinePattern().Match(lines[n]);
            if (!match.Success || ParseDay(match.Groups["from"].Value) is not { } from)
            {
                errors.Add("supportHours", $"Line {n + 1} ('{lines[n]}') is not like 'Mon 07:00-20:00' or 'Mon-Fri 08:00-18:00'.");
                continue;
            }

            var to = from;
            if (match.Groups["to"].Success && ParseDay(match.Groups["to"].Value) is not { } last)
            {
                errors.Add("supportHours", $"Line {n + 1}: '{match.Groups["to"].Value}' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun).");
                continue;
            }
            else if (match.Groups["to"].Success)
            {
                to = ParseDay(match.Groups["to"].Value)!.Value;
            }

            // Days run Mon..Sun here (people write Mon-Fri, Sat-Sun); a range wraps around the week when it has to.
            var day = from;
            for (var guard = 0; guard < 7; guard++)
            {
                foreach (Capture range in match.Groups["range"].Captures)
                {
                    var parts = range.Value.Split('-', 2, StringSplitOptions.TrimEntries);
                    windows.Add(new SupportWindowDto(day, parts[0], parts[1]));
                }

                if (day == to)
                {
                    break;
                }

                day = (DayOfWeek)(((int)day + 1) % 7);
            }
        }

        return windows;
    }

    private static DayOfWeek? ParseDay(string text) =>
        text.Length >= 2 ? Enum.GetValues<DayOfWeek>().Cast<DayOfWeek?>().FirstOrDefault(d => d!.Value.ToString().StartsWith(text, StringComparison.OrdinalIgnoreCase)) : null;

    [GeneratedRegex(@"^(?<from>[A-Za-z]+)(\s*[-–]\s*(?<to>[A-Za-z]+))?\s+(?<range>\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2})(\s*,\s*(?<range>\d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}))*$")]
    private static partial Regex LinePattern();
}
