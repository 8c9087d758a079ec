using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Chooses cookies for pages and bearer tokens for /api, so the API never redirects to a sign-in page.</summary>
    private const string PerPathScheme = "PagesOrApi";

    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = PerPathScheme;
                o.DefaultChallengeScheme = PerPathScheme;
            })
            .AddPolicyScheme(PerPathScheme, null, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Path.StartsWithSegments("/api") ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Cookie.Name = "doithoai.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });
        // AddIdentityCookies set Identity's stamp validator as the event; the memo goes in front of it.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).PostConfigure<CookieStampMemo>((o, memo) =>
        {
            var identityCheck = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = context => memo.ValidateAsync(context, identityCheck);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddDefaultTokenProviders();

        // Keys that protect cookies, bearer tokens and antiforgery tokens live in the database: a
        // restart signs nobody out, and what one node issued another node behind the same proxy
        // honours (ADR 0020). They are stored unencrypted there, as they were in the data folder:
        // whoever reads the database already reads everything the cookies give access to.
        services.AddDataProtection()
            .SetApplicationName("DoiThoai")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Secretariat, p => p.RequireRole(Roles.OfficeStaff, Roles.Leader, Roles.Administrator))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());

        // How soon a cookie or token notices that its account changed: roles, unit, switched off,
        // new password (the stamp changes with each; ADR 0017). Each check costs one query per user.
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = builder.Configuration.GetValue("Accounts:SecurityStampInterval", TimeSpan.FromMinutes(1)));
        services.AddOptions<SecurityStampValidatorOptions>().PostConfigure<TimeProvider>((o, clock) => o.TimeProvider = clock);
        services.AddSingleton<BearerStampCheck>();
        services.AddSingleton<CookieStampMemo>();
        services.AddSingleton<SignInThrottle>();

        services.AddScoped<UserScope>();
        services.AddSingleton<OrgDirectory>();
        return builder;
    }
}

/// <summary>The data-protection key ring, shared by the nodes through the database (ADR 0020).</summary>
public static class KeyRing
{
    /// <summary>
    /// Creates the first key right after the schema, while one process runs alone (the migrate and
    /// seed-demo verbs, or a node's start-up). Otherwise two nodes started together on an empty table
    /// would each create a key of their own and refuse each other's cookies until their next refresh.
    /// </summary>
    public static void Ensure(IServiceProvider services) =>
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DoiThoai.KeyRing").Protect([1]);
}

public static class Policies
{
    public const string Secretariat = "Secretariat";
    public const string Administration = "Administration";
    public const string Api = "Api";
}
