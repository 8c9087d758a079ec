using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Admin.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// A user changes their own password. Identity renews the security stamp with it, so the account's
/// other sign-ins (another browser, API tokens) end within the stamp interval; this browser is
/// signed in again at once and stays.
/// </summary>
public sealed class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> t, CookieStampMemo stamps) : PageModel
{
    [BindProperty] public PasswordInput Input { get; set; } = new();

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Vui lòng nhập mật khẩu hiện tại.")]
        [StringLength(200, ErrorMessage = "Mật khẩu quá dài.")]
        [DataType(DataType.Password)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu mới.")]
        [StringLength(200, ErrorMessage = "Mật khẩu quá dài.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "Hai lần nhập mật khẩu mới không khớp.")]
        [DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid && await users.GetUserAsync(User) is { } user)
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
            if (result.Succeeded)
            {
                stamps.Forget(user.Id);
                await signIn.RefreshSignInAsync(user);
                TempData["Message"] = t["Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản sẽ hết hiệu lực trong vòng một phút."].Value;
                return RedirectToPage();
            }
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                ModelState.AddModelError("Input.CurrentPassword", t["Mật khẩu hiện tại không đúng."]);
            else
                ModelState.AddModelError("Input.NewPassword", t[EditModel.PasswordRule]);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
