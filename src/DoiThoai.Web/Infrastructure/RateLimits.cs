using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Requests allowed per window and client (appsettings "RateLimits", ADR 0017). Tests and the load
/// benchmark raise the numbers or set Enabled to false; the defaults suit one person at a browser.
/// The counters live in each node's memory: two nodes allow twice as much.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;
    /// <summary>Length of the fixed window every limit counts in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Sign-in attempts (form or API) from one IP address.</summary>
    public int SignInPerAddress { get; set; } = 30;
    /// <summary>Sign-in attempts for one user name, from anywhere (Features/Accounts/SignInThrottle).</summary>
    public int SignInPerUserName { get; set; } = 10;
    /// <summary>Searches (staff page, public portal, API) by one account or, anonymous, one address.</summary>
    public int SearchPerClient { get; set; } = 120;
    /// <summary>Similar-items look-ups (API and the item form's check).</summary>
    public int SimilarPerClient { get; set; } = 60;
    /// <summary>Posts carrying files (multipart/form-data), whatever the form.</summary>
    public int UploadsPerClient { get; set; } = 30;
}

public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Search = "search";
    public const string Similar = "similar";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(RateLimitOptions.Section);
        builder.Services.Configure<RateLimitOptions>(section);
        var limits = section.Get<RateLimitOptions>() ?? new RateLimitOptions();
        builder.Services.AddRateLimiter(o =>
        {
            // Only POSTs of the sign-in form count; showing the form is free.
            o.AddPolicy(SignIn, ctx => Partition(limits, limits.SignInPerAddress, "sign-in",
                HttpMethods.IsPost(ctx.Request.Method) ? "ip:" + Address(ctx) : null));
            o.AddPolicy(Search, ctx => Partition(limits, limits.SearchPerClient, "search", Client(ctx)));
            // The item form's similar-items check is one handler of a page that does much else.
            o.AddPolicy(Similar, ctx => Partition(limits, limits.SimilarPerClient, "similar",
                ctx.Request.Path.StartsWithSegments("/api") || string.Equals(ctx.Request.Query["handler"], "Similar", StringComparison.OrdinalIgnoreCase)
                    ? Client(ctx) : null));
            // Uploads are recognised by what they carry, so a new upload form is covered without a tag.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => Partition(limits, limits.UploadsPerClient, "upload",
                ctx.Request.HasFormContentType && ctx.Request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)
                && ctx.Features.Get<IStatusCodeReExecuteFeature>() is null
                    ? Client(ctx) : null));
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>A fixed-window counter for <paramref name="key"/>, or no limit when the request is not counted (null key) or limits are off.</summary>
    private static RateLimitPartition<string> Partition(RateLimitOptions limits, int permits, string bucket, string? key) =>
        !limits.Enabled || key is null
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter(bucket + ":" + key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = limits.Window,
                QueueLimit = 0,
            });

    private static string Address(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>A signed-in account counts as itself wherever it comes from; anonymous readers by address.</summary>
    private static string Client(HttpContext ctx) =>
        ctx.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + Address(ctx);

    /// <summary>Seconds until a refused client may try again, for the Retry-After header.</summary>
    public static int RetryAfterSeconds(TimeSpan? retryAfter) => Math.Max(1, (int)Math.Ceiling((retryAfter ?? TimeSpan.FromMinutes(1)).TotalSeconds));

    /// <summary>
    /// 429 with Retry-After: problem+json on the API; on pages an empty 429 that the status-code
    /// pages turn into the error page with its Vietnamese explanation.
    /// </summary>
    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        var seconds = RetryAfterSeconds(context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : null);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api"))
            await Results.Problem(
                    title: TooManyTitle,
                    detail: string.Format(CultureInfo.InvariantCulture, TooManyDetail, seconds),
                    statusCode: StatusCodes.Status429TooManyRequests)
                .ExecuteAsync(http);
    }

    public const string TooManyTitle = "Quá nhiều yêu cầu.";
    public const string TooManyDetail = "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau {0} giây.";
}
