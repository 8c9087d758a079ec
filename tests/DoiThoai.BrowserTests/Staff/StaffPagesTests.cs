namespace DoiThoai.BrowserTests.Staff;

/// <summary>Every staff page that exists today, as each kind of user reaches it: axe-clean, usable by keyboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffPagesTests(BrowserApp app)
{
    [Fact]
    public async Task Probe()
    {
        await using var browser = await app.OpenAsync("probe");
        await browser.GoToAsync("/Account/Login");
        await browser.CheckPageAsync("login");
    }
}
