using DoiThoai.Web.Features.Search;
using Lucene.Net.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using F = DoiThoai.Web.Features.Search.SearchDocuments.Fields;
using Kinds = DoiThoai.Web.Features.Search.SearchDocuments.Kinds;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>
/// Public search in the Lucene index of Features/Search, with its Vietnamese keys: every fold
/// syllable must match ("boi duong" finds "bồi dưỡng"), the same tones rank first. Anonymous readers
/// find published articles whose time has come, and public items with their public answers; each hit
/// is checked again against <see cref="PublicRecords"/> before it is shown. Not output-cached: another
/// node's index may be a second behind the database that the cache key is read from.
/// </summary>
[EnableRateLimiting(RateLimits.Search)]
public sealed class PortalSearchModel(SearchIndex index, AppDbContext db, TimeProvider clock) : PageModel
{
    private const int Shown = 30;

    public sealed record ItemHit(int SessionId, string SessionTitle, int Number, string Text, string? Answer);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public IReadOnlyList<ArticleTeaser> Articles { get; private set; } = [];
    public IReadOnlyList<ItemHit> Items { get; private set; } = [];

    private static readonly Filter PublicItems = CachedFilter.Of(SearchScope.All(
        SearchScope.Any(SearchScope.Is(F.Kind, Kinds.Item), SearchScope.Is(F.Kind, Kinds.Answer)),
        SearchScope.Is(F.Confidentiality, DoiThoai.Web.Features.Items.Confidentiality.Public)));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Q is { Length: > 200 }) return BadRequest();
        var query = SyllableQuery.Of(Q);
        if (query.IsEmpty) return Page();
        var now = clock.GetUtcNow().UtcDateTime;
        await index.CatchUpWithLocalWritesAsync(ct);

        var published = new QueryWrapperFilter(SearchScope.All(SearchScope.Is(F.Kind, Kinds.Article),
            NumericRangeQuery.NewInt64Range(F.PublishAt, null, now.Ticks, true, true)));
        var (articleHits, _) = index.Find(query, published, 0, Shown);
        var articleIds = articleHits.Select(h => h.Id).ToList();
        var articles = await ArticleTeaser.Of(PublicRecords.Articles(db, now).Where(a => articleIds.Contains(a.Id))).ToDictionaryAsync(a => a.Id, ct);
        Articles = articleIds.Where(articles.ContainsKey).Select(id => articles[id]).ToList();

        var (itemHits, _) = index.Find(query, PublicItems, 0, Shown * 2);
        var itemIds = itemHits.Select(h => h.Id).Distinct().ToList();
        var rows = await PublicRecords.Items(db).AsNoTracking().Where(i => itemIds.Contains(i.Id))
            .Select(i => new { i.Id, i.SessionId, SessionTitle = i.Session!.Title, i.Number, i.Text, i.Status, i.PublishedAtUtc, i.Answer })
            .ToDictionaryAsync(i => i.Id, ct);
        var hits = new List<ItemHit>();
        foreach (var id in itemIds)
        {
            if (!rows.TryGetValue(id, out var r)) continue;
            var answer = PublicRecords.PublicAnswer(r.Status, r.PublishedAtUtc, r.Answer);
            // A hit only on an answer that is not public would show the reader why it matched: leave it out.
            if (itemHits.Where(h => h.Id == id).All(h => h.Kind == Kinds.Answer) && answer is null) continue;
            hits.Add(new ItemHit(r.SessionId, r.SessionTitle, r.Number, r.Text, answer));
            if (hits.Count == Shown) break;
        }
        Items = hits;
        return Page();
    }
}
