using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.UnitKinds;

public sealed class EditModel(AppDbContext db, OrgDirectory directory) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public UnitKindInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var kind = await db.OrgUnitKinds.AsNoTracking().SingleOrDefaultAsync(k => k.Id == Id);
        if (kind is null) return NotFound();
        Input = UnitKindInput.From(kind);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var kind = await db.OrgUnitKinds.SingleOrDefaultAsync(k => k.Id == Id);
        if (kind is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(kind, db);
                await db.SaveChangesAsync();
                directory.Invalidate(); // the unit lists name each unit's kind (SelectLists)
            }))
        {
            Flash("Đã lưu loại đơn vị “{0}”.", kind.Name);
            return RedirectToPage("Index");
        }
        return FormWithErrors();
    }
}
