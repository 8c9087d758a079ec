using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Behind nginx every request comes from the proxy's address over plain HTTP. With
/// <c>Proxy:KnownProxies</c> (addresses, comma-separated) the client's address and scheme are taken
/// from X-Forwarded-For / X-Forwarded-Proto sent by those proxies (and loopback, ASP.NET Core's
/// default) only — so per-address limits count people rather than the proxy, and cookies are marked Secure when the user came over HTTPS (ADR 0020).
/// Unset, the headers are ignored: a client could otherwise claim any address.
/// </summary>
public static class ProxySetup
{
    public const string Setting = "Proxy:KnownProxies";

    private static IPAddress[] Proxies(IConfiguration config)
    {
        var value = config[Setting];
        if (string.IsNullOrWhiteSpace(value)) return [];
        return value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => IPAddress.TryParse(p, out var address) ? address
                : throw new InvalidOperationException($"{Setting}: '{p}' is not an IP address."))
            .ToArray();
    }

    public static WebApplicationBuilder AddProxyHeaders(this WebApplicationBuilder builder)
    {
        var proxies = Proxies(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseProxyHeaders(this WebApplication app)
    {
        if (Proxies(app.Configuration).Length > 0) app.UseForwardedHeaders();
        return app;
    }
}
