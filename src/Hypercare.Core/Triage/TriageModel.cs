using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Triage;

/// <summary>EF mapping of hand-overs, triage sessions and triage decisions.</summary>
internal static class TriageModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Handoff>(b =>
        {
            b.Property(h => h.Note).HasMaxLength(Handoff.NoteMaxLength);
            b.HasOne<Issue>().WithMany().HasForeignKey(h => h.IssueId);
            b.HasIndex(h => new { h.ProjectId, h.At });
        });

        modelBuilder.Entity<TriageSession>(b =>
        {
            JsonColumns.ListAsJson(b.Property(t => t.AttendeeIds));
            b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
            b.HasIndex(t => new { t.ProjectId, t.StartedAt });
        });

        modelBuilder.Entity<TriageDecision>(b =>
        {
            b.Property(t => t.Reason).HasMaxLength(TriageDecision.ReasonMaxLength);
            b.HasOne<Issue>().WithMany().HasForeignKey(t => t.IssueId);
            b.HasIndex(t => new { t.SessionId });
            b.HasIndex(t => new { t.ProjectId, t.At });
        });
    }
}
