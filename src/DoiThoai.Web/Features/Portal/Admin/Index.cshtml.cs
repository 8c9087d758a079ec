using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Portal.Admin;

/// <summary>The editor's list of articles, newest change first, filtered by status.</summary>
public sealed class ArticleListModel(ArticleWorkflow workflow) : PageModel
{
    public sealed record Row(int Id, string Title, string Slug, string Category, ArticleStatus Status, DateTime? PublishAtUtc, DateTime UpdatedAtUtc, string AuthorName);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    [BindProperty(SupportsGet = true)] public ArticleStatus? Status { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = Pager.QueryName)] int p = 1)
    {
        if (!ModelState.IsValid) return BadRequest();
        var articles = await workflow.ArticlesAsync();
        if (Status is { } status) articles = articles.Where(a => a.Status == status);
        Pager = Pager.For(Request, p, 20, await articles.CountAsync());
        Rows = await articles.OrderByDescending(a => a.UpdatedAtUtc).ThenByDescending(a => a.Id).Skip(Pager.Skip).Take(Pager.PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Slug, a.Category!.Name, a.Status, a.PublishAtUtc, a.UpdatedAtUtc, a.AuthorName))
            .ToListAsync();
        return Page();
    }
}
