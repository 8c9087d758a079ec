using System.Net;
using DoiThoai.Web.Features.Bench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Deployment;

/// <summary>The app with a few settings of its own, as an operator's configuration would set them.</summary>
public sealed class ConfiguredApp(params (string Key, string Value)[] settings) : AppFactory
{
    /// <summary>Services added after the app's own (e.g. a startup filter standing in for the network).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (ExtraServices is { } configure) builder.ConfigureServices(configure);
    }

    /// <summary>Starts it, runs <paramref name="test"/> and stops it (dropping its database).</summary>
    public async Task RunAsync(Func<ConfiguredApp, Task> test)
    {
        await InitializeAsync();
        try
        {
            await test(this);
        }
        finally
        {
            await ((IAsyncLifetime)this).DisposeAsync();
        }
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
    public Task With_the_setting_plain_text_for_anyone_and_the_layout_for_those_signed_in() =>
        new ConfiguredApp((BenchSetup.Setting, "true")).RunAsync(AssertBaselinesAsync);

    private static async Task AssertBaselinesAsync(ConfiguredApp bench)
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
