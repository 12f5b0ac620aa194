using Hypercare.Core.Adoption.Import;

namespace Hypercare.Core.Adoption;

/// <summary>Why a login failed, bucketed by keyword because a wave of lockouts is a support issue in itself.</summary>
public enum FailureBucket
{
    Password,
    Lockout,
    FrozenOrInactive,
    Restricted,
    Sso,
    OAuth,
    Mfa,
    Other,
}

public enum ImportKind
{
    Logins,
    Usage,
    Users,
}

public enum UsageSource
{
    LightningPageView,
    LightningInteraction,
    Uri,
    Generic,
}

/// <summary>The usage-event attribute a feature rule looks at.</summary>
public enum FeatureField
{
    PageUrl,
    EntityType,
    App,
    Component,
    Feature,
}

public enum FeatureMatch
{
    Equals,
    StartsWith,
    Contains,
}

public enum TargetMetric
{
    DailyLoginRate,
    WeeklyLoginRate,
    MonthlyLoginRate,
}

public enum FlagKind
{
    BelowTarget,
    WeekOverWeekDecline,
    GroupLagging,
    FeatureDecline,
    FailedLoginSpike,
    DataStale,
}

/// <summary>A person expected to use the new system (the denominator), from a User export or a generic roster.</summary>
public sealed class RosterUser
{
    public int Id { get; private set; }

    public int ProjectId { get; set; }

    /// <summary>Canonical 18-character Salesforce id, or the lower-cased key of a generic roster.</summary>
    public string UserKey { get; set; } = "";

    public string? Username { get; set; }

    public string? Name { get; set; }

    public bool IsActive { get; set; } = true;

    public string? UserType { get; set; }

    public string? Profile { get; set; }

    public string? Role { get; set; }

    public string? Department { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>The last local day with a successful login in the imported logins; kept by every import.</summary>
    public DateOnly? LastLoginDay { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>
/// Legacy (ADR 0013): one row per login, as stored before the packed store (ADR 0042). Kept mapped only so that
/// <see cref="AdoptionStoreUpgrade"/> can move such rows into <see cref="LoginKeyBlock"/> and <see cref="LoginTextKey"/>;
/// nothing writes it any more. A key is (prefix, base-62 number) or, with <see cref="KeyNumber"/> = -1, whole text.
/// </summary>
public sealed class LoginEvent
{
    public int ProjectId { get; set; }

    public string KeyText { get; set; } = "";

    public long KeyNumber { get; set; }

    public string UserKey { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public bool Success { get; set; }

    /// <summary>The failure text verbatim; null for successes.</summary>
    public string? Status { get; set; }

    public FailureBucket? Bucket { get; set; }

    public string? LoginType { get; set; }
}

/// <summary>Legacy (ADR 0013): logins of one user on one local day, one row each; moved into <see cref="LoginDaySet"/> by <see cref="AdoptionStoreUpgrade"/>.</summary>
public sealed class LoginDay
{
    public int ProjectId { get; set; }

    public string UserKey { get; set; } = "";

    public DateOnly Day { get; set; }

    public int Successes { get; set; }

    public int Failures { get; set; }
}

/// <summary>A user's first and last successful login day: the never-logged-in list without scanning events.</summary>
public sealed class UserActivity
{
    public int ProjectId { get; set; }

    public string UserKey { get; set; } = "";

    public DateOnly FirstLoginDay { get; set; }

    public DateOnly LastLoginDay { get; set; }

    public int Logins { get; set; }
}

/// <summary>Failed logins per local day and bucket.</summary>
public sealed class FailureDay
{
    public int ProjectId { get; set; }

    public DateOnly Day { get; set; }

    public FailureBucket Bucket { get; set; }

    public int Count { get; set; }
}

/// <summary>One page view, interaction, URI request or generic usage row.</summary>
public sealed class UsageEvent
{
    public int ProjectId { get; set; }

    public string SourceKey { get; set; } = "";

    public string UserKey { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public DateOnly Day { get; set; }

    public UsageSource Source { get; set; }

    public string? PageUrl { get; set; }

    public string? EntityType { get; set; }

    public string? App { get; set; }

    public string? Component { get; set; }

    public string? Feature { get; set; }
}

/// <summary>Precomputed figures of one local day, overall (dimension "all") or for one group of a dimension.</summary>
public sealed class AdoptionDailyStat
{
    public int ProjectId { get; set; }

    public DateOnly Day { get; set; }

    public string Dimension { get; set; } = "";

    public string Group { get; set; } = "";

    public int? Licensed { get; set; }

    public int DailyActive { get; set; }

    public int WeeklyActive { get; set; }

    public int MonthlyActive { get; set; }

    public int DailyActiveLicensed { get; set; }

    public int WeeklyActiveLicensed { get; set; }

    public int MonthlyActiveLicensed { get; set; }

    public int SuccessfulLogins { get; set; }

    public int FailedLogins { get; set; }
}

/// <summary>Who counts as licensed: inactive users and non-standard user types (integrations, portals) are left out by rule.</summary>
public sealed class AdoptionSettings
{
    public int ProjectId { get; set; }

    public bool ExcludeInactive { get; set; } = true;

    /// <summary>Newline-separated user types counted as licensed; empty counts every type.</summary>
    public string LicensedUserTypes { get; set; } = "Standard";

    /// <summary>Newline-separated profile names left out of the denominator (integration, automation users).</summary>
    public string ExcludedProfiles { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One rule of a project-defined feature; a usage event belongs to the feature when any of its rules match.</summary>
public sealed class FeatureRule
{
    public int Id { get; private set; }

    public int ProjectId { get; set; }

    public string Feature { get; set; } = "";

    public FeatureField Field { get; set; }

    public FeatureMatch Match { get; set; }

    public string Value { get; set; } = "";
}

/// <summary>"80% weekly login rate by 2026-03-09".</summary>
public sealed class AdoptionTarget
{
    public int Id { get; private set; }

    public int ProjectId { get; set; }

    public TargetMetric Metric { get; set; }

    public double Rate { get; set; }

    public DateOnly ByDate { get; set; }
}

/// <summary>A concerning trend: what, since when, how much, and the numbers behind it.</summary>
public sealed class AdoptionFlag
{
    public int Id { get; private set; }

    public int ProjectId { get; set; }

    public FlagKind Kind { get; set; }

    /// <summary>What the flag is about: "all", "department: Sales", "feature: Quotes", "bucket: lockout".</summary>
    public string Subject { get; set; } = "";

    public DateOnly Since { get; set; }

    public DateOnly LastSeen { get; set; }

    public string Summary { get; set; } = "";

    /// <summary>The figures as JSON: the series compared, the test statistic and p-value.</summary>
    public string Evidence { get; set; } = "";

    public double Magnitude { get; set; }

    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Set when a later evaluation no longer finds the condition.</summary>
    public DateTimeOffset? ClearedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    public string? AcknowledgementNote { get; set; }
}

/// <summary>The record of one import: the file, its row report, who and when.</summary>
public sealed class AdoptionImport
{
    public int Id { get; private set; }

    public int ProjectId { get; set; }

    public ImportKind Kind { get; set; }

    public string FileName { get; set; } = "";

    public string Format { get; set; } = "";

    public long RowsRead { get; set; }

    public long Imported { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; set; }

    public long Skipped { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string ImportedBy { get; set; } = "";
}
