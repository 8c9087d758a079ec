using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.People;

public sealed class EditModel(AppDbContext db, TimeProvider clock, References references) : PersonFormPageModel(db, clock)
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var person = await Db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id);
        if (person is null) return NotFound();
        Input = PersonInput.From(person);
        await LoadUnitsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = await Db.People.SingleOrDefaultAsync(p => p.Id == Id);
        if (person is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(person, references);
                await Db.SaveChangesAsync();
            }))
        {
            Flash("Đã lưu thông tin của {0}.", person.FullName);
            return RedirectToPage("Index");
        }
        await LoadUnitsAsync();
        return FormWithErrors();
    }
}
