using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Portal.Admin;

/// <summary>"Tạo bài viết từ hội nghị": confirms, then saves a draft written from the session's public record.</summary>
public sealed class ArticleFromSessionModel(ArticleWorkflow workflow, UserScope scope, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    public string SessionTitle { get; private set; } = "";
    public int SessionId { get; private set; }

    public Task<IActionResult> OnGetAsync(int sessionId) => this.TryLoadAsync(async () =>
    {
        var session = await FindAsync(sessionId);
        SessionTitle = session.Title;
        SessionId = session.Id;
        return Page();
    });

    public Task<IActionResult> OnPostAsync(int sessionId) => this.TryLoadAsync(async () =>
    {
        var session = await FindAsync(sessionId);
        var author = (await scope.ActorAsync()).Name;
        var input = await SessionArticleDraft.ComposeAsync(db, session, author);
        var article = await workflow.CreateAsync(input, session.Id);
        TempData["Message"] = t["Đã tạo bản nháp từ hội nghị; hãy đọc lại, thêm ảnh rồi gửi duyệt."].Value;
        return Redirect($"/Portal/Admin/{article.Id}");
    });

    private async Task<Sessions.DialogueSession> FindAsync(int sessionId)
    {
        if (!workflow.IsWriter) throw new AccessDeniedException();
        return await (await scope.SessionsAsync()).AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId)
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
    }
}
