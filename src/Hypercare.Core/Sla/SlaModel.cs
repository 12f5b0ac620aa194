using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

/// <summary>EF mapping of the plan's phases, the issue timeline and the SLA alerts.</summary>
internal static class SlaModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlanPhase>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(PlanPhase.NameMaxLength);
            b.Property(p => p.Version).IsConcurrencyToken();
            JsonColumns.ListAsJson(b.Property(p => p.SupportHours));
            JsonColumns.ListAsJson(b.Property(p => p.Targets));
            JsonColumns.ListAsJson(b.Property(p => p.TriageTimes));
            b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId);
            b.HasIndex(p => new { p.ProjectId, p.StartDate });
        });

        modelBuilder.Entity<IssueEvent>(b =>
        {
            b.HasOne(e => e.Issue).WithMany().HasForeignKey(e => e.IssueId);
            b.HasIndex(e => new { e.IssueId, e.At });
            // The exit rules read a project's recent arrivals of a kind (reported, severity changed) without its issues.
            b.HasIndex(e => new { e.ProjectId, e.Kind, e.At });
        });

        modelBuilder.Entity<SlaAlert>(b =>
        {
            b.HasOne<Issue>().WithMany().HasForeignKey(a => a.IssueId);
            b.HasIndex(a => new { a.IssueId, a.Kind, a.Threshold, a.CycleStart }).IsUnique();
            b.HasIndex(a => new { a.ProjectId, a.CrossedAt });
        });
    }
}
