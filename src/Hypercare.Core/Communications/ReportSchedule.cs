using Hypercare.Core.Projects;

namespace Hypercare.Core.Communications;

/// <summary>
/// When and to whom one report of one project goes out. Times are local to the project's time zone; the scheduler turns
/// each scheduled local day into one slot (docs/communications.md, ADR 0041).
/// </summary>
public sealed class ReportSchedule : IVersioned
{
    public const int MaxExtraAddresses = 50;
    public const int WebhookMaxLength = 500;

    public int Id { get; private set; }

    public int ProjectId { get; private set; }

    public ReportKind Kind { get; private set; }

    public bool Enabled { get; set; }

    /// <summary>Local wall-clock time of the send in the project's time zone.</summary>
    public TimeOnly LocalTime { get; set; }

    /// <summary>The local days of the week it goes out on (Sunday = bit 0, as <see cref="DayOfWeek"/>).</summary>
    public int DaysMask { get; set; }

    /// <summary>E-mail goes to the members holding these roles (checked against the report's audience at send time).</summary>
    public List<ProjectRole> RecipientRoles { get; set; } = [];

    /// <summary>Further e-mail addresses (a distribution list); not members, so only the lead's choice protects them.</summary>
    public List<string> ExtraAddresses { get; set; } = [];

    public bool SendEmail { get; set; } = true;

    public string? SlackWebhookUrl { get; set; }

    public string? TeamsWebhookUrl { get; set; }

    /// <summary>Slots before this instant are not sent: enabling a schedule or moving its time never sends a past slot.</summary>
    public DateTimeOffset ActiveFrom { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<DayOfWeek> Days => Enum.GetValues<DayOfWeek>().Where(d => (DaysMask & (1 << (int)d)) != 0).ToList();

    public static int Mask(IEnumerable<DayOfWeek> days) => days.Aggregate(0, (mask, d) => mask | (1 << (int)d));

    public static ReportSchedule Create(int projectId, ReportKind kind, TimeOnly localTime, IEnumerable<DayOfWeek> days, List<ProjectRole> roles,
        DateTimeOffset now) => new()
        {
            ProjectId = projectId,
            Kind = kind,
            LocalTime = localTime,
            DaysMask = Mask(days),
            RecipientRoles = roles,
            ActiveFrom = now,
            UpdatedAt = now,
        };
}
