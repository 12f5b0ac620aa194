using Hypercare.Core.Projects;

namespace Hypercare.Core.Planning;

public enum CustomisationDegree
{
    Low,
    Medium,
    High,
}

public enum BusinessCriticality
{
    Low,
    Medium,
    High,
    MissionCritical,
}

public enum RolloutStyle
{
    Pilot,
    Phased,
    BigBang,
}

/// <summary>Which plan shape to generate; <see cref="Recommended"/> lets the complexity choose standard or complex.</summary>
public enum PlanTemplate
{
    Recommended,
    Standard,
    Complex,
    Continuous90,
}

/// <summary>People of one role the consultancy can put on hypercare, and their day rate (a day is <see cref="PlanGenerator.HoursPerDay"/> hours).</summary>
public sealed record PlanTeamRole(ProjectRole? Role, int? People, decimal? DayRate);

/// <summary>
/// What a SOW plan is generated from (issue 13), as the API, the page and the CLI send it. Every field is nullable on the
/// wire so a missing one is refused naming it (<see cref="PlanGenerator.Validate"/>) rather than read as zero.
/// </summary>
public sealed record PlanRequest(
    string? System,
    int? LicensedUsers,
    int? Sites,
    IReadOnlyList<string>? TimeZones,
    int? Integrations,
    long? MigratedRecords,
    CustomisationDegree? Customisation,
    BusinessCriticality? Criticality,
    RolloutStyle? Rollout,
    DateOnly? GoLive,
    IReadOnlyList<PlanTeamRole>? Team,
    PlanTemplate? Template = null,
    string? Currency = null)
{
    public const int SystemMaxLength = 200;
    public const int MaxLicensedUsers = 10_000_000;
    public const int MaxSites = 10_000;
    public const int MaxTimeZones = 50;
    public const int MaxIntegrations = 1_000;
    public const long MaxMigratedRecords = 100_000_000_000;
    public const int MaxPeoplePerRole = 200;
    public const decimal MaxDayRate = 100_000m;
}

/// <summary>The input after validation: every value present and within its bounds, time zones distinct and known.</summary>
public sealed record PlanInput(
    string System,
    int LicensedUsers,
    int Sites,
    IReadOnlyList<string> TimeZones,
    int Integrations,
    long MigratedRecords,
    CustomisationDegree Customisation,
    BusinessCriticality Criticality,
    RolloutStyle Rollout,
    DateOnly GoLive,
    IReadOnlyList<TeamRate> Team,
    PlanTemplate Template,
    string Currency);

public sealed record TeamRate(ProjectRole Role, int People, decimal DayRate);
