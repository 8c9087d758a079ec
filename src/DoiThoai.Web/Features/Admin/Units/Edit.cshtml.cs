using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Units;

public sealed class EditModel(AppDbContext db, TimeProvider clock, OrgDirectory directory) : UnitFormPageModel(db, clock)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var unit = await Db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id);
        if (unit is null) return NotFound();
        CurrentName = unit.Name;
        Input = UnitInput.From(unit);
        await LoadListsAsync(Id);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unit = await Db.OrgUnits.SingleOrDefaultAsync(u => u.Id == Id);
        if (unit is null) return NotFound();
        CurrentName = unit.Name;
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(unit, Db);
                await Db.SaveChangesAsync();
                directory.Invalidate();
            }))
        {
            Flash("Đã lưu đơn vị “{0}”.", unit.Name);
            return RedirectToPage("Details", new { id = Id });
        }
        await LoadListsAsync(Id);
        return FormWithErrors();
    }
}
