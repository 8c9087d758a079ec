namespace DoiThoai.Web.Features.Portal;

/// <summary>Vietnamese names of the article states and actions (localised by the pages through T[…]).</summary>
public static class ArticleLabels
{
    public static string OfStatus(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Bản nháp",
        ArticleStatus.InReview => "Chờ duyệt",
        ArticleStatus.Published => "Đã đăng",
        ArticleStatus.Unpublished => "Đã gỡ",
    };

    public static string OfAction(string action) => action switch
    {
        Article.Actions.Create => "Tạo bài",
        Article.Actions.Edit => "Sửa bài",
        Article.Actions.Submit => "Gửi duyệt",
        Article.Actions.SendBack => "Trả lại để sửa",
        Article.Actions.Publish => "Đăng bài",
        Article.Actions.Unpublish => "Gỡ bài",
        Article.Actions.AddPhoto => "Thêm ảnh",
        Article.Actions.RemovePhoto => "Bỏ ảnh",
        _ => action,
    };
}
