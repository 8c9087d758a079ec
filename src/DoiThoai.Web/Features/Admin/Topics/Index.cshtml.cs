using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Topics;

/// <summary>
/// Topics (lĩnh vực) items are classified under. A topic is never deleted, only taken out of use:
/// items already classified under it keep their topic and stay reportable.
/// </summary>
public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    [BindProperty] public TopicInput Input { get; set; } = new() { SortOrder = 0 };

    public IReadOnlyList<TopicRow> Topics { get; private set; } = [];

    public sealed record TopicRow(int Id, string Code, string Name, string NameEn, bool IsActive, int SortOrder);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var topic = new Topic();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(topic, db);
                db.Topics.Add(topic);
                await db.SaveChangesAsync();
            }))
        {
            Flash("Đã thêm lĩnh vực “{0}”.", topic.Name);
            return RedirectToPage();
        }
        await LoadAsync();
        return FormWithErrors();
    }

    /// <summary>Takes a topic out of use or back into it; the target state is explicit so a repeated post changes nothing.</summary>
    public async Task<IActionResult> OnPostActiveAsync(int id, bool? active)
    {
        if (active is null) return BadRequest();
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Id == id);
        if (topic is null) return NotFound();
        topic.IsActive = active.Value;
        await db.SaveChangesAsync();
        Flash(active.Value ? "Đã sử dụng lại lĩnh vực “{0}”." : "Đã ngừng sử dụng lĩnh vực “{0}”.", topic.Name);
        return RedirectToPage();
    }

    private async Task LoadAsync() =>
        Topics = await db.Topics.AsNoTracking()
            .OrderByDescending(t => t.IsActive).ThenBy(t => t.SortOrder).ThenBy(t => t.Code)
            .Select(t => new TopicRow(t.Id, t.Code, t.Name, t.NameEn, t.IsActive, t.SortOrder))
            .ToListAsync();
}
