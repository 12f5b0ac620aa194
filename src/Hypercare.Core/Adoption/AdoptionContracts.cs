namespace Hypercare.Core.Adoption;

/// <summary>One local day as `hypercare adoption daily` prints it (field names are a contract with scripts).</summary>
public sealed record DailyFigure(DateOnly Date, int ActiveUsers, int? LicensedUsers, double? LoginRate, int SuccessfulLogins, int FailedLogins);

public sealed record DailyRow(DateOnly Date, int ActiveUsers, int WeeklyActiveUsers, int MonthlyActiveUsers, int? LicensedUsers,
    double? LoginRate, double? WeeklyLoginRate, double? MonthlyLoginRate, int SuccessfulLogins, int FailedLogins);

public sealed record GroupRow(string Dimension, string Group, int? LicensedUsers, int ActiveUsers, int WeeklyActiveUsers, int MonthlyActiveUsers,
    double? WeeklyLoginRate, double? MonthlyLoginRate);

public sealed record FailureRow(FailureBucket Bucket, int LastSevenDays, int Total);

public sealed record FailureDayRow(DateOnly Date, FailureBucket Bucket, int Count);

public sealed record TargetProgress(int Id, TargetMetric Metric, double Rate, DateOnly ByDate, double? Actual, DateOnly? ActualOn, bool Met, bool Due);

public sealed record FeatureDayRow(DateOnly Date, int Users, int Events);

public sealed record FeatureUsage(string Feature, int UsersLastSevenDays, int EventsLastSevenDays, double? ShareOfLicensed, IReadOnlyList<FeatureDayRow> Days);

public sealed record NeverLoggedInUser(string UserId, string? Username, string? Name, string? Profile, string? Role, string? Department,
    bool Licensed, DateTimeOffset? LastLoginInExport);

public sealed record FlagResponse(int Id, FlagKind Kind, string Subject, DateOnly Since, DateOnly LastSeen, double Magnitude, string Summary,
    System.Text.Json.JsonElement Evidence, DateTimeOffset RaisedAt, DateTimeOffset? ClearedAt, DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy, string? AcknowledgementNote);

public sealed record ImportSummary(int Id, ImportKind Kind, string FileName, string Format, long RowsRead, long Imported, long Duplicates,
    long Rejected, long Skipped, DateTimeOffset ImportedAt, string ImportedBy);

public sealed record AdoptionOverview(
    DateOnly? AsOf,
    string TimeZoneId,
    bool HasRoster,
    int? LicensedUsers,
    int NeverLoggedIn,
    IReadOnlyList<DailyRow> Days,
    IReadOnlyList<GroupRow> Groups,
    IReadOnlyList<FailureRow> Failures,
    IReadOnlyList<TargetProgress> Targets,
    IReadOnlyList<FeatureUsage> Features,
    IReadOnlyList<FlagResponse> OpenFlags,
    IReadOnlyList<ImportSummary> RecentImports);

public sealed record FeatureRuleDto(string? Feature, FeatureField? Field, FeatureMatch? Match, string? Value);

public sealed record TargetDto(TargetMetric? Metric, double? Rate, DateOnly? ByDate);

/// <summary>Roster rules, features and targets of a project; PUT replaces them all.</summary>
public sealed record AdoptionSettingsDto(
    bool? ExcludeInactive,
    IReadOnlyList<string>? LicensedUserTypes,
    IReadOnlyList<string>? ExcludedProfiles,
    IReadOnlyList<FeatureRuleDto>? Features,
    IReadOnlyList<TargetDto>? Targets);

public sealed record AcknowledgeFlagRequest(string? Note);
