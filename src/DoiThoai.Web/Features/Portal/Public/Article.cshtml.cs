using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>
/// A published article with its photos, related articles, share links, OpenGraph tags, a print
/// view and a download of the article as a self-contained HTML file (Nghị định 42/2022/NĐ-CP asks
/// portals for both print and save).
/// </summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalArticleModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public ArticleView Article { get; private set; } = null!;
    public IReadOnlyList<ArticleTeaser> Related { get; private set; } = [];
    public string AbsoluteUrl { get; private set; } = "";
    public string BaseUrl { get; private set; } = "";
    // On the model rather than in ViewData: Partial() hands the partial a ViewData of its own.
    /// <summary>For the download only: the photos as data: URLs and the print style sheet, so the file stands alone.</summary>
    public IReadOnlyDictionary<int, string>? InlinePhotos { get; private set; }
    public string? InlineStyle { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        Related = await ArticleTeaser.Of(PublicRecords.Articles(db, now)
            .Where(a => a.Id != Article.Id && (a.CategoryId == Article.CategoryId || (Article.SessionId != null && a.SessionId == Article.SessionId))))
            .Take(5).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetPrintAsync(string slug) =>
        await LoadAsync(slug) ? Partial("_Print", this) : NotFound();

    /// <summary>The article as one HTML file with its photos inlined, to keep or send on.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string slug, [FromServices] PhotoStore photos, [FromServices] IWebHostEnvironment environment)
    {
        if (!await LoadAsync(slug)) return NotFound();
        var inlined = new Dictionary<int, string>();
        foreach (var p in Article.Photos)
        {
            var path = photos.PathOf(p.Sha256);
            if (System.IO.File.Exists(path))
                inlined[p.Id] = "data:image/jpeg;base64," + Convert.ToBase64String(await System.IO.File.ReadAllBytesAsync(path));
        }
        InlinePhotos = inlined;
        await using (var css = environment.WebRootFileProvider.GetFileInfo("css/article-print-view.css").CreateReadStream())
            InlineStyle = await new StreamReader(css).ReadToEndAsync();
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = Article.Slug + ".html" }.ToString();
        return Partial("_Print", this);
    }

    private async Task<bool> LoadAsync(string slug)
    {
        var article = await ArticleView.FindAsync(db, slug, clock.GetUtcNow().UtcDateTime);
        if (article is null) return false;
        Article = article;
        BaseUrl = PortalEndpoints.BaseUrl(HttpContext);
        AbsoluteUrl = BaseUrl + PortalEndpoints.ArticlePath(article.Slug);
        return true;
    }

    public static string Encode(string text) => Uri.EscapeDataString(text);
}
