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
    }
}
