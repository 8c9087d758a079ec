using System.Net;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// Every answer carries the browser-side defences (ADR 0017), and the pages keep to their own
/// Content-Security-Policy: no inline script, event-handler attribute, javascript: link or inline
/// style anywhere in their markup, since the browser would refuse to run or apply them.
/// </summary>
public sealed class SecurityHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static TheoryData<string, string?> Addresses => new()
    {
        { "/Account/Login", null },
        { "/Portal", null },
        { "/css/site.css", null },
        { "/js/similar-items.js", null },
        { "/khong-co-trang-nay", null },
        { "/health/live", null },
        { "/api/v1/sessions", null },
        { "/", "vanphong" },
        { "/api/v1/sessions", "vanphong" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Every_answer_carries_the_security_headers(string url, string? signedInAs)
    {
        var client = signedInAs is null ? app.Browser()
            : url.StartsWith("/api", StringComparison.Ordinal) ? await app.ApiClientAsync(signedInAs) : await app.SignedInBrowserAsync(signedInAs);
        var response = await client.GetAsync(url);

        var csp = Header(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        // The tests run as "Testing", not Development, over plain HTTP: HSTS is only ever sent over HTTPS.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://doithoai.example.vn") });
        var response = await client.GetAsync("/Account/Login");
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"));
    }

    public static TheoryData<string, string?> Pages => new()
    {
        { "/Account/Login", null },
        { "/Portal", null },
        { "/Portal/Search?q=bi+thu", null },
        { "/Portal/Transparency", null },
        { "/", "vanphong" },
        { "/Sessions", "vanphong" },
        { "/Sessions/1", "vanphong" },
        { "/Items", "vanphong" },
        { "/Items/1", "vanphong" },
        { "/Items/Create?sessionId=1", "vanphong" },
        { "/Search?q=bi+thu", "vanphong" },
        { "/Tasks", "vanphong" },
        { "/Inbox", "bantochuc" },
        { "/Notifications", "vanphong" },
        { "/Admin", "admin" },
        { "/Admin/Users", "admin" },
        { "/Portal/Admin", "bientap" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_have_no_inline_script_style_or_event_handler(string url, string? signedInAs)
    {
        var client = signedInAs is null ? app.Browser() : await app.SignedInBrowserAsync(signedInAs);
        var page = await Html.GetDocumentAsync(client, url);
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {url}: {s.OuterHtml}"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]").Select(e => e.OuterHtml));
        Assert.Empty(page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name));
        Assert.Empty(page.QuerySelectorAll("[href^='javascript:' i], [src^='javascript:' i], [action^='javascript:' i]").Select(e => e.OuterHtml));
    }

    [Fact]
    public async Task The_article_print_view_takes_its_style_from_a_file()
    {
        var page = await Html.GetDocumentAsync(app.Browser(), await DemoArticlePathAsync() + "/Print");
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.NotNull(page.QuerySelector("link[rel=stylesheet][href^='/css/article-print-view.css']"));
    }

    [Fact]
    public async Task The_downloaded_article_carries_its_style_and_photos_inside_the_file()
    {
        // The demo article of the 08/09/2017 session has captioned photos.
        var portal = await Html.GetDocumentAsync(app.Browser(), "/Portal");
        string? withPhotos = null;
        foreach (var href in portal.QuerySelectorAll("a[href^='/Portal/Article/']").Select(a => a.GetAttribute("href")!).Distinct())
            if ((await Html.GetDocumentAsync(app.Browser(), href)).QuerySelector("article figure img") is not null) { withPhotos = href; break; }
        Assert.NotNull(withPhotos);

        var response = await app.Browser().GetAsync(withPhotos + "/Download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("font-family", page.QuerySelector("style")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("link[rel=stylesheet]"));
        var photos = page.QuerySelectorAll("figure img").Select(i => i.GetAttribute("src")!).ToList();
        Assert.NotEmpty(photos);
        Assert.All(photos, src => Assert.StartsWith("data:image/jpeg;base64,", src));
    }

    private async Task<string> DemoArticlePathAsync()
    {
        var portal = await Html.GetDocumentAsync(app.Browser(), "/Portal");
        return portal.QuerySelectorAll("a[href^='/Portal/Article/']").Select(a => a.GetAttribute("href")!).First();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage!.RequestUri} has no {name} header");
}
