using DoiThoai.Web.Features.Shared;
using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Terms;

/// <summary>Terms of office of every unit (or of one), with the form to add a term.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, References references) : TermFormPageModel(db, clock)
{
    [BindProperty(SupportsGet = true)] public int? UnitId { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int? PageNumber { get; set; }

    public string? UnitName { get; private set; }
    public IReadOnlyList<TermRow> Terms { get; private set; } = [];
    public Pager Paging { get; private set; } = null!;

    public sealed record TermRow(int Id, int UnitId, string UnitName, string Name, DateOnly StartsOn, DateOnly EndsOn);

    public async Task OnGetAsync()
    {
        Input = new TermInput { OrgUnitId = UnitId };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var term = new Term();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(term, Db, references);
                Db.Terms.Add(term);
                await Db.SaveChangesAsync();
            }))
        {
            Flash("Đã thêm nhiệm kỳ {0}.", term.Name);
            return RedirectToPage(new { unitId = term.OrgUnitId });
        }
        await LoadAsync();
        return FormWithErrors();
    }

    private async Task LoadAsync()
    {
        await LoadUnitsAsync();
        var query = Db.Terms.AsNoTracking();
        if (UnitId is { } unitId)
        {
            query = query.Where(t => t.OrgUnitId == unitId);
            UnitName = await Db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleOrDefaultAsync();
        }
        Paging = Pager.For(Request, PageNumber ?? 1, AdminPageSize, await query.CountAsync());
        Terms = await query
            .OrderBy(t => t.OrgUnit!.Name).ThenByDescending(t => t.StartsOn)
            .Skip(Paging.Skip).Take(Paging.PageSize)
            .Select(t => new TermRow(t.Id, t.OrgUnitId, t.OrgUnit!.Name, t.Name, t.StartsOn, t.EndsOn))
            .ToListAsync();
    }
}
