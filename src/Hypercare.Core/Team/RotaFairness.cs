using Hypercare.Core.Projects;

namespace Hypercare.Core.Team;

/// <summary>
/// The fairness score of a stretch of the rota as it stands (after swaps, shifts by hand and time off), the same formula
/// as the generator's quality score and Grafana OnCall's schedule quality report: 100 × (coverage + balance) / 2, with
/// coverage = held place-hours / all place-hours and balance per role = the mean over every pair of the role's rostered
/// people of min(hours) / max(hours), weighted by the role's place-hours. Unlike the generator, every rostered person of
/// a role counts as eligible (the rota as read does not know availability), so someone on leave all week lowers balance.
/// </summary>
public static class RotaFairness
{
    public static RotaScore Score(IReadOnlyList<ShiftResponse> shifts, IReadOnlyList<(int UserId, ProjectRole Role)> team)
    {
        ArgumentNullException.ThrowIfNull(shifts);
        ArgumentNullException.ThrowIfNull(team);
        var required = shifts.Sum(s => s.Hours);
        var gaps = shifts.Where(s => s.Person is null).Sum(s => s.Hours);
        var coverage = required > 0 ? (required - gaps) / required : 1;
        double weighted = 0, weights = 0;
        foreach (var role in RotaRules.RosteredRoles)
        {
            var weight = shifts.Where(s => s.Role == role).Sum(s => s.Hours);
            if (weight <= 0)
            {
                continue;
            }

            var hours = team.Where(t => t.Role == role)
                .Select(t => shifts.Where(s => s.Role == role && s.Person?.Id == t.UserId).Sum(s => s.Hours)).ToList();
            weighted += RotaSchedule.Balance(hours) * weight;
            weights += weight;
        }

        var balance = weights > 0 ? weighted / weights : 1;
        var score = coverage > 0 ? Math.Round(100 * (coverage + balance) / 2, 1) : 0;
        return new RotaScore(score, Math.Round(coverage, 4), Math.Round(balance, 4), Math.Round(required, 2), Math.Round(gaps, 2));
    }
}
