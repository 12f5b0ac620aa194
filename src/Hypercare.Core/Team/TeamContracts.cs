using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;

namespace Hypercare.Core.Team;

public sealed record RotaStaffingDto(int? HypercareLead = null, int? Triage = null, int? SteadyStateSupport = null);

/// <summary>
/// Changes the project's rota rules (docs/rota.md): a field left out keeps its value. Times of day as HH:mm (24:00 for
/// midnight as an end). Send the version last read (0 while the project still uses the defaults).
/// </summary>
public sealed record RotaSettingsRequest(
    int? MaxConsecutiveDays = null,
    double? MaxHoursPerWeek = null,
    double? MinRestHours = null,
    int? MaxAfterHoursShiftsPerWeek = null,
    string? OfficeHoursStart = null,
    string? OfficeHoursEnd = null,
    string? NightStart = null,
    string? NightEnd = null,
    int? TimeOffInLieuDays = null,
    double? ShiftLengthHours = null,
    RotaStaffingDto? StaffPerShift = null,
    int? Version = null,
    double? BurnoutAfterHoursPerWeek = null,
    double? BurnoutSev1Share = null,
    int? BurnoutSev1MinIssues = null,
    int? BurnoutBusFactorMinIssues = null);

public sealed record RotaSettingsResponse(
    int MaxConsecutiveDays,
    double MaxHoursPerWeek,
    double MinRestHours,
    int MaxAfterHoursShiftsPerWeek,
    string OfficeHoursStart,
    string OfficeHoursEnd,
    string NightStart,
    string NightEnd,
    int TimeOffInLieuDays,
    double ShiftLengthHours,
    RotaStaffing StaffPerShift,
    bool IsDefault,
    int Version,
    double BurnoutAfterHoursPerWeek = 4,
    double BurnoutSev1Share = 0.6,
    int BurnoutSev1MinIssues = 3,
    int BurnoutBusFactorMinIssues = 5);

/// <summary>Generates the rota for local days <c>from</c> to <c>to</c> (default: today to the end of the plan).</summary>
public sealed record GenerateRotaRequest(DateOnly? From = null, DateOnly? To = null);

public sealed record RotaGapResponse(DateTimeOffset Start, DateTimeOffset End, ProjectRole Role, string Reason);

public sealed record RotaScore(double Score, double Coverage, double Balance, double RequiredHours, double GapHours);

/// <summary>
/// What a generation did: the shifts written (places held and gaps), the locked shifts it kept (manual, swapped, already
/// started, with an open swap), those among them that break a rule because the lead let them (kept, with no generated
/// shift of their person near them), the gaps with their reasons and the schedule's quality score.
/// </summary>
public sealed record GenerateRotaResponse(
    DateOnly From,
    DateOnly To,
    int ShiftsWritten,
    int ShiftsReplaced,
    int ShiftsKept,
    IReadOnlyList<int> KeptAgainstRules,
    IReadOnlyList<RotaGapResponse> Gaps,
    RotaScore Quality);

/// <summary>One place on a shift; <see cref="Person"/> is null for a gap. Local times are the project's wall clock.</summary>
public sealed record ShiftResponse(
    int Id,
    PersonRef? Person,
    ProjectRole Role,
    DateTimeOffset Start,
    DateTimeOffset End,
    DateOnly Date,
    string LocalStart,
    string LocalEnd,
    double Hours,
    ShiftSource Source,
    string? Phase,
    string? GapReason,
    bool IsAfterHours,
    bool IsWeekend,
    bool IsNight,
    int Version);

public sealed record PersonHours(PersonRef Person, ProjectRole Role, double Hours, int Shifts, int AfterHoursShifts);

/// <summary>The rota for local days <c>from</c> to <c>to</c>; hours per person are everyone's for the lead, one's own for the rest.</summary>
public sealed record RotaView(
    DateOnly From,
    DateOnly To,
    string TimeZoneId,
    IReadOnlyList<ShiftResponse> Shifts,
    int Gaps,
    IReadOnlyList<PersonHours> Hours);

public sealed record OnDutyPerson(PersonRef Person, ProjectRole Role, int ShiftId, DateTimeOffset Start, DateTimeOffset End);

public sealed record OnDutyGap(ProjectRole Role, int ShiftId, DateTimeOffset Start, DateTimeOffset End, string? Reason);

/// <summary>
/// Who is on duty at an instant: the people on a shift, the gaps (a shift of the role nobody holds) and the rostered roles
/// no shift covers at all (outside the support hours). <see cref="HasRota"/> is false for a project with no shifts.
/// </summary>
public sealed record OnDutyResponse(
    DateTimeOffset At,
    bool HasRota,
    IReadOnlyList<OnDutyPerson> People,
    IReadOnlyList<OnDutyGap> Gaps,
    IReadOnlyList<ProjectRole> Uncovered);

/// <summary>Replaces a person's weekly availability; an empty list means any time.</summary>
public sealed record AvailabilityRequest(IReadOnlyList<SupportWindowDto>? Windows);

public sealed record PersonAvailability(PersonRef Person, ProjectRole Role, IReadOnlyList<SupportWindowDto> Windows, bool AnyTime);

public sealed record TimeOffRequest(int? UserId, DateOnly? From, DateOnly? To, string? Note = null);

/// <summary>Time off; <see cref="ShiftsVacated"/> are the shifts of the person it emptied (now gaps on the rota).</summary>
public sealed record TimeOffResponse(int Id, PersonRef Person, DateOnly From, DateOnly To, string? Note, IReadOnlyList<int> ShiftsVacated);

/// <summary>
/// A shift by hand: the person, the local day it starts and its local times (HH:mm; an end not after the start ends the
/// next day). A time that does not exist on the project's clock (the spring-forward gap) is refused, naming it.
/// </summary>
public sealed record ShiftRequest(int? UserId, DateOnly? Date, string? Start, string? End);

public sealed record SwapOfferRequest(string? Note = null);

public sealed record SwapResponse(
    int Id,
    ShiftResponse Shift,
    PersonRef OfferedBy,
    PersonRef? TakenBy,
    SwapStatus Status,
    string? Note,
    string? RuleBreak,
    DateTimeOffset OfferedAt,
    DateTimeOffset? TakenAt,
    DateTimeOffset? DecidedAt,
    PersonRef? DecidedBy,
    int Version);
