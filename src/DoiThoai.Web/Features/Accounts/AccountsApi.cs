using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Accounts;

public static class AccountsApi
{
    public sealed record LoginRequest(string? UserName, string? Password);

    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimits.SignIn)
            .WithTags("Accounts")
            .WithSummary("Đổi tên đăng nhập và mật khẩu lấy access token (bearer). Returns accessToken and expiresIn (seconds).");
        return api;
    }

    /// <summary>
    /// Identity's bearer-token handler writes {tokenType, accessToken, expiresIn, refreshToken}
    /// when we sign in with its scheme, as MapIdentityApi does; tokens are protected with the
    /// app's data-protection keys, so no signing secret lives in configuration.
    /// </summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInManager<AppUser> signIn, SignInThrottle throttle, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
            throw new DomainValidationException("userName", "Cần nhập tên đăng nhập và mật khẩu.");
        if (request.UserName.Length > 100 || request.Password.Length > 200)
            throw new DomainValidationException("userName", "Tên đăng nhập hoặc mật khẩu quá dài.");
        if (throttle.Refuse(request.UserName) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: RateLimits.TooManyTitle,
                detail: string.Format(System.Globalization.CultureInfo.InvariantCulture, RateLimits.TooManyDetail, wait),
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded) return TypedResults.Empty;
        return TypedResults.Problem(
            title: "Đăng nhập không thành công.",
            detail: result.IsLockedOut
                ? "Tài khoản tạm thời bị khóa do đăng nhập sai nhiều lần."
                : "Tên đăng nhập hoặc mật khẩu không đúng.",
            statusCode: StatusCodes.Status401Unauthorized);
    }
}
