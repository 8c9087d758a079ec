using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>The public results of one held session: its facts, public items and answers, issued conclusions, articles.</summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalSessionModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public DialogueSession Session { get; private set; } = null!;
    public string Host { get; private set; } = "";
    public IReadOnlyList<string> Chairs { get; private set; } = [];
    public IReadOnlyList<PortalTransparencyModel.Row> Items { get; private set; } = [];
    public IReadOnlyList<string> Conclusions { get; private set; } = [];
    public IReadOnlyList<ArticleTeaser> Articles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var session = await PublicRecords.Sessions(db).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id);
        if (session is null) return NotFound();
        Session = session;
        Host = await db.OrgUnits.Where(u => u.Id == session.HostUnitId).Select(u => u.Name).SingleAsync();
        Chairs = await db.SessionChairs.Where(c => c.SessionId == id).OrderBy(c => c.Order)
            .Select(c => c.Person!.FullName + (c.Person.Position == null ? "" : ", " + c.Person.Position)).ToListAsync();
        var rows = await PublicRecords.Items(db).AsNoTracking().Where(i => i.SessionId == id).OrderBy(i => i.Number)
            .Select(i => new { i.Number, i.Text, Topic = i.Topic!.Name, TopicEn = i.Topic.NameEn, Unit = i.OnBehalfOfUnit!.Name, i.Status, i.PublishedAtUtc, i.Answer })
            .ToListAsync();
        Items = rows.Select(r => new PortalTransparencyModel.Row(id, session.Title, session.StartsAtUtc, r.Number, r.Text, r.Topic, r.TopicEn, r.Unit, r.Status,
            PublicRecords.PublicAnswer(r.Status, r.PublishedAtUtc, r.Answer))).ToList();
        if (PublicRecords.ConclusionsArePublic(session))
            Conclusions = await db.Conclusions.Where(c => c.SessionId == id).OrderBy(c => c.Order).Select(c => c.Text).ToListAsync();
        Articles = await ArticleTeaser.Of(PublicRecords.Articles(db, clock.GetUtcNow().UtcDateTime).Where(a => a.SessionId == id)).ToListAsync();
        return Page();
    }
}
