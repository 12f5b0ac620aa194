using System.Globalization;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

public sealed class SlaPlanService(HypercareDbContext db)
{
    public const string FallbackPhaseName = "Default";

    /// <summary>The project's plan as the clocks need it. Without phases the seed practice's defaults apply on office hours.</summary>
    public async Task<SlaPlan> PlanAsync(int projectId, CancellationToken cancellationToken = default)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new { p.TimeZoneId, p.Holidays }).SingleAsync(cancellationToken);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == projectId).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        return Build(project.TimeZoneId, project.Holidays, phases);
    }

    public static SlaPlan Build(string timeZoneId, IEnumerable<DateOnly> holidays, IReadOnlyList<PlanPhase> phases)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var holidayList = holidays.ToList();
        var rules = phases.Select(p => new PhaseRules(p.Name, p.StartDate, p.EndDate,
            BusinessCalendar.Weekly(zone, p.SupportHours, holidayList), p.Targets)).ToList();
        var fallback = new PhaseRules(FallbackPhaseName, DateOnly.MinValue, DateOnly.MaxValue,
            BusinessCalendar.Weekly(zone, PlanPhase.Weekdays(new TimeOnly(8, 0), new TimeOnly(18, 0)), holidayList), SlaTarget.Defaults);
        return new SlaPlan(zone, rules, fallback);
    }

    public async Task<IReadOnlyList<PhaseResponse>> PhasesAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        var (zone, holidays) = await ZoneAsync(access.ProjectId, cancellationToken);
        var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == access.ProjectId).OrderBy(p => p.StartDate).ToListAsync(cancellationToken);
        return phases.Select(p => p.ToResponse(zone, holidays)).ToList();
    }

    public async Task<Outcome<PhaseResponse>> CreateAsync(ProjectAccess access, PhaseRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Your role may not change the hypercare plan.");
        }

        var (zone, holidays) = await ZoneAsync(access.ProjectId, cancellationToken);
        var parsed = await ValidateAsync(access.ProjectId, null, request, cancellationToken);
        if (!parsed.Succeeded)
        {
            return parsed.Failure!;
        }

        var v = parsed.Value!;
        var phase = PlanPhase.Create(access.ProjectId, v.Name, v.Start, v.End, v.Hours, v.Targets, v.TriageTimes, v.Cadence);
        db.PlanPhases.Add(phase);
        await db.SaveChangesAsync(cancellationToken);
        return phase.ToResponse(zone, holidays);
    }

    public async Task<Outcome<PhaseResponse>> UpdateAsync(ProjectAccess access, int phaseId, PhaseRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Your role may not change the hypercare plan.");
        }

        var phase = await db.PlanPhases.SingleOrDefaultAsync(p => p.Id == phaseId && p.ProjectId == access.ProjectId, cancellationToken);
        if (phase is null)
        {
            return Failure.NotFound("Phase");
        }

        if (request.Version is null)
        {
            return Failure.Invalid("version", "version is required: send the version you last read.");
        }

        // Absent parts keep their current values, then the whole phase is validated as one.
        var merged = new PhaseRequest(
            request.Name ?? phase.Name,
            request.StartDate ?? phase.StartDate,
            request.EndDate ?? phase.EndDate,
            request.SupportHours ?? phase.SupportHours.Select(ToDto).ToList(),
            request.Targets ?? phase.Targets.Select(ToDto).ToList(),
            request.TriageTimes ?? phase.TriageTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)).ToList(),
            request.StandupCadence ?? phase.StandupCadence);
        var parsed = await ValidateAsync(access.ProjectId, phaseId, merged, cancellationToken);
        if (!parsed.Succeeded)
        {
            return parsed.Failure!;
        }

        var (zone, holidays) = await ZoneAsync(access.ProjectId, cancellationToken);
        if (request.Version != phase.Version)
        {
            return Failure.Stale("phase", phase.ToResponse(zone, holidays));
        }

        var v = parsed.Value!;
        db.Entry(phase).Property(p => p.Version).OriginalValue = request.Version.Value;
        phase.Set(v.Name, v.Start, v.End, v.Hours, v.Targets, v.TriageTimes, v.Cadence);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var stored = await db.PlanPhases.AsNoTracking().SingleOrDefaultAsync(p => p.Id == phaseId, cancellationToken);
            return stored is null ? Failure.NotFound("Phase") : Failure.Stale("phase", stored.ToResponse(zone, holidays));
        }

        return phase.ToResponse(zone, holidays);
    }

    public async Task<Outcome<bool>> DeleteAsync(ProjectAccess access, int phaseId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.EditProject))
        {
            return Failure.Forbidden("Your role may not change the hypercare plan.");
        }

        var phase = await db.PlanPhases.SingleOrDefaultAsync(p => p.Id == phaseId && p.ProjectId == access.ProjectId, cancellationToken);
        if (phase is null)
        {
            return Failure.NotFound("Phase");
        }

        db.PlanPhases.Remove(phase);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private sealed record ValidPhase(string Name, DateOnly Start, DateOnly End, List<SupportWindow> Hours, List<SlaTarget> Targets, List<TimeOnly> TriageTimes, StandupCadence Cadence);

    private async Task<Outcome<ValidPhase>> ValidateAsync(int projectId, int? phaseId, PhaseRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.Required("name", request.Name, PlanPhase.NameMaxLength);
        if (request.StartDate is null)
        {
            errors.Add("startDate", "startDate is required (YYYY-MM-DD).");
        }

        if (request.EndDate is null)
        {
            errors.Add("endDate", "endDate is required (YYYY-MM-DD).");
        }

        if (request.StartDate is { } s && request.EndDate is { } e && e < s)
        {
            errors.Add("endDate", $"The phase ends ({e:yyyy-MM-dd}) before it starts ({s:yyyy-MM-dd}).");
        }

        var hours = new List<SupportWindow>();
        if (request.SupportHours is null || request.SupportHours.Count == 0)
        {
            errors.Add("supportHours", "supportHours needs at least one weekly window, e.g. { \"day\": \"monday\", \"start\": \"08:00\", \"end\": \"18:00\" }.");
        }
        else
        {
            for (var i = 0; i < request.SupportHours.Count; i++)
            {
                var w = request.SupportHours[i];
                var field = $"supportHours[{i}]";
                var start = ParseTime(errors, $"{field}.start", w.Start);
                var end = ParseTime(errors, $"{field}.end", w.End, allowMidnightEnd: true);
                if (w.Day is null)
                {
                    errors.Add($"{field}.day", "day is required (monday … sunday).");
                }

                if (w.Day is { } day && start is { } st && end is { } en)
                {
                    hours.Add(new SupportWindow(day, st, en));
                }
            }

            foreach (var message in CalendarValidation.WindowErrors(hours))
            {
                errors.Add("supportHours", message);
            }
        }

        var targets = new List<SlaTarget>();
        for (var i = 0; i < (request.Targets?.Count ?? 0); i++)
        {
            var t = request.Targets![i];
            var field = $"targets[{i}]";
            if (t.Severity is null || t.Kind is null || t.Unit is null || t.Clock is null)
            {
                errors.Add(field, "Each target needs severity, kind (response, resolution, update), amount, unit (minutes, hours, days) and clock (wall, support).");
                continue;
            }

            if (t.Amount is not > 0)
            {
                errors.Add($"{field}.amount", $"A {t.Severity} {t.Kind} target must be greater than zero (got {t.Amount?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}).");
                continue;
            }

            if (targets.Any(x => x.Severity == t.Severity && x.Kind == t.Kind))
            {
                errors.Add(field, $"There is already a {t.Severity} {t.Kind} target in this phase.");
                continue;
            }

            targets.Add(new SlaTarget(t.Severity.Value, t.Kind.Value, t.Amount.Value, t.Unit.Value, t.Clock.Value));
        }

        var triageTimes = new List<TimeOnly>();
        for (var i = 0; i < (request.TriageTimes?.Count ?? 0); i++)
        {
            if (ParseTime(errors, $"triageTimes[{i}]", request.TriageTimes![i]) is { } time)
            {
                triageTimes.Add(time);
            }
        }

        if (request.StartDate is { } from && request.EndDate is { } to && to >= from)
        {
            var overlapping = await db.PlanPhases.AsNoTracking()
                .Where(p => p.ProjectId == projectId && p.Id != (phaseId ?? 0) && p.StartDate <= to && p.EndDate >= from)
                .Select(p => new { p.Name, p.StartDate, p.EndDate })
                .FirstOrDefaultAsync(cancellationToken);
            if (overlapping is not null)
            {
                errors.Add("startDate", $"The phase overlaps '{overlapping.Name}' ({overlapping.StartDate:yyyy-MM-dd} to {overlapping.EndDate:yyyy-MM-dd}).");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        return new ValidPhase(name!, request.StartDate!.Value, request.EndDate!.Value, hours, targets, [.. triageTimes.Distinct().Order()],
            request.StandupCadence ?? StandupCadence.Daily);
    }

    private static TimeOnly? ParseTime(FieldErrors errors, string field, string? text, bool allowMidnightEnd = false)
    {
        if (allowMidnightEnd && text == "24:00")
        {
            return TimeOnly.MinValue;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(field, $"'{text}' is not a time of day as HH:mm.");
        return null;
    }

    private async Task<(TimeZoneInfo Zone, List<DateOnly> Holidays)> ZoneAsync(int projectId, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new { p.TimeZoneId, p.Holidays }).SingleAsync(cancellationToken);
        return (TimeZoneInfo.FindSystemTimeZoneById(project.TimeZoneId), project.Holidays);
    }

    internal static SupportWindowDto ToDto(SupportWindow w) =>
        new(w.Day, w.Start.ToString("HH:mm", CultureInfo.InvariantCulture), w.End == TimeOnly.MinValue ? "24:00" : w.End.ToString("HH:mm", CultureInfo.InvariantCulture));

    internal static SlaTargetDto ToDto(SlaTarget t) => new(t.Severity, t.Kind, t.Amount, t.Unit, t.Clock);
}

public static class PlanMappings
{
    public static PhaseResponse ToResponse(this PlanPhase p, TimeZoneInfo zone, IEnumerable<DateOnly> holidays) => new(
        p.Id, p.Name, p.StartDate, p.EndDate,
        p.SupportHours.Select(SlaPlanService.ToDto).ToList(),
        p.Targets.Select(SlaPlanService.ToDto).ToList(),
        p.TriageTimes.Select(t => t.ToString("HH:mm", CultureInfo.InvariantCulture)).ToList(),
        p.StandupCadence,
        p.SupportHours.Count == 0 ? 0 : BusinessCalendar.Weekly(zone, p.SupportHours, holidays).SupportDayLength.TotalHours,
        p.Version);
}
