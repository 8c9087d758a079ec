using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace DoiThoai.Tests.Features.Security;

/// <summary>The app with small limits and a window of an hour, so nothing resets while a test runs.</summary>
public class LowLimitsApp : AppFactory
{
    protected virtual IEnumerable<(string Name, int Limit)> Limits =>
    [
        ("SignInPerAddress", 1_000_000), ("SignInPerUserName", 3), ("SearchPerClient", 3), ("SimilarPerClient", 2), ("UploadsPerClient", 2),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Window", "01:00:00");
        foreach (var (name, limit) in Limits)
            builder.UseSetting("RateLimits:" + name, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class FewSignInsPerAddressApp : LowLimitsApp
{
    protected override IEnumerable<(string Name, int Limit)> Limits => [("SignInPerAddress", 3), ("SignInPerUserName", 1_000_000)];
}

/// <summary>
/// The rate limits of ADR 0017: past its limit a client gets 429 with Retry-After and a Vietnamese
/// explanation, problem+json on the API and the error page otherwise; other clients are not affected.
/// </summary>
public sealed class RateLimitTests(LowLimitsApp app) : IClassFixture<LowLimitsApp>
{
    [Fact]
    public async Task Sign_in_attempts_for_one_user_name_are_limited_across_the_form_and_the_api()
    {
        var api = app.CreateClient();
        for (var i = 0; i < 3; i++)
            await ApiJson.AssertProblemAsync(await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = "lanhdao", password = "sai-mat-khau-" + i }), HttpStatusCode.Unauthorized);

        var refused = await api.PostAsJsonAsync("/api/v1/auth/login", new { userName = "lanhdao", password = AppFactory.DemoPassword });
        var problem = await ApiJson.AssertProblemAsync(refused, (HttpStatusCode)429);
        Assert.Contains("quá nhiều", problem["detail"]!.GetValue<string>());
        AssertRetryAfter(refused);

        // The form counts against the same name, even with the right password and another case.
        var browser = app.Browser();
        var form = await Html.GetFormAsync(browser, "/Account/Login");
        var page = await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "LanhDao"), ("Input.Password", AppFactory.DemoPassword)));
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        AssertRetryAfter(page);
        Assert.Contains("Đăng nhập quá nhiều lần", (await Html.ParseAsync(page)).QuerySelector("main")!.TextContent);
        Assert.False(page.Headers.Contains("Set-Cookie") && page.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("doithoai.auth", StringComparison.Ordinal)));

        // Another account from the same address signs in as usual.
        await app.SignedInBrowserAsync("bientap");
    }

    [Fact]
    public async Task Public_search_is_limited_per_reader_and_answers_the_error_page()
    {
        var reader = app.Browser();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/Portal/Search?q=bi+thu+" + i)).StatusCode);
        var refused = await reader.GetAsync("/Portal/Search?q=bi+thu");
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        AssertRetryAfter(refused);
        var page = await Html.ParseAsync(refused);
        Assert.Equal("Quá nhiều yêu cầu", page.QuerySelector("h1")!.TextContent.Trim());

        // Pages that are not searches are not counted.
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/Portal")).StatusCode);
        // A signed-in account is counted by itself, not by the address it shares with the reader.
        var staff = await app.SignedInBrowserAsync("vanphong");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/Search?q=bi+thu")).StatusCode);
    }

    [Fact]
    public async Task Api_search_and_similar_items_are_limited_per_account_with_problem_json()
    {
        var client = await app.ApiClientAsync("admin");
        for (var i = 0; i < 3; i++)
            await client.GetJsonAsync("/api/v1/search?q=bi+thu");
        var search = await client.GetAsync("/api/v1/search?q=bi+thu");
        var problem = await ApiJson.AssertProblemAsync(search, (HttpStatusCode)429);
        Assert.Equal("Quá nhiều yêu cầu.", problem["title"]!.GetValue<string>());
        AssertRetryAfter(search);

        // Similar items count in a bucket of their own.
        var body = new { text = "Đề nghị sửa chữa đường giao thông liên thôn bị xuống cấp." };
        for (var i = 0; i < 2; i++)
            await client.PostJsonAsync("/api/v1/items/similar", body, HttpStatusCode.OK);
        var similar = await client.PostAsJsonAsync("/api/v1/items/similar", body);
        await ApiJson.AssertProblemAsync(similar, (HttpStatusCode)429);
        AssertRetryAfter(similar);
    }

    [Fact]
    public async Task Posts_carrying_files_are_limited_per_account()
    {
        var client = await app.ApiClientAsync("bantochuc");
        Task<HttpResponseMessage> Post() => client.PostAsync("/api/v1/items/1/actions/contribute/with-files", new MultipartFormDataContent
        {
            { JsonContent.Create(new { text = "x" }), "args" },
            { new ByteArrayContent("%PDF-1.4\n"u8.ToArray()), "files", "a.pdf" },
        });
        for (var i = 0; i < 2; i++)
            Assert.NotEqual((HttpStatusCode)429, (await Post()).StatusCode);
        var refused = await Post();
        await ApiJson.AssertProblemAsync(refused, (HttpStatusCode)429);
        AssertRetryAfter(refused);
        // Posts without files are not counted.
        Assert.NotEqual((HttpStatusCode)429, (await client.PostAsJsonAsync("/api/v1/items/similar", new { text = "Đường liên thôn xuống cấp cần sửa chữa." })).StatusCode);
    }

    internal static void AssertRetryAfter(HttpResponseMessage response)
    {
        var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is > 0 and <= 3600, $"Retry-After: {response.Headers.RetryAfter}");
    }
}

/// <summary>Sign-in posts from one address, whatever the user names, form and API together.</summary>
public sealed class SignInPerAddressTests(FewSignInsPerAddressApp app) : IClassFixture<FewSignInsPerAddressApp>
{
    [Fact]
    public async Task Sign_in_posts_from_one_address_are_limited_but_showing_the_form_is_not()
    {
        var browser = app.Browser();
        var form = await Html.GetFormAsync(browser, "/Account/Login");
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "khach" + i), ("Input.Password", "sai")))).StatusCode);
        await ApiJson.AssertProblemAsync(await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "khach9", password = "sai" }), HttpStatusCode.Unauthorized);

        var page = await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "vanphong"), ("Input.Password", AppFactory.DemoPassword)));
        Assert.Equal((HttpStatusCode)429, page.StatusCode);
        RateLimitTests.AssertRetryAfter(page);
        Assert.Contains("quá nhiều yêu cầu", (await Html.ParseAsync(page)).QuerySelector("main")!.TextContent);
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "vanphong", password = AppFactory.DemoPassword });
        await ApiJson.AssertProblemAsync(api, (HttpStatusCode)429);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Login")).StatusCode);
    }
}

/// <summary>Lockout (Features/Accounts/AccountsSetup.cs): five wrong passwords lock the account for 15 minutes.</summary>
public sealed class LockoutTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var browser = app.Browser();
        var form = await Html.GetFormAsync(browser, "/Account/Login");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "dangvien"), ("Input.Password", "Sai#mat-khau" + i)))).StatusCode);

        var page = await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "dangvien"), ("Input.Password", AppFactory.DemoPassword)));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("tạm thời bị khóa", (await Html.ParseAsync(page)).QuerySelector("main")!.TextContent);
        var api = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "dangvien", password = AppFactory.DemoPassword });
        Assert.Contains("tạm thời bị khóa", (await ApiJson.AssertProblemAsync(api, HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>());
        // Another account is not affected.
        await app.SignedInBrowserAsync("vanphong");
    }
}
