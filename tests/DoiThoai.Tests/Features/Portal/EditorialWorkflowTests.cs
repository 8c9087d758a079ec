using System.Net;
using static DoiThoai.Tests.Features.Portal.PortalSteps;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>The editorial workflow through the editor pages, and what readers see as it moves.</summary>
public sealed class EditorialWorkflowTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_draft_submitted_and_published_by_the_editor_appears_on_the_public_pages_at_once_and_goes_when_unpublished()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var reader = app.Browser();
        var title = Unique("Hội nghị tổng kết công tác xây dựng Đảng");
        // The home page is cached before the article exists: publishing must not be hidden by the cache.
        Assert.DoesNotContain(title, (await Html.GetDocumentAsync(reader, "/Portal")).Body!.TextContent);

        var id = await CreateAsync(editor, ("Input.Title", title), ("Input.CategoryId", "3"));
        var draft = await Html.GetDocumentAsync(editor, $"/Portal/Admin/{id}");
        Assert.Contains("Bản nháp", draft.QuerySelector(".facts")!.TextContent);
        var slug = await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
        Assert.StartsWith("hoi-nghi-tong-ket-cong-tac-xay-dung-dang", slug);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Portal/Article/{slug}")).StatusCode);

        var submitted = await FollowAsync(editor, await ActAsync(editor, id, "Submit"));
        Assert.Contains("Chờ duyệt", submitted.QuerySelector(".facts")!.TextContent);

        var published = await FollowAsync(editor, await PublishAsync(editor, id));
        Assert.Contains("Đã đăng bài.", published.QuerySelector(".flash")!.TextContent);

        var home = await Html.GetDocumentAsync(reader, "/Portal");
        Assert.Contains(title, home.Body!.TextContent);
        var page = await Html.GetDocumentAsync(reader, $"/Portal/Article/{slug}");
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Ngày đăng: 09:00 Thứ Sáu, 27/11/2026", page.QuerySelector(".article-meta")!.TextContent);
        Assert.Contains("Người tạo: Ban Biên Tập", page.QuerySelector(".article-meta")!.TextContent);
        Assert.Equal("Danh Thắng", page.QuerySelector(".article-author")!.TextContent.Trim());
        Assert.Equal(title, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Equal("<p>Nội dung <strong>chính</strong> của bài.</p>", page.QuerySelector(".article-body")!.InnerHtml.Trim());
        Assert.Contains(title, (await Html.GetDocumentAsync(reader, "/Portal/Category/xay-dung-dang")).Body!.TextContent);

        var unpublished = await FollowAsync(editor, await ActAsync(editor, id, "Unpublish", ("Act.Note", "Sai số liệu")));
        Assert.Contains("Đã gỡ", unpublished.QuerySelector(".facts")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/Portal/Article/{slug}")).StatusCode);
        Assert.DoesNotContain(title, (await Html.GetDocumentAsync(reader, "/Portal")).Body!.TextContent);

        var revisions = await app.WithDbAsync(db => db.ArticleRevisions.Where(r => r.ArticleId == id).OrderBy(r => r.Number).Select(r => r.Action).ToListAsync());
        Assert.Equal(["create", "submit", "publish", "unpublish"], revisions);
        var history = await Html.GetDocumentAsync(editor, $"/Portal/Admin/{id}");
        Assert.Contains("Sai số liệu", history.QuerySelector("#revisions + table")!.TextContent);
    }

    [Fact]
    public async Task Office_staff_write_and_submit_but_only_an_editor_publishes()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var id = await CreateAsync(office);
        await FollowAsync(office, await ActAsync(office, id, "Submit"));
        var page = await Html.GetDocumentAsync(office, $"/Portal/Admin/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Publish']"));

        var refused = await PublishAsync(office, id);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("InReview", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status.ToString()).SingleAsync()));

        var member = await app.SignedInBrowserAsync("dangvien");
        Assert.Contains("/Account/AccessDenied", (await member.GetAsync("/Portal/Admin")).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/Portal/Admin")).StatusCode);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("[bấm vào đây](javascript:alert(1))", "javascript:alert(1)")]
    [InlineData("<p onclick=\"steal()\">chữ</p>", "onclick")]
    [InlineData("<p style=\"position:fixed\">chữ</p>", "style")]
    public async Task A_body_with_scripts_handlers_or_styles_is_refused_with_a_message_and_the_text_kept(string body, string named)
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var title = Unique("Bài có mã độc");
        var response = await PostCreateAsync(editor, ("Input.Title", title), ("Input.BodyMarkdown", body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var error = page.QuerySelector("[data-valmsg-for='Input.BodyMarkdown']")!.TextContent;
        Assert.Contains("không được phép", error);
        Assert.Contains(named, error);
        Assert.Equal(body, page.QuerySelector("#Input_BodyMarkdown")!.TextContent);
        Assert.Equal(title, page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.False(await app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Title == title)));
    }

    [Fact]
    public async Task Unknown_categories_and_taken_addresses_are_refused_beside_their_field()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var unknown = await PostCreateAsync(editor, ("Input.CategoryId", "999"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Chuyên mục không tồn tại", (await Html.ParseAsync(unknown)).QuerySelector("[data-valmsg-for='Input.CategoryId']")!.TextContent);

        var slug = "dia-chi-" + Guid.NewGuid().ToString("N")[..6];
        var firstTitle = Unique("Bài đầu");
        await CreateAsync(editor, ("Input.Title", firstTitle), ("Input.Slug", slug));
        var taken = await PostCreateAsync(editor, ("Input.Slug", slug));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        var message = (await Html.ParseAsync(taken)).QuerySelector("[data-valmsg-for='Input.Slug']")!.TextContent;
        Assert.Contains($"Đường dẫn “{slug}” đã dùng cho bài “{firstTitle}”", message);

        // The same title twice without a typed address: the second is numbered, not refused.
        var title = Unique("Tin trùng tiêu đề");
        var a = await CreateAsync(editor, ("Input.Title", title));
        var b = await CreateAsync(editor, ("Input.Title", title));
        var slugs = await app.WithDbAsync(db => db.Articles.Where(x => x.Id == a || x.Id == b).OrderBy(x => x.Id).Select(x => x.Slug).ToListAsync());
        Assert.Equal(slugs[0] + "-2", slugs[1]);
    }

    [Theory]
    [InlineData("2026-11-27T08:40", "Thời điểm đăng đã qua")]
    [InlineData("2027-12-01T08:00", "trong vòng một năm")]
    [InlineData("hôm nay", "Thời gian không hợp lệ")]
    public async Task A_publish_time_in_the_past_or_too_far_ahead_is_refused(string publishAt, string message)
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var id = await CreateAsync(editor);
        var response = await PublishAsync(editor, id, publishAt);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Html.ParseAsync(response)).QuerySelector("[data-valmsg-for='Act.PublishAt']")!.TextContent);
        Assert.Equal("Draft", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status.ToString()).SingleAsync()));
    }
}

