using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Portal;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> e)
    {
        e.ToTable("Articles");
        e.Property(a => a.Title).HasMaxLength(ArticleRules.MaxTitleLength);
        e.Property(a => a.Slug).HasMaxLength(ArticleRules.MaxSlugLength);
        e.Property(a => a.Lead).HasMaxLength(ArticleRules.MaxLeadLength);
        e.Property(a => a.BodyMarkdown).HasMaxLength(ArticleRules.MaxBodyLength);
        e.Property(a => a.AuthorName).HasMaxLength(ArticleRules.MaxNameLength);
        e.Property(a => a.CreatorName).HasMaxLength(ArticleRules.MaxNameLength);
        e.Property(a => a.CreatedByUserId).HasMaxLength(450);
        e.HasIndex(a => a.Slug).IsUnique();
        e.HasIndex(a => new { a.Status, a.PublishAtUtc });
        // Two people saving the same article at once: the later save fails instead of overwriting.
        e.Property(a => a.Version).IsConcurrencyToken();
        e.HasOne(a => a.Category).WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(a => a.OwnerUnit).WithMany().HasForeignKey(a => a.OwnerUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DialogueSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(a => a.Photos).WithOne().HasForeignKey(p => p.ArticleId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(a => a.Revisions).WithOne().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleCategoryConfiguration : IEntityTypeConfiguration<ArticleCategory>
{
    public void Configure(EntityTypeBuilder<ArticleCategory> e)
    {
        e.ToTable("ArticleCategories");
        e.Property(c => c.Slug).HasMaxLength(80);
        e.Property(c => c.Name).HasMaxLength(120);
        e.Property(c => c.NameEn).HasMaxLength(120);
        e.HasIndex(c => c.Slug).IsUnique();
        // The menu a committee portal starts with; more are rows, not code.
        e.HasData(
            new ArticleCategory { Id = 1, Slug = "tin-hoat-dong", Name = "Tin hoạt động", NameEn = "Activities", Order = 1 },
            new ArticleCategory { Id = 2, Slug = "hoi-nghi-doi-thoai", Name = "Hội nghị đối thoại", NameEn = "Dialogue sessions", Order = 2 },
            new ArticleCategory { Id = 3, Slug = "xay-dung-dang", Name = "Xây dựng Đảng", NameEn = "Party building", Order = 3 },
            new ArticleCategory { Id = 4, Slug = "thong-bao", Name = "Thông báo", NameEn = "Announcements", Order = 4 });
    }
}

internal sealed class ArticlePhotoConfiguration : IEntityTypeConfiguration<ArticlePhoto>
{
    public void Configure(EntityTypeBuilder<ArticlePhoto> e)
    {
        e.ToTable("ArticlePhotos");
        e.Property(p => p.Sha256).HasMaxLength(64);
        e.Property(p => p.AltText).HasMaxLength(ArticleRules.MaxAltLength);
        e.Property(p => p.Caption).HasMaxLength(ArticleRules.MaxCaptionLength);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> e)
    {
        e.ToTable("ArticleRevisions");
        e.Property(r => r.ActorUserId).HasMaxLength(450);
        e.Property(r => r.ActorName).HasMaxLength(ArticleRules.MaxNameLength);
        e.Property(r => r.Action).HasMaxLength(32);
        e.Property(r => r.Title).HasMaxLength(ArticleRules.MaxTitleLength);
        e.Property(r => r.Lead).HasMaxLength(ArticleRules.MaxLeadLength);
        e.Property(r => r.BodyMarkdown).HasMaxLength(ArticleRules.MaxBodyLength);
        e.Property(r => r.Note).HasMaxLength(ArticleRules.MaxNoteLength);
        e.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
    }
}

internal sealed class PortalDocumentConfiguration : IEntityTypeConfiguration<PortalDocument>
{
    public void Configure(EntityTypeBuilder<PortalDocument> e)
    {
        e.ToTable("PortalDocuments");
        e.Property(d => d.Number).HasMaxLength(60);
        e.Property(d => d.Title).HasMaxLength(300);
        e.Property(d => d.Summary).HasMaxLength(2_000);
        e.Property(d => d.FileName).HasMaxLength(255);
        e.Property(d => d.ContentType).HasMaxLength(120);
        e.Property(d => d.Sha256).HasMaxLength(64);
    }
}
