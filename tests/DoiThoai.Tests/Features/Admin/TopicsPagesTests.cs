using System.Net;
using static DoiThoai.Tests.Features.Admin.AdminPages;

namespace DoiThoai.Tests.Features.Admin;

public sealed class TopicsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_topic_is_created_renamed_deactivated_and_activated_again_but_never_deleted()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var code = "t" + Guid.NewGuid().ToString("N")[..10];

        var add = await Html.GetFormAsync(admin, "/Admin/Topics", "form#add-topic");
        var created = await admin.PostAsync("/Admin/Topics", add.With(("Input.Code", code), ("Input.Name", "Công tác dân vận thử")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.WithDbAsync(db => db.Topics.Where(t => t.Code == code).Select(t => t.Id).SingleAsync());

        var edit = await Html.GetFormAsync(admin, $"/Admin/Topics/{id}/Edit");
        Assert.Equal("Công tác dân vận thử", edit.Single(f => f.Key == "Input.Name").Value);
        var renamed = await admin.PostAsync($"/Admin/Topics/{id}/Edit", edit.With(("Input.Name", "Công tác tuyên giáo và dân vận thử")));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);

        var list = await Html.GetDocumentAsync(admin, "/Admin/Topics");
        Assert.Contains("Đã lưu lĩnh vực", list.QuerySelector(".flash")!.TextContent);
        Assert.Contains(list.QuerySelectorAll("tbody td"), td => td.TextContent == "Công tác tuyên giáo và dân vận thử");

        var deactivate = await Html.GetFormAsync(admin, "/Admin/Topics", $"form#active-{id}");
        var off = await admin.PostAsync(deactivate.Action, deactivate.With());
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Topics.Where(t => t.Id == id).Select(t => t.IsActive).SingleAsync()));

        var after = await Html.GetDocumentAsync(admin, "/Admin/Topics");
        var row = after.QuerySelector($"form#active-{id}")!.Closest("tr")!;
        Assert.Contains("ended", row.ClassList);
        Assert.Contains("Ngừng sử dụng", row.QuerySelector(".status")!.TextContent);

        var activate = await Html.GetFormAsync(admin, "/Admin/Topics", $"form#active-{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(activate.Action, activate.With())).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Topics.Where(t => t.Id == id).Select(t => t.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task A_duplicate_code_or_an_empty_name_is_refused_with_400()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var code = "t" + Guid.NewGuid().ToString("N")[..10];
        var add = await Html.GetFormAsync(admin, "/Admin/Topics", "form#add-topic");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Admin/Topics", add.With(("Input.Code", code), ("Input.Name", "Lĩnh vực một")))).StatusCode);

        var duplicate = await admin.PostAsync("/Admin/Topics", add.With(("Input.Code", code), ("Input.Name", "Lĩnh vực hai")));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var page = await Html.ParseAsync(duplicate);
        Assert.Equal("Mã này đã được dùng cho một lĩnh vực khác.", FieldError(page, "Input.Code"));
        Assert.Equal("Lĩnh vực hai", InputValue(page, "Input.Name"));

        var empty = await admin.PostAsync("/Admin/Topics", add.With(("Input.Code", "x" + code), ("Input.Name", "   ")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Vui lòng nhập tên lĩnh vực.", FieldError(await Html.ParseAsync(empty), "Input.Name"));

        Assert.Equal(1, await app.WithDbAsync(db => db.Topics.CountAsync(t => t.Code == code || t.Code == "x" + code)));
    }
}
