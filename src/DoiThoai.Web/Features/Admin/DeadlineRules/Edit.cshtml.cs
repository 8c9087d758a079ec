using DoiThoai.Web.Features.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.DeadlineRules;

public sealed class EditModel(AppDbContext db) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public DeadlineRuleInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var rule = await db.DeadlineRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id);
        if (rule is null) return NotFound();
        Input = DeadlineRuleInput.From(rule);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var rule = await db.DeadlineRules.SingleOrDefaultAsync(r => r.Id == Id);
        if (rule is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(rule, db);
                await db.SaveChangesAsync();
            }))
        {
            Flash("Đã lưu quy định thời hạn.");
            return RedirectToPage("Index");
        }
        return FormWithErrors();
    }
}
