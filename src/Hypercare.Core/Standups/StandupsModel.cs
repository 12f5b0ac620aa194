using Hypercare.Core.Data;
using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Standups;

/// <summary>EF mapping of the standups: the schedule, the invitation series as sent, the minutes and their action items.</summary>
public static class StandupsModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<StandupSchedule>(b =>
        {
            JsonColumns.ListAsJson(b.Property(s => s.AttendeeRoles));
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.HasIndex(s => s.ProjectId).IsUnique();
        });

        model.Entity<StandupSeries>(b =>
        {
            b.Property(s => s.Uid).HasMaxLength(StandupSeries.UidMaxLength);
            b.Property(s => s.Fingerprint).HasMaxLength(64);
            JsonColumns.ListAsJson(b.Property(s => s.InvitedUserIds));
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            // The phase may be removed from the plan: the row stays, to send the cancellation.
            b.HasIndex(s => new { s.ProjectId, s.PhaseId }).IsUnique();
        });

        model.Entity<StandupMinutes>(b =>
        {
            b.Property(m => m.Notes).HasMaxLength(StandupMinutes.NotesMaxLength);
            JsonColumns.ListAsJson(b.Property(m => m.Decisions));
            b.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(m => m.RecordedByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(m => new { m.ProjectId, m.HeldOn }).IsUnique();
        });

        model.Entity<StandupActionItem>(b =>
        {
            b.Property(a => a.Text).HasMaxLength(StandupActionItem.TextMaxLength);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
            b.HasOne<StandupMinutes>().WithMany().HasForeignKey(a => a.MinutesId);
            b.HasOne<User>().WithMany().HasForeignKey(a => a.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(a => a.DoneByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => new { a.ProjectId, a.DoneAt });
        });

        model.Entity<CalendarFeed>(b =>
        {
            b.Property(f => f.Token).HasMaxLength(CalendarFeed.TokenLength);
            b.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(f => f.UserId);
            b.HasIndex(f => f.Token).IsUnique();
            // NULLs are distinct in a unique index on both engines, so the project's one feed is guarded by the service.
            b.HasIndex(f => new { f.ProjectId, f.UserId }).IsUnique();
        });
    }
}
