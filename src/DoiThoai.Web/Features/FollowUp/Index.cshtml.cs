using System.Globalization;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// The follow-up tasks the user may see, soonest due first, with filters by unit, status and
/// "overdue", and paging. Overdue and due-soon are derived from today in Vietnam, never stored.
/// </summary>
public sealed class TaskListModel(TaskWorkflow workflow, UserScope scope, AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public FollowUpStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<TaskRow> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Statuses { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>Handlers may not open every session; the list links sessions only for those who can.</summary>
    public bool CanOpenSessions => scope.IsSecretariat;
    public bool IsFiltered => UnitId is not null || Status is not null || Overdue;

    public async Task OnGetAsync()
    {
        // A filter value that does not bind (a hand-edited address) is simply not applied.
        Today = workflow.Today;
        var today = Today;
        var tasks = await workflow.VisibleAsync();
        if (UnitId is { } unitId) tasks = tasks.Where(t => t.OrgUnitId == unitId);
        if (Status is { } status) tasks = tasks.Where(t => t.Status == status);
        if (Overdue) tasks = tasks.Where(t => t.Status == FollowUpStatus.Open && t.DueOn < today);

        Pager = Pager.For(Request, PageNumber, PageSize, await tasks.CountAsync());
        Rows = await TaskRow.ListAsync(db, tasks.OrderBy(t => t.DueOn).ThenBy(t => t.Id).Skip(Pager.Skip).Take(PageSize));

        var lists = SelectLists.For(HttpContext);
        var selected = UnitId?.ToString(CultureInfo.InvariantCulture);
        Units = await lists.UnitsInScopeAsync();
        foreach (var unit in Units) unit.Selected = unit.Value == selected;
        Statuses = lists.Choices(TaskLabels.Of, Status);
    }
}
