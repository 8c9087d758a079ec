using System.Net;
using static DoiThoai.Tests.Features.Admin.AdminPages;

namespace DoiThoai.Tests.Features.Admin;

public sealed class PeopleAndUsersPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_person_is_added_found_by_search_and_edited()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Chi bộ thôn thử"));
        var name = Unique("Nguyễn Văn Thử");

        var form = await Html.GetFormAsync(admin, "/Admin/People/Create");
        var created = await admin.PostAsync("/Admin/People/Create", form.With(
            ("Input.FullName", name), ("Input.Position", "Bí thư chi bộ"), ("Input.OrgUnitId", Id(unit)),
            ("Input.Email", "thu@example.vn"), ("Input.Phone", "0204 3854 123")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // Search ignores case.
        var found = await Html.GetDocumentAsync(admin, "/Admin/People?q=" + Uri.EscapeDataString(name.ToUpperInvariant()));
        var row = found.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("Bí thư chi bộ", row.TextContent);
        var id = await app.WithDbAsync(db => db.People.Where(p => p.FullName == name).Select(p => p.Id).SingleAsync());

        var edit = await Html.GetFormAsync(admin, $"/Admin/People/{id}/Edit");
        var saved = await admin.PostAsync($"/Admin/People/{id}/Edit", edit.With(("Input.Position", "Phó Bí thư chi bộ")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Phó Bí thư chi bộ", await app.WithDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Position).SingleAsync()));
    }

    [Fact]
    public async Task A_bad_email_or_unknown_unit_is_refused_with_400()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var name = Unique("Trần Thị Lỗi");
        var form = await Html.GetFormAsync(admin, "/Admin/People/Create");

        var badEmail = await admin.PostAsync("/Admin/People/Create", form.With(("Input.FullName", name), ("Input.Email", "không-phải-thư")));
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Equal("Địa chỉ thư điện tử không hợp lệ.", FieldError(await Html.ParseAsync(badEmail), "Input.Email"));

        var badUnit = await admin.PostAsync("/Admin/People/Create", form.With(("Input.FullName", name), ("Input.OrgUnitId", "987654")));
        Assert.Equal(HttpStatusCode.BadRequest, badUnit.StatusCode);
        Assert.Equal("Đơn vị không tồn tại.", FieldError(await Html.ParseAsync(badUnit), "Input.OrgUnitId"));

        Assert.False(await app.WithDbAsync(db => db.People.AnyAsync(p => p.FullName == name)));
    }

    [Fact]
    public async Task The_people_list_pages_through_search_results()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 27; i++)
        {
            var form = await Html.GetFormAsync(admin, "/Admin/People/Create");
            var r = await admin.PostAsync("/Admin/People/Create", form.With(("Input.FullName", $"Người phân trang {tag} {i:00}")));
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        }

        var first = await Html.GetDocumentAsync(admin, $"/Admin/People?q={tag}");
        Assert.Equal(25, first.QuerySelectorAll("tbody tr").Length);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains($"q={tag}", next);

        var second = await Html.GetDocumentAsync(admin, next);
        Assert.Equal(2, second.QuerySelectorAll("tbody tr").Length);
        Assert.Contains($"{tag} 26", second.QuerySelector("tbody")!.TextContent);
    }

    [Fact]
    public async Task The_accounts_list_shows_role_unit_and_person()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var page = await Html.GetDocumentAsync(admin, "/Admin/Users?q=vanphong");
        var row = page.QuerySelectorAll("tbody tr").Single();
        Assert.Equal("vanphong", row.Children[0].TextContent);
        Assert.Equal("Văn phòng", row.Children[2].TextContent);
        Assert.False(string.IsNullOrWhiteSpace(row.Children[3].TextContent));
        Assert.False(string.IsNullOrWhiteSpace(row.Children[4].TextContent));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
    }
}
