using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>Public items with their status and published answers, filterable by session, topic, unit and status.</summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalTransparencyModel(AppDbContext db) : PageModel
{
    public sealed record Row(int SessionId, string SessionTitle, DateTime SessionAtUtc, int Number, string Text, string? Topic, string? TopicEn, string? Unit, ItemStatus Status, string? Answer);

    [BindProperty(SupportsGet = true)] public int? Session { get; set; }
    [BindProperty(SupportsGet = true)] public int? Topic { get; set; }
    [BindProperty(SupportsGet = true)] public int? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public ItemStatus? Status { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public List<SelectListItem> Sessions { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Units { get; private set; } = [];
    public IReadOnlyList<ItemStatus> Statuses { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = Pager.QueryName)] int p = 1)
    {
        if (!ModelState.IsValid) return BadRequest();
        var all = PublicRecords.Items(db).AsNoTracking();
        var items = all;
        if (Session is { } s) items = items.Where(i => i.SessionId == s);
        if (Topic is { } t) items = items.Where(i => i.TopicId == t);
        if (Unit is { } u) items = items.Where(i => i.OnBehalfOfUnitId == u || i.Assignments.Any(a => a.LeadUnitId == u));
        if (Status is { } st) items = items.Where(i => i.Status == st);
        Pager = Pager.For(Request, p, 20, await items.CountAsync());
        var rows = await items.OrderByDescending(i => i.Session!.StartsAtUtc).ThenBy(i => i.Number).Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(i => new { i.SessionId, i.Session!.Title, i.Session.StartsAtUtc, i.Number, i.Text, Topic = i.Topic!.Name, TopicEn = i.Topic.NameEn,
                Unit = i.OnBehalfOfUnit!.Name, i.Status, i.PublishedAtUtc, i.Answer })
            .ToListAsync();
        Rows = rows.Select(r => new Row(r.SessionId, r.Title, r.StartsAtUtc, r.Number, r.Text, r.Topic, r.TopicEn, r.Unit, r.Status,
            PublicRecords.PublicAnswer(r.Status, r.PublishedAtUtc, r.Answer))).ToList();

        // The choices are only what public items use, so no filter leads to an empty page by construction.
        Sessions = (await all.Select(i => new { i.SessionId, i.Session!.Title, i.Session.StartsAtUtc }).Distinct().OrderByDescending(x => x.StartsAtUtc).ToListAsync())
            .Select(x => new SelectListItem($"{x.Title} ({Formats.Date(VietnamTime.DateOf(x.StartsAtUtc))})", Id(x.SessionId), x.SessionId == Session)).ToList();
        Topics = (await all.Where(i => i.TopicId != null).Select(i => new { Id = i.TopicId!.Value, i.Topic!.Name, i.Topic.NameEn }).Distinct().ToListAsync())
            .OrderBy(x => x.Name).Select(x => new SelectListItem(SelectLists.Localized(x.Name, x.NameEn), Id(x.Id), x.Id == Topic)).ToList();
        Units = (await all.Where(i => i.OnBehalfOfUnitId != null).Select(i => new { Id = i.OnBehalfOfUnitId!.Value, i.OnBehalfOfUnit!.Name }).Distinct().ToListAsync())
            .OrderBy(x => x.Name).Select(x => new SelectListItem(x.Name, Id(x.Id), x.Id == Unit)).ToList();
        Statuses = (await all.Select(i => i.Status).Distinct().ToListAsync()).Order().ToList();
        return Page();
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
