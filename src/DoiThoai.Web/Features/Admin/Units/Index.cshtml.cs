using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>The organisation tree as it stood on a chosen day (today by default), or all of it.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? On { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public DateOnly Day { get; private set; }
    public int TotalCount { get; private set; }
    public UnitTree Tree { get; private set; } = null!;
    public ILookup<int, SuccessionRow> SuccessorsOf { get; private set; } = null!;
    public ILookup<int, SuccessionRow> PredecessorsOf { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        // A date that does not parse falls back to today: a list, not an error, is what the reader wants.
        Day = On ?? VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
        On = Day;
        var tree = await UnitTree.LoadAsync(db);
        TotalCount = tree.Count;
        Tree = All ? tree : tree.Where(u => u.IsValidOn(Day));
        var links = await SuccessionRow.Query(db.OrgUnitSuccessions).ToListAsync();
        SuccessorsOf = links.ToLookup(s => s.PredecessorId);
        // Shown too because today's tree hides the ended units, and with them every forward link.
        PredecessorsOf = links.ToLookup(s => s.SuccessorId);
    }
}
