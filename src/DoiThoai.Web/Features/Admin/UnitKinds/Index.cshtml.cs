using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.UnitKinds;

/// <summary>Unit kinds are data (the 2025 reform changed them); this page lists them and adds new ones.</summary>
public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    [BindProperty] public UnitKindInput Input { get; set; } = new();

    public IReadOnlyList<KindRow> Kinds { get; private set; } = [];

    public sealed record KindRow(int Id, string Code, string Name, string NameEn, int Level, int UnitCount);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var kind = new OrgUnitKind();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(kind, db);
                db.OrgUnitKinds.Add(kind);
                await db.SaveChangesAsync();
            }))
        {
            Flash("Đã thêm loại đơn vị “{0}”.", kind.Name);
            return RedirectToPage();
        }
        await LoadAsync();
        return FormWithErrors();
    }

    private async Task LoadAsync() =>
        Kinds = await db.OrgUnitKinds.AsNoTracking()
            .OrderBy(k => k.Level).ThenBy(k => k.Code)
            .Select(k => new KindRow(k.Id, k.Code, k.Name, k.NameEn, k.Level, db.OrgUnits.Count(u => u.KindId == k.Id)))
            .ToListAsync();
}
