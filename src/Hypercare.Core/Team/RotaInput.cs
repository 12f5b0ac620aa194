using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Team;

/// <summary>Days a person is off (local, inclusive): holiday, sick leave, training.</summary>
public sealed record TimeOffPeriod(DateOnly From, DateOnly To);

/// <summary>
/// A team member who can be rostered (<see cref="RotaRules.RosteredRoles"/>). <see cref="Availability"/> is the weekly
/// local times they can work, as support windows are written (end 00:00 = midnight); null means any time. A shift is
/// theirs to take only if all of it lies within their availability and none of it touches a day of time off.
/// </summary>
public sealed record RotaPerson(
    int UserId,
    string DisplayName,
    ProjectRole Role,
    IReadOnlyList<SupportWindow>? Availability = null,
    IReadOnlyList<TimeOffPeriod>? TimeOff = null)
{
    public const int DisplayNameMaxLength = 200;
}

/// <summary>
/// A shift already assigned and locked. It counts toward every rule; one whose instants equal a generated shift of the
/// person's role takes a place on it. It may start up to <see cref="RotaInput.HistoryDays"/> days before the range, so
/// the shifts just worked count for rest, days in a row, the first week's hours and days in lieu, without being part of
/// the result.
/// </summary>
public sealed record FixedShift(int UserId, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// What a rota is generated from: the project's zone, the local days to cover (inclusive, at most
/// <see cref="MaxDays"/>), the plan's phases (their dates and support hours give the shifts, so cover tapers with the
/// phases), the people, the project's holidays (no support, no shifts) and the locked shifts. <see cref="NotBefore"/>
/// (a rota generated during its first day) leaves out the shifts that start before it: they are under way or over, so
/// nobody is put on them and they do not count for anyone's rest.
/// </summary>
public sealed record RotaInput(
    string TimeZoneId,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<PlanPhase> Phases,
    IReadOnlyList<RotaPerson> People,
    IReadOnlyList<FixedShift>? FixedShifts = null,
    IReadOnlyList<DateOnly>? Holidays = null,
    DateTimeOffset? NotBefore = null)
{
    public const int MaxDays = 366;

    public const int HistoryDays = 14;

    public const int MaxPeople = 500;
}
