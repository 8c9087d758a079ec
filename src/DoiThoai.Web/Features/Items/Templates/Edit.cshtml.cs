using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items.Templates;

/// <summary>Editing an answer template, or taking it out of use (it is kept, never deleted).</summary>
public sealed class TemplateEditModel(AppDbContext db, UserScope scope, References refs, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public TemplateInput Input { get; set; } = new();
    public List<SelectListItem> Topics { get; private set; } = [];
    public bool IsActive { get; private set; }
    public int Id { get; private set; }

    public Task<IActionResult> OnGetAsync(int id)
    {
        if (!scope.IsSecretariat) return Task.FromResult(PageErrors.Forbidden());
        return this.TryLoadAsync(async () =>
        {
            Input = TemplateInput.Of(await FindAsync(id));
            return await ShowAsync(id);
        });
    }

    public Task<IActionResult> OnPostAsync(int id)
    {
        if (!scope.IsSecretariat) return Task.FromResult(PageErrors.Forbidden());
        return this.TryChangeAsync(t, nameof(Input),
            async () =>
            {
                var template = await FindAsync(id);
                await Input.ApplyToAsync(template, refs);
                await db.SaveChangesAsync();
                TempData["Message"] = t["Đã lưu mẫu trả lời “{0}”.", template.Title].Value;
                return RedirectToPage("Index");
            },
            () => ShowAsync(id));
    }

    /// <summary>Takes the template out of use, or back into use, without touching its text.</summary>
    public Task<IActionResult> OnPostActiveAsync(int id, bool active)
    {
        if (!scope.IsSecretariat) return Task.FromResult(PageErrors.Forbidden());
        return this.TryLoadAsync(async () =>
        {
            var template = await FindAsync(id);
            template.IsActive = active;
            await db.SaveChangesAsync();
            TempData["Message"] = (active
                ? t["Đã dùng lại mẫu trả lời “{0}”.", template.Title]
                : t["Đã ngừng sử dụng mẫu trả lời “{0}”.", template.Title]).Value;
            return RedirectToPage("Index");
        });
    }

    private async Task<AnswerTemplate> FindAsync(int id) =>
        await db.AnswerTemplates.SingleOrDefaultAsync(x => x.Id == id) ?? throw new NotFoundException("Không tìm thấy mẫu trả lời.");

    private async Task<IActionResult> ShowAsync(int id)
    {
        Id = id;
        IsActive = await db.AnswerTemplates.Where(x => x.Id == id).Select(x => (bool?)x.IsActive).SingleOrDefaultAsync()
            ?? throw new NotFoundException("Không tìm thấy mẫu trả lời.");
        Topics = await SelectLists.For(HttpContext).TopicsAsync(Input.TopicId);
        // A retired topic stays selectable on the template that already has it.
        if (Input.TopicId is { } topicId && Topics.All(x => x.Value != topicId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            var retired = await db.Topics.AsNoTracking().Where(x => x.Id == topicId).Select(x => new { x.Name, x.NameEn }).SingleOrDefaultAsync();
            if (retired is not null)
                Topics.Add(new SelectListItem(SelectLists.Localized(retired.Name, retired.NameEn), topicId.ToString(System.Globalization.CultureInfo.InvariantCulture), true));
        }
        return Page();
    }
}
