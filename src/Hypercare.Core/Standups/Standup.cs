using Hypercare.Core.Projects;

namespace Hypercare.Core.Standups;

/// <summary>
/// When a project's standups are held (the wall-clock time in the project's zone and the length) and who is invited, by
/// role. The days come from the plan's phases (<see cref="StandupCalendar"/>); one row per project.
/// </summary>
public sealed class StandupSchedule : IVersioned
{
    public static readonly TimeOnly DefaultTime = new(9, 15);
    public const int DefaultDurationMinutes = 15;

    public static readonly IReadOnlyList<ProjectRole> DefaultRoles =
        [ProjectRole.HypercareLead, ProjectRole.Triage, ProjectRole.SteadyStateSupport, ProjectRole.ChangeManager];

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public TimeOnly Time { get; set; } = DefaultTime;

    public int DurationMinutes { get; set; } = DefaultDurationMinutes;

    public List<ProjectRole> AttendeeRoles { get; set; } = [.. DefaultRoles];

    /// <summary>Off: the schedule and agenda still work, but nobody is sent invitations (a team that books its own meeting).</summary>
    public bool SendInvitations { get; set; } = true;

    public int Version { get; set; }

    public static StandupSchedule Create(int projectId) => new() { ProjectId = projectId };
}

/// <summary>
/// One series as it was last sent: its stable UID, the SEQUENCE of the last invitation, a fingerprint of what was sent
/// (dates, days, time, length, attendees) and who was invited, so a change sends an update and a removed attendee or
/// phase a cancellation (RFC 5546).
/// </summary>
public sealed class StandupSeries
{
    public const int UidMaxLength = 120;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int PhaseId { get; private set; }

    public string Uid { get; private set; } = "";

    public int Sequence { get; set; }

    public string Fingerprint { get; set; } = "";

    public List<int> InvitedUserIds { get; set; } = [];

    public DateTimeOffset SentAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public static StandupSeries Create(int projectId, int phaseId, string uid) => new() { ProjectId = projectId, PhaseId = phaseId, Uid = uid, Sequence = -1 };
}

/// <summary>What a standup decided, recorded once per local day; its action items carry into the next agendas until done.</summary>
public sealed class StandupMinutes
{
    public const int NotesMaxLength = 4000;
    public const int DecisionMaxLength = 500;
    public const int MaxDecisions = 30;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public string Notes { get; private set; } = "";

    public List<string> Decisions { get; private set; } = [];

    public int RecordedByUserId { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public static StandupMinutes Create(int projectId, DateOnly heldOn, string notes, IEnumerable<string> decisions, int recordedBy, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        HeldOn = heldOn,
        Notes = notes,
        Decisions = [.. decisions],
        RecordedByUserId = recordedBy,
        RecordedAt = now,
    };
}

/// <summary>An action from a standup: what, who, by when; open until its owner or the lead marks it done.</summary>
public sealed class StandupActionItem : IVersioned
{
    public const int TextMaxLength = 500;
    public const int MaxPerMinutes = 30;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public int MinutesId { get; private set; }

    public string Text { get; private set; } = "";

    public int OwnerUserId { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public int? DoneByUserId { get; private set; }

    public int Version { get; set; }

    public static StandupActionItem Create(int projectId, int minutesId, string text, int ownerUserId, DateOnly dueOn) => new()
    {
        ProjectId = projectId,
        MinutesId = minutesId,
        Text = text,
        OwnerUserId = ownerUserId,
        DueOn = dueOn,
    };

    public void MarkDone(int userId, DateTimeOffset now)
    {
        DoneAt = now;
        DoneByUserId = userId;
    }
}
