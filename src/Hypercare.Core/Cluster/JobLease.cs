namespace Hypercare.Core.Cluster;

/// <summary>
/// Who may run a scheduled job now. One row per job; a node takes a run by moving <see cref="HeldUntil"/> forward with
/// a conditional update, so with N nodes on one database each tick of a job runs on one node (ADR 0060).
/// </summary>
public sealed class JobLease
{
    public const int NameMaxLength = 64;

    public const int NodeMaxLength = 128;

    public required string Name { get; init; }

    /// <summary>The node that took the last run (host name, process id and a per-process suffix).</summary>
    public string? HeldBy { get; set; }

    /// <summary>Until when no other node takes a run; null before the first run.</summary>
    public DateTimeOffset? HeldUntil { get; set; }

    public DateTimeOffset? LastRunAt { get; set; }

    /// <summary>Runs taken since the row was made, over every node.</summary>
    public long Runs { get; set; }
}
