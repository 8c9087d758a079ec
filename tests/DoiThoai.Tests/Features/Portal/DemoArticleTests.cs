namespace DoiThoai.Tests.Features.Portal;

/// <summary>The demo portal: the 08/09/2017 article with its drawn, captioned photos, and articles in other categories.</summary>
public sealed class DemoArticleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_2017_session_article_is_published_with_captioned_photos_and_linked_to_its_session()
    {
        var reader = app.Browser();
        var home = await Html.GetDocumentAsync(reader, "/Portal");
        var link = home.QuerySelectorAll(".teasers a").First(a => a.TextContent.Contains("huyện Việt Yên"));
        var page = await Html.GetDocumentAsync(reader, link.GetAttribute("href")!);
        Assert.Contains("Ngày đăng: 17:30 Thứ Sáu, 08/09/2017", page.QuerySelector(".article-meta")!.TextContent);
        Assert.Contains("Người tạo: Ban Biên Tập", page.QuerySelector(".article-meta")!.TextContent);
        Assert.Equal("Danh Thắng", page.QuerySelector(".article-author")!.TextContent.Trim());
        var figures = page.QuerySelectorAll("figure.article-photo");
        Assert.Equal(3, figures.Length);
        Assert.All(figures, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.QuerySelector("img")!.GetAttribute("alt")));
            Assert.False(string.IsNullOrWhiteSpace(f.QuerySelector("figcaption")!.TextContent));
        });
        var photo = await reader.GetAsync(figures[0].QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);

        var sessionId = await app.SeedSessionIdAsync();
        Assert.NotNull(page.QuerySelector($"a[href='/Portal/Sessions/{sessionId}']"));
        var categories = await app.WithDbAsync(db => db.Articles.Select(a => a.CategoryId).Distinct().CountAsync());
        Assert.True(categories >= 3);
    }
}
