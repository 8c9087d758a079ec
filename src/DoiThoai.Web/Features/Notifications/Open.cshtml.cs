using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Opening a notification: marks it read and goes where it points. Only links inside the app are
/// followed (a stored link is never an open redirect); anything else returns to the list.
/// </summary>
public sealed class OpenNotificationModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var link = await db.Notifications.AsNoTracking().Where(n => n.Id == id && n.UserId == userId)
            .Select(n => new { n.Link }).SingleOrDefaultAsync();
        if (link is null) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.MarkReadAsync(n => n.Id == id && n.UserId == userId, now);
        return LocalRedirect(IsLocal(link.Link) ? link.Link! : "/Notifications");
    }

    /// <summary>"/Items/5" yes; "//evil.example", "/\evil.example", "https://…" no.</summary>
    public static bool IsLocal(string? link) =>
        !string.IsNullOrEmpty(link) && link[0] == '/' && (link.Length == 1 || (link[1] != '/' && link[1] != '\\'))
        && !link.Any(char.IsControl);
}
