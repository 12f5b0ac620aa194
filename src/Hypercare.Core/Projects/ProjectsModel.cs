using Hypercare.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Projects;

/// <summary>EF mapping of projects (with the plan settings stored as JSON) and their members.</summary>
internal static class ProjectsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Project>(b =>
        {
            b.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
            b.Property(p => p.SystemName).HasMaxLength(Project.SystemMaxLength);
            b.Property(p => p.TimeZoneId).HasMaxLength(64);
            b.Property(p => p.Sev1Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Sev2Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Sev3Definition).HasMaxLength(Project.SeverityDefinitionMaxLength);
            b.Property(p => p.Version).IsConcurrencyToken();
            // Projects that existed before stages are in hypercare; the sentinel makes EF send every real value.
            b.Property(p => p.Stage).HasConversion<string>().HasMaxLength(16)
                .HasDefaultValue(Exit.ProjectStage.Live).HasSentinel((Exit.ProjectStage)(-1));
            JsonColumns.ListAsJson(b.Property(p => p.Holidays));
            JsonColumns.ListAsJson(b.Property(p => p.WarningThresholds));
            b.Ignore(p => p.TimeZone);
            b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProjectId);
        });

        modelBuilder.Entity<ProjectMember>(b =>
        {
            b.HasKey(m => new { m.ProjectId, m.UserId });
            b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId);
            b.HasIndex(m => m.UserId);
        });
    }
}
