using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Units;

public sealed class CreateModel(AppDbContext db, TimeProvider clock, OrgDirectory directory) : UnitFormPageModel(db, clock)
{
    public async Task OnGetAsync(int? parentId)
    {
        Input = new UnitInput { ParentId = parentId, ValidFrom = Formats.IsoDate(Today), SortOrder = 0 };
        await LoadListsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unit = new OrgUnit();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(unit, Db);
                Db.OrgUnits.Add(unit);
                await Db.SaveChangesAsync();
                directory.Invalidate();
            }))
        {
            Flash("Đã thêm đơn vị “{0}”.", unit.Name);
            return RedirectToPage("Details", new { id = unit.Id });
        }
        await LoadListsAsync();
        return FormWithErrors();
    }
}
