using System.Net;
using static DoiThoai.Tests.Features.Portal.PortalSteps;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>"Tạo bài viết từ hội nghị": a draft from the session's public record only.</summary>
public sealed class SessionArticleTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_draft_from_the_seed_session_carries_its_public_record_and_nothing_internal()
    {
        var sessionId = await app.SeedSessionIdAsync();
        var editor = await app.SignedInBrowserAsync("bientap");
        var sessionPage = await Html.GetDocumentAsync(editor, $"/Sessions/{sessionId}");
        var button = sessionPage.QuerySelector($"form[action='/Portal/Admin/FromSession/{sessionId}']") as AngleSharp.Html.Dom.IHtmlFormElement;
        Assert.NotNull(button);
        var response = await editor.PostAsync(button.Action, FormFields.From(button).With());
        var page = await FollowAsync(editor, response);

        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var article = await app.WithDbAsync(db => db.Articles.SingleAsync(a => a.Id == id));
        Assert.Equal(sessionId, article.SessionId);
        Assert.Equal("Draft", article.Status.ToString());
        Assert.Contains("Thứ Sáu, 08/09/2017", article.Lead);
        Assert.Contains("Thân Văn Khoa", article.BodyMarkdown);
        Assert.Contains("Số người dự: 132", article.BodyMarkdown);
        // The unit that raised an item, never the person (ADR 0021).
        Assert.Contains("Chi bộ thôn Nội Ninh", article.BodyMarkdown);
        Assert.DoesNotContain("Đoàn Văn Mật", article.BodyMarkdown);
        Assert.Contains("## Kết luận của chủ trì", article.BodyMarkdown);
        var hidden = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId && i.Confidentiality != DoiThoai.Web.Features.Items.Confidentiality.Public)
            .Select(i => i.Text).ToListAsync());
        foreach (var text in hidden) Assert.DoesNotContain(text[..Math.Min(40, text.Length)], article.BodyMarkdown);
        Assert.Contains("Tạo bài viết từ hội nghị", page.Body!.TextContent + sessionPage.Body!.TextContent);
    }

    [Fact]
    public async Task A_member_cannot_make_an_article_from_a_session()
    {
        var sessionId = await app.SeedSessionIdAsync();
        var member = await app.SignedInBrowserAsync("dangvien");
        var page = await Html.GetDocumentAsync(member, $"/Sessions/{sessionId}");
        Assert.Null(page.QuerySelector($"form[action='/Portal/Admin/FromSession/{sessionId}']"));
        // The folder's role policy sends the member to the access-denied page, as the admin pages do.
        var refused = await member.GetAsync($"/Portal/Admin/FromSession/{sessionId}");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString);
    }
}
