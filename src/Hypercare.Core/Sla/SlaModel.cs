using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Sla;

/// <summary>EF mapping of the SLA, triage and notification tables, and of the plan settings stored as JSON.</summary>
internal static class SlaModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Project>(b =>
        {
            JsonColumns.ListAsJson(b.Property(p => p.Holidays));
            JsonColumns.ListAsJson(b.Property(p => p.WarningThresholds));
        });

        modelBuilder.Entity<Issue>(b =>
        {
            // The dashboard's "breached / about to breach" and the sweep read these in SQL.
            // Covers every risk count (breached, about to breach, paused) over the open issues.
            b.HasIndex(i => new { i.ProjectId, i.Status, i.ResolutionDueAt, i.ResponseDueAt, i.SlaPaused });
        });

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
        });

        modelBuilder.Entity<SlaAlert>(b =>
        {
            b.HasOne<Issue>().WithMany().HasForeignKey(a => a.IssueId);
            b.HasIndex(a => new { a.IssueId, a.Kind, a.Threshold, a.CycleStart }).IsUnique();
            b.HasIndex(a => new { a.ProjectId, a.CrossedAt });
        });

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

        modelBuilder.Entity<Notification>(b =>
        {
            b.Property(n => n.Kind).HasMaxLength(40);
            b.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
            b.HasIndex(n => new { n.UserId, n.ProjectId, n.CreatedAt });
        });

        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.Property(m => m.Channel).HasMaxLength(16);
            b.Property(m => m.Recipient).HasMaxLength(500);
            b.Property(m => m.Subject).HasMaxLength(300);
            b.Property(m => m.LastError).HasMaxLength(OutboxMessage.LastErrorMaxLength);
            b.Property(m => m.RequiredPermission).HasConversion<string>().HasMaxLength(32);
            b.HasIndex(m => new { m.Status, m.CreatedAt });
            b.HasIndex(m => new { m.Status, m.NextAttemptAt });
            b.HasIndex(m => new { m.ProjectId, m.CreatedAt });
        });
    }
}
