using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>The portal's front page: featured news, the latest news, the latest sessions with public results.</summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalHomeModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ArticleTeaser> Featured { get; private set; } = [];
    public IReadOnlyList<ArticleTeaser> Latest { get; private set; } = [];
    public sealed record SessionLink(int Id, string Title, DateTime StartsAtUtc);
    public IReadOnlyList<SessionLink> Sessions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var visible = PublicRecords.Articles(db, clock.GetUtcNow().UtcDateTime);
        Featured = await ArticleTeaser.Of(visible.Where(a => a.IsFeatured)).Take(3).ToListAsync();
        var featuredIds = Featured.Select(f => f.Id).ToList();
        Latest = await ArticleTeaser.Of(visible.Where(a => !featuredIds.Contains(a.Id))).Take(10).ToListAsync();
        Sessions = await PublicRecords.Sessions(db).OrderByDescending(s => s.StartsAtUtc).Take(5)
            .Select(s => new SessionLink(s.Id, s.Title, s.StartsAtUtc)).ToListAsync();
    }
}
