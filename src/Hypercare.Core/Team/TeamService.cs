using System.Globalization;
using Hypercare.Core.Audit;
using Hypercare.Core.Data;
using Hypercare.Core.Exit;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

/// <summary>
/// The project's rota kept in the database (issue 12, docs/rota.md): generated from the plan and the team by the pure
/// <see cref="RotaGenerator"/>, changed by hand and by swaps (each checked against the same rules), and read as "who is on
/// duty" by the SLA escalations and auto-assign. TeamService.Generate.cs generates; TeamService.Writes.cs changes.
/// </summary>
public sealed partial class TeamService(HypercareDbContext db, AuditActor actor, TimeProvider time)
{
    /// <summary>The most local days one read of the rota covers.</summary>
    public const int MaxRangeDays = 92;

    private static readonly Failure NotSeen = Failure.Forbidden("Your role does not see the rota.");

    /// <summary>The rota for local days <paramref name="from"/> to <paramref name="to"/> (default: this week), with hours per person.</summary>
    public async Task<Outcome<RotaView>> RotaAsync(ProjectAccess access, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        var today = LocalDays.Today(time.GetUtcNow(), project.TimeZoneId);
        var first = from ?? LocalDays.WeekStart(today);
        var last = to ?? first.AddDays(6);
        var errors = new FieldErrors();
        if (last < first)
        {
            errors.Add("to", $"to ({D(last)}) is before from ({D(first)}).");
        }
        else if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
        {
            errors.Add("to", $"A rota read covers at most {MaxRangeDays} days (asked for {last.DayNumber - first.DayNumber + 1}).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var shifts = await ShiftsAsync(project, LocalDays.StartOf(first, project.TimeZoneId), LocalDays.StartOf(last.AddDays(1), project.TimeZoneId), cancellationToken);
        var everyone = access.Can(Permission.ManageRota);
        var hours = shifts.Where(s => s.Person is not null && (everyone || s.Person.Id == access.Caller.UserId))
            .GroupBy(s => (s.Person!.Id, s.Role))
            .Select(g => new PersonHours(g.First().Person!, g.Key.Role, Math.Round(g.Sum(s => s.Hours), 2), g.Count(), g.Count(s => s.IsAfterHours)))
            .OrderBy(h => h.Person.DisplayName, StringComparer.Ordinal).ThenBy(h => h.Person.Id)
            .ToList();
        return new RotaView(first, last, project.TimeZoneId, shifts, shifts.Count(s => s.Person is null), hours);
    }

    /// <summary>Who is on duty at <paramref name="at"/> (default now): the people on a shift, the gaps, the roles no shift covers.</summary>
    public async Task<Outcome<OnDutyResponse>> OnDutyAsync(ProjectAccess access, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        return await OnDutyAtAsync(db, access.ProjectId, at ?? time.GetUtcNow(), cancellationToken);
    }

    /// <summary>The held shifts that overlap <paramref name="from"/> to <paramref name="to"/> (instants), in time order: who is on duty then.</summary>
    public async Task<Outcome<IReadOnlyList<ShiftResponse>>> DutyBetweenAsync(ProjectAccess access, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        if (to <= from)
        {
            return Failure.Invalid("to", $"to ({to:O}) must be after from ({from:O}).");
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        return (await ShiftsAsync(project, from, to, cancellationToken)).Where(s => s.Person is not null).ToList();
    }

    /// <summary>
    /// Who is on duty at an instant, for the escalations and the API. Roles count as rostered when the rota has shifts of
    /// them within two weeks either side; a project without shifts there has no rota (and the escalations go by role).
    /// </summary>
    internal static async Task<OnDutyResponse> OnDutyAtAsync(HypercareDbContext db, int projectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var around = TimeSpan.FromDays(RotaInput.HistoryDays);
        var (earliest, latest) = (at - around, at + around);
        var rostered = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == projectId && s.Start > earliest && s.Start < latest)
            .Select(s => s.Role).Distinct().ToListAsync(cancellationToken);
        if (rostered.Count == 0)
        {
            return new OnDutyResponse(at, false, [], [], []);
        }

        var covering = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == projectId && s.Start <= at && s.End > at)
            .Select(s => new { s.Id, s.UserId, s.Role, s.Start, s.End, s.GapReason, Name = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var people = covering.Where(s => s.UserId is not null).OrderBy(s => RoleOrder(s.Role)).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new OnDutyPerson(new PersonRef(s.UserId!.Value, s.Name ?? ""), s.Role, s.Id, s.Start, s.End)).ToList();
        var gaps = covering.Where(s => s.UserId is null).OrderBy(s => RoleOrder(s.Role)).ThenBy(s => s.Id)
            .Select(s => new OnDutyGap(s.Role, s.Id, s.Start, s.End, s.GapReason)).ToList();
        var uncovered = rostered.Where(r => !covering.Any(s => s.Role == r)).OrderBy(RoleOrder).ToList();
        return new OnDutyResponse(at, true, people, gaps, uncovered);
    }

    private async Task<List<ShiftResponse>> ShiftsAsync(Project project, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var rows = await db.TeamShifts.AsNoTracking().Where(s => s.ProjectId == project.Id && s.Start < to && s.End > from)
            .Select(s => new { Shift = s, Name = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Shift.Start).ThenBy(r => RoleOrder(r.Shift.Role)).ThenBy(r => r.Shift.Id).Select(r => ToResponse(r.Shift, r.Name, zone))];
    }

    internal static ShiftResponse ToResponse(TeamShift s, string? name, TimeZoneInfo zone)
    {
        var start = TimeZoneInfo.ConvertTime(s.Start, zone);
        var end = TimeZoneInfo.ConvertTime(s.End, zone);
        return new ShiftResponse(s.Id, s.UserId is { } id ? new PersonRef(id, name ?? "") : null, s.Role, s.Start, s.End, DateOnly.FromDateTime(start.DateTime),
            start.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), end.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
            Math.Round(s.Hours, 2), s.Source, s.Phase, s.GapReason, s.IsAfterHours, s.IsWeekend, s.IsNight, s.Version);
    }

    private static int RoleOrder(ProjectRole role)
    {
        for (var i = 0; i < RotaRules.RosteredRoles.Count; i++)
        {
            if (RotaRules.RosteredRoles[i] == role)
            {
                return i;
            }
        }

        return RotaRules.RosteredRoles.Count;
    }

    private Task<Project> ProjectAsync(int projectId, CancellationToken cancellationToken) =>
        db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId, cancellationToken);

