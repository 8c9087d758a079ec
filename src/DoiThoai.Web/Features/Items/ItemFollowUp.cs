using DoiThoai.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Items;

public enum ExtensionDecision { Pending, Granted, Refused }

/// <summary>A handler's request for more time, and the leader's decision on it.</summary>
public sealed class ExtensionRequest
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int AssignmentId { get; set; }
    public Assignment? Assignment { get; set; }
    public DateOnly CurrentDueOn { get; set; }
    public DateOnly RequestedDueOn { get; set; }
    public string Reason { get; set; } = "";
    public string? RequestedByUserId { get; set; }
    public string RequestedByName { get; set; } = "";
    public DateTime RequestedAtUtc { get; set; }
    public ExtensionDecision Decision { get; set; }
    public DateOnly? GrantedDueOn { get; set; }
    public string? DecisionNote { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}

/// <summary>A co-operating unit's part of the answer, which the lead unit's draft shows.</summary>
public sealed class Contribution
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public string Text { get; set; } = "";
    public string? AuthorUserId { get; set; }
    public string AuthorName { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>
/// A file attached to a draft answer or a contribution. The bytes live under the data folder
/// (never under wwwroot), named by their SHA-256, and are served only through an authorised page.
/// </summary>
public sealed class Attachment
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int? ContributionId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Length { get; set; }
    public string Sha256 { get; set; } = "";
    public string? UploadedByUserId { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>A reusable answer text for a topic, which handlers start their draft from.</summary>
public sealed class AnswerTemplate
{
    public int Id { get; set; }
    public int? TopicId { get; set; }
    public Topic? Topic { get; set; }
    public string Title { get; set; } = "";
    public string Text { get; set; } = "";
    public bool IsActive { get; set; } = true;
}

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> e)
    {
        e.Property(x => x.Reason).HasMaxLength(ItemRules.MaxNoteLength);
        e.Property(x => x.DecisionNote).HasMaxLength(ItemRules.MaxNoteLength);
        e.Property(x => x.RequestedByUserId).HasMaxLength(450);
        e.Property(x => x.RequestedByName).HasMaxLength(200);
        e.Property(x => x.DecidedByName).HasMaxLength(200);
        e.HasOne(x => x.Assignment).WithMany().HasForeignKey(x => x.AssignmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class ContributionConfiguration : IEntityTypeConfiguration<Contribution>
{
    public void Configure(EntityTypeBuilder<Contribution> e)
    {
        e.Property(x => x.Text).HasMaxLength(ItemRules.MaxTextLength);
        e.Property(x => x.AuthorUserId).HasMaxLength(450);
        e.Property(x => x.AuthorName).HasMaxLength(200);
        e.HasOne(x => x.OrgUnit).WithMany().HasForeignKey(x => x.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedByUserId).HasMaxLength(450);
        e.HasOne<Contribution>().WithMany().HasForeignKey(x => x.ContributionId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ItemId);
    }
}

internal sealed class AnswerTemplateConfiguration : IEntityTypeConfiguration<AnswerTemplate>
{
    public void Configure(EntityTypeBuilder<AnswerTemplate> e)
    {
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Text).HasMaxLength(ItemRules.MaxTextLength);
        e.HasOne(x => x.Topic).WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}
