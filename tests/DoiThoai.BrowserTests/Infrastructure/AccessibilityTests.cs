namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>The checks themselves catch what they are meant to catch (a green run says something only then).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserApp app)
{
    [Fact]
    public async Task Axe_check_fails_on_an_unlabelled_field_and_names_the_rule()
    {
        await using var browser = await app.OpenAsync("self-test-axe");
        await browser.Page.SetContentAsync("<!DOCTYPE html><html lang=\"vi\"><head><title>Thử</title></head><body><main><input type=\"text\"></main></body></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertNoAxeViolationsAsync(browser.Page, "self-test-axe-unlabelled"));
        Assert.Contains("label", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Focus_check_fails_on_a_link_whose_focus_is_hidden()
    {
        await using var browser = await app.OpenAsync("self-test-focus");
        await browser.Page.SetContentAsync("<!DOCTYPE html><html lang=\"vi\"><head><title>Thử</title><style>a:focus { outline: none; }</style></head>"
            + "<body><main><a href=\"#x\">Liên kết</a></main></body></html>");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Accessibility.AssertEveryFocusVisibleAsync(browser.Page));
        Assert.Contains("no visible focus indicator", failure.Message, StringComparison.Ordinal);
    }
}
