using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// The "Thông báo (3)" link in the page header: an indexed COUNT, kept a few seconds (<see cref="UnreadBadge"/>), no JavaScript.
/// Used from the layout as <c>@await Component.InvokeAsync("UnreadNotifications")</c>.
/// </summary>
public sealed class UnreadNotificationsViewComponent(AppDbContext db, UnreadBadge badge) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unread = userId is null ? 0 : await badge.CountAsync(userId, db);
        return View("/Features/Notifications/_UnreadBadge.cshtml", unread);
    }
}
