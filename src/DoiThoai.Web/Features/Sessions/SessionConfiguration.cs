using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<DialogueSession>
{
    public void Configure(EntityTypeBuilder<DialogueSession> e)
    {
        e.ToTable("Sessions");
        e.Property(s => s.Title).HasMaxLength(300);
        e.Property(s => s.Place).HasMaxLength(300);
        e.Property(s => s.Agenda).HasMaxLength(4000);
        e.Property(s => s.InvitedGroups).HasMaxLength(2000);
        e.Property(s => s.AttendanceNote).HasMaxLength(SessionRules.MaxNoteLength);
        e.Property(s => s.SecretaryName).HasMaxLength(120);
        e.Property(s => s.Minutes).HasMaxLength(SessionRules.MaxMinutesLength);
        e.Property(s => s.CreatedByUserId).HasMaxLength(450);
        e.HasOne(s => s.HostUnit).WithMany().HasForeignKey(s => s.HostUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.ParticipantUnit).WithMany().HasForeignKey(s => s.ParticipantUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(s => s.Term).WithMany().HasForeignKey(s => s.TermId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Chairs).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.Conclusions).WithOne().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Items).WithOne(i => i.Session).HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.History).WithOne().HasForeignKey(h => h.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(s => s.StartsAtUtc);
        e.HasIndex(s => s.HostUnitId);
    }
}

internal sealed class SessionChairConfiguration : IEntityTypeConfiguration<SessionChair>
{
    public void Configure(EntityTypeBuilder<SessionChair> e)
    {
        e.Property(c => c.RoleTitle).HasMaxLength(200);
        e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConclusionConfiguration : IEntityTypeConfiguration<Conclusion>
{
    public void Configure(EntityTypeBuilder<Conclusion> e)
    {
        e.Property(c => c.Text).HasMaxLength(SessionRules.MaxConclusionLength);
        e.HasOne(c => c.LeadUnit).WithMany().HasForeignKey(c => c.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class SessionRules
{
    public const int MaxMinutesLength = 100_000;
    public const int MaxConclusionLength = 4_000;
    public const int MaxNoteLength = 2_000;
}
