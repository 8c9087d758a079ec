using System.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Items;

/// <summary>The items the user may read, newest session first, with filters and paging.</summary>
public sealed class ItemListModel(UserScope scope) : PageModel
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
    public bool IsFiltered => SessionId is not null || Status is not null || TopicId is not null || Confidentiality is not null || !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync()
    {
        // A filter value that does not bind (a hand-edited address) is simply not applied.
        var items = await scope.ItemsAsync();
        if (SessionId is { } sessionId) items = items.Where(i => i.SessionId == sessionId);
        if (Status is { } status) items = items.Where(i => i.Status == status);
        if (TopicId is { } topicId) items = items.Where(i => i.TopicId == topicId);
        if (Confidentiality is { } confidentiality) items = items.Where(i => i.Confidentiality == confidentiality);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // A plain "contains" over NFC text (SQLite's lower() folds ASCII letters only); search
            // with tone- and fold-keys is the Search feature's.
            var text = Q.Trim().Normalize(NormalizationForm.FormC).ToLower(WebUiSetup.Vietnamese);
            items = items.Where(i => i.Text.ToLower().Contains(text));
        }

        Pager = Pager.For(Request, PageNumber, PageSize, await items.CountAsync());
        var ordered = items.OrderByDescending(i => i.Session!.StartsAtUtc).ThenBy(i => i.SessionId).ThenBy(i => i.Number);
        Rows = await ItemListRow.ListAsync(ordered.Skip(Pager.Skip).Take(PageSize), await scope.ItemCallerAsync());

        var lists = SelectLists.For(HttpContext);
        Sessions = await lists.SessionsAsync(SessionId);
        Statuses = lists.Choices(ItemLabels.Of, Status);
        Topics = await lists.TopicsAsync(TopicId);
        Confidentialities = lists.Choices(ItemLabels.Of, Confidentiality);
    }
}
