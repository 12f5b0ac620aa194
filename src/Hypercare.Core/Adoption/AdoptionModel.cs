using Hypercare.Core.Adoption.Import;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Adoption;

/// <summary>EF mapping of the adoption tables; HypercareDbContext calls it with one line.</summary>
public static class AdoptionModel
{
    public const int KeyMaxLength = 80;
    public const int TextMaxLength = 255;

    public static void Configure(ModelBuilder model)
    {
        model.Entity<RosterUser>(b =>
        {
            b.ToTable("AdoptionRoster");
            b.Property(u => u.UserKey).HasMaxLength(KeyMaxLength);
            b.Property(u => u.Username).HasMaxLength(TextMaxLength);
            b.Property(u => u.Name).HasMaxLength(TextMaxLength);
            b.Property(u => u.UserType).HasMaxLength(64);
            b.Property(u => u.Profile).HasMaxLength(TextMaxLength);
            b.Property(u => u.Role).HasMaxLength(TextMaxLength);
            b.Property(u => u.Department).HasMaxLength(TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(u => u.ProjectId);
            b.HasIndex(u => new { u.ProjectId, u.UserKey }).IsUnique();
            // The never-logged-in list: active users whose last login day is missing or before go-live.
            b.HasIndex(u => new { u.ProjectId, u.LastLoginDay });
        });

        model.Entity<LoginEvent>(b =>
        {
            // Legacy tables (ADR 0042): read once by AdoptionStoreUpgrade, then empty; drop them in a later release.
            b.ToTable("AdoptionLoginEvents");
            // Integer-ordered key (ADR 0013): a time-ordered export appends to the end of the key's B-tree.
            b.HasKey(e => new { e.ProjectId, e.KeyText, e.KeyNumber });
            b.Property(e => e.KeyText).HasMaxLength(KeyMaxLength);
            b.Property(e => e.UserKey).HasMaxLength(KeyMaxLength);
            b.Property(e => e.Status).HasMaxLength(TextMaxLength);
            b.Property(e => e.Bucket).HasConversion<string>().HasMaxLength(24);
            b.Property(e => e.LoginType).HasMaxLength(64);
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId);
        });

        model.Entity<LoginDay>(b =>
        {
            b.ToTable("AdoptionLoginDays");
            // Day before user: the figures are rebuilt in one pass in day order, straight off the key.
            b.HasKey(d => new { d.ProjectId, d.Day, d.UserKey });
            b.Property(d => d.UserKey).HasMaxLength(KeyMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
        });

        model.Entity<LoginKeyBlock>(b =>
        {
            b.ToTable("AdoptionLoginKeyBlocks");
            b.Property(k => k.Prefix).HasMaxLength(SalesforceId.KeyPrefixLength);
            b.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId);
            // The duplicate check asks for the blocks overlapping a range: Last >= low, then First <= high from the index.
            b.HasIndex(k => new { k.ProjectId, k.Prefix, k.Last, k.First });
        });

        model.Entity<LoginTextKey>(b =>
        {
            b.ToTable("AdoptionLoginTextKeys");
            b.HasKey(k => new { k.ProjectId, k.Key });
            b.Property(k => k.Key).HasMaxLength(KeyMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(k => k.ProjectId);
        });

        model.Entity<LoginUser>(b =>
        {
            b.ToTable("AdoptionLoginUsers");
            b.HasKey(u => new { u.ProjectId, u.Number });
            b.Property(u => u.UserKey).HasMaxLength(KeyMaxLength);
            b.HasIndex(u => new { u.ProjectId, u.UserKey }).IsUnique();
            b.HasOne<Project>().WithMany().HasForeignKey(u => u.ProjectId);
        });

        model.Entity<LoginDaySet>(b =>
        {
            b.ToTable("AdoptionLoginDaySets");
            b.HasKey(d => new { d.ProjectId, d.Day });
            b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
        });

        model.Entity<UserActivity>(b =>
        {
            b.ToTable("AdoptionUserActivity");
            b.HasKey(a => new { a.ProjectId, a.UserKey });
            b.Property(a => a.UserKey).HasMaxLength(KeyMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
        });

        model.Entity<FailureDay>(b =>
        {
            b.ToTable("AdoptionFailureDays");
            b.HasKey(d => new { d.ProjectId, d.Day, d.Bucket });
            b.Property(d => d.Bucket).HasConversion<string>().HasMaxLength(24);
            b.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId);
        });

        model.Entity<UsageEvent>(b =>
        {
            b.ToTable("AdoptionUsageEvents");
            b.HasKey(e => new { e.ProjectId, e.SourceKey });
            b.Property(e => e.SourceKey).HasMaxLength(KeyMaxLength);
            b.Property(e => e.UserKey).HasMaxLength(KeyMaxLength);
            b.Property(e => e.Source).HasConversion<string>().HasMaxLength(24);
            b.Property(e => e.PageUrl).HasMaxLength(1000);
            b.Property(e => e.EntityType).HasMaxLength(TextMaxLength);
            b.Property(e => e.App).HasMaxLength(TextMaxLength);
            b.Property(e => e.Component).HasMaxLength(TextMaxLength);
            b.Property(e => e.Feature).HasMaxLength(TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(e => e.ProjectId);
            b.HasIndex(e => new { e.ProjectId, e.Day });
        });

        model.Entity<AdoptionDailyStat>(b =>
        {
            b.ToTable("AdoptionDailyStats");
            b.HasKey(s => new { s.ProjectId, s.Dimension, s.Group, s.Day });
            b.Property(s => s.Dimension).HasMaxLength(16);
            b.Property(s => s.Group).HasMaxLength(TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId);
        });

        model.Entity<AdoptionSettings>(b =>
        {
            b.HasKey(s => s.ProjectId);
            b.Property(s => s.LicensedUserTypes).HasMaxLength(1000);
            b.Property(s => s.ExcludedProfiles).HasMaxLength(4000);
            b.HasOne<Project>().WithOne().HasForeignKey<AdoptionSettings>(s => s.ProjectId);
        });

        model.Entity<FeatureRule>(b =>
        {
            b.ToTable("AdoptionFeatureRules");
            b.Property(r => r.Feature).HasMaxLength(80);
            b.Property(r => r.Field).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Match).HasConversion<string>().HasMaxLength(16);
            b.Property(r => r.Value).HasMaxLength(TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId);
            b.HasIndex(r => r.ProjectId);
        });

        model.Entity<AdoptionTarget>(b =>
        {
            b.ToTable("AdoptionTargets");
            b.Property(t => t.Metric).HasConversion<string>().HasMaxLength(24);
            b.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId);
            b.HasIndex(t => t.ProjectId);
        });

        model.Entity<AdoptionFlag>(b =>
        {
            b.ToTable("AdoptionFlags");
            b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(32);
            b.Property(f => f.Subject).HasMaxLength(TextMaxLength);
            b.Property(f => f.Summary).HasMaxLength(1000);
            b.Property(f => f.Evidence).HasMaxLength(8000);
            b.Property(f => f.AcknowledgedBy).HasMaxLength(TextMaxLength);
            b.Property(f => f.AcknowledgementNote).HasMaxLength(1000);
            b.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId);
            b.HasIndex(f => new { f.ProjectId, f.Kind, f.Subject });
        });

        model.Entity<AdoptionImport>(b =>
        {
            b.ToTable("AdoptionImports");
            b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            b.Property(i => i.FileName).HasMaxLength(TextMaxLength);
            b.Property(i => i.Format).HasMaxLength(64);
            b.Property(i => i.ImportedBy).HasMaxLength(TextMaxLength);
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId);
            b.HasIndex(i => new { i.ProjectId, i.ImportedAt });
        });
    }
}
