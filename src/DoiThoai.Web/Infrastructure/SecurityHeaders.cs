namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// The browser-side defences every answer carries, pages, API, files and error pages alike (ADR 0017).
/// The policy allows scripts and styles from our own origin only: a payload that slipped past the
/// encoder or the sanitizer still cannot run, because no inline script, event handler, javascript:
/// URL or inline style is executed. Our pages therefore keep every script and style in wwwroot.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Nothing in the app uses these; an injected frame or script should not be able to either.
    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        // HSTS only where a certificate is expected; over plain HTTP in development it would lock
        // localhost to HTTPS in the developer's browser. UseHsts itself skips localhost and HTTP.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use((context, next) =>
        {
            // Set when the answer starts, so re-executed error pages, static files and 429s get them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY"; // frame-ancestors for browsers that predate it
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
