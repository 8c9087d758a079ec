using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace DoiThoai.Web.Features.Search;

/// <summary>One search box over the items, answers and conclusions the user may read, with filters and the matches marked.</summary>
[EnableRateLimiting(RateLimits.Search)]
public sealed class SearchModel(SearchService search, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public int? TermId { get; set; }
    [BindProperty(SupportsGet = true)] public int? TopicId { get; set; }
    [BindProperty(SupportsGet = true)] public ItemStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public SearchResult? Result { get; private set; }
    public Pager? Pager { get; private set; }
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Terms { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Statuses { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];

    /// <summary>How each kind of hit is named, in the filter and on the hit.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        SearchDocuments.Kinds.Answer => "Trả lời",
        SearchDocuments.Kinds.Conclusion => "Kết luận",
        _ => "Ý kiến, kiến nghị",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var lists = SelectLists.For(HttpContext);
        Units = Selected(await lists.AllUnitsAsync(), UnitId);
        Terms = Selected(await lists.TermsAsync(), TermId);
        Topics = await lists.TopicsAsync(TopicId);
        Statuses = lists.Choices(ItemLabels.Of, Status);
        Kinds = SearchDocuments.Kinds.All.Select(k => new SelectListItem(t[KindLabel(k)], k, k == Kind)).ToList();

        // The bare form before any search; "?q=" (submitted empty) answers with a message.
        if (!Request.Query.ContainsKey("q")) return;
        var from = FormValues.TryDate(From);
        var to = FormValues.TryDate(To);
        if ((from is null && !string.IsNullOrWhiteSpace(From)) || (to is null && !string.IsNullOrWhiteSpace(To)))
        {
            Result = SearchResult.Empty(FormValues.BadDateMessage);
            return;
        }
        var page = Math.Clamp(PageNumber, 1, 1_000_000);
        var kind = string.IsNullOrWhiteSpace(Kind) ? null : Kind.Trim();
        Result = await search.SearchAsync(Q, new SearchFilters(null, TopicId, Status, null, UnitId, TermId, from, to, kind), new Paging(page, PageSize), ct);
        Pager = Pager.For(Request, page, PageSize, Result.Total);
    }

    private static List<SelectListItem> Selected(List<SelectListItem> options, int? id)
    {
        var value = id?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var option in options) option.Selected = option.Value == value;
        return options;
    }
}
