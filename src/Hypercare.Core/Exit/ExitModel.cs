using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Exit;

/// <summary>EF mapping of the exit feature: stage moves, rules, sign-offs, overrides, extensions, the daily evaluations.</summary>
public static class ExitModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ProjectStageChange>(b =>
        {
            b.Property(c => c.From).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.To).HasConversion<string>().HasMaxLength(16);
            b.Property(c => c.Reason).HasMaxLength(ProjectStages.ReasonMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(c => c.ByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(c => new { c.ProjectId, c.At });
        });

        model.Entity<ExitRule>(b =>
        {
            b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
            b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId);
            b.HasIndex(r => new { r.ProjectId, r.Kind }).IsUnique();
        });

        model.Entity<ExitSignOff>(b =>
        {
            b.Property(s => s.Comment).HasMaxLength(ExitSignOff.TextMaxLength);
            b.Property(s => s.OverrideReason).HasMaxLength(ExitSignOff.TextMaxLength);
            b.Property(s => s.UnmetAtSignOff).HasMaxLength(ExitSignOff.TextMaxLength);
            b.Property(s => s.WithdrawnReason).HasMaxLength(ExitSignOff.TextMaxLength);
            b.Ignore(s => s.IsActive);
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.SignedByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.OnBehalfOfUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(s => new { s.ProjectId, s.At });
        });

        model.Entity<ExitOverride>(b =>
        {
            b.Property(o => o.Reason).HasMaxLength(ExitSignOff.TextMaxLength);
            b.Ignore(o => o.IsOpen);
            b.HasOne<Project>().WithMany().HasForeignKey(o => o.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(o => o.ByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(o => o.ProjectId);
        });

        model.Entity<ExitExtension>(b =>
        {
            b.Property(e => e.Reason).HasMaxLength(ExitSignOff.TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(e => e.ByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(e => e.ProjectId);
        });

        model.Entity<ExitEvaluationRecord>(b =>
        {
            b.ToTable("ExitEvaluations");
            JsonColumns.ListAsJson(b.Property(e => e.Rules));
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId);
            b.HasIndex(e => new { e.ProjectId, e.Day }).IsUnique();
        });

        model.Entity<ExitEndAlert>(b =>
        {
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
            b.HasIndex(a => new { a.ProjectId, a.PlannedEnd }).IsUnique();
        });
    }
}
