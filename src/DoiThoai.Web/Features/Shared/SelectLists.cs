using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Shared;

/// <summary>
/// The options of the selects on session and item forms, built in one place so that every form
/// names units, people, terms and topics the same way. Option values are ids (or enum names);
/// texts are in the reader's language.
/// </summary>
public sealed class SelectLists(AppDbContext db, UserScope scope, IStringLocalizer<SharedResource> t, TimeProvider clock, OrgDirectory directory, HtmlEncoder encoder)
{
    private static readonly StringComparer VietnameseOrder = StringComparer.Create(WebUiSetup.Vietnamese, ignoreCase: true);

    /// <summary>
    /// The registered instance if Program.cs registers one, otherwise one built from registered
    /// services: pages get it without listing its dependencies in their constructors.
    /// </summary>
    public static SelectLists For(HttpContext http) =>
        ActivatorUtilities.GetServiceOrCreateInstance<SelectLists>(http.RequestServices);

    /// <summary>The name in the reader's language; English names are optional in the data.</summary>
    public static string Localized(string vietnamese, string? english) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(english) ? english : vietnamese;

    /// <summary>Units the user works within (hosts of sessions, assignees); every unit for administrators.</summary>
    public async Task<List<SelectListItem>> UnitsInScopeAsync()
    {
        var overseen = await scope.OverseenUnitsAsync();
        return await UnitsAsync(overseen is null ? null : u => overseen.Contains(u.Id));
    }

