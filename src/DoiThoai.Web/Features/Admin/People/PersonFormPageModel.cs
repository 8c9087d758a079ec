using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.People;

/// <summary>What the create and edit pages of a person share.</summary>
public abstract class PersonFormPageModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    protected AppDbContext Db => db;

    [BindProperty] public PersonInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];

    protected async Task LoadUnitsAsync() =>
        Units = await AdminSelects.UnitsAsync(db, T, VietnamTime.Today(clock.GetUtcNow().UtcDateTime));
}
