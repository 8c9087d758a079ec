using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Items;

/// <summary>The items the user may read, newest session first, with filters and paging.</summary>
public sealed class ItemListModel(UserScope scope, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? SessionId { get; set; }
    [BindProperty(SupportsGet = true)] public ItemStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? TopicId { get; set; }
    [BindProperty(SupportsGet = true)] public Confidentiality? Confidentiality { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ItemListRow> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public List<SelectListItem> Sessions { get; private set; } = [];
    public List<SelectListItem> Statuses { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Confidentialities { get; private set; } = [];
    public bool IsSecretariat => scope.IsSecretariat;
    public bool IsHandler => scope.IsInRole(Roles.DepartmentHandler);
    public bool IsFiltered => !Filter.IsEmpty;
    public ItemFilter Filter => new(SessionId, Status, TopicId, Confidentiality, Q);

    /// <summary>The filter's values as a query string, for the .xlsx link beside the list.</summary>
    public string XlsxUrl => ItemSheet.Url("/Items?handler=Xlsx", Filter);

    public async Task OnGetAsync()
    {
        // A filter value that does not bind (a hand-edited address) is simply not applied.
        var items = Filter.Apply(await scope.ItemsAsync());
        Pager = Pager.For(Request, PageNumber, PageSize, await items.CountAsync());
        Rows = await ItemListRow.ListAsync(ItemFilter.Ordered(items).Skip(Pager.Skip).Take(PageSize), await scope.ItemCallerAsync());

        var lists = SelectLists.For(HttpContext);
        Sessions = await lists.SessionsAsync(SessionId);
        Statuses = lists.Choices(ItemLabels.Of, Status);
        Topics = await lists.TopicsAsync(TopicId);
        Confidentialities = lists.Choices(ItemLabels.Of, Confidentiality);
    }

    /// <summary>The whole filtered list (every page) as an .xlsx file.</summary>
    public async Task<IActionResult> OnGetXlsxAsync()
    {
        var file = await ItemSheet.BuildAsync(ItemFilter.Ordered(Filter.Apply(await scope.ItemsAsync())), await scope.ItemCallerAsync(), HttpContext.RequestAborted);
        Documents.DocumentFile.WriteHeaders(Response, ItemSheet.FileName(clock.GetUtcNow().UtcDateTime));
        return File(file, Spreadsheets.XlsxWriter.ContentType);
    }
}
