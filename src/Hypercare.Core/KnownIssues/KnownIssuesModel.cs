using Hypercare.Core.Issues;
using Hypercare.Core.Patches;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.KnownIssues;

/// <summary>EF mapping of known issues and their links to reported issues; HypercareDbContext calls it with one line.</summary>
public static class KnownIssuesModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<KnownIssue>(b =>
        {
            b.Property(k => k.Title).HasMaxLength(KnownIssue.TitleMaxLength);
            b.Property(k => k.Symptoms).HasMaxLength(KnownIssue.TextMaxLength);
            b.Property(k => k.Workaround).HasMaxLength(KnownIssue.TextMaxLength);
            b.Property(k => k.InternalNotes).HasMaxLength(KnownIssue.TextMaxLength);
            b.Property(k => k.Status).HasConversion<string>().HasMaxLength(32);
            b.Property(k => k.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId);
            b.HasOne<Patch>().WithMany().HasForeignKey(k => k.PatchId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(k => new { k.ProjectId, k.Status });
            b.HasIndex(k => k.PatchId);
        });

        model.Entity<KnownIssueLink>(b =>
        {
            b.HasKey(l => new { l.KnownIssueId, l.IssueId });
            b.HasOne<KnownIssue>().WithMany().HasForeignKey(l => l.KnownIssueId);
            b.HasOne<Issue>().WithMany().HasForeignKey(l => l.IssueId);
            b.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Restrict);
            // An issue is an instance of one known issue at most.
            b.HasIndex(l => l.IssueId).IsUnique();
            b.HasIndex(l => l.ProjectId);
        });
    }
}
