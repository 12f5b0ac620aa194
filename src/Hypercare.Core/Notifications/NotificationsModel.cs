using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Notifications;

/// <summary>EF mapping of in-app notifications and the delivery outbox.</summary>
internal static class NotificationsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
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
