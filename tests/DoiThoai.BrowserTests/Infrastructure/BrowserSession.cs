using System.Net;

namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>
/// One test's browser context and page, with the steps every scenario needs: go to a page, sign in,
/// check a page (screenshot + axe). Disposing it keeps a screenshot of the last state, which is what
/// is wanted when an assertion failed half-way.
/// </summary>
public sealed class BrowserSession(IBrowserContext context, IPage page, string testName) : IAsyncDisposable
{
    /// <summary>Password of every demo account (README, "Demo accounts").</summary>
    public const string DemoPassword = "DoiThoai#2017";

    public IPage Page => page;

    /// <summary>Opens <paramref name="path"/> and insists on a successful answer.</summary>
    public async Task<IResponse> GoToAsync(string path)
    {
        var response = await page.GotoAsync(path) ?? throw new InvalidOperationException($"no response for {path}");
        Assert.True(response.Ok, $"GET {path}: {response.Status} {(HttpStatusCode)response.Status}");
        return response;
    }

    /// <summary>Signs in through the sign-in form as a demo account and waits for the page it leads to.</summary>
    public async Task SignInAsync(string userName, string? returnUrl = null)
    {
        await GoToAsync(returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // Only a signed-in page has the sign-out button; waiting for it is sturdier than for a URL's load event.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" })).ToBeVisibleAsync();
    }

    /// <summary>Waits until the page's one h1 shows <paramref name="text"/>.</summary>
    public Task ExpectHeadingAsync(string text) =>
        Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(text);

    /// <summary>
    /// Keeps a screenshot of the page as it is now, asserts that axe-core finds no WCAG 2.1 A/AA violation
    /// and that every focus stop, reached with Tab, shows its focus. Leaves the focus outside the page,
    /// so the next Tab starts again from the top.
    /// </summary>
    public async Task CheckPageAsync(string name)
    {
        await Accessibility.AssertNoAxeViolationsAsync(page, $"{testName}-{name}");
        Assert.True(await Accessibility.AssertEveryFocusVisibleAsync(page) > 0, $"{name}: nothing on the page takes the focus");
    }

    /// <summary>
    /// The page as it prints: print media emulated for a screenshot, then the PDF chromium makes of it,
    /// both kept in artifacts/browser/. Back to screen media afterwards. Returns the PDF.
    /// </summary>
    public async Task<byte[]> PrintAsync(string name)
    {
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        try
        {
            await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot($"{testName}-{name}-print"), FullPage = true });
            return await page.PdfAsync(new() { Path = Path.ChangeExtension(Artifacts.Screenshot($"{testName}-{name}"), ".pdf"), Format = "A4" });
        }
        finally
        {
            await page.EmulateMediaAsync(new() { Media = Media.Screen });
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot($"{testName}-last"), FullPage = true }); }
        catch (PlaywrightException) { } // the page may already be gone; the test's own error matters more
        await context.CloseAsync();
    }
}
