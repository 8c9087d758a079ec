using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// The API's bearer tokens carry the account's security stamp but their handler never compares it
/// with the database, so a token would keep its roles for its 8 hours after an administrator changed
/// them, locked the account or reset its password. This does for tokens what the security stamp
/// validator does for cookies, at the same interval: a token whose stamp is no longer the account's
/// is answered 401. (Emptying HttpContext.User would not do: the API's policy authenticates again.)
/// </summary>
public sealed class BearerStampCheck(IOptions<SecurityStampValidatorOptions> validator, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string? Stamp, DateTimeOffset CheckedAt)> known = new();

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null
            && context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && !await IsCurrentAsync(context, userId))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(
                    title: "Phiên đăng nhập đã hết hiệu lực.",
                    detail: "Tài khoản vừa được thay đổi (vai trò, đơn vị, trạng thái hoặc mật khẩu). Vui lòng đăng nhập lại.",
                    statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(context);
            return;
        }
        await next();
    }

    private async Task<bool> IsCurrentAsync(HttpContext context, string userId)
    {
        var now = clock.GetUtcNow();
        if (!known.TryGetValue(userId, out var entry) || now - entry.CheckedAt >= validator.Value.ValidationInterval)
        {
            var db = context.RequestServices.GetRequiredService<AppDbContext>();
            var stamp = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId && u.IsActive)
                .Select(u => u.SecurityStamp ?? "")
                .SingleOrDefaultAsync(context.RequestAborted);
            entry = (stamp, now);
            known[userId] = entry;
        }
        // No stamp at all (account gone or switched off) or another stamp: the token is stale.
        return entry.Stamp is not null
            && entry.Stamp == context.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
    }
}

public static class BearerStampCheckExtensions
{
    public static WebApplication UseBearerStampCheck(this WebApplication app)
    {
        var check = app.Services.GetRequiredService<BearerStampCheck>();
        app.Use((context, next) => check.InvokeAsync(context, () => next(context)));
        return app;
    }
}
