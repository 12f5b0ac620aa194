using System.Globalization;
using Hypercare.Core.Audit;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

public sealed partial class TeamService
{
    /// <summary>Time off, shifts by hand and generation ranges lie within this many days of today.</summary>
    public const int HorizonDays = 366;

    public async Task<Outcome<RotaSettingsResponse>> SettingsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        return await SettingsResponseAsync(access.ProjectId, cancellationToken);
    }

    /// <summary>Changes the rota rules (fields left out keep their value); every rule is checked as the generator checks it.</summary>
    public async Task<Outcome<RotaSettingsResponse>> UpdateSettingsAsync(ProjectAccess access, RotaSettingsRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead changes the rota rules.") : NotSeen;
        }

        var row = await db.RotaSettings.SingleOrDefaultAsync(s => s.ProjectId == access.ProjectId, cancellationToken);
        var current = row?.ToRules() ?? RotaRules.Default;
        var errors = new FieldErrors();
        if (request.Version is null)
        {
            errors.Add("version", "version is required: send the version you last read (0 while the project uses the default rules).");
        }

        var staff = request.StaffPerShift;
        var rules = current with
        {
            MaxConsecutiveDays = request.MaxConsecutiveDays ?? current.MaxConsecutiveDays,
            MaxHoursPerWeek = request.MaxHoursPerWeek ?? current.MaxHoursPerWeek,
            MinRestHours = request.MinRestHours ?? current.MinRestHours,
            MaxAfterHoursShiftsPerWeek = request.MaxAfterHoursShiftsPerWeek ?? current.MaxAfterHoursShiftsPerWeek,
            OfficeHoursStart = Time(errors, "officeHoursStart", request.OfficeHoursStart, false) ?? current.OfficeHoursStart,
            OfficeHoursEnd = Time(errors, "officeHoursEnd", request.OfficeHoursEnd, true) ?? current.OfficeHoursEnd,
            NightStart = Time(errors, "nightStart", request.NightStart, false) ?? current.NightStart,
            NightEnd = Time(errors, "nightEnd", request.NightEnd, false) ?? current.NightEnd,
            TimeOffInLieuDays = request.TimeOffInLieuDays ?? current.TimeOffInLieuDays,
            ShiftLengthHours = request.ShiftLengthHours ?? current.ShiftLengthHours,
            StaffPerShift = new RotaStaffing(staff?.HypercareLead ?? current.StaffPerShift.HypercareLead, staff?.Triage ?? current.StaffPerShift.Triage,
                staff?.SteadyStateSupport ?? current.StaffPerShift.SteadyStateSupport),
            BurnoutAfterHoursPerWeek = request.BurnoutAfterHoursPerWeek ?? current.BurnoutAfterHoursPerWeek,
            BurnoutSev1Share = request.BurnoutSev1Share ?? current.BurnoutSev1Share,
            BurnoutSev1MinIssues = request.BurnoutSev1MinIssues ?? current.BurnoutSev1MinIssues,
            BurnoutBusFactorMinIssues = request.BurnoutBusFactorMinIssues ?? current.BurnoutBusFactorMinIssues,
        };
        rules.Validate(errors);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        if (request.Version != (row?.Version ?? 0))
        {
            return Failure.Stale("rota rules", await SettingsResponseAsync(access.ProjectId, cancellationToken));
        }

        if (row is null)
        {
            db.RotaSettings.Add(Team.RotaSettings.Create(access.ProjectId, rules));
        }
        else
        {
            db.Entry(row).Property(s => s.Version).OriginalValue = request.Version!.Value;
            row.Apply(rules);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Failure.Stale("rota rules", await SettingsResponseAsync(access.ProjectId, cancellationToken));
        }

        return await SettingsResponseAsync(access.ProjectId, cancellationToken);
    }

    private async Task<RotaSettingsResponse> SettingsResponseAsync(int projectId, CancellationToken cancellationToken)
    {
        var row = await db.RotaSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken);
        var r = row?.ToRules() ?? RotaRules.Default;
        return new RotaSettingsResponse(r.MaxConsecutiveDays, r.MaxHoursPerWeek, r.MinRestHours, r.MaxAfterHoursShiftsPerWeek, Hm(r.OfficeHoursStart),
            r.OfficeHoursEnd == TimeOnly.MinValue ? "24:00" : Hm(r.OfficeHoursEnd), Hm(r.NightStart), Hm(r.NightEnd), r.TimeOffInLieuDays, r.ShiftLengthHours,
            r.StaffPerShift, row is null, row?.Version ?? 0, r.BurnoutAfterHoursPerWeek, r.BurnoutSev1Share, r.BurnoutSev1MinIssues, r.BurnoutBusFactorMinIssues);
    }

    /// <summary>Everyone on the rostered team with their weekly availability (none: any time).</summary>
    public async Task<Outcome<IReadOnlyList<PersonAvailability>>> AvailabilityAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var team = await TeamAsync(access.ProjectId, cancellationToken);
        var windows = (await db.RotaAvailability.AsNoTracking().Where(a => a.ProjectId == access.ProjectId).ToListAsync(cancellationToken)).ToLookup(a => a.UserId);
        return team.Select(t => Availability(t.UserId, t.Name, t.Role, windows[t.UserId])).ToList();
    }

    /// <summary>
    /// Replaces a person's weekly availability (an empty list: any time). Each window must overlap some phase's support
    /// hours on its day, or no shift could ever use it. The person changes their own; the lead anyone's.
    /// </summary>
    public async Task<Outcome<PersonAvailability>> SetAvailabilityAsync(ProjectAccess access, int userId, AvailabilityRequest request, CancellationToken cancellationToken = default)
    {
        if (CanChangeFor(access, userId, "availability") is { } refusal)
        {
            return refusal;
        }

        var errors = new FieldErrors();
        var person = await RosteredAsync(access.ProjectId, userId, "userId", errors, cancellationToken);
        var windows = new List<SupportWindow>();
        var support = (await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == access.ProjectId).Select(p => p.SupportHours).ToListAsync(cancellationToken))
            .SelectMany(h => h).ToLookup(w => w.Day);
        var given = request.Windows ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var field = $"windows[{I(i)}]";
            var w = given[i];
            if (w is null)
            {
                errors.Add(field, "A weekly window { day, start, end } is required here.");
                continue;
            }

            var start = Time(errors, $"{field}.start", w.Start, false, required: true);
            var end = Time(errors, $"{field}.end", w.End, true, required: true);
            if (w.Day is not { } day || !Enum.IsDefined(day))
            {
                errors.Add($"{field}.day", "day is required (monday … sunday).");
                continue;
            }

            if (start is not { } s || end is not { } e)
            {
                continue;
            }

            var window = new SupportWindow(day, s, e);
            if (window.LocalLength <= TimeSpan.Zero)
            {
                errors.Add($"{field}.end", $"The {day} window {Hm(s)}–{Hm(e)} is empty: its end must be after its start (24:00 means midnight).");
            }
            else if (support.Count > 0 && !support[day].Any(p => s.Ticks < ShiftFacts.DayTicks(p.End) && p.Start.Ticks < ShiftFacts.DayTicks(e)))
            {
                errors.Add(field, $"{day} {Hm(s)}–{Hm(e)} lies outside every phase's support hours, so no shift could ever use it.");
            }
            else
            {
                windows.Add(window);
            }
        }

        foreach (var message in CalendarValidation.WindowErrors(windows))
        {
            errors.Add("windows", message);
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var old = await db.RotaAvailability.Where(a => a.ProjectId == access.ProjectId && a.UserId == userId).ToListAsync(cancellationToken);
        db.RotaAvailability.RemoveRange(old);
        var rows = windows.OrderBy(w => w.Day).ThenBy(w => w.Start).Select(w => RotaAvailability.Create(access.ProjectId, userId, w)).ToList();
        db.RotaAvailability.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        return Availability(userId, person!.Value.Name, person.Value.Role, rows);
    }

    public async Task<Outcome<IReadOnlyList<TimeOffResponse>>> TimeOffAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        return await db.RotaTimeOff.AsNoTracking().Where(t => t.ProjectId == access.ProjectId).OrderBy(t => t.From).ThenBy(t => t.Id)
            .Select(t => new TimeOffResponse(t.Id, new PersonRef(t.UserId, db.Users.Where(u => u.Id == t.UserId).Select(u => u.DisplayName).Single()), t.From, t.To, t.Note,
                new List<int>()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Records time off (the person's own, or anyone's for the lead). The person's future shifts on those days become gaps,
    /// named in the answer, for the lead to fill or the next generation to re-roster.
    /// </summary>
    public async Task<Outcome<TimeOffResponse>> AddTimeOffAsync(ProjectAccess access, TimeOffRequest request, CancellationToken cancellationToken = default)
    {
        var userId = request.UserId ?? access.Caller.UserId;
        if (CanChangeFor(access, userId, "time off") is { } refusal)
        {
            return refusal;
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        var errors = new FieldErrors();
        var person = await RosteredAsync(project.Id, userId, "userId", errors, cancellationToken);
        var note = errors.Optional("note", request.Note, RotaTimeOff.NoteMaxLength);
        var today = LocalDays.Today(time.GetUtcNow(), project.TimeZoneId);
        if (request.From is null)
        {
            errors.Add("from", "from is required (yyyy-MM-dd): the first local day off.");
        }

        if (request.To is null)
        {
            errors.Add("to", "to is required (yyyy-MM-dd): the last local day off (inclusive).");
        }

        if (request.From is { } from && request.To is { } to)
        {
            var phases = await db.PlanPhases.AsNoTracking().Where(p => p.ProjectId == project.Id).Select(p => new { p.StartDate, p.EndDate }).ToListAsync(cancellationToken);
            if (to < from)
            {
                errors.Add("to", $"Time off ends ({D(to)}) before it starts ({D(from)}).");
            }
            else if (Math.Abs(from.DayNumber - today.DayNumber) > HorizonDays || Math.Abs(to.DayNumber - today.DayNumber) > HorizonDays)
            {
                errors.Add(Math.Abs(from.DayNumber - today.DayNumber) > HorizonDays ? "from" : "to", $"Time off lies within {HorizonDays} days of today ({D(today)}).");
            }
            else if (phases.Count > 0 && (to < phases.Min(p => p.StartDate) || from > phases.Max(p => p.EndDate)))
            {
                errors.Add("from", $"{D(from)} to {D(to)} lies outside the plan ({D(phases.Min(p => p.StartDate))} to {D(phases.Max(p => p.EndDate))}): there is no rota then.");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var (first, last) = (request.From!.Value, request.To!.Value);
        var row = RotaTimeOff.Create(project.Id, userId, first, last, string.IsNullOrEmpty(note) ? null : note);
        db.RotaTimeOff.Add(row);
        var now = time.GetUtcNow();
        var (offStart, offEnd) = (LocalDays.StartOf(first, project.TimeZoneId), LocalDays.StartOf(last.AddDays(1), project.TimeZoneId));
        var vacated = await db.TeamShifts.Where(s => s.ProjectId == project.Id && s.UserId == userId && s.Start > now && s.Start < offEnd && s.End > offStart)
            .OrderBy(s => s.Start).ToListAsync(cancellationToken);
        foreach (var shift in vacated)
        {
            shift.Vacate($"{person!.Value.Name} is on time off ({D(first)} to {D(last)}).");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var shift in vacated)
        {
            Audit(project.Id, I(shift.Id), AuditAction.Updated, new FieldChange("UserId", I(userId), null), new FieldChange("GapReason", null, shift.GapReason));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TimeOffResponse(row.Id, new PersonRef(userId, person!.Value.Name), row.From, row.To, row.Note, [.. vacated.Select(s => s.Id)]);
    }

    public async Task<Outcome<bool>> DeleteTimeOffAsync(ProjectAccess access, int timeOffId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        var row = await db.RotaTimeOff.SingleOrDefaultAsync(t => t.Id == timeOffId && t.ProjectId == access.ProjectId, cancellationToken);
        if (row is null)
        {
            return Failure.NotFound("Time off");
        }

        if (CanChangeFor(access, row.UserId, "time off") is { } refusal)
        {
            return refusal;
        }

        db.RotaTimeOff.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A shift by hand (the lead): the person's role is the shift's; checked against every rota rule with the person's
    /// other shifts, availability and time off, as a generated one is. One with the instants of a gap of that role fills it.
    /// </summary>
    public async Task<Outcome<ShiftResponse>> AddShiftAsync(ProjectAccess access, ShiftRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead adds shifts by hand.") : NotSeen;
        }

        var project = await ProjectAsync(access.ProjectId, cancellationToken);
        if (IsClosed(project))
        {
            return ClosedRefusal;
        }

        var zone = project.TimeZone;
        var now = time.GetUtcNow();
        var today = LocalDays.Today(now, project.TimeZoneId);
        var errors = new FieldErrors();
        var person = request.UserId is { } uid
            ? await RosteredAsync(project.Id, uid, "userId", errors, cancellationToken)
            : Required(errors, "userId", "userId is required: the member who works the shift.");
        var start = Time(errors, "start", request.Start, false, required: true);
        var end = Time(errors, "end", request.End, true, required: true);
        DateTimeOffset? startAt = null, endAt = null;
        if (request.Date is not { } date)
        {
            errors.Add("date", "date is required (yyyy-MM-dd): the local day the shift starts.");
        }
        else if (Math.Abs(date.DayNumber - today.DayNumber) > HorizonDays)
        {
            errors.Add("date", $"date ({D(date)}) is more than {HorizonDays} days from today ({D(today)}).");
        }
        else if (start is { } s && end is { } e)
        {
            var localStart = date.ToDateTime(s);
            var localEnd = (e != TimeOnly.MinValue && e > s ? date : date.AddDays(1)).ToDateTime(e);
            startAt = WallInstant(errors, "start", localStart, zone, project.TimeZoneId);
            endAt = WallInstant(errors, "end", localEnd, zone, project.TimeZoneId);
            if (startAt is { } a && a <= now)
            {
                errors.Add("start", $"The shift would start in the past ({Local(a, zone)}); the rota keeps what was worked.");
            }
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var (userId, name, role) = person!.Value;
        var rules = await RulesAsync(project.Id, cancellationToken);
        var check = await CheckAsync(project, rules, userId, name, role, startAt!.Value, endAt!.Value, null, cancellationToken);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        if (check.Breach is { } breach)
        {
            return Failure.Invalid(breach.Field, breach.Message);
        }

        var gap = await db.TeamShifts.FirstOrDefaultAsync(g => g.ProjectId == project.Id && g.UserId == null && g.Role == role && g.Start == startAt && g.End == endAt, cancellationToken);
        var shift = gap ?? TeamShift.Manual(project.Id, userId, role, ShiftFacts.Of(startAt.Value, endAt.Value, zone, rules));
        if (gap is null)
        {
            db.TeamShifts.Add(shift);
        }
        else
        {
            gap.Fill(userId);
        }

        await SaveWithAuditAsync(() => Audit(project.Id, I(shift.Id), gap is null ? AuditAction.Created : AuditAction.Updated,
            new FieldChange("UserId", null, I(userId)), new FieldChange("Start", null, shift.Start.ToString("O", CultureInfo.InvariantCulture)),
            new FieldChange("End", null, shift.End.ToString("O", CultureInfo.InvariantCulture)), new FieldChange("Source", null, shift.Source.ToString())), cancellationToken);
        return ToResponse(shift, name, zone);
    }

    /// <summary>Removes a shift that has not started (the lead); its swaps go with it.</summary>
    public async Task<Outcome<bool>> RemoveShiftAsync(ProjectAccess access, int shiftId, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageRota))
        {
            return access.Can(Permission.ViewRota) ? Failure.Forbidden("Only the hypercare lead removes shifts.") : NotSeen;
        }

        var shift = await db.TeamShifts.SingleOrDefaultAsync(s => s.Id == shiftId && s.ProjectId == access.ProjectId, cancellationToken);
        if (shift is null)
        {
            return Failure.NotFound("Shift");
        }

        if (shift.Start <= time.GetUtcNow())
        {
            return Failure.Conflict("The shift has started: the rota keeps what was worked.", "shiftId");
        }

        db.TeamShifts.Remove(shift);
        await SaveWithAuditAsync(() => Audit(access.ProjectId, I(shiftId), AuditAction.Deleted,
            new FieldChange("UserId", shift.UserId is { } u ? I(u) : null, null), new FieldChange("Start", shift.Start.ToString("O", CultureInfo.InvariantCulture), null)),
            cancellationToken);
        return true;
    }

    private async Task SaveWithAuditAsync(Action audit, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        audit();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    internal sealed record Breach(RotaBlock Block, string Field, string Message);

    /// <summary>
    /// Whether <paramref name="userId"/> can also work start–end under the rules, with their other shifts (14 days either
    /// side), availability and time off: the pure generator's own check (<see cref="RotaGenerator.CheckShift"/>).
    /// </summary>
    private async Task<(Breach? Breach, Failure? Failure)> CheckAsync(Project project, RotaRules rules, int userId, string name, ProjectRole role,
        DateTimeOffset start, DateTimeOffset end, int? exceptShiftId, CancellationToken cancellationToken)
    {
        var zone = project.TimeZone;
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime);
        var (from, to) = (date, date.AddDays(RotaInput.HistoryDays));
        var (windowStart, windowEnd) = (LocalDays.StartOf(from.AddDays(-RotaInput.HistoryDays), project.TimeZoneId), LocalDays.StartOf(to.AddDays(1), project.TimeZoneId));
        var others = await db.TeamShifts.AsNoTracking()
            .Where(s => s.ProjectId == project.Id && s.UserId == userId && s.Start >= windowStart && s.Start < windowEnd && s.Id != (exceptShiftId ?? 0))
            .OrderBy(s => s.Start).ToListAsync(cancellationToken);
        var person = (await PeopleAsync(project.Id, [(userId, name, role)], cancellationToken)).Single();
        // Any time of any day is support here: the check is about the person, not the plan (a shift by hand may lie outside it).
        var allDay = Enum.GetValues<DayOfWeek>().Select(d => new SupportWindow(d, TimeOnly.MinValue, TimeOnly.MinValue));
        var phase = PlanPhase.Create(project.Id, "check", from, to, allDay, [], [], StandupCadence.Daily);
        var input = new RotaInput(project.TimeZoneId, from, to, [phase], [person], [.. others.Select(s => new FixedShift(userId, s.Start, s.End))], project.Holidays);
        var outcome = RotaGenerator.CheckShift(input, rules, new FixedShift(userId, start, end));
        if (!outcome.Succeeded)
        {
            return (null, outcome.Failure);
        }

        if (outcome.Value is not { } conflict)
        {
            return (null, null);
        }

        var other = conflict.Other >= 0 && conflict.Other < others.Count ? others[conflict.Other] : null;
        var theShift = other is null ? "another shift" : $"the shift {Local(other.Start, zone)}–{Local(other.End, zone)}";
        var inv = CultureInfo.InvariantCulture;
        var (field, message) = conflict.Block switch
        {
            RotaBlock.TimeOff => ("date", $"{name} is on time off then."),
            RotaBlock.Unavailable => ("start", $"The shift lies outside {name}'s availability."),
            RotaBlock.OnAnotherShift => ("start", $"The shift overlaps {name}'s {theShift}."),
            RotaBlock.DayInLieu => ("date", $"The shift falls on a day in lieu {name} earned with {theShift}."),
            RotaBlock.MinRest => ("start", string.Create(inv, $"{name} would rest less than minRestHours ({rules.MinRestHours} h) next to {theShift}.")),
            RotaBlock.MaxConsecutiveDays => ("date", $"{name} would work more than maxConsecutiveDays ({rules.MaxConsecutiveDays}) days in a row."),
            RotaBlock.MaxHoursPerWeek => ("end", string.Create(inv, $"{name} would work more than maxHoursPerWeek ({rules.MaxHoursPerWeek} h) in the week of {D(LocalDays.WeekStart(date))}.")),
            RotaBlock.MaxAfterHoursShifts => ("start", $"{name} would work more than maxAfterHoursShiftsPerWeek ({rules.MaxAfterHoursShiftsPerWeek}) after-hours shifts in the week of {D(LocalDays.WeekStart(date))}."),
            _ => ("date", $"The shift would earn {name} a day in lieu on a day they already work."),
        };
        return (new Breach(conflict.Block, field, message), null);
    }

    /// <summary>A local wall time to its instant; a time in the spring-forward gap does not exist and is refused, naming the field.</summary>
    private static DateTimeOffset? WallInstant(FieldErrors errors, string field, DateTime local, TimeZoneInfo zone, string zoneId)
    {
        if (zone.IsInvalidTime(local))
        {
            var after = local;
            while (zone.IsInvalidTime(after))
            {
                after = after.AddMinutes(1);
            }

            errors.Add(field, $"{local:yyyy-MM-dd HH:mm} does not exist in {zoneId}: the clocks go forward over it (daylight saving). Use {after:HH:mm} or later.");
            return null;
        }

        return BusinessCalendar.ToInstant(zone, local);
    }

    private static (int UserId, string Name, ProjectRole Role)? Required(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }

    /// <summary>A member of the project in a rostered role, or an error naming <paramref name="field"/>.</summary>
    private async Task<(int UserId, string Name, ProjectRole Role)?> RosteredAsync(int projectId, int userId, string field, FieldErrors errors, CancellationToken cancellationToken)
    {
        var member = await db.ProjectMembers.AsNoTracking().Where(m => m.ProjectId == projectId && m.UserId == userId)
            .Select(m => new { m.Role, m.User!.DisplayName, m.User.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (member is null || !member.IsActive)
        {
            errors.Add(field, $"User {I(userId)} is not an active member of this project.");
            return null;
        }

        if (!RotaRules.RosteredRoles.Contains(member.Role))
        {
            errors.Add(field, $"{member.DisplayName} is {member.Role}: only hypercare leads, triage and steady-state support are rostered.");
            return null;
        }

        return (userId, Name(member.DisplayName), member.Role);
    }

    /// <summary>Members change their own availability and time off; the lead anyone's.</summary>
    private static Failure? CanChangeFor(ProjectAccess access, int userId, string what)
    {
        if (!access.Can(Permission.ViewRota))
        {
            return NotSeen;
        }

        return userId == access.Caller.UserId || access.Can(Permission.ManageRota)
            ? null
            : Failure.Forbidden($"Only the hypercare lead changes another person's {what}.");
    }

    private static PersonAvailability Availability(int userId, string name, ProjectRole role, IEnumerable<RotaAvailability> rows)
    {
        var windows = rows.OrderBy(w => w.Day).ThenBy(w => w.Start).Select(w => SlaPlanService.ToDto(w.ToWindow())).ToList();
        return new PersonAvailability(new PersonRef(userId, name), role, windows, windows.Count == 0);
    }

    private static TimeOnly? Time(FieldErrors errors, string field, string? text, bool midnightEnd, bool required = false)
    {
        if (text is null)
        {
            if (required)
            {
                errors.Add(field, $"{field} is required (HH:mm).");
            }

            return null;
        }

        if (midnightEnd && text == "24:00")
        {
            return TimeOnly.MinValue;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(field, $"'{text}' is not a time of day as HH:mm{(midnightEnd ? " (24:00 for midnight)" : "")}.");
        return null;
    }

    private static string Hm(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}
