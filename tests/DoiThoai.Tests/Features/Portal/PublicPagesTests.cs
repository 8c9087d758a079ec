using System.Net;
using System.Xml.Linq;
using static DoiThoai.Tests.Features.Portal.PortalSteps;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>The anonymous reader's portal: layout, article tools, feeds, transparency, search, preferences.</summary>
public sealed class PublicPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(int Id, string Slug, string Title)> PublishedAsync(string category = "1", string? title = null)
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        title ??= Unique("Đảng bộ xã tổ chức hội nghị sơ kết");
        var id = await CreateAsync(editor, ("Input.Title", title), ("Input.CategoryId", category));
        await FollowAsync(editor, await PublishAsync(editor, id));
        var slug = await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        return (id, slug, title);
    }

    [Fact]
    public async Task The_home_page_is_open_to_everyone_with_the_date_the_menu_and_the_search_box()
    {
        var reader = app.Browser();
        var home = await Html.GetDocumentAsync(reader, "/Portal");
        Assert.Equal("vi", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Thứ Sáu, 27/11/2026", home.QuerySelector(".portal-date")!.TextContent.Trim());
        var menu = home.QuerySelector("nav.portal-nav")!.TextContent;
        Assert.Contains("Hội nghị đối thoại", menu);
        Assert.Contains("Xây dựng Đảng", menu);
        Assert.NotNull(home.QuerySelector("form[role=search][action='/Portal/Search'] input[name=q]"));
        Assert.NotNull(home.QuerySelector("main#main h1"));
    }

    [Fact]
    public async Task Contrast_and_text_size_are_chosen_without_script_and_kept_in_a_cookie()
    {
        var reader = app.Browser();
        Assert.DoesNotContain("contrast-high", (await Html.GetDocumentAsync(reader, "/Portal")).Body!.ClassName);
        var response = await reader.PostAsync("/Portal/View", new FormUrlEncodedContent([new("contrast", "high"), new("returnUrl", "/Portal/Documents")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Portal/Documents", response.Headers.Location!.OriginalString);
        await reader.PostAsync("/Portal/View", new FormUrlEncodedContent([new("size", "large"), new("returnUrl", "https://evil.example/")]));

        var page = await Html.GetDocumentAsync(reader, "/Portal");
        Assert.Contains("contrast-high", page.Body!.ClassName);
        Assert.Contains("text-large", page.Body.ClassName);
        Assert.NotNull(page.QuerySelector("button[name=contrast][value=normal]"));
        // Another reader still gets the normal page, though the page is cached.
        Assert.DoesNotContain("contrast-high", (await Html.GetDocumentAsync(app.Browser(), "/Portal")).Body!.ClassName);
    }

    [Fact]
    public async Task The_article_page_offers_print_download_share_and_related_articles()
    {
        var first = await PublishedAsync("3");
        var second = await PublishedAsync("3");
        var reader = app.Browser();
        var page = await Html.GetDocumentAsync(reader, $"/Portal/Article/{second.Slug}");
        Assert.Contains(first.Title, page.QuerySelector(".related")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='/Portal/Article/{second.Slug}/Print']"));
        Assert.Contains("facebook.com/sharer", page.QuerySelector(".article-tools")!.InnerHtml);
        Assert.EndsWith($"/Portal/Article/{second.Slug}", page.QuerySelector("meta[property='og:url']")!.GetAttribute("content"));

        var print = await Html.GetDocumentAsync(reader, $"/Portal/Article/{second.Slug}/Print");
        Assert.Equal(second.Title, print.QuerySelector("h1")!.TextContent);
        Assert.Null(print.QuerySelector("nav"));

        var download = await reader.GetAsync($"/Portal/Article/{second.Slug}/Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal($"{second.Slug}.html", download.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.Contains(second.Title, await download.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Category_pages_are_paged_by_ten()
    {
        for (var i = 0; i < 11; i++) await PublishedAsync("4");
        var reader = app.Browser();
        var first = await Html.GetDocumentAsync(reader, "/Portal/Category/thong-bao");
        Assert.Equal(10, first.QuerySelectorAll(".teasers > li").Length);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var second = await Html.GetDocumentAsync(reader, next);
        Assert.True(second.QuerySelectorAll(".teasers > li").Length >= 1);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/Portal/Category/khong-co")).StatusCode);
    }

    [Fact]
    public async Task Feeds_sitemap_and_robots_list_the_published_articles()
    {
        var article = await PublishedAsync("2");
        var reader = app.Browser();
        var rss = XDocument.Parse(await reader.GetStringAsync("/Portal/Feed/hoi-nghi-doi-thoai/rss"));
        Assert.Contains(rss.Descendants("item"), i => i.Element("title")!.Value == article.Title);
        var atom = XDocument.Parse(await reader.GetStringAsync("/Portal/Feed/atom"));
        XNamespace a = "http://www.w3.org/2005/Atom";
        Assert.Contains(atom.Descendants(a + "entry"), e => e.Element(a + "title")!.Value == article.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/Portal/Feed/khong-co/rss")).StatusCode);

        var sitemap = await reader.GetStringAsync("/sitemap.xml");
        Assert.Contains($"/Portal/Article/{article.Slug}</loc>", sitemap);
        var robots = await reader.GetStringAsync("/robots.txt");
        Assert.Contains("Disallow: /Portal/Admin", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task Transparency_shows_public_items_with_published_answers_and_never_internal_ones()
    {
        var sessionId = await app.SeedSessionIdAsync();
        var reader = app.Browser();
        var page = await Html.GetDocumentAsync(reader, $"/Portal/Transparency?Session={sessionId}");
        var table = page.QuerySelector("table.public-items")!.TextContent;
        var hidden = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId && i.Confidentiality != DoiThoai.Web.Features.Items.Confidentiality.Public)
            .Select(i => i.Text).ToListAsync());
        Assert.NotEmpty(hidden);
        foreach (var text in hidden) Assert.DoesNotContain(text, table);
        var shown = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId && i.Confidentiality == DoiThoai.Web.Features.Items.Confidentiality.Public)
            .OrderBy(i => i.Number).Select(i => i.Text).FirstAsync());
        Assert.Contains(shown, table);

        var results = await Html.GetDocumentAsync(reader, $"/Portal/Sessions/{sessionId}");
        Assert.Contains("Thứ Sáu, 08/09/2017", results.QuerySelector(".facts")!.TextContent);
        Assert.NotNull(results.QuerySelector("#conclusions"));
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/Portal/Transparency?Status=Nope")).StatusCode);
    }

    [Fact]
    public async Task Search_finds_articles_without_diacritics_but_not_unpublished_ones()
    {
        var published = await PublishedAsync("1", Unique("Bồi dưỡng lý luận chính trị cho đảng viên trẻ"));
        var editor = await app.SignedInBrowserAsync("bientap");
        var draftTitle = Unique("Bồi dưỡng lý luận chính trị bản nháp");
        await CreateAsync(editor, ("Input.Title", draftTitle));

        var page = await Html.GetDocumentAsync(app.Browser(), "/Portal/Search?q=" + Uri.EscapeDataString("boi duong ly luan chinh tri"));
        var found = page.QuerySelector("main")!.TextContent;
        Assert.Contains(published.Title, found);
        Assert.DoesNotContain(draftTitle, found);
    }

    [Fact]
    public async Task Search_finds_public_items_without_diacritics_and_never_internal_ones()
    {
        var sessionId = await app.SeedSessionIdAsync();
        var texts = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId)
            .Select(i => new { i.Text, Public = i.Confidentiality == DoiThoai.Web.Features.Items.Confidentiality.Public }).ToListAsync());
        var shown = texts.First(t => t.Public).Text;
        var hidden = texts.First(t => !t.Public).Text;
        var reader = app.Browser();

        var words = DoiThoai.Text.SearchKeys.FoldKey(shown).Split(' ').Take(8);
        var found = await Html.GetDocumentAsync(reader, "/Portal/Search?q=" + Uri.EscapeDataString(string.Join(' ', words)));
        Assert.Contains(shown, found.QuerySelector("#found-items")!.ParentElement!.TextContent);

        var none = await Html.GetDocumentAsync(reader, "/Portal/Search?q=" + Uri.EscapeDataString(string.Join(' ', DoiThoai.Text.SearchKeys.FoldKey(hidden).Split(' ').Take(20))));
        Assert.DoesNotContain(hidden, none.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync("/Portal/Search?q=" + new string('a', 201))).StatusCode);
    }

    [Fact]
    public async Task The_english_pages_are_in_english()
    {
        var page = await Html.GetDocumentAsync(app.Browser(), "/Portal/en/Structure");
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Inspection Commission", page.Body!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/Portal/en/Contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().GetAsync("/Portal/Documents")).StatusCode);
    }
}

/// <summary>The output cache itself: pages are served from it until a publication changes what readers see.</summary>
public sealed class PortalCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_cached_page_is_served_until_something_is_published()
    {
        var reader = app.Browser();
        Assert.Contains("Xây dựng Đảng", (await Html.GetDocumentAsync(reader, "/Portal")).QuerySelector("nav.portal-nav")!.TextContent);
        // A change behind the app's back (no publication) is not seen while the entry lives: the page is cached.
        await app.WithDbAsync(db => db.ArticleCategories.Where(c => c.Slug == "xay-dung-dang")
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Name, "Công tác xây dựng Đảng")));
        Assert.DoesNotContain("Công tác xây dựng Đảng", (await Html.GetDocumentAsync(reader, "/Portal")).QuerySelector("nav.portal-nav")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/Portal/Article/khong-co/Khac")).StatusCode);

        var editor = await app.SignedInBrowserAsync("bientap");
        var id = await CreateAsync(editor);
        await FollowAsync(editor, await PublishAsync(editor, id));
        Assert.Contains("Công tác xây dựng Đảng", (await Html.GetDocumentAsync(reader, "/Portal")).QuerySelector("nav.portal-nav")!.TextContent);
    }
}
