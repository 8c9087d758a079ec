using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>One category's articles, newest first, ten to a page.</summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalCategoryModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 10;
    public ArticleCategory Category { get; private set; } = null!;
    public IReadOnlyList<ArticleTeaser> Articles { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = Pager.QueryName)] int p = 1)
    {
        var category = await db.ArticleCategories.AsNoTracking().SingleOrDefaultAsync(c => c.Slug == slug && c.IsActive);
        if (category is null) return NotFound();
        Category = category;
        var articles = PublicRecords.Articles(db, clock.GetUtcNow().UtcDateTime).Where(a => a.CategoryId == category.Id);
        Pager = Pager.For(Request, p, PageSize, await articles.CountAsync());
        Articles = await ArticleTeaser.Of(articles).Skip(Pager.Skip).Take(Pager.PageSize).ToListAsync();
        return Page();
    }
}
