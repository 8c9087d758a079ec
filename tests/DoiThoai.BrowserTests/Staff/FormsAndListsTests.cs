namespace DoiThoai.BrowserTests.Staff;

/// <summary>The forms and the other lists of the staff UI, one in English too: axe-clean and every focus stop visible (date fields included).</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormsAndListsTests(BrowserApp app)
{
    [Theory]
    [InlineData("vanphong", "/Sessions/Create", "Lên kế hoạch hội nghị")]
    [InlineData("vanphong", "/Tasks", "Nhiệm vụ")]
    [InlineData("vanphong", "/Items", "Ý kiến, kiến nghị")]
    [InlineData("vanphong", "/Notifications", "Các thông báo")]
    [InlineData("vanphong", "/Search", "Tìm kiếm")]
    [InlineData("dangvien", "/Items", "Ý kiến, kiến nghị")]
    [InlineData("lanhdao", "/Sessions?culture=en-US", "Contact and dialogue sessions")]
    [InlineData("admin", "/Admin/Units/Create", "Thêm đơn vị")]
    [InlineData("admin", "/Admin/Calendar", "Lịch làm việc")]
    public async Task Page_is_clean_and_usable_by_keyboard(string userName, string path, string heading)
    {
        await using var browser = await app.SignedInAsync($"page-{userName}-{path}", userName);
        await browser.GoToAsync(path);
        await browser.ExpectHeadingAsync(heading);
        await browser.CheckPageAsync("page");
    }

    [Fact]
    public async Task New_item_form_from_the_seed_session_is_clean()
    {
        await using var browser = await app.SignedInAsync("item-create", "vanphong");
        var page = browser.Page;
        await browser.GoToAsync("/Sessions");
        await page.GetByRole(AriaRole.Link, new() { Name = StaffPagesTests.SeedSessionTitle, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm ý kiến" }).ClickAsync();
        Assert.Contains("/Items/Create", page.Url, StringComparison.Ordinal);
        await browser.CheckPageAsync("form");
    }
}
