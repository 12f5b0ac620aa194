namespace Hypercare.Core.Patches;

public enum PatchStatus
{
    Planned,
    Deployed,
}

/// <summary>
/// A hypercare patch: a numbered release in a planned slot that fixed issues ride. Release notes are generated from its
/// issues and known issues until someone edits them; after that the edited text is kept (and can be regenerated on demand).
/// </summary>
public sealed class Patch : IVersioned
{
    public const int NameMaxLength = 120;
    public const int ReleaseNotesMaxLength = 20_000;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    /// <summary>1, 2, 3... per project, in creation order.</summary>
    public int Number { get; private set; }

    public string Name { get; set; } = "";

    /// <summary>The slot: when the patch is planned to go out (UTC instant; shown in the project's time zone).</summary>
    public DateTimeOffset PlannedFor { get; set; }

    public PatchStatus Status { get; private set; }

    public DateTimeOffset? DeployedAt { get; private set; }

    public string ReleaseNotes { get; set; } = "";

    /// <summary>True once a person edited the notes: generation no longer overwrites them.</summary>
    public bool ReleaseNotesEdited { get; set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public static Patch Plan(int projectId, int number, string? name, DateTimeOffset plannedFor, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        Number = number,
        Name = string.IsNullOrWhiteSpace(name) ? $"Patch {number}" : name,
        PlannedFor = plannedFor,
        Status = PatchStatus.Planned,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>Marks the patch deployed at <paramref name="at"/>, or says why not (the message names the field).</summary>
    public (string Field, string Message)? Deploy(DateTimeOffset at, DateTimeOffset now)
    {
        if (Status == PatchStatus.Deployed)
        {
            return ("status", $"{Name} was already deployed.");
        }

        if (at > now)
        {
            return ("deployedAt", "deployedAt cannot be in the future: mark a patch deployed once it is out.");
        }

        Status = PatchStatus.Deployed;
        DeployedAt = at;
        UpdatedAt = now;
        return null;
    }
}

/// <summary>A fixed issue riding a patch. An issue rides at most one patch.</summary>
public sealed class PatchIssue
{
    public int PatchId { get; private set; }

    public int IssueId { get; private set; }

    public int ProjectId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public static PatchIssue Create(int projectId, int patchId, int issueId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        PatchId = patchId,
        IssueId = issueId,
        AddedAt = now,
    };
}

public enum PatchCadenceKind
{
    Daily,
    EveryOtherDay,
    TwiceWeekly,
    ChosenDates,
}

/// <summary>The patch cadence of one plan phase (stored beside the phase, one row per phase that has one).</summary>
public sealed class PhasePatchCadence
{
    public int PlanPhaseId { get; private set; }

    public int ProjectId { get; private set; }

    public PatchCadenceKind Kind { get; set; }

    /// <summary>Local time of day in the project's time zone at which a slot opens.</summary>
    public TimeOnly DeployAt { get; set; }

    /// <summary>The two weekdays of a twice-weekly cadence.</summary>
    public List<DayOfWeek> Days { get; set; } = [];

    /// <summary>The dates of a chosen-dates cadence.</summary>
    public List<DateOnly> Dates { get; set; } = [];

    public static PhasePatchCadence Create(int projectId, int planPhaseId, PatchCadenceKind kind, TimeOnly deployAt,
        IEnumerable<DayOfWeek>? days = null, IEnumerable<DateOnly>? dates = null) => new()
        {
            ProjectId = projectId,
            PlanPhaseId = planPhaseId,
            Kind = kind,
            DeployAt = deployAt,
            Days = [.. days ?? []],
            Dates = [.. dates ?? []],
        };

    /// <summary>Takes the rule's kind, time, weekdays and dates (the Patches page, a SOW plan applied).</summary>
    public void Set(PatchCadence rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Kind = rule.Kind;
        DeployAt = rule.DeployAt;
        Days = [.. rule.Days];
        Dates = [.. rule.Dates];
    }

    public PatchCadence ToRule() => new(Kind, DeployAt, Days, Dates);
}
