using System.Text.Json;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hypercare.Core.Communications;

/// <summary>EF mapping of the report schedules, drafts and archive; HypercareDbContext calls it with one line.</summary>
public static class CommunicationsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ReportSchedule>(b =>
        {
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(s => s.SlackWebhookUrl).HasMaxLength(ReportSchedule.WebhookMaxLength);
            b.Property(s => s.TeamsWebhookUrl).HasMaxLength(ReportSchedule.WebhookMaxLength);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.Ignore(s => s.Days);
            b.Property(s => s.RecipientRoles).HasConversion(
                v => string.Join(',', v),
                v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ProjectRole>).ToList(),
                ListComparer<ProjectRole>()).HasMaxLength(200);
            b.Property(s => s.ExtraAddresses).HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
                ListComparer<string>());
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.HasIndex(s => new { s.ProjectId, s.Kind }).IsUnique();
        });

        model.Entity<ReportDraft>(b =>
        {
            b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(d => d.Subject).HasMaxLength(ReportSend.SubjectMaxLength);
            b.Property(d => d.Markdown).HasMaxLength(ReportDraft.MarkdownMaxLength);
            b.Property(d => d.EditedByName).HasMaxLength(People.User.NameMaxLength);
            b.Property(d => d.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
            b.HasIndex(d => new { d.ProjectId, d.Kind }).IsUnique();
        });

        model.Entity<ReportSend>(b =>
        {
            b.Property(s => s.Kind).HasConversion<string>().HasMaxLength(24);
            b.Property(s => s.Trigger).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.Subject).HasMaxLength(ReportSend.SubjectMaxLength);
            b.Property(s => s.EditedByName).HasMaxLength(People.User.NameMaxLength);
            b.Property(s => s.SentByName).HasMaxLength(People.User.NameMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.Property(s => s.Key).HasMaxLength(32);
            b.HasIndex(s => s.Key).IsUnique();
            b.HasMany(s => s.Recipients).WithOne().HasForeignKey(r => r.ReportSendId);
            // Exactly once per slot: two nodes (or a restart) racing for the same slot meet this key; the loser rolls back
            // its archive row and outbox messages together. Send-now rows have no slot date and never collide.
            b.HasIndex(s => new { s.ProjectId, s.Kind, s.SlotDate }).IsUnique();
            b.HasIndex(s => new { s.ProjectId, s.SentAt });
        });

        model.Entity<ReportRecipient>(b =>
        {
            b.Property(r => r.Channel).HasMaxLength(16);
            b.Property(r => r.Address).HasMaxLength(People.User.EmailMaxLength);
            b.HasOne(r => r.OutboxMessage).WithMany().HasForeignKey(r => r.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
            b.HasIndex(r => r.ReportSendId);
        });
    }

    private static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => a != null && b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
        v => v.ToList());
}
