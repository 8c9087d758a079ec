namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>
/// One app server and one headless Debian chromium for the whole run (starting either costs seconds);
/// every test opens its own browser context, so cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    /// <summary>Debian's chromium; test.sh installs the package when it is missing. Playwright never downloads one.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("DOITHOAI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public AppServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (./test.sh does it)");
        Assertions.SetDefaultExpectTimeout(15_000);
        var server = AppServer.StartAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
        });
        Server = await server;
    }

    /// <summary>A fresh browser context (Vietnamese, Vietnam time) with one page on the app; <paramref name="testName"/> prefixes its screenshots.</summary>
    public async Task<BrowserSession> OpenAsync(string testName)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Generous: the machine running the suite may be busy with other work; nothing here measures time.
        context.SetDefaultTimeout(30_000);
        return new BrowserSession(context, await context.NewPageAsync(), testName);
    }

    /// <summary><see cref="OpenAsync"/>, then signed in through the sign-in form as the demo account <paramref name="userName"/>.</summary>
    public async Task<BrowserSession> SignedInAsync(string testName, string userName)
    {
        var session = await OpenAsync(testName);
        await session.SignInAsync(userName);
        return session;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
