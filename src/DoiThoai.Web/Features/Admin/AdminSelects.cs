using DoiThoai.Web.Features.Admin.Units;
using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Admin;

/// <summary>The options of the selects on the administration forms, built in one place.</summary>
public static class AdminSelects
{
    /// <summary>
    /// Every unit in tree order, indented by depth; units not valid today say so, because choosing an
    /// ended unit is sometimes right (recording history) but should never happen by accident.
    /// Units that may not be chosen here stay in the list, disabled, so the tree keeps its shape.
    /// </summary>
    public static async Task<IReadOnlyList<SelectListItem>> UnitsAsync(AppDbContext db, IStringLocalizer t, DateOnly today) =>
        Units(await UnitTree.LoadAsync(db), t, today);

    public static IReadOnlyList<SelectListItem> Units(UnitTree tree, IStringLocalizer t, DateOnly today, IReadOnlySet<int>? disabled = null) =>
        tree.Flatten()
            .Select(n => new SelectListItem(Indent(n.Depth) + n.Unit.Name + Validity(n.Unit, t, today), n.Unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Disabled = disabled?.Contains(n.Unit.Id) == true,
            })
            .ToList();

    public static async Task<IReadOnlyList<SelectListItem>> KindsAsync(AppDbContext db) =>
        (await db.OrgUnitKinds.AsNoTracking()
            .OrderBy(k => k.Level).ThenBy(k => k.Id)
            .Select(k => new { k.Id, k.Name, k.NameEn })
            .ToListAsync())
        .Select(k => new SelectListItem(AdminText.Localized(k.Name, k.NameEn), k.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToList();

    public static IReadOnlyList<SelectListItem> SuccessionKinds(IStringLocalizer t) =>
        Enum.GetValues<SuccessionKind>().Select(k => new SelectListItem(t[AdminText.Label(k)], k.ToString())).ToList();

    // Non-breaking spaces survive inside <option>; ordinary spaces would be collapsed.
    private static string Indent(int depth) => depth == 0 ? "" : new string('\u00A0', depth * 3) + "– ";

    private static string Validity(UnitRow unit, IStringLocalizer t, DateOnly today) =>
        unit.ValidTo is { } end && end < today ? " " + t["(đã kết thúc ngày {0})", Formats.Date(end)]
        : unit.ValidFrom > today ? " " + t["(hiệu lực từ {0})", Formats.Date(unit.ValidFrom)]
        : "";
}
