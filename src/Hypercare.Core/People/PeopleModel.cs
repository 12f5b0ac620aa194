using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.People;

/// <summary>EF mapping of users and their API tokens; HypercareDbContext calls it with one line.</summary>
internal static class PeopleModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<User>(b =>
        {
            b.Property(u => u.Email).HasMaxLength(User.EmailMaxLength);
            b.Property(u => u.DisplayName).HasMaxLength(User.NameMaxLength);
            b.Property(u => u.PasswordHash).HasMaxLength(200);
            b.HasIndex(u => u.Email).IsUnique();
        });

        modelBuilder.Entity<ApiToken>(b =>
        {
            b.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
            b.Property(t => t.Prefix).HasMaxLength(16);
            b.Property(t => t.TokenHash).HasMaxLength(64);
            b.HasIndex(t => t.TokenHash).IsUnique();
            b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId);
            b.Ignore(t => t.IsActive);
        });

        modelBuilder.Entity<UserSession>(b =>
        {
            b.Property(s => s.KeyHash).HasMaxLength(64);
            b.HasIndex(s => s.KeyHash).IsUnique();
            b.HasIndex(s => new { s.UserId, s.EndedAt });
            b.Property(s => s.Address).HasMaxLength(UserSession.AddressMaxLength);
            b.Property(s => s.UserAgent).HasMaxLength(UserSession.UserAgentMaxLength);
            b.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(20);
            b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId);
            b.Ignore(s => s.IsOpen);
        });

        modelBuilder.Entity<SignInAttempt>(b =>
        {
            b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(20);
            b.Property(a => a.Email).HasMaxLength(User.EmailMaxLength);
            b.Property(a => a.Address).HasMaxLength(UserSession.AddressMaxLength);
            b.HasIndex(a => new { a.Email, a.At });
            b.HasIndex(a => new { a.Address, a.At });
            b.HasIndex(a => a.At);
            b.Ignore(a => a.IsFailure);
        });
    }
}
