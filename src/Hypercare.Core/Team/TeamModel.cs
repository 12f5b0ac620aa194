using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Team;

/// <summary>EF mapping of the rota: per-project rules, availability, time off, the shifts and their swaps.</summary>
public static class TeamModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<RotaSettings>(b =>
        {
            b.HasKey(s => s.ProjectId);
            b.Property(s => s.ProjectId).ValueGeneratedNever();
            b.Property(s => s.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithOne().HasForeignKey<RotaSettings>(s => s.ProjectId);
        });

        model.Entity<RotaAvailability>(b =>
        {
            b.Property(a => a.Day).HasConversion<string>().HasMaxLength(16);
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => new { a.ProjectId, a.UserId });
        });

        model.Entity<RotaTimeOff>(b =>
        {
            b.Property(t => t.Note).HasMaxLength(RotaTimeOff.NoteMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(t => new { t.ProjectId, t.UserId, t.From });
        });

        model.Entity<TeamShift>(b =>
        {
            b.Property(s => s.Source).HasConversion<string>().HasMaxLength(16);
            b.Property(s => s.Phase).HasMaxLength(TeamShift.PhaseMaxLength);
            b.Property(s => s.GapReason).HasMaxLength(TeamShift.GapReasonMaxLength);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.Ignore(s => s.IsGap);
            b.Ignore(s => s.Hours);
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
            // "Who is on duty at t" and the range reads both scan a project's shifts by start.
            b.HasIndex(s => new { s.ProjectId, s.Start });
            b.HasIndex(s => new { s.ProjectId, s.UserId, s.Start });
        });

        model.Entity<ShiftSwap>(b =>
        {
            b.Property(s => s.Status).HasConversion<string>().HasMaxLength(24);
            b.Property(s => s.Note).HasMaxLength(ShiftSwap.NoteMaxLength);
            b.Property(s => s.RuleBreak).HasMaxLength(ShiftSwap.RuleBreakMaxLength);
            b.Property(s => s.Version).IsConcurrencyToken();
            b.Ignore(s => s.IsOpen);
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
            b.HasOne<TeamShift>().WithMany().HasForeignKey(s => s.ShiftId).OnDelete(DeleteBehavior.Cascade);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.OfferedByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.TakenByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(s => s.DecidedByUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(s => new { s.ProjectId, s.Status });
            b.HasIndex(s => s.ShiftId);
        });
    }
}
