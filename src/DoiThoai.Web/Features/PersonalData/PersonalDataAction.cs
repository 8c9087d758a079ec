using DoiThoai.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.PersonalData;

public enum PersonalDataActionKind { Export, Anonymise }

/// <summary>
/// The record of a request about a person's data that was carried out (ADR 0021): who did what,
/// when, for whom and on which request. It names the person by id only, so the record itself
/// keeps no trace of an anonymised name.
/// </summary>
public sealed class PersonalDataAction
{
    public const int ReasonMaxLength = 500;

    private PersonalDataAction() { }

    public long Id { get; private set; }
    public int PersonId { get; private set; }
    public Person? Person { get; private set; }
    public PersonalDataActionKind Kind { get; private set; }
    /// <summary>The request it answers, e.g. "Đơn đề nghị ngày 20/11/2026".</summary>
    public string Reason { get; private set; } = "";
    public DateTime AtUtc { get; private set; }
    public string? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";

    public static PersonalDataAction Of(int personId, PersonalDataActionKind kind, string? reason, Actor actor, DateTime nowUtc)
    {
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
            throw new DomainValidationException(nameof(Reason), "Cần ghi căn cứ của yêu cầu (ví dụ: Đơn đề nghị ngày …).");
        if (text.Length > ReasonMaxLength)
            throw new DomainValidationException(nameof(Reason), "Căn cứ dài quá 500 ký tự.");
        return new()
        {
            PersonId = personId, Kind = kind, Reason = text, AtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            ActorUserId = actor.UserId, ActorName = actor.Name,
        };
    }
}

internal sealed class PersonalDataActionConfiguration : IEntityTypeConfiguration<PersonalDataAction>
{
    public void Configure(EntityTypeBuilder<PersonalDataAction> e)
    {
        e.ToTable("PersonalDataActions");
        e.Property(a => a.Reason).HasMaxLength(PersonalDataAction.ReasonMaxLength);
        e.Property(a => a.ActorUserId).HasMaxLength(450);
        e.Property(a => a.ActorName).HasMaxLength(256);
        e.HasOne(a => a.Person).WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(a => new { a.PersonId, a.AtUtc });
        e.HasIndex(a => a.AtUtc);
    }
}
