using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Projects;
using Hypercare.Web.Shared;

namespace Hypercare.Web.Sla;

/// <summary>
/// The project's calendar and alert settings as people type them: holidays one date per line (YYYY-MM-DD, a text
/// after the date is a note and ignored), warning thresholds as percentages separated by commas, and the untriaged
/// alert delay in minutes. Only the shape is parsed here; the project service validates the meaning.
/// </summary>
public sealed class CalendarAlertsForm
{
    public string? Version { get; set; }

    public string? Holidays { get; set; }

    public string? WarningThresholds { get; set; }

    public string? UntriagedAlertMinutes { get; set; }

    public static CalendarAlertsForm From(ProjectResponse project) => new()
    {
        Version = project.Version.ToString(CultureInfo.InvariantCulture),
        Holidays = string.Join("\n", project.Holidays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        WarningThresholds = string.Join(", ", project.WarningThresholds),
        UntriagedAlertMinutes = project.UntriagedAlertMinutes.ToString(CultureInfo.InvariantCulture),
    };

    public (UpdateProjectRequest? Request, FieldErrors Errors) ToRequest()
    {
        var errors = new FieldErrors();
        var version = QueryValues.WholeNumber(errors, "version", Version);
        var holidays = new List<DateOnly>();
        var lines = (Holidays ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var date = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries)[0];
            if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                holidays.Add(day);
            }
            else
            {
                errors.Add("holidays", $"Line {i + 1}: '{date}' is not a date; write one date per line as YYYY-MM-DD.");
            }
        }

        var thresholds = new List<int>();
        foreach (var part in (WarningThresholds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (int.TryParse(part.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                thresholds.Add(percent);
            }
            else
            {
                errors.Add("warningThresholds", $"'{part}' is not a whole percentage; write e.g. 50, 75.");
            }
        }

        var untriaged = QueryValues.WholeNumber(errors, "untriagedAlertMinutes", UntriagedAlertMinutes);
        if (string.IsNullOrWhiteSpace(UntriagedAlertMinutes))
        {
            errors.Add("untriagedAlertMinutes", "untriagedAlertMinutes is required.");
        }

        return errors.Any
            ? (null, errors)
            : (new UpdateProjectRequest(version, Holidays: holidays, WarningThresholds: thresholds, UntriagedAlertMinutes: untriaged), errors);
    }
}
