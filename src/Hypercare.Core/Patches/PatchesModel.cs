using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Core.Sla;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Patches;

/// <summary>EF mapping of patches, their issues and the per-phase cadence; HypercareDbContext calls it with one line.</summary>
public static class PatchesModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<Patch>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(Patch.NameMaxLength);
            b.Property(p => p.ReleaseNotes).HasMaxLength(Patch.ReleaseNotesMaxLength);
            b.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId);
            b.HasIndex(p => new { p.ProjectId, p.Number }).IsUnique();
            b.HasIndex(p => new { p.ProjectId, p.Status, p.PlannedFor });
        });

        model.Entity<PatchIssue>(b =>
        {
            b.HasKey(pi => new { pi.PatchId, pi.IssueId });
            b.HasOne<Patch>().WithMany().HasForeignKey(pi => pi.PatchId);
            b.HasOne<Issue>().WithMany().HasForeignKey(pi => pi.IssueId);
            b.HasOne<Project>().WithMany().HasForeignKey(pi => pi.ProjectId).OnDelete(DeleteBehavior.Restrict);
            // An issue rides one patch at most.
            b.HasIndex(pi => pi.IssueId).IsUnique();
            b.HasIndex(pi => pi.ProjectId);
        });

        model.Entity<PhasePatchCadence>(b =>
        {
            b.ToTable("PatchCadences");
            b.HasKey(c => c.PlanPhaseId);
            b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
            JsonColumns.ListAsJson(b.Property(c => c.Days));
            JsonColumns.ListAsJson(b.Property(c => c.Dates));
            b.HasOne<PlanPhase>().WithOne().HasForeignKey<PhasePatchCadence>(c => c.PlanPhaseId);
            b.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => c.ProjectId);
        });
    }
}
