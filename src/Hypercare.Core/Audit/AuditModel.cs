using System.Text.Json;
using Hypercare.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hypercare.Core.Audit;

/// <summary>EF mapping of the audit trail; the field changes are one JSON column.</summary>
internal static class AuditModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.Property(a => a.SubjectType).HasMaxLength(32);
            b.Property(a => a.SubjectId).HasMaxLength(32);
            b.Property(a => a.EntityType).HasMaxLength(64);
            b.Property(a => a.EntityId).HasMaxLength(32);
            b.Property(a => a.ActorName).HasMaxLength(User.NameMaxLength);
            b.Property(a => a.Changes).HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<FieldChange>>(v, JsonSerializerOptions.Default) ?? new List<FieldChange>(),
                new ValueComparer<IReadOnlyList<FieldChange>>(
                    (a, b) => ReferenceEquals(a, b),
                    v => v.Count,
                    v => v));
            b.HasIndex(a => new { a.SubjectType, a.SubjectId, a.At });
            b.HasIndex(a => new { a.ProjectId, a.At });
        });
}
