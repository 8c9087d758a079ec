using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.People;

public sealed class CreateModel(AppDbContext db, TimeProvider clock, References references) : PersonFormPageModel(db, clock)
{
    public async Task OnGetAsync(int? unitId)
    {
        Input = new PersonInput { OrgUnitId = unitId };
        await LoadUnitsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var person = new Person();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(person, references);
                Db.People.Add(person);
                await Db.SaveChangesAsync();
            }))
        {
            Flash("Đã thêm {0}.", person.FullName);
            return RedirectToPage("Index");
        }
        await LoadUnitsAsync();
        return FormWithErrors();
    }
}