/// <summary>Moves the clock forward, so it has an app (and clock) of its own.</summary>
public sealed class ScheduledPublicationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_scheduled_article_appears_when_its_time_comes()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var title = Unique("Thông báo lịch tiếp công dân");
        var id = await CreateAsync(editor, ("Input.Title", title), ("Input.CategoryId", "4"));
        var response = await PublishAsync(editor, id, "2026-11-27T10:30");
        var page = await FollowAsync(editor, response);
        Assert.Contains("Đã hẹn giờ đăng bài lúc 10:30 Thứ Sáu, 27/11/2026.", page.QuerySelector(".flash")!.TextContent);

        var reader = app.Browser();
        Assert.DoesNotContain(title, (await Html.GetDocumentAsync(reader, "/Portal/Category/thong-bao")).Body!.TextContent);
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Contains(title, (await Html.GetDocumentAsync(reader, "/Portal/Category/thong-bao")).Body!.TextContent);
    }
}

/// <summary>Two people editing one article: the later save must not silently overwrite the earlier one.</summary>
public sealed class ConcurrentEditTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_save_from_a_form_opened_before_another_save_is_refused_and_keeps_what_was_typed()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var office = await app.SignedInBrowserAsync("vanphong");
        var id = await PortalSteps.CreateAsync(editor);
        var formOfEditor = await Html.GetFormAsync(editor, $"/Portal/Admin/{id}", "form.article-form");
        var formOfOffice = await Html.GetFormAsync(office, $"/Portal/Admin/{id}", "form.article-form");

        var first = await editor.PostAsync($"/Portal/Admin/{id}", formOfEditor.With(("Input.Title", "Tiêu đề do biên tập viên sửa")));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await office.PostAsync($"/Portal/Admin/{id}", formOfOffice.With(("Input.Title", "Tiêu đề do văn phòng sửa")));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.ParseAsync(second);
        Assert.Contains("đã thay đổi bản ghi lúc", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("Tiêu đề do biên tập viên sửa", page.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("Tiêu đề do văn phòng sửa", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("Tiêu đề do biên tập viên sửa", await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }
}
