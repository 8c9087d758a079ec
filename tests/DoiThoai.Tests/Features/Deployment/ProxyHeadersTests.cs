using System.Net;
using DoiThoai.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Deployment;

/// <summary>The test server has no connection address; a real one behind nginx on the same machine has 127.0.0.1.</summary>
internal sealed class FromLoopback : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextStep) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            return nextStep(context);
        });
        next(app);
    };
}

/// <summary>
/// nginx terminates HTTPS and tells the node with X-Forwarded-Proto: only a configured proxy is
/// believed, and then the session cookie is marked Secure as on a direct HTTPS connection.
/// </summary>
public sealed class ProxyHeadersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<string> SessionCookieAsync(AppFactory node)
    {
        var browser = node.Browser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        var form = await Html.GetFormAsync(browser, "/Account/Login");
        var response = await browser.PostAsync("/Account/Login", form.With(("Input.UserName", "vanphong"), ("Input.Password", AppFactory.DemoPassword)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("doithoai.auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_known_proxies_forwarded_headers_are_ignored() =>
        Assert.DoesNotContain("secure", await SessionCookieAsync(app), StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task From_a_known_proxy_the_forwarded_scheme_makes_the_session_cookie_secure()
    {
        var proxied = new ConfiguredApp((ProxySetup.Setting, "127.0.0.1"))
        {
            ExtraServices = s => s.AddTransient<IStartupFilter, FromLoopback>(),
        };
        await proxied.RunAsync(async node =>
            Assert.Contains("; secure", await SessionCookieAsync(node), StringComparison.OrdinalIgnoreCase));
    }
}
