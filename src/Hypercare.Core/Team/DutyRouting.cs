using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>
/// Who of a role hears of an alert now (issue 12): the people of the role on duty, from the rota. When the rota has a gap
/// for the role, or no shift of the role covers now, it falls back to every holder of the role and says so in the
/// message, so nothing goes unheard and the gap is seen. A role the rota does not roster (or a project without a rota)
/// goes by role, as before.
/// </summary>
public static class DutyRouting
{
    /// <summary><c>OnDuty</c> null: every holder of the role; <c>Gap</c>: the sentence that states the gap, if any.</summary>
    public static (IReadOnlyList<int>? OnDuty, string? Gap) For(OnDutyResponse duty, ProjectRole role)
    {
        ArgumentNullException.ThrowIfNull(duty);
        if (!duty.HasRota)
        {
            return (null, null);
        }

        var people = duty.People.Where(p => p.Role == role).Select(p => p.Person.Id).Distinct().ToList();
        if (people.Count > 0)
        {
            return (people, null);
        }

        if (duty.Gaps.FirstOrDefault(g => g.Role == role) is { } gap)
        {
            return (null, $"The rota has a gap: nobody holds the {Label(role)} shift now{(string.IsNullOrWhiteSpace(gap.Reason) ? "" : $" ({gap.Reason.TrimEnd('.')})")}, so every {Label(role)} member is told.");
        }

        return duty.Uncovered.Contains(role)
            ? (null, $"No {Label(role)} shift covers now, so every {Label(role)} member is told.")
            : (null, null);
    }

    public static string Label(ProjectRole role) => role switch
    {
        ProjectRole.HypercareLead => "hypercare lead",
        ProjectRole.Triage => "triage",
        ProjectRole.SteadyStateSupport => "steady-state support",
        ProjectRole.ChangeManager => "change manager",
        ProjectRole.Sponsor => "sponsor",
        _ => "reporter",
    };
}
