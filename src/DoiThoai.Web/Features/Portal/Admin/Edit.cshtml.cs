using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Portal.Admin;

/// <summary>
/// One article in the editor: its text, the workflow actions its state allows (publishing and
/// unpublishing for editors only), its photos, a preview and the revision history.
/// </summary>
public sealed class ArticleEditModel(ArticleWorkflow workflow, AppDbContext db, PhotoStore photos, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class ActionInput
    {
        /// <summary>Vietnam time; empty publishes now.</summary>
        public string? PublishAt { get; set; }
        public string? Note { get; set; }
    }

    public sealed class PhotoInput
    {
        public IFormFile? Photo { get; set; }
        public string? AltText { get; set; }
        public string? Caption { get; set; }
    }

    [BindProperty] public ArticleInput Input { get; set; } = new();
    [BindProperty] public ActionInput Act { get; set; } = new();
    [BindProperty] public PhotoInput NewPhoto { get; set; } = new();

    public Article Article { get; private set; } = null!;
    public List<SelectListItem> Categories { get; private set; } = [];
    public IReadOnlyList<ArticleRevision> Revisions { get; private set; } = [];
    public bool IsEditor => workflow.IsEditor;
    public bool IsVisible { get; private set; }
    /// <summary>The form that was posted and refused, so only it shows what was typed.</summary>
    public string? PostedForm { get; private set; }
    public string MaxPhotoMegabytes => photos.MaxMegabytes;

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(async () =>
    {
        await LoadAsync(id);
        Input = ArticleInput.Of(Article);
        return Page();
    });

    public Task<IActionResult> OnPostAsync(int id)
    {
        PostedForm = "content";
        return Change(id, nameof(Input), async () =>
        {
            var article = await workflow.EditAsync(id, Input);
            return t["Đã lưu bài “{0}”.", article.Title];
        });
    }

    public Task<IActionResult> OnPostSubmitAsync(int id) => ActAsync(id, Portal.Article.Actions.Submit, async () =>
    {
        await workflow.SubmitAsync(id);
        return t["Đã gửi bài để biên tập viên duyệt."];
    });

    public Task<IActionResult> OnPostSendBackAsync(int id) => ActAsync(id, Portal.Article.Actions.SendBack, async () =>
    {
        await workflow.SendBackAsync(id, Act.Note);
        return t["Đã trả bài lại để sửa."];
    });

    public Task<IActionResult> OnPostPublishAsync(int id) => ActAsync(id, Portal.Article.Actions.Publish, async () =>
    {
        var local = FormValues.LocalDateTime(Act.PublishAt, "publishAt");
        await workflow.PublishAsync(id, local is { } at ? VietnamTime.ToUtc(at) : null);
        var article = await db.Articles.AsNoTracking().SingleAsync(a => a.Id == id);
        return article.PublishAtUtc > clock.GetUtcNow().UtcDateTime
            ? t["Đã hẹn giờ đăng bài lúc {0}.", Formats.DateTime(article.PublishAtUtc.Value)]
            : t["Đã đăng bài."];
    });

    public Task<IActionResult> OnPostUnpublishAsync(int id) => ActAsync(id, Portal.Article.Actions.Unpublish, async () =>
    {
        await workflow.UnpublishAsync(id, Act.Note);
        return t["Đã gỡ bài khỏi cổng thông tin."];
    });

    public Task<IActionResult> OnPostPhotoAsync(int id)
    {
        PostedForm = "photo";
        return Change(id, nameof(NewPhoto), async () =>
        {
            // Alt text and caption first: a missing one must not cost the upload's processing.
            Check.Required(NewPhoto.AltText, "altText", "Mô tả ảnh (cho người không xem được ảnh)", ArticleRules.MaxAltLength);
            Check.Required(NewPhoto.Caption, "caption", "Chú thích ảnh", ArticleRules.MaxCaptionLength);
            await workflow.FindAsync(id);
            var stored = await photos.StoreAsync(NewPhoto.Photo, HttpContext.RequestAborted);
            await workflow.AddPhotoAsync(id, stored, NewPhoto.AltText, NewPhoto.Caption);
            return t["Đã thêm ảnh."];
        });
    }

    public Task<IActionResult> OnPostRemovePhotoAsync(int id, int photoId) => Change(id, "", async () =>
    {
        await workflow.RemovePhotoAsync(id, photoId);
        return t["Đã bỏ ảnh khỏi bài."];
    });

    private Task<IActionResult> ActAsync(int id, string action, Func<Task<LocalizedString>> change)
    {
        PostedForm = action;
        return Change(id, nameof(Act), change);
    }

    private Task<IActionResult> Change(int id, string prefix, Func<Task<LocalizedString>> change) =>
        this.TryChangeAsync(t, prefix,
            async () =>
            {
                TempData["Message"] = (await change()).Value;
                return Redirect($"/Portal/Admin/{id}");
            },
            async () =>
            {
                await LoadAsync(id);
                if (PostedForm != "content") Input = ArticleInput.Of(Article);
                return Page();
            },
            e => e.Action == "save"
                ? t[e.Message]
                : PageErrors.Refusal(t, ArticleLabels.OfAction(e.Action), ArticleLabels.OfStatus(Enum.Parse<ArticleStatus>(e.CurrentState))));

    private async Task LoadAsync(int id)
    {
        Article = await workflow.FindAsync(id);
        Categories = await ArticleSelects.CategoriesAsync(db, PostedForm == "content" ? Input.CategoryId : Article.CategoryId);
        Revisions = await db.ArticleRevisions.AsNoTracking().Where(r => r.ArticleId == id).OrderByDescending(r => r.Number).ToListAsync();
        IsVisible = Article.IsVisibleAt(clock.GetUtcNow().UtcDateTime);
    }
}
