using Hypercare.Core.Issues;
using Hypercare.Core.Projects;

namespace Hypercare.Core.Sla;

/// <summary>
/// Who hears of an alert: at a warning the assignee and the triage team; at a breach also the hypercare leads; a Sev1
/// breach also the sponsors; an issue left untriaged, the triage team (and the leads, so it never goes unheard).
/// </summary>
public static class Escalation
{
    public static bool NotifiesAssignee(AlertKind kind) => kind != AlertKind.Untriaged;

    public static IReadOnlySet<ProjectRole> Roles(AlertKind kind, int threshold, Severity severity)
    {
        var roles = new HashSet<ProjectRole> { ProjectRole.Triage };
        var breach = kind is AlertKind.ResponseBreach or AlertKind.ResolutionBreach or AlertKind.UpdateBreach || threshold >= 100;
        if (breach || kind == AlertKind.Untriaged)
        {
            roles.Add(ProjectRole.HypercareLead);
        }

        if (breach && severity == Severity.Sev1 && kind != AlertKind.Untriaged)
        {
            roles.Add(ProjectRole.Sponsor);
        }

        return roles;
    }

    public static AlertKind KindOf(ClockKind clock, bool breach) => (clock, breach) switch
    {
        (ClockKind.Response, false) => AlertKind.ResponseWarning,
        (ClockKind.Response, true) => AlertKind.ResponseBreach,
        (ClockKind.Resolution, false) => AlertKind.ResolutionWarning,
        (ClockKind.Resolution, true) => AlertKind.ResolutionBreach,
        (ClockKind.Update, false) => AlertKind.UpdateWarning,
        _ => AlertKind.UpdateBreach,
    };

    public static string Describe(AlertKind kind, int threshold) => kind switch
    {
        AlertKind.Untriaged => $"untriaged for {threshold} minutes",
        AlertKind.ResponseBreach => "first-response target breached",
        AlertKind.ResolutionBreach => "resolution target breached",
        AlertKind.UpdateBreach => "reporter-update target breached",
        AlertKind.ResponseWarning => $"{threshold}% of the first-response target used",
        AlertKind.ResolutionWarning => $"{threshold}% of the resolution target used",
        _ => $"{threshold}% of the reporter-update target used",
    };
}
