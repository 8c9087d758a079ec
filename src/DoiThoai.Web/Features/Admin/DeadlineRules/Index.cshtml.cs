using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.DeadlineRules;

/// <summary>
/// How long units have to answer, per kind of item and role. A kind's own rule wins over the
/// general rule (kind left empty). Rules are edited, not removed, so that a role never loses
/// its deadline by accident.
/// </summary>
public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    [BindProperty] public DeadlineRuleInput Input { get; set; } = new() { WorkingDays = true };

    public IReadOnlyList<RuleRow> Rules { get; private set; } = [];

    public sealed record RuleRow(int Id, ItemKind? ItemKind, DeadlineRole Role, int Days, bool WorkingDays, string? Note);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var rule = new DeadlineRule();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(rule, db);
                db.DeadlineRules.Add(rule);
                await db.SaveChangesAsync();
            }))
        {
            Flash("Đã thêm quy định thời hạn.");
            return RedirectToPage();
        }
        await LoadAsync();
        return FormWithErrors();
    }

    private async Task LoadAsync()
    {
        var rules = await db.DeadlineRules.AsNoTracking()
            .Select(r => new RuleRow(r.Id, r.ItemKind, r.Role, r.Days, r.WorkingDays, r.Note))
            .ToListAsync();
        // The general rule first, then the kinds in their usual order; enums are stored by name,
        // so the order is made here rather than in SQL.
        Rules = rules.OrderBy(r => r.Role).ThenBy(r => r.ItemKind is null ? -1 : (int)r.ItemKind).ToList();
    }
}
