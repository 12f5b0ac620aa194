using System.Text.Json;
using Hypercare.Core.Adoption.Metrics;
using Hypercare.Core.Data;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption.Flags;

/// <summary>
/// Evaluates the flag rules on a project's stored figures and keeps one open flag per kind and subject: a finding
/// that persists updates its flag (keeping "since" and any acknowledgement), one that is gone clears it. Stale login
/// data is judged against the injected clock, so the scheduled run raises it without an import and the import that
/// brings the data up to date clears it.
/// </summary>
public sealed class AdoptionFlagEvaluator(HypercareDbContext db, TimeProvider time)
{
    public async Task<IReadOnlyList<FlagFinding>> EvaluateAsync(Project project, CancellationToken cancellationToken = default)
    {
        var all = await db.AdoptionDailyStats.AsNoTracking()
            .Where(s => s.ProjectId == project.Id && s.Dimension == AdoptionSeries.All)
            .OrderBy(s => s.Day).ToListAsync(cancellationToken);
        var findings = new List<FlagFinding>();
        if (all.Count > 0)
        {
            var rows = all.Select(AdoptionService.ToRow).ToList();
            var last = rows[^1];
            var hasRoster = last.LicensedUsers is not null;

            // Declines compare like weekdays; the daily login rate when there is a roster, else daily active users.
            var decline = hasRoster
                ? FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", rows.Select(r => (r.Date, r.LoginRate ?? 0)).ToList(), "daily login rate")
                : FlagRules.WeekOverWeekDecline(FlagKind.WeekOverWeekDecline, "all users", rows.Select(r => (r.Date, (double)r.ActiveUsers)).ToList(), "daily active users");
            Add(findings, decline);

            foreach (var target in await db.AdoptionTargets.AsNoTracking().Where(t => t.ProjectId == project.Id).ToListAsync(cancellationToken))
            {
                Add(findings, FlagRules.BelowTarget(target, rows.Select(r => (r.Date, AdoptionService.RateOf(r, target.Metric))).ToList()));
            }

            if (hasRoster)
            {
                var allStat = all[^1];
                var groups = await db.AdoptionDailyStats.AsNoTracking()
                    .Where(s => s.ProjectId == project.Id && s.Dimension != AdoptionSeries.All && s.Day == last.Date)
                    .ToListAsync(cancellationToken);
                foreach (var g in groups.Where(g => g.Dimension is "department" or "profile"))
                {
                    Add(findings, FlagRules.GroupLagging(g.Dimension, g.Group, last.Date, g.Licensed ?? 0, g.WeeklyActiveLicensed,
                        allStat.Licensed ?? 0, allStat.WeeklyActiveLicensed));
                }
            }

            var failures = await db.AdoptionFailureDays.AsNoTracking().Where(f => f.ProjectId == project.Id).ToListAsync(cancellationToken);
            var dates = rows.Select(r => r.Date).ToList();
            Add(findings, FlagRules.FailureSpike("all failed logins", dates.Select(d => (d, failures.Where(f => f.Day == d).Sum(f => f.Count))).ToList()));
            Add(findings, FlagRules.FailureSpike("lockouts", dates.Select(d => (d, failures.Where(f => f.Day == d && f.Bucket == FailureBucket.Lockout).Sum(f => f.Count))).ToList()));

            // The figures end at the last imported day whether or not time has moved on; only the clock can tell.
            var lastImportAt = await db.AdoptionImports.AsNoTracking()
                .Where(i => i.ProjectId == project.Id && i.Kind == ImportKind.Logins)
                .OrderByDescending(i => i.Id).Select(i => (DateTimeOffset?)i.ImportedAt).FirstOrDefaultAsync(cancellationToken);
            var now = time.GetUtcNow();
            // A closed project no longer expects fresh exports.
            if (Exit.ProjectStages.IsActive(project.Stage))
            {
                Add(findings, FlagRules.LoginDataStale(last.Date, LocalDays.Today(now, project.TimeZoneId), project.GoLiveDate,
                    lastImportAt is { } at ? TimeZoneInfo.ConvertTime(at, project.TimeZone) : null));
            }
        }

        var usageLast = await db.AdoptionUsageEvents.Where(e => e.ProjectId == project.Id).MaxAsync(e => (DateOnly?)e.Day, cancellationToken);
        if (usageLast is { } usageDay)
        {
            foreach (var feature in await AdoptionService.FeatureUsageAsync(db, project.Id, usageDay, null, cancellationToken))
            {
                var byDay = feature.Days.ToDictionary(d => d.Date, d => d.Users);
                var series = Enumerable.Range(0, 14).Select(i => usageDay.AddDays(i - 13))
                    .Select(d => (d, (double)byDay.GetValueOrDefault(d))).ToList();
                Add(findings, FlagRules.WeekOverWeekDecline(FlagKind.FeatureDecline, $"feature: {feature.Feature}", series, "daily users"));
            }
        }

        await StoreAsync(project.Id, findings, cancellationToken);
        return findings;
    }

    private static void Add(List<FlagFinding> findings, FlagFinding? finding)
    {
        if (finding is not null)
        {
            findings.Add(finding);
        }
    }

    private async Task StoreAsync(int projectId, List<FlagFinding> findings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var open = await db.AdoptionFlags.Where(f => f.ProjectId == projectId && f.ClearedAt == null).ToListAsync(cancellationToken);
        foreach (var finding in findings)
        {
            var flag = open.FirstOrDefault(f => f.Kind == finding.Kind && f.Subject == finding.Subject);
            if (flag is null)
            {
                flag = new AdoptionFlag { ProjectId = projectId, Kind = finding.Kind, Subject = finding.Subject, Since = finding.Since, RaisedAt = now };
                db.AdoptionFlags.Add(flag);
            }
            else
            {
                open.Remove(flag);
            }

            flag.LastSeen = finding.Evidence.TryGetValue("day", out var day) && day is DateOnly d ? d : finding.Since;
            flag.Magnitude = Math.Round(finding.Magnitude, 4);
            flag.Summary = finding.Summary.Length > 1000 ? finding.Summary[..1000] : finding.Summary;
            flag.Evidence = JsonSerializer.Serialize(finding.Evidence, JsonSerializerOptions.Web);
        }

        foreach (var gone in open)
        {
            gone.ClearedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
