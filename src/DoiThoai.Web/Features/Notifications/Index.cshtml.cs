using System.Security.Claims;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>The signed-in user's notifications, newest first, unread ones marked.</summary>
public sealed class NotificationListModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 30;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public sealed record Row(long Id, NotificationKind Kind, string Title, string Body, string? Link, DateTime CreatedAtUtc, bool IsRead, EmailState Email);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public int UnreadCount { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("signed-in user expected");

    public async Task OnGetAsync()
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == UserId);
        UnreadCount = await mine.CountAsync(n => n.ReadAtUtc == null);
        var shown = Unread ? mine.Where(n => n.ReadAtUtc == null) : mine;
        Pager = Pager.For(Request, PageNumber, PageSize, await shown.CountAsync());
        Rows = await shown.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(Pager.Skip).Take(PageSize)
            .Select(n => new Row(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null, n.Email))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.MarkReadAsync(n => n.UserId == UserId, now);
        TempData["Message"] = marked == 0
            ? t["Không có thông báo chưa đọc."].Value
            : t["Đã đánh dấu {0} thông báo là đã đọc.", Formats.Number(marked)].Value;
        return LocalRedirect("/Notifications");
    }
}
