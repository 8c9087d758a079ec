using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Search;

/// <summary>One search box over the items the user may read, with the matches marked.</summary>
public sealed class SearchModel(SearchService search) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public SearchResult? Result { get; private set; }
    public Pager? Pager { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The bare form before any search; "?q=" (submitted empty) answers with a message.
        if (!Request.Query.ContainsKey("q")) return;
        var page = Math.Clamp(PageNumber, 1, 1_000_000);
        Result = await search.SearchAsync(Q, new SearchFilters(), new Paging(page, PageSize), ct);
        Pager = Pager.For(Request, page, PageSize, Result.Total);
    }
}
