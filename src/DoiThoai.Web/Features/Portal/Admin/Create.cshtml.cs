using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Portal.Admin;

/// <summary>Writing a new article; it starts as a draft.</summary>
public sealed class ArticleCreateModel(ArticleWorkflow workflow, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public ArticleInput Input { get; set; } = new();
    public List<SelectListItem> Categories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Input.AuthorName = User.FindFirst("display_name")?.Value;
        Categories = await ArticleSelects.CategoriesAsync(db, Input.CategoryId);
        return Page();
    }

    public Task<IActionResult> OnPostAsync() =>
        this.TryChangeAsync(t, nameof(Input),
            async () =>
            {
                var article = await workflow.CreateAsync(Input);
                TempData["Message"] = t["Đã lưu bản nháp “{0}”.", article.Title].Value;
                return Redirect($"/Portal/Admin/{article.Id}");
            },
            async () =>
            {
                Categories = await ArticleSelects.CategoriesAsync(db, Input.CategoryId);
                return Page();
            });
}

public static class ArticleSelects
{
    public static async Task<List<SelectListItem>> CategoriesAsync(AppDbContext db, int? selected)
    {
        var rows = await db.ArticleCategories.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.Order).ToListAsync();
        return rows.Select(c => new SelectListItem(SelectLists.Localized(c.Name, c.NameEn),
            c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Id == selected)).ToList();
    }
}
