using System.Globalization;
using System.Text;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Standups;

/// <summary>The agenda as Markdown (CLI, page, e-mail) and the cadence in words.</summary>
public static class StandupText
{
    public static string Cadence(StandupSeriesSpec s) => s.Cadence switch
    {
        StandupCadence.Daily => "daily",
        StandupCadence.Weekdays => "every weekday",
        _ => "every " + string.Join(" and ", s.Days.Select(d => CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(d))),
    };

    public static string Markdown(StandupAgenda a)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(a.TimeZoneId);
        string Local(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Standup agenda: {a.ProjectName}\n\n");
        md.Append(a.Next is { } next
            ? $"Next standup: {Local(next.Start)} ({next.PhaseName}). "
            : "No standup is scheduled ahead. ");
        md.Append(CultureInfo.InvariantCulture, $"Since {Local(a.Since)} ({a.TimeZoneId}).\n\n");

        Section(md, "New Sev1 and Sev2", a.NewSevere.Select(i =>
            $"#{i.Id} {i.Severity} {i.Title} ({Status(i.Status)}{(i.Assigned ? "" : ", unassigned")})"), "none");
        Section(md, "SLA breaches", a.Breached.Select(r => $"#{r.IssueId} {r.Severity} {r.Title}: {r.Clock} was due {Local(r.DueAt)}"), "none");
        Section(md, "SLA at risk", a.AtRisk.Select(r => $"#{r.IssueId} {r.Severity} {r.Title}: {r.Clock} due {Local(r.DueAt)}"), "none");
        md.Append(CultureInfo.InvariantCulture, $"## Triage\n\n{a.Untriaged} untriaged");
        md.Append(a.OldestUntriagedAt is { } oldest ? $", the oldest since {Local(oldest)}.\n\n" : ".\n\n");
        Section(md, "Known issues new or changed", a.KnownIssues.Select(k =>
            $"KI-{k.Id} {k.Title} ({(k.IsNew ? "new, " : "")}{Status(k.Status)}{(k.WorkaroundPublished ? ", workaround published" : "")})"), "none");
        md.Append("## Next patch\n\n");
        if (a.NextPatch is { } p)
        {
            md.Append(CultureInfo.InvariantCulture, $"{p.Name}, planned {Local(p.PlannedFor)}: ");
            md.Append(p.Riding.Count == 0 ? "nothing rides it yet.\n\n" : $"{p.Riding.Count} fix(es).\n\n" + string.Concat(p.Riding.Select(r => $"- {r}\n")) + "\n");
        }
        else
        {
            md.Append("No patch planned.\n\n");
        }

        Section(md, "Adoption flags", a.AdoptionFlags, "none open");
        md.Append("## Exit criteria\n\n");
        if (a.Exit is { } e)
        {
            md.Append(CultureInfo.InvariantCulture, $"{e.RulesMet} of {e.Rules} rules hold");
            md.Append(e.PlannedEnd is { } end ? $"; planned end {end:yyyy-MM-dd}" : "");
            md.Append(CultureInfo.InvariantCulture, $". Forecast: {e.Forecast}\n\n");
            md.Append(string.Concat(e.Unmet.Select(u => $"- {u}\n")));
            md.Append(e.Unmet.Count > 0 ? "\n" : "");
        }
        else
        {
            md.Append("Not evaluated.\n\n");
        }

        Section(md, "Burnout flags", a.BurnoutFlags, "none");
        Section(md, "On duty, next 24 hours", a.OnDuty.Select(d =>
            $"{d.LocalStart}–{d.LocalEnd} {Role(d.Role)}: {d.Person ?? $"GAP ({d.Gap})"}"), "no shifts (no rota)");
        Section(md, "Open action items", a.OpenActions.Select(i =>
            $"{i.Text} ({i.Owner.DisplayName}, due {i.DueOn:yyyy-MM-dd}{(i.Overdue ? ", OVERDUE" : "")}; from {i.RaisedOn:yyyy-MM-dd})"), "none");
        return md.ToString();
    }

    private static void Section(StringBuilder md, string title, IEnumerable<string> lines, string empty)
    {
        md.Append(CultureInfo.InvariantCulture, $"## {title}\n\n");
        var any = false;
        foreach (var line in lines)
        {
            md.Append(CultureInfo.InvariantCulture, $"- {line}\n");
            any = true;
        }

        md.Append(any ? "\n" : $"{char.ToUpperInvariant(empty[0])}{empty[1..]}.\n\n");
    }

    private static string Status<T>(T status) where T : struct, Enum
    {
        var name = status.ToString();
        var words = new StringBuilder();
        foreach (var c in name)
        {
            words.Append(char.IsUpper(c) && words.Length > 0 ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString());
        }

        return words.ToString();
    }

    private static string Role(Projects.ProjectRole role) => Team.DutyRouting.Label(role);
}
