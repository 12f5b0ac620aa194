using System.Text.Json;
using Hypercare.Core.Adoption.Flags;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption;

/// <summary>Adoption figures, the never-logged-in list, settings (roster rules, features, targets) and flags of a project.</summary>
public sealed class AdoptionService(HypercareDbContext db, TimeProvider time, AdoptionStatsBuilder stats, AdoptionFlagEvaluator flags)
{
    public const int MaxFeatureRules = 200;
    public const int MaxTargets = 20;

    private static Failure CannotView() => Failure.Forbidden("Your role may not see adoption figures in this project.");

    public async Task<Outcome<IReadOnlyList<DailyFigure>>> DailyAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        return await db.AdoptionDailyStats.AsNoTracking()
            .Where(s => s.ProjectId == access.ProjectId && s.Dimension == AdoptionSeries.All)
            .OrderBy(s => s.Day)
            .Select(s => new DailyFigure(s.Day, s.DailyActive, s.Licensed,
                s.Licensed > 0 ? (double)s.DailyActiveLicensed / s.Licensed.Value : null, s.SuccessfulLogins, s.FailedLogins))
            .ToListAsync(cancellationToken);
    }

    public async Task<Outcome<AdoptionOverview>> OverviewAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var all = await db.AdoptionDailyStats.AsNoTracking()
            .Where(s => s.ProjectId == project.Id && s.Dimension == AdoptionSeries.All)
            .OrderBy(s => s.Day).ToListAsync(cancellationToken);
        var days = all.Select(ToRow).ToList();
        var asOf = days.Count > 0 ? days[^1].Date : (DateOnly?)null;
        var hasRoster = await db.AdoptionRoster.AnyAsync(u => u.ProjectId == project.Id, cancellationToken);

        var groups = new List<GroupRow>();
        if (asOf is { } last)
        {
            groups = await db.AdoptionDailyStats.AsNoTracking()
                .Where(s => s.ProjectId == project.Id && s.Dimension != AdoptionSeries.All && s.Day == last)
                .OrderBy(s => s.Dimension).ThenBy(s => s.Group)
                .Select(s => new GroupRow(s.Dimension, s.Group, s.Licensed, s.DailyActive, s.WeeklyActive, s.MonthlyActive,
                    s.Licensed > 0 ? (double)s.WeeklyActiveLicensed / s.Licensed.Value : null,
                    s.Licensed > 0 ? (double)s.MonthlyActiveLicensed / s.Licensed.Value : null))
                .ToListAsync(cancellationToken);
        }

        var failureDays = await db.AdoptionFailureDays.AsNoTracking().Where(f => f.ProjectId == project.Id).ToListAsync(cancellationToken);
        var weekStart = asOf?.AddDays(-6) ?? DateOnly.MinValue;
        var failures = failureDays.GroupBy(f => f.Bucket)
            .Select(g => new FailureRow(g.Key, g.Where(f => f.Day >= weekStart).Sum(f => f.Count), g.Sum(f => f.Count)))
            .OrderByDescending(f => f.Total).ToList();

        var targets = await TargetProgressAsync(project.Id, days, cancellationToken);
        var licensed = days.Count > 0 ? days[^1].LicensedUsers : null;
        var features = await FeatureUsageAsync(db, project.Id, asOf, licensed, cancellationToken);
        var never = await NeverLoggedInQuery(project).CountAsync(cancellationToken);
        var openFlags = await FlagsAsync(project.Id, includeCleared: false, cancellationToken);
        var imports = await db.AdoptionImports.AsNoTracking().Where(i => i.ProjectId == project.Id)
            .OrderByDescending(i => i.Id).Take(10)
            .Select(i => new ImportSummary(i.Id, i.Kind, i.FileName, i.Format, i.RowsRead, i.Imported, i.Duplicates, i.Rejected, i.Skipped, i.ImportedAt, i.ImportedBy))
            .ToListAsync(cancellationToken);
        return new AdoptionOverview(asOf, project.TimeZoneId, hasRoster, licensed, never, days, groups, failures, targets, features, openFlags, imports);
    }

    public async Task<Outcome<IReadOnlyList<FailureDayRow>>> FailureDaysAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        return await db.AdoptionFailureDays.AsNoTracking().Where(f => f.ProjectId == access.ProjectId)
            .OrderBy(f => f.Day).ThenBy(f => f.Bucket)
            .Select(f => new FailureDayRow(f.Day, f.Bucket, f.Count)).ToListAsync(cancellationToken);
    }

    /// <summary>Licensed roster users without a successful login since go-live: the list a change manager acts on.</summary>
    public async Task<Outcome<IReadOnlyList<NeverLoggedInUser>>> NeverLoggedInAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        var settings = await SettingsEntityAsync(project.Id, cancellationToken);
        var users = await NeverLoggedInQuery(project).OrderBy(u => u.Department).ThenBy(u => u.Name).ThenBy(u => u.UserKey).ToListAsync(cancellationToken);
        var licensed = LicenseRules.For(settings);
        return users.Select(u => new NeverLoggedInUser(u.UserKey, u.Username, u.Name, u.Profile, u.Role, u.Department,
            licensed(u), u.LastLoginAt)).ToList();
    }

    private IQueryable<RosterUser> NeverLoggedInQuery(Project project)
    {
        var goLive = project.GoLiveDate;
        return db.AdoptionRoster.AsNoTracking()
            .Where(u => u.ProjectId == project.Id && u.IsActive && (u.LastLoginDay == null || u.LastLoginDay < goLive));
    }

    public async Task<Outcome<IReadOnlyList<FlagResponse>>> ListFlagsAsync(ProjectAccess access, bool includeCleared, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        return (await FlagsAsync(access.ProjectId, includeCleared, cancellationToken)).ToList();
    }

    private async Task<IReadOnlyList<FlagResponse>> FlagsAsync(int projectId, bool includeCleared, CancellationToken cancellationToken)
    {
        var query = db.AdoptionFlags.AsNoTracking().Where(f => f.ProjectId == projectId);
        if (!includeCleared)
        {
            query = query.Where(f => f.ClearedAt == null);
        }

        var list = await query.OrderBy(f => f.Id).ToListAsync(cancellationToken);
        return list.Select(ToResponse).ToList();
    }

    public async Task<Outcome<FlagResponse>> AcknowledgeAsync(ProjectAccess access, int flagId, AcknowledgeFlagRequest request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not acknowledge adoption flags.");
        }

        var flag = await db.AdoptionFlags.SingleOrDefaultAsync(f => f.Id == flagId && f.ProjectId == access.ProjectId, cancellationToken);
        if (flag is null)
        {
            return Failure.NotFound("Flag");
        }

        var errors = new FieldErrors();
        var note = errors.Required("note", request.Note, 1000);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        flag.AcknowledgedAt = time.GetUtcNow();
        flag.AcknowledgedBy = access.Caller.DisplayName;
        flag.AcknowledgementNote = note;
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(flag);
    }

    public async Task<Outcome<AdoptionSettingsDto>> GetSettingsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ViewAllIssues))
        {
            return CannotView();
        }

        return await SettingsDtoAsync(access.ProjectId, cancellationToken);
    }

    public async Task<Outcome<AdoptionSettingsDto>> PutSettingsAsync(ProjectAccess access, AdoptionSettingsDto request, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not change adoption settings.");
        }

        var errors = new FieldErrors();
        var features = request.Features ?? [];
        var targets = request.Targets ?? [];
        if (features.Count > MaxFeatureRules)
        {
            errors.Add("features", $"at most {MaxFeatureRules} feature rules.");
        }

        if (targets.Count > MaxTargets)
        {
            errors.Add("targets", $"at most {MaxTargets} targets.");
        }

        for (var i = 0; i < features.Count; i++)
        {
            var f = features[i];
            errors.Required($"features[{i}].feature", f.Feature, 80);
            errors.Required($"features[{i}].value", f.Value, AdoptionModel.TextMaxLength);
            if (f.Field is null)
            {
                errors.Add($"features[{i}].field", "field is required: pageUrl, entityType, app, component or feature.");
            }

            if (f.Match is null)
            {
                errors.Add($"features[{i}].match", "match is required: equals, startsWith or contains.");
            }
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            if (t.Metric is null)
            {
                errors.Add($"targets[{i}].metric", "metric is required: dailyLoginRate, weeklyLoginRate or monthlyLoginRate.");
            }

            if (t.Rate is not (> 0 and <= 1))
            {
                errors.Add($"targets[{i}].rate", "rate is required, a fraction above 0 and at most 1 (0.8 for 80%).");
            }

            if (t.ByDate is null)
            {
                errors.Add($"targets[{i}].byDate", "byDate is required (YYYY-MM-DD).");
            }
        }

        static string Join(IReadOnlyList<string>? lines) => string.Join('\n', (lines ?? []).Select(l => l.Trim()).Where(l => l.Length > 0));
        var types = Join(request.LicensedUserTypes ?? ["Standard"]);
        var profiles = Join(request.ExcludedProfiles);
        if (types.Length > 1000)
        {
            errors.Add("licensedUserTypes", "licensedUserTypes is too long (1000 characters in all).");
        }

        if (profiles.Length > 4000)
        {
            errors.Add("excludedProfiles", "excludedProfiles is too long (4000 characters in all).");
        }

        if (errors.Any)
        {
            return errors.ToFailure();
        }

        var settings = await db.AdoptionSettings.SingleOrDefaultAsync(s => s.ProjectId == access.ProjectId, cancellationToken);
        if (settings is null)
        {
            settings = new AdoptionSettings { ProjectId = access.ProjectId };
            db.AdoptionSettings.Add(settings);
        }

        settings.ExcludeInactive = request.ExcludeInactive ?? true;
        settings.LicensedUserTypes = types;
        settings.ExcludedProfiles = profiles;
        settings.UpdatedAt = time.GetUtcNow();
        db.AdoptionFeatureRules.RemoveRange(await db.AdoptionFeatureRules.Where(r => r.ProjectId == access.ProjectId).ToListAsync(cancellationToken));
        db.AdoptionTargets.RemoveRange(await db.AdoptionTargets.Where(t => t.ProjectId == access.ProjectId).ToListAsync(cancellationToken));
        db.AdoptionFeatureRules.AddRange(features.Select(f => new FeatureRule
        {
            ProjectId = access.ProjectId,
            Feature = f.Feature!.Trim(),
            Field = f.Field!.Value,
            Match = f.Match!.Value,
            Value = f.Value!.Trim(),
        }));
        db.AdoptionTargets.AddRange(targets.Select(t => new AdoptionTarget
        {
            ProjectId = access.ProjectId,
            Metric = t.Metric!.Value,
            Rate = t.Rate!.Value,
            ByDate = t.ByDate!.Value,
        }));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
            await stats.RebuildAsync(project, cancellationToken: cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            await flags.EvaluateAsync(project, cancellationToken);
        }

        return await SettingsDtoAsync(access.ProjectId, cancellationToken);
    }

    /// <summary>Re-evaluates the flags now (the daily run and every import do the same).</summary>
    public async Task<Outcome<IReadOnlyList<FlagResponse>>> EvaluateFlagsAsync(ProjectAccess access, CancellationToken cancellationToken = default)
    {
        if (!access.Can(Permission.ManageAdoption))
        {
            return Failure.Forbidden("Your role may not evaluate adoption flags.");
        }

        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == access.ProjectId, cancellationToken);
        await flags.EvaluateAsync(project, cancellationToken);
        return (await FlagsAsync(project.Id, includeCleared: false, cancellationToken)).ToList();
    }

    private async Task<AdoptionSettings> SettingsEntityAsync(int projectId, CancellationToken cancellationToken) =>
        await db.AdoptionSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ProjectId == projectId, cancellationToken)
            ?? new AdoptionSettings { ProjectId = projectId };

    private async Task<AdoptionSettingsDto> SettingsDtoAsync(int projectId, CancellationToken cancellationToken)
    {
        var settings = await SettingsEntityAsync(projectId, cancellationToken);
        var rules = await db.AdoptionFeatureRules.AsNoTracking().Where(r => r.ProjectId == projectId).OrderBy(r => r.Id)
            .Select(r => new FeatureRuleDto(r.Feature, r.Field, r.Match, r.Value)).ToListAsync(cancellationToken);
        var targets = await db.AdoptionTargets.AsNoTracking().Where(t => t.ProjectId == projectId).OrderBy(t => t.ByDate)
            .Select(t => new TargetDto(t.Metric, t.Rate, t.ByDate)).ToListAsync(cancellationToken);
        return new AdoptionSettingsDto(settings.ExcludeInactive, [.. LicenseRules.Lines(settings.LicensedUserTypes)],
            [.. LicenseRules.Lines(settings.ExcludedProfiles)], rules, targets);
    }

    /// <summary>
    /// What the exit rule on login rates reads: the project's daily figures and its targets' progress, and nothing else
    /// of the overview (groups, failures, features, never-logged-in, flags, imports), so the exit status stays cheap.
    /// No days yet gives an empty list and no targets.
    /// </summary>
    internal async Task<(List<DailyRow> Days, List<TargetProgress> Targets)> LoginProgressAsync(int projectId, CancellationToken cancellationToken)
    {
        var all = await db.AdoptionDailyStats.AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.Dimension == AdoptionSeries.All)
            .OrderBy(s => s.Day).ToListAsync(cancellationToken);
        var days = all.Select(ToRow).ToList();
        return days.Count == 0 ? (days, []) : (days, await TargetProgressAsync(projectId, days, cancellationToken));
    }

    private async Task<List<TargetProgress>> TargetProgressAsync(int projectId, List<DailyRow> days, CancellationToken cancellationToken)
    {
        var targets = await db.AdoptionTargets.AsNoTracking().Where(t => t.ProjectId == projectId).OrderBy(t => t.ByDate).ToListAsync(cancellationToken);
        var last = days.Count > 0 ? days[^1] : null;
        return targets.Select(t =>
        {
            // Due targets are judged on their date; the others show the latest figure as progress.
            var row = last is null ? null : last.Date >= t.ByDate ? days.Last(d => d.Date <= t.ByDate) : last;
            var actual = row is null ? null : RateOf(row, t.Metric);
            return new TargetProgress(t.Id, t.Metric, t.Rate, t.ByDate, actual, row?.Date, actual >= t.Rate, last is not null && last.Date >= t.ByDate);
        }).ToList();
    }

    public static double? RateOf(DailyRow row, TargetMetric metric) => metric switch
    {
        TargetMetric.DailyLoginRate => row.LoginRate,
        TargetMetric.WeeklyLoginRate => row.WeeklyLoginRate,
        _ => row.MonthlyLoginRate,
    };

    /// <summary>Per feature and local day: distinct users and events; rules are applied here, so changing them applies to all data.</summary>
    public static async Task<List<FeatureUsage>> FeatureUsageAsync(HypercareDbContext db, int projectId, DateOnly? asOf, int? licensed, CancellationToken cancellationToken)
    {
        var rules = await db.AdoptionFeatureRules.AsNoTracking().Where(r => r.ProjectId == projectId).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }

        var groups = await db.AdoptionUsageEvents.AsNoTracking().Where(e => e.ProjectId == projectId)
            .GroupBy(e => new { e.Day, e.UserKey, e.PageUrl, e.EntityType, e.App, e.Component, e.Feature })
            .Select(g => new { g.Key.Day, g.Key.UserKey, g.Key.PageUrl, g.Key.EntityType, g.Key.App, g.Key.Component, g.Key.Feature, Events = g.Count() })
            .ToListAsync(cancellationToken);
        var features = rules.Select(r => r.Feature).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var result = new List<FeatureUsage>();
        var lastDay = asOf ?? (groups.Count > 0 ? groups.Max(g => g.Day) : DateOnly.MinValue);
        foreach (var feature in features)
        {
            var own = rules.Where(r => r.Feature == feature).ToList();
            var matching = groups.Where(g => own.Any(r => FeatureRules.Matches(r, g.PageUrl, g.EntityType, g.App, g.Component, g.Feature))).ToList();
            var byDay = matching.GroupBy(g => g.Day).OrderBy(g => g.Key)
                .Select(g => new FeatureDayRow(g.Key, g.Select(x => x.UserKey).Distinct().Count(), g.Sum(x => x.Events))).ToList();
            var week = matching.Where(g => g.Day > lastDay.AddDays(-7) && g.Day <= lastDay).ToList();
            var users = week.Select(g => g.UserKey).Distinct().Count();
            result.Add(new FeatureUsage(feature, users, week.Sum(g => g.Events), licensed > 0 ? (double)users / licensed.Value : null, byDay));
        }

        return result;
    }

    internal static DailyRow ToRow(AdoptionDailyStat s)
    {
        double? Rate(int active) => s.Licensed > 0 ? (double)active / s.Licensed.Value : null;
        return new DailyRow(s.Day, s.DailyActive, s.WeeklyActive, s.MonthlyActive, s.Licensed, Rate(s.DailyActiveLicensed),
            Rate(s.WeeklyActiveLicensed), Rate(s.MonthlyActiveLicensed), s.SuccessfulLogins, s.FailedLogins);
    }

    private static FlagResponse ToResponse(AdoptionFlag f)
    {
        using var evidence = JsonDocument.Parse(string.IsNullOrEmpty(f.Evidence) ? "{}" : f.Evidence);
        return new FlagResponse(f.Id, f.Kind, f.Subject, f.Since, f.LastSeen, f.Magnitude, f.Summary, evidence.RootElement.Clone(), f.RaisedAt,
            f.ClearedAt, f.AcknowledgedAt, f.AcknowledgedBy, f.AcknowledgementNote);
    }
}

/// <summary>Feature rules: a usage event belongs to a feature when a rule's field equals, starts with or contains the value (any case).</summary>
public static class FeatureRules
{
    public static bool Matches(FeatureRule rule, string? pageUrl, string? entityType, string? app, string? component, string? feature)
    {
        var value = rule.Field switch
        {
            FeatureField.PageUrl => pageUrl,
            FeatureField.EntityType => entityType,
            FeatureField.App => app,
            FeatureField.Component => component,
            _ => feature,
        };
        if (value is null)
        {
            return false;
        }

        return rule.Match switch
        {
            FeatureMatch.Equals => value.Equals(rule.Value, StringComparison.OrdinalIgnoreCase),
            FeatureMatch.StartsWith => value.StartsWith(rule.Value, StringComparison.OrdinalIgnoreCase),
            _ => value.Contains(rule.Value, StringComparison.OrdinalIgnoreCase),
        };
    }
}
