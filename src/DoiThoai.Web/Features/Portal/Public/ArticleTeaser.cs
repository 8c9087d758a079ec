namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>An article in a list: title, lead, date and its first photo.</summary>
public sealed record ArticleTeaser(int Id, string Title, string Slug, string Lead, DateTime PublishAtUtc, string Category, string CategoryEn, int? PhotoId, string? PhotoAlt)
{
    public static IQueryable<ArticleTeaser> Of(IQueryable<Article> articles) =>
        articles.OrderByDescending(a => a.PublishAtUtc).ThenByDescending(a => a.Id)
            .Select(a => new ArticleTeaser(a.Id, a.Title, a.Slug, a.Lead, a.PublishAtUtc!.Value, a.Category!.Name, a.Category.NameEn,
                a.Photos.OrderBy(p => p.Order).Select(p => (int?)p.Id).FirstOrDefault(),
                a.Photos.OrderBy(p => p.Order).Select(p => p.AltText).FirstOrDefault()));
}
