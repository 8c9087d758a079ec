using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.History;

internal sealed class HistoryConfiguration : IEntityTypeConfiguration<HistoryEntry>
{
    public void Configure(EntityTypeBuilder<HistoryEntry> e)
    {
        e.ToTable("History");
        e.Property(h => h.ActorUserId).HasMaxLength(450);
        e.Property(h => h.ActorName).HasMaxLength(200);
        e.Property(h => h.Action).HasMaxLength(60);
        e.Property(h => h.FromState).HasMaxLength(32);
        e.Property(h => h.ToState).HasMaxLength(32);
        e.Property(h => h.Note).HasMaxLength(10_000);
        e.HasIndex(h => h.ItemId);
        e.HasIndex(h => h.SessionId);
    }
}
