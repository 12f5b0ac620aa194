using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Issues;

/// <summary>EF mapping of issues (every index the list, dashboard and SLA sweep read) and their comments.</summary>
internal static class IssuesModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Issue>(b =>
        {
            b.Property(i => i.Title).HasMaxLength(Issue.TitleMaxLength);
            b.Property(i => i.Description).HasMaxLength(Issue.DescriptionMaxLength);
            b.Property(i => i.AffectedArea).HasMaxLength(Issue.AreaMaxLength);
            b.Property(i => i.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId);
            b.HasOne(i => i.Reporter).WithMany().HasForeignKey(i => i.ReporterId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne(i => i.Assignee).WithMany().HasForeignKey(i => i.AssigneeId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Issue>().WithMany().HasForeignKey(i => i.DuplicateOfId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(i => i.Comments).WithOne().HasForeignKey(c => c.IssueId);
            // The list's default order and the dashboard's groupings all start from the project.
            b.HasIndex(i => new { i.ProjectId, i.ReportedAt });
            // The exit rule on SLA compliance reads the clocks resolved in its window.
            b.HasIndex(i => new { i.ProjectId, i.ResolvedAt });
            // Covers the dashboard's one grouped pass (status, severity, category) and any (status[, severity]) filter.
            b.HasIndex(i => new { i.ProjectId, i.Status, i.Severity, i.Category });
            b.HasIndex(i => new { i.ProjectId, i.AssigneeId });
            b.HasIndex(i => new { i.ProjectId, i.ReporterId });
            // Covering indexes for the dashboard's counts and the list's severity order (measured on 100k issues: ADR 0003).
            b.HasIndex(i => new { i.ProjectId, i.Category });
            b.HasIndex(i => new { i.ProjectId, i.Status, i.OwningTeam, i.AssigneeId });
            b.HasIndex(i => new { i.ProjectId, i.Severity, i.ReportedAt });
            // The dashboard's "breached / about to breach" and the SLA sweep read these in SQL: covers every risk count
            // (breached, about to breach, paused) over the open issues.
            b.HasIndex(i => new { i.ProjectId, i.Status, i.ResolutionDueAt, i.ResponseDueAt, i.SlaPaused });
        });

        modelBuilder.Entity<IssueComment>(b =>
        {
            b.Property(c => c.Body).HasMaxLength(IssueComment.BodyMaxLength);
            b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => new { c.IssueId, c.CreatedAt });
        });
    }
}
