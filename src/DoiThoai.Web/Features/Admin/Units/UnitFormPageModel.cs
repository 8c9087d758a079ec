using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>What the create and edit pages of a unit share: the input, the two selects and the form partial.</summary>
public abstract class UnitFormPageModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    protected AppDbContext Db => db;
    protected DateOnly Today => VietnamTime.Today(clock.GetUtcNow().UtcDateTime);

    [BindProperty] public UnitInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Kinds { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Parents { get; private set; } = [];

    /// <summary>When editing, the unit and its descendants cannot be chosen as its parent (the server checks again).</summary>
    protected async Task LoadListsAsync(int? editing = null)
    {
        Kinds = await AdminSelects.KindsAsync(db);
        var tree = await UnitTree.LoadAsync(db);
        Parents = AdminSelects.Units(tree, T, Today, editing is { } id ? tree.Subtree(id) : null);
    }
}
