using DoiThoai.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>
/// Public search over the published articles and the public items with their public answers,
/// diacritic-insensitive ("hoi nghi doi thoai" finds "Hội nghị đối thoại"): every word of the query's
/// fold key must occur in the record's fold key. A simple scan of the newest records, until articles
/// join the Lucene index of Features/Search.
/// </summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalSearchModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int Scanned = 2_000;
    private const int Shown = 30;

    public sealed record ItemHit(int SessionId, string SessionTitle, int Number, string Text, string? Answer);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<ArticleTeaser> Articles { get; private set; } = [];
    public IReadOnlyList<ItemHit> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var words = SearchKeys.FoldKey(Q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return Page();
        if (Q!.Length > 200) return BadRequest();
        bool Matches(params string?[] texts)
        {
            var key = " " + SearchKeys.FoldKey(string.Join(' ', texts)) + " ";
            return words.All(w => key.Contains(" " + w, StringComparison.Ordinal));
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var articles = await PublicRecords.Articles(db, now).AsNoTracking().OrderByDescending(a => a.PublishAtUtc).Take(Scanned)
            .Select(a => new { a.Id, a.Title, a.Lead, a.BodyMarkdown, a.AuthorName }).ToListAsync();
        var ids = articles.Where(a => Matches(a.Title, a.Lead, a.BodyMarkdown, a.AuthorName)).Select(a => a.Id).Take(Shown).ToList();
        Articles = await ArticleTeaser.Of(PublicRecords.Articles(db, now).Where(a => ids.Contains(a.Id))).ToListAsync();

        var items = await PublicRecords.Items(db).AsNoTracking().OrderByDescending(i => i.Id).Take(Scanned)
            .Select(i => new { i.SessionId, SessionTitle = i.Session!.Title, i.Number, i.Text, i.Status, i.PublishedAtUtc, i.Answer }).ToListAsync();
        Items = items.Select(i => new ItemHit(i.SessionId, i.SessionTitle, i.Number, i.Text, PublicRecords.PublicAnswer(i.Status, i.PublishedAtUtc, i.Answer)))
            .Where(i => Matches(i.Text, i.Answer)).Take(Shown).ToList();
        return Page();
    }
}
