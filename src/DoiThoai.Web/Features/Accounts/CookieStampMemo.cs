using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// In front of Identity's cookie validator: the security stamps it confirmed on this node within the
/// last <c>Accounts:SecurityStampInterval</c>, per account (ADR 0017; ADR 0020 "Page cost"). Identity
/// checks a cookie once it is older than the interval and answers with a renewed one; a client that
/// keeps sending the old cookie (tabs racing, a script, the load test) paid that check on every
/// request: four queries and a new cookie. A cookie carrying the stamp confirmed within the interval
/// passes without them. The database said that stamp was current less than an interval ago, so an
/// account change made on another node (or by the CLI) still reaches every sign-in within the
/// interval; one made on this node is forgotten at once (<see cref="Forget"/>). (Bearer tokens keep
/// their own memo in <see cref="BearerStampCheck"/>, which also requires the account to be active.)
/// </summary>
public sealed class CookieStampMemo(IOptions<SecurityStampValidatorOptions> validator, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string Stamp, DateTimeOffset ConfirmedAt)> confirmed = new();

    public async Task ValidateAsync(CookieValidatePrincipalContext context, Func<CookieValidatePrincipalContext, Task> identityCheck)
    {
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = StampOf(context.Principal);
        if (userId is not null && stamp is not null && confirmed.TryGetValue(userId, out var entry)
            && entry.Stamp == stamp && clock.GetUtcNow() - entry.ConfirmedAt < validator.Value.ValidationInterval)
            return;
        await identityCheck(context);
        // Identity replaces the principal (and asks for a renewed cookie) only after reading the account
        // and finding its stamp unchanged; a cookie not yet due, or refused, teaches nothing.
        if (context.ShouldRenew && userId is not null && context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) == userId
            && StampOf(context.Principal) is { } current)
            confirmed[userId] = (current, clock.GetUtcNow());
    }

    /// <summary>After this node renewed the account's stamp: its older cookies go back to Identity's check at once.</summary>
    public void Forget(string userId) => confirmed.TryRemove(userId, out _);

    private string? StampOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
}
