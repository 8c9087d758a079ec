using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>A unit with its place in the tree, its terms and its succession links, and the form to add a link.</summary>
public sealed class DetailsModel(AppDbContext db, TimeProvider clock, OrgDirectory directory) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public SuccessionInput Input { get; set; } = new();

    public DateOnly Today { get; private set; }
    public UnitRow Unit { get; private set; } = null!;
    public UnitRow? Parent { get; private set; }
    public IReadOnlyList<UnitRow> Children { get; private set; } = [];
    public IReadOnlyList<SuccessionRow> Successors { get; private set; } = [];
    public IReadOnlyList<SuccessionRow> Predecessors { get; private set; } = [];
    public IReadOnlyList<TermRow> Terms { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Units { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];

    public sealed record TermRow(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // The usual case is recording where an ended unit went, effective the day after it ended.
        Input = new SuccessionInput { EffectiveOn = Formats.IsoDate(Unit.ValidTo?.AddDays(1) ?? Today) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id);
        if (unit is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                db.OrgUnitSuccessions.Add(await Input.ToLinkAsync(unit, db));
                await db.SaveChangesAsync();
                directory.Invalidate();
            }))
        {
            Flash("Đã thêm liên kết kế thừa.");
            return RedirectToPage("Details", new { id = Id });
        }
        await LoadAsync();
        return FormWithErrors();
    }

    private async Task<bool> LoadAsync()
    {
        Today = VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
        var tree = await UnitTree.LoadAsync(db);
        if (tree.Find(Id) is not { } unit) return false;
        Unit = unit;
        Parent = unit.ParentId is { } p ? tree.Find(p) : null;
        Children = tree.ChildrenOf(Id);
        var links = await SuccessionRow.Query(db.OrgUnitSuccessions.Where(s => s.PredecessorId == Id || s.SuccessorId == Id)).ToListAsync();
        Successors = links.Where(l => l.PredecessorId == Id).ToList();
        Predecessors = links.Where(l => l.SuccessorId == Id).ToList();
        Terms = await db.Terms.AsNoTracking().Where(t => t.OrgUnitId == Id).OrderBy(t => t.StartsOn)
            .Select(t => new TermRow(t.Id, t.Name, t.StartsOn, t.EndsOn)).ToListAsync();
        Units = AdminSelects.Units(tree, T, Today, new HashSet<int> { Id });
        Kinds = AdminSelects.SuccessionKinds(T);
        return true;
    }
}
