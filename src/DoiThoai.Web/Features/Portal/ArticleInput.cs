namespace DoiThoai.Web.Features.Portal;

/// <summary>An article as the editor form posts it; <see cref="ToContentAsync"/> checks it.</summary>
public sealed class ArticleInput
{
    public int? CategoryId { get; set; }
    public string? Title { get; set; }
    /// <summary>Empty: made from the title.</summary>
    public string? Slug { get; set; }
    public string? Lead { get; set; }
    public string? BodyMarkdown { get; set; }
    public string? AuthorName { get; set; }
    public string? CreatorName { get; set; } = Article.DefaultCreator;
    public bool IsFeatured { get; set; }
    /// <summary>The article's version when the form was opened: a save over a newer version is refused.</summary>
    public int? Version { get; set; }

    public static ArticleInput Of(Article a) => new()
    {
        CategoryId = a.CategoryId, Title = a.Title, Slug = a.Slug, Lead = a.Lead, BodyMarkdown = a.BodyMarkdown,
        AuthorName = a.AuthorName, CreatorName = a.CreatorName, IsFeatured = a.IsFeatured, Version = a.Version,
    };

    public async Task<ArticleContent> ToContentAsync(AppDbContext db)
    {
        var categoryId = Check.Present(CategoryId, "categoryId", "Hãy chọn chuyên mục.");
        if (!await db.ArticleCategories.AnyAsync(c => c.Id == categoryId && c.IsActive))
            throw new DomainValidationException("categoryId", "Chuyên mục không tồn tại hoặc đã ngừng sử dụng.");
        var title = Check.Required(Title, "title", "Tiêu đề", ArticleRules.MaxTitleLength);
        Check.MaxLength(Slug, "slug", "Đường dẫn", ArticleRules.MaxSlugLength);
        var lead = Check.Required(Lead, "lead", "Sapo (đoạn mở đầu)", ArticleRules.MaxLeadLength);
        var body = Check.Required(BodyMarkdown, "bodyMarkdown", "Nội dung", ArticleRules.MaxBodyLength);
        var author = Check.Required(AuthorName, "authorName", "Tác giả", ArticleRules.MaxNameLength);
        Check.MaxLength(CreatorName, "creatorName", "Người tạo", ArticleRules.MaxNameLength);
        var html = ArticleBody.Render(body);
        return new ArticleContent(categoryId, title, lead, body, html, author, CreatorName?.Trim(), IsFeatured);
    }
}
