using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Portal;

public static class PortalSetup
{
    public const string EditorialPolicy = "Editorial";

    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PhotoStore>();
        services.AddScoped<ArticleWorkflow>();
        services.AddScoped<PortalCache>();
        services.AddSingleton<PortalCache.VersionMemo>();
        services.AddAuthorizationBuilder().AddPolicy(EditorialPolicy, p => p.RequireRole(ArticleWorkflow.WriterRoles));
        services.Configure<RazorPagesOptions>(o =>
        {
            // The reader's pages are open to everyone; the editor's pages to the writing roles.
            o.Conventions.AllowAnonymousToFolder("/Portal/Public");
            o.Conventions.AuthorizeFolder("/Portal/Admin", EditorialPolicy);
        });
        services.AddOutputCache(o => o.AddPolicy(PortalCache.Policy, b => b
            .Tag(PortalCache.Tag)
            .SetVaryByQuery("*")
            .VaryByValue(PortalCache.VaryAsync)
            .Expire(TimeSpan.FromMinutes(10))));
        return builder;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        PortalEndpoints.Map(app);
        return app;
    }
}
