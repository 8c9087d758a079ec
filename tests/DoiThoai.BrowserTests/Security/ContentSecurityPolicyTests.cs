namespace DoiThoai.BrowserTests.Security;

/// <summary>
/// The Content-Security-Policy of ADR 0017 as chromium applies it: on the main staff and public pages
/// the console reports no refused script, style, image or connection, and the one script we have
/// (similar items while typing) still works under the policy.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserApp app)
{
    [Fact]
    public async Task Public_pages_break_no_rule_of_the_policy()
    {
        await using var browser = await app.OpenAsync("csp-public");
        var violations = Watch(browser.Page);
        foreach (var path in new[] { "/Account/Login", "/Portal", "/Portal/Search?q=doi+thoai", "/Portal/Transparency", "/Portal/Documents", "/Portal/En/Structure" })
            await browser.GoToAsync(path);
        await browser.GoToAsync("/Portal");
        var article = await browser.Page.Locator("a[href^='/Portal/Article/']").First.GetAttributeAsync("href");
        Assert.NotNull(article);
        await browser.GoToAsync(article);
        await browser.GoToAsync(article + "/Print");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Staff_pages_break_no_rule_and_the_similar_items_script_still_runs()
    {
        await using var browser = await app.SignedInAsync("csp-staff", "vanphong");
        var violations = Watch(browser.Page);
        foreach (var path in new[] { "/", "/Sessions", "/Sessions/1", "/Items", "/Items/1", "/Search?q=bi+thu", "/Tasks", "/Notifications" })
            await browser.GoToAsync(path);

        // The item form asks for similar items by fetch() while the text is typed: allowed by connect-src 'self'.
        await browser.GoToAsync("/Items/Create?sessionId=1");
        var list = browser.Page.Locator("#similar-items");
        Assert.Equal("", (await list.InnerTextAsync()).Trim());
        await browser.Page.Locator("textarea[name='Input.Text']").PressSequentiallyAsync("Đề nghị quan tâm đầu tư sửa chữa đường giao thông nông thôn");
        await Assertions.Expect(list).Not.ToBeEmptyAsync();
        Assert.Contains("/Items/Create", browser.Page.Url, StringComparison.Ordinal);

        await browser.GoToAsync("/Account/Password");
        await browser.CheckPageAsync("password");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Administration_pages_break_no_rule_of_the_policy()
    {
        await using var browser = await app.SignedInAsync("csp-admin", "admin");
        var violations = Watch(browser.Page);
        foreach (var path in new[] { "/Admin", "/Admin/Units", "/Admin/People", "/Portal/Admin", "/Admin/Users" })
            await browser.GoToAsync(path);
        await browser.Page.Locator("a[href$='/Edit'][href^='/Admin/Users/']").First.ClickAsync();
        await browser.ExpectHeadingAsync("Sửa tài khoản");
        await browser.CheckPageAsync("account-edit");
        Assert.Empty(violations);
    }

    /// <summary>Chromium writes every refusal of the policy to the console as an error naming it.</summary>
    private static List<string> Watch(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                lock (violations) violations.Add($"{page.Url}: {message.Text}");
        };
        return violations;
    }
}
