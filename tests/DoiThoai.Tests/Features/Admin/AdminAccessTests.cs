using System.Net;

namespace DoiThoai.Tests.Features.Admin;

public sealed class AdminAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Office_staff_are_sent_to_the_access_denied_page_which_answers_403()
    {
        var office = await app.SignedInBrowserAsync("vanphong");

        var response = await office.GetAsync("/Admin/Units");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery.Replace("http://localhost", ""));

        var denied = await office.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Theory]
    [InlineData("/Admin/Units/1")]
    [InlineData("/Admin/Units/1/Edit")]
    [InlineData("/Admin/Topics")]
    [InlineData("/Admin/Users")]
    public async Task Every_admin_page_including_those_with_their_own_route_is_closed_to_non_administrators(string url)
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var response = await office.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_post_from_a_non_administrator_changes_nothing()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var form = await Html.GetFormAsync(admin, "/Admin/Topics", "form#add-topic");
        var office = await app.SignedInBrowserAsync("vanphong");
        var code = "deny" + Guid.NewGuid().ToString("N")[..8];
        var response = await office.PostAsync("/Admin/Topics", form.With(("Input.Code", code), ("Input.Name", "Không được thêm")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.Topics.AnyAsync(t => t.Code == code)));
    }

    [Theory]
    [InlineData("/Admin")]
    [InlineData("/Admin/Units")]
    [InlineData("/Admin/Units?all=true&on=2017-09-08")]
    [InlineData("/Admin/Units?on=not-a-date")]
    [InlineData("/Admin/Units/Create")]
    [InlineData("/Admin/UnitKinds")]
    [InlineData("/Admin/Terms")]
    [InlineData("/Admin/People")]
    [InlineData("/Admin/People/Create")]
    [InlineData("/Admin/Topics")]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/People?p=999")]
    public async Task Administrators_open_every_page(string url)
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var page = await Html.GetDocumentAsync(admin, url);
        Assert.NotNull(page.QuerySelector("nav.admin-nav"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")?.TextContent));
    }

    [Fact]
    public async Task The_demo_tree_shows_the_2025_merger_inline()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var tree = await Html.GetDocumentAsync(admin, "/Admin/Units?all=true");
        // Depends on the demo data; it names the merger of Bắc Giang into Bắc Ninh.
        Assert.Contains(tree.QuerySelectorAll(".tree .succession"), s => s.TextContent.Contains("sáp nhập vào") && s.TextContent.Contains("Bắc Ninh"));
    }
}
