using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// Sign-in attempts per user name, wherever they come from: the per-address limit of the rate
/// limiter does not stop guessing one account's password from many addresses. Counted in the
/// handlers because the user name is in the body, which the rate-limiting middleware does not read.
/// Lockout (5 wrong passwords) still applies on top; this also slows attempts on unknown names.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SignInThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        limiter = PartitionedRateLimiter.Create<string, string>(userName => !limits.Enabled
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter(userName, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, limits.SignInPerUserName),
                Window = limits.Window,
                QueueLimit = 0,
            }));
    }

    /// <summary>Null when the attempt may go ahead, otherwise the seconds to wait (for Retry-After).</summary>
    public int? Refuse(string userName)
    {
        using var lease = limiter.AttemptAcquire(userName.Trim().ToUpperInvariant());
        if (lease.IsAcquired) return null;
        return RateLimits.RetryAfterSeconds(lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null);
    }

    public void Dispose() => limiter.Dispose();
}
