using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core.Issues;
using Hypercare.Core.Notifications;
using Hypercare.Core.Projects;
using Hypercare.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hypercare.Core.Sla;

/// <summary>EF mapping of the SLA, triage and notification tables, and of the plan settings stored as JSON.</summary>
internal static class SlaModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Project>(b =>
        {
            JsonColumn(b.Property(p => p.Holidays));
            JsonColumn(b.Property(p => p.WarningThresholds));
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
            JsonColumn(b.Property(p => p.SupportHours));
            JsonColumn(b.Property(p => p.Targets));
            JsonColumn(b.Property(p => p.TriageTimes));
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
            JsonColumn(b.Property(t => t.AttendeeIds));
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

    private static void JsonColumn<T>(PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<List<T>>(v, Json) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a != null && b != null && a.SequenceEqual(b),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));
}
