using System.Net;
using DoiThoai.Web.Features.Bench;
using Microsoft.AspNetCore.Hosting;

namespace DoiThoai.Tests.Features.Deployment;

/// <summary>The app as the load test starts it: Bench:Endpoints on.</summary>
public sealed class BenchApp : AppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(BenchSetup.Setting, "true");
    }
}

/// <summary>The load test's baselines exist only when switched on, and the layout page is still a signed-in page.</summary>
public sealed class BenchEndpointsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_the_setting_the_baselines_are_not_routes()
    {
        var staff = await app.SignedInBrowserAsync("vanphong");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/bench/plain")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/bench/layout")).StatusCode);
    }

    [Fact]
    public async Task With_the_setting_plain_text_for_anyone_and_the_layout_for_those_signed_in()
    {
        var bench = new BenchApp();
        await bench.InitializeAsync();
        try
        {
            await AssertBaselinesAsync(bench);
        }
        finally
        {
            await ((IAsyncLifetime)bench).DisposeAsync();
        }
    }

    private static async Task AssertBaselinesAsync(BenchApp bench)
    {
        var plain = await bench.Browser().GetAsync("/bench/plain");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("DoiThoai", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await bench.Browser().GetAsync("/bench/layout")).StatusCode);
        var page = await Html.GetDocumentAsync(await bench.SignedInBrowserAsync("vanphong"), "/bench/layout");
        Assert.Equal("Trang đo tải", page.QuerySelector("main h1")?.TextContent);
        Assert.NotNull(page.QuerySelector("form[action='/Account/Logout']"));
    }
}
