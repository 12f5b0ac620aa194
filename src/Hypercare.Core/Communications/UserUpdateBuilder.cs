using Hypercare.Core.KnownIssues;
using static Hypercare.Core.Communications.MarkdownWriter;

namespace Hypercare.Core.Communications;

/// <summary>The daily user update's figures, computed from public-safe values only.</summary>
public sealed record UserUpdateReport(
    IReadOnlyList<PublicKnownIssue> NewKnownIssues,
    IReadOnlyList<PublicKnownIssue> Workarounds,
    IReadOnlyList<PublicKnownIssue> FixesComing,
    IReadOnlyList<PublicKnownIssue> FixedSinceLastUpdate,
    IReadOnlyList<PatchPlanItem> UpcomingPatches);

/// <summary>
/// The daily user update (pure): new known issues since the last update, workarounds in force, fixes coming with their
/// patch, and what was fixed since the last update. Its inputs carry no internal field, so none can appear.
/// </summary>
public static class UserUpdateBuilder
{
    public static UserUpdateReport Compute(UserUpdateInputs inputs)
    {
        var open = inputs.KnownIssues.Where(k => k.Status != KnownIssueStatus.Fixed).ToList();
        return new UserUpdateReport(
            open.Where(k => k.CreatedAt >= inputs.Since && k.CreatedAt <= inputs.Now).OrderByDescending(k => k.CreatedAt).ToList(),
            open.Where(k => k.WorkaroundPublishedAt is not null && !string.IsNullOrWhiteSpace(k.Workaround)).OrderByDescending(k => k.WorkaroundPublishedAt).ToList(),
            open.Where(k => k.Status == KnownIssueStatus.FixScheduled).OrderBy(k => k.PatchPlannedFor ?? DateTimeOffset.MaxValue).ToList(),
            inputs.KnownIssues.Where(k => k.Status == KnownIssueStatus.Fixed && k.FixedAt >= inputs.Since && k.FixedAt <= inputs.Now)
                .OrderByDescending(k => k.FixedAt).ToList(),
            inputs.Patches.Where(p => p.DeployedAt is null && p.PlannedFor >= inputs.Now).OrderBy(p => p.PlannedFor).ToList());
    }

    public static ReportContent Build(UserUpdateInputs inputs)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(inputs.TimeZoneId);
        var report = Compute(inputs);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(inputs.Now, zone).DateTime);
        var md = new MarkdownWriter()
            .Heading(1, $"{inputs.ProjectName}: user update, {Day(today)}")
            .Paragraph($"What changed since {Escape(Local(inputs.Since, zone))}: " +
                $"{report.NewKnownIssues.Count} new known issue(s), {report.FixesComing.Count} fix(es) coming, {report.FixedSinceLastUpdate.Count} fixed.")
            .Heading(2, "New known issues")
            .Bullets(report.NewKnownIssues.Select(k => $"**{Escape(k.Title)}**: {Escape(k.Symptoms)}"), "No new known issues.")
            .Heading(2, "Workarounds")
            .Bullets(report.Workarounds.Select(k => $"**{Escape(k.Title)}**: {Escape(k.Workaround)}"), "No workarounds in force.")
            .Heading(2, "Fixes coming")
            .Bullets(report.FixesComing.Select(k => $"**{Escape(k.Title)}**: in {Escape(k.PatchName ?? "the next patch")}" +
                (k.PatchPlannedFor is { } at ? $", planned {Escape(Local(at, zone))}" : "")), "No fixes scheduled yet.")
            .Heading(2, "Fixed since the last update")
            .Bullets(report.FixedSinceLastUpdate.Select(k => $"**{Escape(k.Title)}**"), "Nothing fixed since the last update.");
        if (report.UpcomingPatches.Count > 0)
        {
            md.Heading(2, "Next patches")
                .Bullets(report.UpcomingPatches.Select(p => $"{Escape(p.Name)}: {Escape(Local(p.PlannedFor, zone))} ({p.Fixes} fix(es))"), "");
        }

        return new ReportContent(ReportKind.UserUpdate, $"{inputs.ProjectName}: user update {Day(today)}", inputs.Since, inputs.Now, today, md.ToString(), []);
    }
}
