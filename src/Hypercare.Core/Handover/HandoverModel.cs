using Hypercare.Core.People;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Handover;

/// <summary>EF mapping of the handover: the areas with their stage dates, and the checklist.</summary>
public static class HandoverModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<HandoverArea>(b =>
        {
            b.Property(a => a.Name).HasMaxLength(HandoverArea.NameMaxLength);
            b.Property(a => a.NameKey).HasMaxLength(HandoverArea.NameMaxLength);
            b.Property(a => a.Notes).HasMaxLength(HandoverArea.NotesMaxLength);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId);
            b.HasOne<User>().WithMany().HasForeignKey(a => a.ContactUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasIndex(a => new { a.ProjectId, a.NameKey }).IsUnique();
        });

        model.Entity<HandoverItem>(b =>
        {
            b.Property(i => i.DefaultKey).HasMaxLength(32);
            b.Property(i => i.Title).HasMaxLength(HandoverItem.TitleMaxLength);
            b.Property(i => i.Note).HasMaxLength(HandoverItem.NoteMaxLength);
            b.Property(i => i.Version).IsConcurrencyToken();
            b.Ignore(i => i.IsDone);
            b.HasOne<Project>().WithMany().HasForeignKey(i => i.ProjectId);
            b.HasOne<HandoverArea>().WithMany().HasForeignKey(i => i.AreaId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(i => i.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<User>().WithMany().HasForeignKey(i => i.DoneByUserId).OnDelete(DeleteBehavior.Restrict);
            // NULLs are distinct in a unique index on both engines: one row per default, any number of custom items.
            b.HasIndex(i => new { i.ProjectId, i.DefaultKey }).IsUnique();
        });
    }
}
