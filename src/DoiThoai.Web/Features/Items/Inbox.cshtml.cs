using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// The handler's inbox (Hộp việc): the items their unit leads or co-operates on, nearest deadline
/// first, with "due soon" and "overdue" flags; sortable and filterable through the address, so a
/// filtered view can be bookmarked and works without script.
/// </summary>
public sealed class InboxModel(Inbox inbox, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    /// <summary>"open" (the default), "all", or a state's name.</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public InboxRole? Role { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public InboxSort? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public List<SelectListItem> Statuses { get; private set; } = [];
    public List<SelectListItem> Roles { get; private set; } = [];
    public int DueSoonDays => inbox.DueSoonDays;
    public bool IsFiltered => !string.IsNullOrEmpty(Status) || Role is not null || Overdue;

    public async Task OnGetAsync()
    {
        // A value that does not bind or is not a state (a hand-edited address) is simply not applied.
        if (!string.IsNullOrWhiteSpace(Status) && !IsKnownStatus(Status)) Status = null;
        var filter = new InboxFilter(Status, Role, Overdue, Sort ?? InboxSort.Due);
        var query = await inbox.QueryAsync(filter);
        Pager = Pager.For(Request, PageNumber, PageSize, await query.CountAsync());
        Rows = await query.PageAsync(Pager.Skip, PageSize);

        Statuses =
        [
            new SelectListItem(t["Cần xử lý"], InboxFilter.OpenStatuses, string.IsNullOrEmpty(Status) || Status == InboxFilter.OpenStatuses),
            new SelectListItem(t["Tất cả"], InboxFilter.AllStatuses, Status == InboxFilter.AllStatuses),
            .. Enum.GetValues<ItemStatus>().Select(s => new SelectListItem(t[ItemLabels.Of(s)], s.ToString(), string.Equals(Status, s.ToString(), StringComparison.OrdinalIgnoreCase))),
        ];
        Roles =
        [
            new SelectListItem(t["Chủ trì"], nameof(InboxRole.Lead), Role == InboxRole.Lead),
            new SelectListItem(t["Phối hợp"], nameof(InboxRole.CoOperating), Role == InboxRole.CoOperating),
        ];
    }

    private static bool IsKnownStatus(string status) =>
        status is InboxFilter.OpenStatuses or InboxFilter.AllStatuses
        || (Enum.TryParse<ItemStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s));

    /// <summary>The address of this view sorted another way (back to the first page).</summary>
    public string SortUrl(InboxSort sort)
    {
        var query = Request.Query
            .Where(q => !string.Equals(q.Key, "sort", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, Pager.QueryName, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(q => q.Key, q => q.Value);
        if (sort != InboxSort.Due) query["sort"] = sort.ToString();
        return Request.PathBase + Request.Path + QueryString.Create(query);
    }

    public string? SortState(InboxSort ascending, InboxSort descending) =>
        (Sort ?? InboxSort.Due) == ascending ? "ascending" : Sort == descending ? "descending" : null;

    public static string Label(InboxRole role) => role == InboxRole.Lead ? "Chủ trì" : "Phối hợp";
}
