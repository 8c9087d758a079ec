using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Bench;

/// <summary>
/// Baselines for the load test (bench/two-nodes, ADR 0020), measured in the same run as the real
/// pages: <c>/bench/plain</c>, a few bytes of text with nothing behind them, and <c>/bench/layout</c>,
/// the signed-in layout around an empty body. They exist only while <c>Bench:Endpoints</c> is true,
/// which no appsettings file sets: in production they are not routes at all (not merely refused).
/// </summary>
public static class BenchSetup
{
    public const string Setting = "Bench:Endpoints";

    private static bool Enabled(IConfiguration config) => config.GetValue(Setting, false);

    public static WebApplicationBuilder AddBench(this WebApplicationBuilder builder)
    {
        var enabled = Enabled(builder.Configuration);
        // A page without selectors gets no endpoint: /bench/layout is then unknown to routing.
        builder.Services.Configure<RazorPagesOptions>(o => o.Conventions.AddFolderRouteModelConvention("/Bench", model =>
        {
            if (!enabled) model.Selectors.Clear();
        }));
        return builder;
    }

    public static WebApplication MapBench(this WebApplication app)
    {
        if (Enabled(app.Configuration))
            app.MapGet("/bench/plain", () => Results.Text("DoiThoai")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
