using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Organisation;

internal sealed class OrgUnitKindConfiguration : IEntityTypeConfiguration<OrgUnitKind>
{
    public void Configure(EntityTypeBuilder<OrgUnitKind> e)
    {
        e.Property(k => k.Code).HasMaxLength(40);
        e.Property(k => k.Name).HasMaxLength(120);
        e.Property(k => k.NameEn).HasMaxLength(120);
        e.HasIndex(k => k.Code).IsUnique();
    }
}

internal sealed class OrgUnitConfiguration : IEntityTypeConfiguration<OrgUnit>
{
    public void Configure(EntityTypeBuilder<OrgUnit> e)
    {
        e.Property(u => u.Name).HasMaxLength(200);
        e.Property(u => u.ShortName).HasMaxLength(80);
        e.Property(u => u.Code).HasMaxLength(40);
        e.HasOne(u => u.Kind).WithMany().HasForeignKey(u => u.KindId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(u => u.ParentId);
    }
}

internal sealed class OrgUnitSuccessionConfiguration : IEntityTypeConfiguration<OrgUnitSuccession>
{
    public void Configure(EntityTypeBuilder<OrgUnitSuccession> e)
    {
        e.HasOne(s => s.Predecessor).WithMany().HasForeignKey(s => s.PredecessorId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.Successor).WithMany().HasForeignKey(s => s.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Note).HasMaxLength(500);
        e.HasIndex(s => new { s.PredecessorId, s.SuccessorId }).IsUnique();
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> e)
    {
        e.Property(t => t.Name).HasMaxLength(60);
        e.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.Property(p => p.FullName).HasMaxLength(120);
        e.Property(p => p.Position).HasMaxLength(200);
        e.Property(p => p.Email).HasMaxLength(200);
        e.Property(p => p.Phone).HasMaxLength(40);
        e.HasOne(p => p.OrgUnit).WithMany().HasForeignKey(p => p.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> e)
    {
        e.Property(t => t.Code).HasMaxLength(40);
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.NameEn).HasMaxLength(200);
        e.HasIndex(t => t.Code).IsUnique();
    }
}
