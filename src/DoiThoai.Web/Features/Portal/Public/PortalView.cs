namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>
/// The reader's contrast and text-size choice, kept in a cookie by a plain form post (no script
/// needed) and read by the portal layout. The cookie is part of the output-cache key.
/// </summary>
public sealed record PortalView(bool HighContrast, bool LargeText)
{
    public string BodyClass => (HighContrast ? "contrast-high " : "") + (LargeText ? "text-large" : "");

    public static PortalView Read(HttpRequest request)
    {
        var value = request.Cookies[PortalCache.ViewCookie] ?? "";
        var parts = value.Split(':');
        return new PortalView(parts.Contains("high"), parts.Contains("large"));
    }

    public static IResult Post(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? context.Request.Form : null;
        var current = Read(context.Request);
        // Each button sends one of contrast, size or culture; what is not sent keeps its value.
        var contrast = form?["contrast"].ToString() switch { "high" => true, "normal" => false, _ => current.HighContrast };
        var large = form?["size"].ToString() switch { "large" => true, "normal" => false, _ => current.LargeText };
        context.Response.Cookies.Append(PortalCache.ViewCookie, (contrast ? "high" : "normal") + ":" + (large ? "large" : "normal"),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (form?["culture"].ToString() is "en-US" or "vi-VN")
        {
            var culture = new Microsoft.AspNetCore.Localization.RequestCulture(form["culture"].ToString());
            context.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
                Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(culture),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }
        var returnUrl = form?["returnUrl"].ToString();
        // Only an address of this site: the form must not become an open redirect.
        var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl : "/Portal";
        return Results.Redirect(target);
    }
}