    /// <summary>
    /// <see cref="UnitsInScopeAsync"/> written as option elements, kept per snapshot of the tree,
    /// scope, language and day: the conclusion form of a provincial session offers hundreds of units
    /// on every page, and building and writing them was a large part of a kept session page (ADR 0023).
    /// </summary>
    public async Task<IHtmlContent> UnitsInScopeOptionsAsync()
    {
        var snapshot = await directory.GetAsync();
        // The scope's set is the same object for every caller of a unit within a snapshot (OrgDirectory).
        var key = ((object?)await scope.OverseenUnitsAsync(), CultureInfo.CurrentUICulture.Name, VietnamTime.Today(clock.GetUtcNow().UtcDateTime));
        var kept = UnitOptionsOf.GetOrCreateValue(snapshot);
        if (kept.TryGetValue(key, out var html)) return html;
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var option in await UnitsInScopeAsync())
        {
            writer.Write("<option value=\"");
            encoder.Encode(writer, option.Value);
            writer.Write("\">");
            encoder.Encode(writer, option.Text);
            writer.Write("</option>");
        }
        return kept.GetOrAdd(key, new HtmlString(writer.ToString()));
    }

    private static readonly ConditionalWeakTable<OrgDirectory.Snapshot, ConcurrentDictionary<(object?, string, DateOnly), HtmlString>> UnitOptionsOf = [];

    /// <summary>Every unit (the participants of a session or the unit a speaker speaks for may be anywhere).</summary>
    public Task<List<SelectListItem>> AllUnitsAsync() => UnitsAsync(null);

    public async Task<List<SelectListItem>> PeopleAsync()
    {
        var people = await db.People.AsNoTracking()
            .Select(p => new { p.Id, p.FullName, p.Position })
            .ToListAsync();
        return people
            .OrderBy(p => p.FullName, VietnameseOrder)
            .Select(p => new SelectListItem(string.IsNullOrWhiteSpace(p.Position) ? p.FullName : p.FullName + " — " + p.Position, Id(p.Id)))
            .ToList();
    }

    public async Task<List<SelectListItem>> TermsAsync()
    {
        var terms = await db.Terms.AsNoTracking()
            .OrderByDescending(x => x.StartsOn)
            .Select(x => new { x.Id, x.Name, Unit = x.OrgUnit!.Name })
            .ToListAsync();
        return terms.Select(x => new SelectListItem(x.Name + " — " + x.Unit, Id(x.Id))).ToList();
    }

    /// <summary>Topics in use; a retired topic stays on the items that have it but is no longer offered.</summary>
    public async Task<List<SelectListItem>> TopicsAsync(int? selected = null)
    {
        var topics = await db.Topics.AsNoTracking()
            .Where(x => x.IsActive)
            .OrderBy(x => x.SortOrder).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.Name, x.NameEn })
            .ToListAsync();
        return topics.Select(x => new SelectListItem(Localized(x.Name, x.NameEn), Id(x.Id), x.Id == selected)).ToList();
    }

    /// <summary>The sessions the user may see, newest first, as "08/09/2017 — title".</summary>
    public async Task<List<SelectListItem>> SessionsAsync(int? selected = null, Func<IQueryable<DialogueSession>, IQueryable<DialogueSession>>? filter = null)
    {
        var visible = await scope.SessionsAsync();
        var sessions = await (filter is null ? visible : filter(visible))
            .OrderByDescending(s => s.StartsAtUtc)
            .Select(s => new { s.Id, s.Title, s.StartsAtUtc })
            .Take(500)
            .ToListAsync();
        return sessions.Select(s => new SelectListItem(Formats.Date(VietnamTime.DateOf(s.StartsAtUtc)) + " — " + s.Title, Id(s.Id), s.Id == selected)).ToList();
    }

    /// <summary>The members of an enum with their Vietnamese labels passed through the localizer.</summary>
    public List<SelectListItem> Choices<TEnum>(Func<TEnum, string> label, TEnum? selected = null) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>()
            .Select(v => new SelectListItem(t[label(v)], v.ToString(), selected is { } s && s.Equals(v)))
            .ToList();

    /// <summary>
    /// Every unit, in sibling order (sort order, then name as Vietnamese sorts it), read once per
    /// snapshot of <see cref="OrgDirectory"/>: an administrator's change to a unit or a kind renews
    /// the snapshot on the node that made it, other nodes within the directory's refresh time (ADR
    /// 0020, "Page cost": reading and sorting them was a sixth of the session page's cost).
    /// </summary>
    private async Task<IReadOnlyList<UnitRow>> UnitRowsAsync()
    {
        var snapshot = await directory.GetAsync();
        if (UnitRowsOf.TryGetValue(snapshot, out var kept)) return kept;
        var rows = (await db.OrgUnits.AsNoTracking()
                .Select(u => new UnitRow(u.Id, u.Name, u.ParentId, u.SortOrder, u.ValidTo, u.Kind!.Name, u.Kind.NameEn))
                .ToListAsync())
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Name, VietnameseOrder)
            .ToList();
        UnitRowsOf.AddOrUpdate(snapshot, rows);
        return rows;
    }

    private static readonly ConditionalWeakTable<OrgDirectory.Snapshot, IReadOnlyList<UnitRow>> UnitRowsOf = [];

    private sealed record UnitRow(int Id, string Name, int? ParentId, int SortOrder, DateOnly? ValidTo, string Kind, string KindEn);

    /// <summary>
    /// Units in tree order, indented by depth, with their kind; a unit that has ended says so, since
    /// choosing one is right for a 2017 session but should not happen by accident for a new one.
    /// </summary>
    private async Task<List<SelectListItem>> UnitsAsync(Func<UnitRow, bool>? include)
    {
        var all = await UnitRowsAsync();
        var units = include is null ? all : all.Where(include).ToList();
        var today = VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
        var ids = units.Select(u => u.Id).ToHashSet();
        var children = units.ToLookup(u => u.ParentId is { } p && ids.Contains(p) ? p : (int?)null);
        var options = new List<SelectListItem>();

        void Add(int? parentId, int depth)
        {
            // Units of today first: an ended unit is chosen only when recording the past.
            // The rows come in sort order and name order already; a stable sort keeps it within each part.
            var siblings = children[parentId].OrderBy(u => u.ValidTo is { } end && end < today);
            foreach (var unit in siblings)
            {
                var text = Indent(depth) + unit.Name + " (" + Localized(unit.Kind, unit.KindEn) + ")";
                if (unit.ValidTo is { } end && end < today)
                    text += " — " + t["đã kết thúc {0}", Formats.Date(end)];
                options.Add(new SelectListItem(text, Id(unit.Id)));
                Add(unit.Id, depth + 1);
            }
        }

        // A unit whose parent is outside the list starts a tree of its own, so a scoped list keeps its shape.
        Add(null, 0);
        return options;
    }

    // Non-breaking spaces survive inside <option>; ordinary ones would collapse.
    private static string Indent(int depth) => new('\u00A0', depth * 3);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
