using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// How the user wants notifications by email: at once, one digest a day, or not at all. In-app
/// notifications are kept whatever the choice. Served at /Account/Preferences.
/// </summary>
public sealed class PreferencesModel(AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public EmailDelivery? Delivery { get; set; }

    public string? Email { get; private set; }
    public EmailDelivery Current { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("signed-in user expected");

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid || Delivery is not { } chosen || !Enum.IsDefined(chosen))
        {
            ModelState.Clear();
            ModelState.AddModelError(nameof(Delivery), t["Hãy chọn một cách nhận thông báo."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        await db.Users.Where(u => u.Id == UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailDelivery, chosen));
        TempData["Message"] = t["Đã lưu cách nhận thông báo: {0}.", t[NotificationLabels.Of(chosen)]].Value;
        return LocalRedirect("/Account/Preferences");
    }

    private async Task LoadAsync()
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == UserId).Select(u => new { u.Email, u.EmailDelivery }).SingleAsync();
        Email = user.Email;
        Current = user.EmailDelivery;
    }
}
