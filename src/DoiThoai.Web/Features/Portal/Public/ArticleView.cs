namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>A published article as readers see it, loaded once for the article, print and download pages.</summary>
public sealed record ArticleView(
    int Id, string Title, string Slug, string Lead, string BodyHtml, string AuthorName, string CreatorName,
    DateTime PublishAtUtc, DateTime UpdatedAtUtc, int CategoryId, string Category, string CategoryEn, string CategorySlug,
    int? SessionId, IReadOnlyList<ArticlePhoto> Photos)
{
    /// <summary>The visible article with this address, or null (unknown, not yet published, or unpublished).</summary>
    public static async Task<ArticleView?> FindAsync(AppDbContext db, string slug, DateTime nowUtc)
    {
        var a = await PublicRecords.Articles(db, nowUtc).AsNoTracking().Include(x => x.Category).Include(x => x.Photos)
            .SingleOrDefaultAsync(x => x.Slug == slug);
        if (a is null) return null;
        return new ArticleView(a.Id, a.Title, a.Slug, a.Lead, a.BodyHtml, a.AuthorName, a.CreatorName, a.PublishAtUtc!.Value, a.UpdatedAtUtc,
            a.CategoryId, a.Category!.Name, a.Category.NameEn, a.Category.Slug, a.SessionId, a.Photos.OrderBy(p => p.Order).ToList());
    }
}
