using System.Net;
using SkiaSharp;
using static DoiThoai.Tests.Features.Portal.PortalSteps;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>Article photos: checked by content, limited, resized, described and captioned.</summary>
public sealed class PhotoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_large_photo_is_resized_for_the_web_and_shown_with_its_caption_once_published()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var id = await CreateAsync(editor);
        var response = await UploadPhotoAsync(editor, id, Picture(2400, 1600), "hoi-truong.png", "Hội trường kín chỗ", "Quang cảnh hội nghị");
        var page = await FollowAsync(editor, response);
        Assert.Contains("Đã thêm ảnh.", page.QuerySelector(".flash")!.TextContent);

        var photo = await app.WithDbAsync(db => db.ArticlePhotos.SingleAsync(p => p.ArticleId == id));
        Assert.Equal((1280, 853), (photo.Width, photo.Height));
        Assert.Equal("Quang cảnh hội nghị", photo.Caption);

        // Not public before the article is.
        var reader = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Portal/Photo/{photo.Id}")).StatusCode);
        var preview = await editor.GetAsync($"/Portal/Photo/{photo.Id}");
        Assert.Equal("image/jpeg", preview.Content.Headers.ContentType!.MediaType);
        using (var decoded = SKBitmap.Decode(await preview.Content.ReadAsByteArrayAsync()))
            Assert.Equal(1280, decoded.Width);

        await FollowAsync(editor, await PublishAsync(editor, id));
        var slug = await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        var article = await Html.GetDocumentAsync(reader, $"/Portal/Article/{slug}");
        var figure = article.QuerySelector("figure.article-photo")!;
        Assert.Equal("Hội trường kín chỗ", figure.QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal("Quang cảnh hội nghị", figure.QuerySelector("figcaption")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/Portal/Photo/{photo.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_disguised_or_broken_file_is_refused_and_nothing_is_added()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var id = await CreateAsync(editor);
        var text = await UploadPhotoAsync(editor, id, "<?php echo 1; ?>"u8.ToArray(), "anh.png", "mô tả", "chú thích");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.Contains("không phải ảnh PNG, JPEG hay WebP", (await Html.ParseAsync(text)).QuerySelector("[data-valmsg-for='NewPhoto.Photo']")!.TextContent);

        var png = Picture(100, 100);
        var truncated = await UploadPhotoAsync(editor, id, png[..40], "cat.png", "mô tả", "chú thích");
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("Không đọc được ảnh", (await Html.ParseAsync(truncated)).QuerySelector("[data-valmsg-for='NewPhoto.Photo']")!.TextContent);

        var oversize = new byte[9 * 1024 * 1024];
        png.CopyTo(oversize, 0);
        var big = await UploadPhotoAsync(editor, id, oversize, "lon.png", "mô tả", "chú thích");
        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Contains("lớn hơn giới hạn 8 MB", (await Html.ParseAsync(big)).QuerySelector("[data-valmsg-for='NewPhoto.Photo']")!.TextContent);

        Assert.False(await app.WithDbAsync(db => db.ArticlePhotos.AnyAsync(p => p.ArticleId == id)));
    }

    [Fact]
    public async Task A_photo_without_alt_text_or_caption_is_refused_and_the_typed_caption_is_kept()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var id = await CreateAsync(editor);
        var response = await UploadPhotoAsync(editor, id, Picture(300, 200, SKEncodedImageFormat.Jpeg), "anh.jpg", alt: "", caption: "Đại biểu phát biểu");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Mô tả ảnh (cho người không xem được ảnh) không được để trống.", page.QuerySelector("[data-valmsg-for='NewPhoto.AltText']")!.TextContent);
        Assert.Equal("Đại biểu phát biểu", page.QuerySelector("#photo-caption")!.GetAttribute("value"));

        var noCaption = await UploadPhotoAsync(editor, id, Picture(300, 200), "anh.png", alt: "Đại biểu", caption: null);
        Assert.Equal(HttpStatusCode.BadRequest, noCaption.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.ArticlePhotos.AnyAsync(p => p.ArticleId == id)));
    }
}
