using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Items;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> e)
    {
        e.Property(i => i.Text).HasMaxLength(ItemRules.MaxTextLength);
        e.Property(i => i.Answer).HasMaxLength(ItemRules.MaxTextLength);
        e.Property(i => i.SpeakerName).HasMaxLength(120);
        e.Property(i => i.AnsweredBy).HasMaxLength(200);
        e.Property(i => i.CreatedByUserId).HasMaxLength(450);
        e.HasOne(i => i.RaisedByPerson).WithMany().HasForeignKey(i => i.RaisedByPersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.OnBehalfOfUnit).WithMany().HasForeignKey(i => i.OnBehalfOfUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(i => i.Topic).WithMany().HasForeignKey(i => i.TopicId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.Assignments).WithOne().HasForeignKey(a => a.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.History).WithOne().HasForeignKey(h => h.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.ExtensionRequests).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.Contributions).WithOne().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Item>().WithMany().HasForeignKey(i => i.MergedIntoItemId).OnDelete(DeleteBehavior.Restrict);
        e.Property(i => i.OutcomeNote).HasMaxLength(ItemRules.MaxNoteLength);
        e.Property(i => i.ApprovedBy).HasMaxLength(200);
        e.Property(i => i.SatisfactionNote).HasMaxLength(ItemRules.MaxNoteLength);
        e.Property(i => i.EscalatedTo).HasMaxLength(300);
        e.Property(i => i.Version).IsConcurrencyToken();
        e.Ignore(i => i.IsPublishable);
        e.HasIndex(i => new { i.SessionId, i.Number }).IsUnique();
        e.HasIndex(i => i.Status);
        e.Ignore(i => i.CurrentAssignment);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> e)
    {
        e.Property(a => a.Note).HasMaxLength(ItemRules.MaxNoteLength);
        e.Property(a => a.AssignedByUserId).HasMaxLength(450);
        e.HasOne(a => a.LeadUnit).WithMany().HasForeignKey(a => a.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.CoUnits).WithOne().HasForeignKey(c => c.AssignmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(a => a.LeadUnitId);
    }
}

internal sealed class AssignmentCoUnitConfiguration : IEntityTypeConfiguration<AssignmentCoUnit>
{
    public void Configure(EntityTypeBuilder<AssignmentCoUnit> e)
    {
        e.HasKey(c => new { c.AssignmentId, c.OrgUnitId });
        e.HasOne(c => c.OrgUnit).WithMany().HasForeignKey(c => c.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class ItemRules
{
    public const int MaxTextLength = 10_000;
    public const int MaxNoteLength = 2_000;
}
