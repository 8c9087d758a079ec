using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.Terms;

/// <summary>What the term list (with its add form) and the term edit page share.</summary>
public abstract class TermFormPageModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    protected AppDbContext Db => db;

    [BindProperty] public TermInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];

    protected DateOnly Today => VietnamTime.Today(clock.GetUtcNow().UtcDateTime);

    protected async Task LoadUnitsAsync() => Units = await AdminSelects.UnitsAsync(db, T, Today);
}
