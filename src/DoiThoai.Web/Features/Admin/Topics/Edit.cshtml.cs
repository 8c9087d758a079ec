using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Topics;

public sealed class EditModel(AppDbContext db) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public TopicInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var topic = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == Id);
        if (topic is null) return NotFound();
        Input = TopicInput.From(topic);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Id == Id);
        if (topic is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(topic, db);
                await db.SaveChangesAsync();
            }))
        {
            Flash("Đã lưu lĩnh vực “{0}”.", topic.Name);
            return RedirectToPage("Index");
        }
        return FormWithErrors();
    }
}
