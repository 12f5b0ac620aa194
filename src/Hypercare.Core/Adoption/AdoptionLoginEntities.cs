using Hypercare.Core.Adoption.Import;

namespace Hypercare.Core.Adoption;

/// <summary>
/// Up to <see cref="PackedKeys.BlockKeys"/> imported LoginHistory ids of one id prefix, packed (ADR 0042): the ids'
/// base-62 numbers (<see cref="SalesforceId.TrySplit"/>) sorted, stored as varint gaps after <see cref="First"/>.
/// Which ids a project holds is what makes an import idempotent; one row per few thousand logins instead of one per
/// login. Blocks of different imports may overlap in range, never in ids.
/// </summary>
public sealed class LoginKeyBlock
{
    public long Id { get; private set; }

    public int ProjectId { get; set; }

    /// <summary>The id's canonical five-character prefix (key prefix and instance).</summary>
    public string Prefix { get; set; } = "";

    public long First { get; set; }

    public long Last { get; set; }

    public int Count { get; set; }

    public byte[] Keys { get; set; } = [];
}

/// <summary>A login's key that is not a Salesforce id (Event Log request id and time, or a content hash), kept whole.</summary>
public sealed class LoginTextKey
{
    public int ProjectId { get; set; }

    public string Key { get; set; } = "";
}

/// <summary>The project's number for a user seen in login files; the per-day user sets refer to users by it.</summary>
public sealed class LoginUser
{
    public int ProjectId { get; set; }

    public int Number { get; set; }

    public string UserKey { get; set; } = "";
}

/// <summary>
/// Who logged in on one local day, packed (ADR 0042): for each user number in ascending order, its gap, successful
/// and failed logins as varints. Every login metric (active users by day, week and month, per group) is computed from
/// these rows; a 90-day project has 90 of them whatever the number of logins.
/// </summary>
public sealed class LoginDaySet
{
    public int ProjectId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>Users with at least one login attempt that day.</summary>
    public int Users { get; set; }

    public int Successes { get; set; }

    public int Failures { get; set; }

    public byte[] Data { get; set; } = [];
}
