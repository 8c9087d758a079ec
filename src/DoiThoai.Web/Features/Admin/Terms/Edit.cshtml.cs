using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Terms;

public sealed class EditModel(AppDbContext db, TimeProvider clock, References references) : TermFormPageModel(db, clock)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var term = await Db.Terms.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id);
        if (term is null) return NotFound();
        Input = TermInput.From(term);
        await LoadUnitsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var term = await Db.Terms.SingleOrDefaultAsync(t => t.Id == Id);
        if (term is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(term, Db, references);
                await Db.SaveChangesAsync();
            }))
        {
            Flash("Đã lưu nhiệm kỳ {0}.", term.Name);
            return RedirectToPage("Index", new { unitId = term.OrgUnitId });
        }
        await LoadUnitsAsync();
        return FormWithErrors();
    }
}
