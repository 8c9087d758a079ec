using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignInManager<AppUser> signIn, SignInThrottle throttle, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public LoginInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập.")]
        [StringLength(100, ErrorMessage = "Tên đăng nhập quá dài.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu.")]
        [StringLength(200, ErrorMessage = "Mật khẩu quá dài.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (throttle.Refuse(Input.UserName) is { } wait)
        {
            ModelState.AddModelError("", t["Đăng nhập quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau {0} giây.", wait]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(Input.UserName.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? t["Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút."]
            : t["Tên đăng nhập hoặc mật khẩu không đúng."]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
