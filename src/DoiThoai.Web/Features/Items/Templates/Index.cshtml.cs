using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items.Templates;

/// <summary>
/// Answer templates per topic, kept by the office: the list and a form to add one. Handlers start
/// their draft answers from them. A template is never deleted, only taken out of use.
/// </summary>
public sealed class TemplateListModel(AppDbContext db, UserScope scope, References refs, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(int Id, string Title, string? Topic, string? TopicEn, bool IsActive, int Length);

    [BindProperty] public TemplateInput Input { get; set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => scope.IsSecretariat ? ShowAsync() : Task.FromResult(PageErrors.Forbidden());

    public Task<IActionResult> OnPostAsync()
    {
        if (!scope.IsSecretariat) return Task.FromResult(PageErrors.Forbidden());
        return this.TryChangeAsync(t, nameof(Input),
            async () =>
            {
                var template = new AnswerTemplate();
                Input.IsActive = true;
                await Input.ApplyToAsync(template, refs);
                db.AnswerTemplates.Add(template);
                await db.SaveChangesAsync();
                TempData["Message"] = t["Đã thêm mẫu trả lời “{0}”.", template.Title].Value;
                return RedirectToPage();
            },
            ShowAsync);
    }

    private async Task<IActionResult> ShowAsync()
    {
        Rows = await db.AnswerTemplates.AsNoTracking()
            .OrderByDescending(x => x.IsActive).ThenBy(x => x.Topic!.SortOrder).ThenBy(x => x.Title)
            .Select(x => new Row(x.Id, x.Title, x.Topic != null ? x.Topic.Name : null, x.Topic != null ? x.Topic.NameEn : null, x.IsActive, x.Text.Length))
            .ToListAsync();
        Topics = await SelectLists.For(HttpContext).TopicsAsync(Input.TopicId);
        return Page();
    }
}