    private async Task<RotaRules> RulesAsync(int projectId, CancellationToken cancellationToken) =>
        (await db.RotaSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken))?.ToRules() ?? RotaRules.Default;

    /// <summary>The project's rostered team: active members who are leads, triage or steady-state support.</summary>
    private async Task<List<(int UserId, string Name, ProjectRole Role)>> TeamAsync(int projectId, CancellationToken cancellationToken)
    {
        var roles = RotaRules.RosteredRoles.ToArray();
        var rows = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && roles.Contains(m.Role) && m.User!.IsActive)
            .Select(m => new { m.UserId, m.User!.DisplayName, m.Role }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.UserId).Select(r => (r.UserId, r.DisplayName, r.Role))];
    }

    /// <summary>The team as the generator takes it: each person with their availability (none: any time) and time off.</summary>
    private async Task<List<RotaPerson>> PeopleAsync(int projectId, IEnumerable<(int UserId, string Name, ProjectRole Role)> team, CancellationToken cancellationToken)
    {
        var windows = (await db.RotaAvailability.AsNoTracking().Where(a => a.ProjectId == projectId).ToListAsync(cancellationToken)).ToLookup(a => a.UserId);
        var off = (await db.RotaTimeOff.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync(cancellationToken)).ToLookup(t => t.UserId);
        return [.. team.Select(t => new RotaPerson(t.UserId, Name(t.Name), t.Role,
            windows[t.UserId].Any() ? [.. windows[t.UserId].OrderBy(w => w.Day).ThenBy(w => w.Start).Select(w => w.ToWindow())] : null,
            [.. off[t.UserId].OrderBy(o => o.From).Select(o => new TimeOffPeriod(o.From, o.To))]))];
    }

    private static string Name(string name)
    {
        var trimmed = name.Trim();
        return trimmed.Length == 0 ? "?" : trimmed.Length > RotaPerson.DisplayNameMaxLength ? trimmed[..RotaPerson.DisplayNameMaxLength] : trimmed;
    }

    private static readonly Failure ClosedRefusal =
        Failure.Conflict("The project is closed (steady state): its rota is kept as it ended. Reopen the project to change it.");

    private static bool IsClosed(Project project) => project.Stage == ProjectStage.Closed;

    /// <summary>Shift rows are not audited one by one (a generation writes hundreds): each change records one row here.</summary>
    private void Audit(int projectId, string entityId, AuditAction action, params FieldChange[] changes)
    {
        var caller = actor.Current;
        db.AuditEntries.Add(AuditEntry.Record(projectId, "Project", I(projectId), nameof(TeamShift), entityId, action,
            caller.UserId == 0 ? null : caller.UserId, caller.DisplayName, time.GetUtcNow(), changes));
    }

    internal static string D(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
