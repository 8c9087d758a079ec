using DoiThoai.BrowserTests.Staff;
using SkiaSharp;

namespace DoiThoai.BrowserTests.Portal;

/// <summary>
/// Issue 5 end to end: the editor turns the seed session into an article with a captioned photo and
/// publishes it; an anonymous reader finds it on the portal, prints it and finds it again by typing
/// without diacritics. Every page on the way is axe-clean and usable by keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalScenarioTests(BrowserApp app)
{
    private const string Caption = "Đại biểu dự hội nghị tại Việt Yên";
    private const string AltText = "Hàng ghế đại biểu trước sân khấu phông đỏ";

    [Fact]
    public async Task Article_from_the_seed_session_is_published_found_printed_and_searched()
    {
        var articlePath = await PublishFromSeedSessionAsync();

        await using var reader = await app.OpenAsync("portal-reader");
        var page = reader.Page;
        await reader.GoToAsync("/Portal");
        // The session's title is also a link in "Kết quả hội nghị"; the article is the one to its own page.
        var teaser = page.Locator($"a[href='{articlePath}']");
        await Assertions.Expect(teaser).ToHaveTextAsync(StaffPagesTests.SeedSessionTitle);
        await reader.CheckPageAsync("home");

        await teaser.ClickAsync();
        await reader.ExpectHeadingAsync(StaffPagesTests.SeedSessionTitle);
        Assert.EndsWith(articlePath, page.Url, StringComparison.Ordinal);
        // The draft's "## Thành phần tham dự" is a section of the article: h2 right under the h1, no level skipped.
        await Assertions.Expect(page.Locator(".article-body h2").First).ToHaveTextAsync("Thành phần tham dự");
        await Assertions.Expect(page.Locator(".article-body h3")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("figure").Filter(new() { HasText = Caption }).GetByRole(AriaRole.Img, new() { Name = AltText })).ToBeVisibleAsync();
        await reader.CheckPageAsync("article");
        var pdf = await reader.PrintAsync("article");
        Assert.True(pdf.Length > 1000 && pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8), "the printed article is a PDF");

        // The header's search box, typed the way many readers type: no diacritics.
        var search = page.GetByRole(AriaRole.Search);
        await search.GetByRole(AriaRole.Searchbox).FillAsync("hoi nghi doi thoai dang vien viet yen");
        await search.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await reader.ExpectHeadingAsync("Tìm kiếm");
        await Assertions.Expect(page.Locator("section[aria-labelledby=found-articles]").Locator($"a[href='{articlePath}']"))
            .ToHaveTextAsync(StaffPagesTests.SeedSessionTitle);
        await reader.CheckPageAsync("search");
    }

    /// <summary>bientap's part; returns the public path of the published article.</summary>
    private async Task<string> PublishFromSeedSessionAsync()
    {
        await using var editor = await app.SignedInAsync("portal-editor", "bientap");
        var page = editor.Page;
        await editor.GoToAsync("/Sessions");
        await page.GetByRole(AriaRole.Link, new() { Name = StaffPagesTests.SeedSessionTitle, Exact = true }).ClickAsync();
        await editor.ExpectHeadingAsync(StaffPagesTests.SeedSessionTitle);
        await editor.CheckPageAsync("session");

        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo bài viết từ hội nghị" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã tạo bản nháp từ hội nghị");
        await editor.ExpectHeadingAsync(StaffPagesTests.SeedSessionTitle);
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("Bản nháp");
        await editor.CheckPageAsync("draft");

        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "hoi-nghi.png", MimeType = "image/png", Buffer = Picture() });
        await page.GetByLabel("Mô tả ảnh").FillAsync(AltText);
        await page.GetByLabel("Chú thích ảnh").FillAsync(Caption);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm ảnh" }).ClickAsync();
        await Assertions.Expect(page.Locator(".photo-list figcaption")).ToHaveTextAsync(Caption);
        await editor.CheckPageAsync("photo");

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng bài" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status")).ToHaveTextAsync("Đã đăng");
        await editor.CheckPageAsync("published");
        var link = page.Locator("dl.facts a[href^='/Portal/Article/']");
        return await link.GetAttributeAsync("href") ?? throw new InvalidOperationException("no public link after publishing");
    }

    /// <summary>A 640×360 PNG drawn here: a red stage and rows of seats, enough for the photo store to decode and scale.</summary>
    private static byte[] Picture()
    {
        using var bitmap = new SKBitmap(640, 360);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xf4, 0xee, 0xe0));
            using var paint = new SKPaint { Color = new SKColor(0xc8, 0x10, 0x2e) };
            canvas.DrawRect(160, 20, 320, 120, paint);
            paint.Color = new SKColor(0x33, 0x33, 0x33);
            for (var row = 0; row < 4; row++)
                for (var seat = 0; seat < 12; seat++)
                    canvas.DrawRect(40 + seat * 48, 180 + row * 42, 36, 28, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
