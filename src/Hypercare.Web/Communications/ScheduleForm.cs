using System.Globalization;
using Hypercare.Core;
using Hypercare.Core.Communications;
using Hypercare.Core.Projects;

namespace Hypercare.Web.Communications;

/// <summary>
/// One report's schedule as the overview page's form posts it: days as a choice of Monday–Friday, chosen weekdays or one
/// day a week; roles and days as repeated check boxes; extra addresses one per line (or separated by commas); a webhook
/// field left empty keeps the stored URL (it is never shown back), the "remove" box drops it. Only the shape is read
/// here; <see cref="CommunicationsService.PutScheduleAsync"/> validates the meaning and names the field it refuses.
/// </summary>
public sealed class ScheduleForm
{
    public const string Prefix = "Schedule.";

    public static readonly DayOfWeek[] Workdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Monday first, as people read a week.</summary>
    public static readonly DayOfWeek[] Week = [.. Workdays, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? Version { get; set; }

    public bool Enabled { get; set; }

    public string LocalTime { get; set; } = "";

    /// <summary>workdays, days (the chosen weekdays) or weekly (one day).</summary>
    public string DayMode { get; set; } = "workdays";

    public List<string> Days { get; set; } = [];

    public string WeeklyDay { get; set; } = nameof(DayOfWeek.Monday);

    public List<string> Roles { get; set; } = [];

    public string ExtraAddresses { get; set; } = "";

    public bool SendEmail { get; set; } = true;

    public string SlackWebhookUrl { get; set; } = "";

    public bool RemoveSlack { get; set; }

    public string TeamsWebhookUrl { get; set; } = "";

    public bool RemoveTeams { get; set; }

    public static ScheduleForm From(ScheduleResponse s)
    {
        var days = s.Days.ToHashSet();
        var mode = days.SetEquals(Workdays) ? "workdays" : days.Count == 1 ? "weekly" : "days";
        return new ScheduleForm
        {
            Version = s.Version.ToString(CultureInfo.InvariantCulture),
            Enabled = s.Enabled,
            LocalTime = s.LocalTime,
            DayMode = mode,
            Days = s.Days.Select(d => d.ToString()).ToList(),
            WeeklyDay = (days.Count == 1 ? days.Single() : DayOfWeek.Monday).ToString(),
            Roles = s.RecipientRoles.Select(r => r.ToString()).ToList(),
            ExtraAddresses = string.Join("\n", s.ExtraAddresses),
            SendEmail = s.SendEmail,
        };
    }

    /// <summary>Reads the posted fields (check boxes repeat one name per ticked value).</summary>
    public static ScheduleForm Read(IFormCollection form)
    {
        string Text(string name) => form[Prefix + name].ToString();
        bool Ticked(string name) => form[Prefix + name].Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) || v == "on");
        return new ScheduleForm
        {
            Version = Text(nameof(Version)),
            Enabled = Ticked(nameof(Enabled)),
            LocalTime = Text(nameof(LocalTime)),
            DayMode = Text(nameof(DayMode)) is { Length: > 0 } mode ? mode : "workdays",
            Days = form[Prefix + nameof(Days)].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(),
            WeeklyDay = Text(nameof(WeeklyDay)),
            Roles = form[Prefix + nameof(Roles)].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList(),
            ExtraAddresses = Text(nameof(ExtraAddresses)),
            SendEmail = Ticked(nameof(SendEmail)),
            SlackWebhookUrl = Text(nameof(SlackWebhookUrl)),
            RemoveSlack = Ticked(nameof(RemoveSlack)),
            TeamsWebhookUrl = Text(nameof(TeamsWebhookUrl)),
            RemoveTeams = Ticked(nameof(RemoveTeams)),
        };
    }

    public bool HasDay(DayOfWeek day) => Days.Contains(day.ToString(), StringComparer.OrdinalIgnoreCase);

    public bool HasRole(ProjectRole role) => Roles.Contains(role.ToString(), StringComparer.OrdinalIgnoreCase);

    public (ScheduleRequest? Request, FieldErrors Errors) ToRequest()
    {
        var errors = new FieldErrors();
        int? version = null;
        if (!string.IsNullOrWhiteSpace(Version))
        {
            if (int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                version = v;
            }
            else
            {
                errors.Add("version", "version is not a whole number.");
            }
        }

        var days = new List<DayOfWeek>();
        switch (DayMode)
        {
            case "workdays":
                days.AddRange(Workdays);
                break;
            case "weekly":
                if (Enum.TryParse<DayOfWeek>(WeeklyDay, true, out var weekly) && Enum.IsDefined(weekly))
                {
                    days.Add(weekly);
                }
                else
                {
                    errors.Add("days", $"'{WeeklyDay}' is not a day of the week.");
                }

                break;
            case "days":
                foreach (var text in Days)
                {
                    if (Enum.TryParse<DayOfWeek>(text, true, out var day) && Enum.IsDefined(day) && !int.TryParse(text, out _))
                    {
                        days.Add(day);
                    }
                    else
                    {
                        errors.Add("days", $"'{text}' is not a day of the week.");
                    }
                }

                break;
            default:
                errors.Add("days", "Choose Monday to Friday, chosen weekdays or one day a week.");
                break;
        }

        var roles = new List<ProjectRole>();
        foreach (var text in Roles)
        {
            if (Enum.TryParse<ProjectRole>(text, true, out var role) && Enum.IsDefined(role) && !int.TryParse(text, out _))
            {
                roles.Add(role);
            }
            else
            {
                errors.Add("recipientRoles", $"'{text}' is not a role.");
            }
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        var extra = ExtraAddresses.Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        // Empty keeps the stored URL (the page never shows it back); "remove" sends "" which drops it.
        var slack = RemoveSlack ? "" : string.IsNullOrWhiteSpace(SlackWebhookUrl) ? null : SlackWebhookUrl.Trim();
        var teams = RemoveTeams ? "" : string.IsNullOrWhiteSpace(TeamsWebhookUrl) ? null : TeamsWebhookUrl.Trim();
        return (new ScheduleRequest(Enabled, LocalTime, days.Distinct().ToList(), roles.Distinct().ToList(), extra, SendEmail, slack, teams, version), errors);
    }
}
