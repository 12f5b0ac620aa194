using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.StatusPage;

/// <summary>EF mapping of the status page link; HypercareDbContext calls it with one line.</summary>
public static class StatusPageModel
{
    public static void Configure(ModelBuilder model) =>
        model.Entity<StatusPageLink>(b =>
        {
            b.ToTable("StatusPageLinks");
            b.HasKey(l => l.ProjectId);
            b.Property(l => l.Token).HasMaxLength(64);
            b.Property(l => l.HowToGetHelp).HasMaxLength(StatusPageLink.HelpMaxLength);
            b.HasOne<Project>().WithOne().HasForeignKey<StatusPageLink>(l => l.ProjectId);
            b.HasIndex(l => l.Token).IsUnique();
        });
}
