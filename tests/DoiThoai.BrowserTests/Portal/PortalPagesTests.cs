namespace DoiThoai.BrowserTests.Portal;

/// <summary>
/// Issue 5 asks axe-core to find nothing on the home, category, article, search, transparency and
/// sign-in pages; the scenario covers home, article and search. These are the other public pages,
/// each checked with axe and by keyboard as an anonymous reader sees them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PortalPagesTests(BrowserApp app)
{
    [Theory]
    [InlineData("/Portal/Category/hoi-nghi-doi-thoai", "category")]
    [InlineData("/Portal/Transparency", "transparency")]
    [InlineData("/Portal/Documents", "documents")]
    [InlineData("/Portal/en/Structure", "english-structure")]
    [InlineData("/Portal/en/Contacts", "english-contacts")]
    [InlineData("/Account/Login", "sign-in")]
    public async Task Public_pages_are_axe_clean_and_usable_by_keyboard(string path, string step)
    {
        await using var reader = await app.OpenAsync("portal-page-" + step);
        await reader.GoToAsync(path);
        await Assertions.Expect(reader.Page.Locator("h1")).ToHaveCountAsync(1);
        await reader.CheckPageAsync(step);
    }
}
