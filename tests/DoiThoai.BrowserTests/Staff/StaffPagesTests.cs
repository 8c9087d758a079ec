namespace DoiThoai.BrowserTests.Staff;

/// <summary>
/// The staff pages that exist today, in a real chromium against the real server with the demo data:
/// axe-core finds no WCAG 2.1 A/AA violation, and the main actions are reachable by keyboard with a
/// visible focus.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPagesTests(BrowserApp app)
{
    public const string SeedSessionTitle = "Hội nghị tiếp xúc, đối thoại giữa Phó Bí thư Thường trực Tỉnh ủy với đảng viên Đảng bộ huyện Việt Yên";

    [Fact]
    public async Task Sign_in_page_is_clean_and_signs_in_by_keyboard_alone()
    {
        await using var browser = await app.OpenAsync("sign-in");
        var page = browser.Page;
        await browser.GoToAsync("/Account/Login");
        await browser.CheckPageAsync("page");

        // The user name field has the focus on arrival; the rest is Tab, typing and Enter.
        await browser.GoToAsync("/Account/Login");
        Assert.True(await page.GetByLabel("Tên đăng nhập").EvaluateAsync<bool>("el => el === document.activeElement"));
        await page.Keyboard.TypeAsync("vanphong");
        await Accessibility.TabToAsync(page, page.GetByLabel("Mật khẩu"), maxPresses: 1);
        await page.Keyboard.TypeAsync(BrowserSession.DemoPassword);
        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }), maxPresses: 1);
        await page.Keyboard.PressAsync("Enter");

        await browser.ExpectHeadingAsync("Tổng quan");
    }

    [Fact]
    public async Task Wrong_password_is_announced_on_a_clean_page()
    {
        await using var browser = await app.OpenAsync("sign-in-wrong");
        var page = browser.Page;
        await browser.GoToAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync("vanphong");
        await page.GetByLabel("Mật khẩu").FillAsync("sai-mat-khau");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        Assert.Contains("/Account/Login", page.Url, StringComparison.OrdinalIgnoreCase);
        await browser.CheckPageAsync("error");
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("vanphong")]
    [InlineData("lanhdao")]
    [InlineData("bantochuc")]
    [InlineData("dangvien")]
    [InlineData("bientap")]
    public async Task Each_role_signs_in_to_a_clean_dashboard(string userName)
    {
        await using var browser = await app.SignedInAsync($"dashboard-{userName}", userName);
        await browser.ExpectHeadingAsync("Tổng quan");
        await browser.CheckPageAsync("page");
    }

    [Fact]
    public async Task Skip_link_comes_first_and_moves_the_focus_to_the_main_content()
    {
        await using var browser = await app.SignedInAsync("skip-link", "vanphong");
        var page = browser.Page;

        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Bỏ qua, đến nội dung chính" }), maxPresses: 1);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        // The next Tab lands inside the main content, past the header and the menu.
        await page.Keyboard.PressAsync("Tab");
        await Accessibility.AssertFocusVisibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            "after the skip link, Tab should stay in <main>");
    }

    [Fact]
    public async Task Menu_and_header_search_are_reached_by_keyboard()
    {
        await using var browser = await app.SignedInAsync("keyboard-menu", "vanphong");
        var page = browser.Page;

        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm ý kiến, kiến nghị" }));
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
        await Accessibility.TabToAsync(page, menu.GetByRole(AriaRole.Link, new() { Name = "Hội nghị" }));
        await page.Keyboard.PressAsync("Enter");
        await browser.ExpectHeadingAsync("Hội nghị tiếp xúc, đối thoại");
    }

    [Fact]
    public async Task Sessions_list_session_and_item_pages_are_clean_and_lead_to_each_other()
    {
        await using var browser = await app.SignedInAsync("sessions", "vanphong");
        var page = browser.Page;

        await browser.GoToAsync("/Sessions");
        await browser.CheckPageAsync("list");
        // The office's main action on the list: plan a session.
        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Lên kế hoạch hội nghị" }));

        await page.GetByRole(AriaRole.Link, new() { Name = SeedSessionTitle, Exact = true }).ClickAsync();
        await browser.ExpectHeadingAsync(SeedSessionTitle);
        await browser.CheckPageAsync("session");
        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Thêm ý kiến" }));

        var items = page.Locator("section[aria-labelledby=items]");
        await items.GetByRole(AriaRole.Link).First.ClickAsync();
        await browser.ExpectHeadingAsync("số");
        Assert.Matches(@"/Items/\d+$", page.Url);
        await browser.CheckPageAsync("item");

        // On paper: the item without the header, the menu and the action forms.
        var pdf = await browser.PrintAsync("item");
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thao tác" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nội dung", Level = 2 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Searching_without_diacritics_finds_the_demo_items()
    {
        await using var browser = await app.SignedInAsync("search", "lanhdao");
        var page = browser.Page;

        // Typed into the header's search box by keyboard, as someone without a Vietnamese keyboard would.
        await Accessibility.TabToAsync(page, page.GetByRole(AriaRole.Searchbox, new() { Name = "Tìm ý kiến, kiến nghị" }));
        await page.Keyboard.TypeAsync("bi thu chi bo");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/Search?", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Tìm thấy");
        var hits = page.Locator("ol.search-results > li");
        Assert.True(await hits.CountAsync() > 0, "no hit for 'bi thu chi bo'");
        // The marked words are the accented ones of the items: the search folded the diacritics.
        var marked = await page.Locator("ol.search-results mark").AllInnerTextsAsync();
        Assert.Contains(marked, m => m.Equals("bí thư", StringComparison.OrdinalIgnoreCase) || m.Equals("chi bộ", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("bí thư chi bộ", StringComparison.OrdinalIgnoreCase) || m.Equals("bí", StringComparison.OrdinalIgnoreCase));
        await browser.CheckPageAsync("results");

        await hits.First.GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Matches(@"/(Items|Sessions)/\d+", page.Url);
    }

    [Fact]
    public async Task Handlers_inbox_is_clean()
    {
        await using var browser = await app.SignedInAsync("inbox", "bantochuc");
        var page = browser.Page;

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Điều hướng chính" });
        await menu.GetByRole(AriaRole.Link, new() { Name = "Hộp việc" }).ClickAsync();
        await browser.ExpectHeadingAsync("Hộp việc");
        await browser.CheckPageAsync("page");
    }
}
