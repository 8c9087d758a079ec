using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// A sign-in does not outlive a change to its account (ADR 0017): the administrator's change of role,
/// unit, status or password renews the security stamp, and cookies and API tokens are checked against
/// it every minute (Accounts:SecurityStampInterval), so the old sign-in stops working after a minute.
/// Its own factory: the tests move the clock.
/// </summary>
public sealed class SessionInvalidationTests(SessionInvalidationTests.App app) : IClassFixture<SessionInvalidationTests.App>
{
    public sealed class App : AppFactory;

    private static readonly TimeSpan PastInterval = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_role_change_ends_the_old_cookie_and_token_after_the_interval()
    {
        var page = await app.SignedInBrowserAsync("vanphong");
        var api = await app.ApiClientAsync("vanphong");
        var untouched = await app.SignedInBrowserAsync("lanhdao");
        Assert.Equal(HttpStatusCode.OK, (await page.GetAsync("/Sessions/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/sessions")).StatusCode);

        var admin = await app.SignedInBrowserAsync("admin");
        var response = await PostAccountAsync(admin, "vanphong", ("Input.Role", "Member"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Member"], await RolesAsync("vanphong"));

        app.Clock.Advance(PastInterval);
        var after = await page.GetAsync("/Sessions/Create");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.OriginalString);
        var problem = await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/sessions"), HttpStatusCode.Unauthorized);
        Assert.Contains("đăng nhập lại", problem["detail"]!.GetValue<string>());
        // Other accounts keep their sign-in.
        Assert.Equal(HttpStatusCode.OK, (await untouched.GetAsync("/Sessions/Create")).StatusCode);

        // Signing in again gives the new role's rights: a member does not create sessions.
        var again = await app.SignedInBrowserAsync("vanphong");
        Assert.NotEqual(HttpStatusCode.OK, (await again.GetAsync("/Sessions/Create")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_the_old_sign_ins_and_the_new_password_works()
    {
        var page = await app.SignedInBrowserAsync("bantochuc");
        var api = await app.ApiClientAsync("bantochuc");
        var admin = await app.SignedInBrowserAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAccountAsync(admin, "bantochuc", ("Input.NewPassword", "Mat-khau#Moi2026"))).StatusCode);

        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Redirect, (await page.GetAsync("/Inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "bantochuc", password = AppFactory.DemoPassword })).StatusCode);
        var fresh = await app.ApiClientAsync("bantochuc", "Mat-khau#Moi2026");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/inbox")).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_keeps_this_browser_and_ends_the_other_sign_ins()
    {
        var own = await app.SignedInBrowserAsync("dangvien");
        var otherBrowser = await app.SignedInBrowserAsync("dangvien");
        var otherToken = await app.ApiClientAsync("dangvien");
        var form = await Html.GetFormAsync(own, "/Account/Password");

        var wrong = await own.PostAsync("/Account/Password", form.With(("Input.CurrentPassword", "Sai#MatKhau1"), ("Input.NewPassword", "Mat-khau#Moi2026"), ("Input.ConfirmPassword", "Mat-khau#Moi2026")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Mật khẩu hiện tại không đúng.", (await Html.ParseAsync(wrong)).QuerySelector("main")!.TextContent);
        var differ = await own.PostAsync("/Account/Password", form.With(("Input.CurrentPassword", AppFactory.DemoPassword), ("Input.NewPassword", "Mat-khau#Moi2026"), ("Input.ConfirmPassword", "Mat-khau#Khac2026")));
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        var weak = await own.PostAsync("/Account/Password", form.With(("Input.CurrentPassword", AppFactory.DemoPassword), ("Input.NewPassword", "matkhau"), ("Input.ConfirmPassword", "matkhau")));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);

        var changed = await own.PostAsync("/Account/Password", form.With(("Input.CurrentPassword", AppFactory.DemoPassword), ("Input.NewPassword", "Mat-khau#Moi2026"), ("Input.ConfirmPassword", "Mat-khau#Moi2026")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/Account/Password")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/Account/Password")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherToken.GetAsync("/api/v1/sessions")).StatusCode);
        await app.SignedInBrowserAsync("dangvien", "Mat-khau#Moi2026");
    }

    [Fact]
    public async Task Switching_an_account_off_ends_its_token()
    {
        var api = await app.ApiClientAsync("bientap");
        var admin = await app.SignedInBrowserAsync("admin");
        var form = await Html.GetFormAsync(admin, await EditPathAsync("bientap"));
        var fields = form.Where(f => f.Key != "Input.IsActive").ToList();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync(await EditPathAsync("bientap"), new FormUrlEncodedContent(fields))).StatusCode);

        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/sessions")).StatusCode);
    }

    [Fact]
    public async Task The_account_form_refuses_a_weak_password_and_the_administrator_demoting_themselves()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var weak = await PostAccountAsync(admin, "lanhdao", ("Input.NewPassword", "ngan"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("ít nhất 10 ký tự", (await Html.ParseAsync(weak)).QuerySelector("main")!.TextContent);

        var self = await PostAccountAsync(admin, "admin", ("Input.Role", "Leader"));
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Equal(["Administrator"], await RolesAsync("admin"));

        // Only administrators reach the form.
        var office = await app.SignedInBrowserAsync("lanhdao");
        Assert.NotEqual(HttpStatusCode.OK, (await office.GetAsync(await EditPathAsync("admin"))).StatusCode);
    }

    [Fact]
    public async Task An_old_cookie_passes_on_a_lately_confirmed_stamp_and_is_refused_once_this_node_changes_the_account()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "si_memo", DisplayName = "si_memo", OrgUnitId = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh") };
            Assert.True((await users.CreateAsync(user, AppFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.OfficeStaff)).Succeeded);
        }
        // A client that keeps sending the cookie it got at sign-in, as a script or a racing tab does.
        var frozen = await FrozenSignInAsync("si_memo");
        var browser = await app.SignedInBrowserAsync("si_memo");

        // Past the interval the browser's request is checked against the account (and its cookie renewed)...
        app.Clock.Advance(PastInterval);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Sessions/Create")).StatusCode);
        // ...and the old cookie, carrying the stamp just confirmed, passes without a check or a new cookie.
        var old = await frozen.GetAsync("/Sessions/Create");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.DoesNotContain(old.Headers.TryGetValues("Set-Cookie", out var set) ? set : [], c => c.StartsWith("doithoai.auth", StringComparison.Ordinal));

        // The administrator's change on this node: the old cookie is checked again at once and refused.
        var admin = await app.SignedInBrowserAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAccountAsync(admin, "si_memo", ("Input.Role", "Member"))).StatusCode);
        var refused = await frozen.GetAsync("/Sessions/Create");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.OriginalString);
        // The renewed cookie is younger than the interval: it ends with the interval, as before.
        app.Clock.Advance(PastInterval);
        Assert.Contains("/Account/Login", (await browser.GetAsync("/Sessions/Create")).Headers.Location!.OriginalString);
    }

    /// <summary>Signed in through the form, then always sending the cookies of that moment.</summary>
    private async Task<HttpClient> FrozenSignInAsync(string userName)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        static IEnumerable<string> CookiesOf(HttpResponseMessage r) =>
            r.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        var login = await client.GetAsync("/Account/Login");
        var document = await Html.ParseAsync(login);
        var form = FormFields.From((AngleSharp.Html.Dom.IHtmlFormElement)document.QuerySelector("main form")!);
        var antiforgery = string.Join("; ", CookiesOf(login));
        var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = form.With(("Input.UserName", userName), ("Input.Password", AppFactory.DemoPassword)),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", CookiesOf(signedIn).Append(antiforgery)));
        return client;
    }

    private async Task<string> EditPathAsync(string userName) =>
        "/Admin/Users/" + await app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync()) + "/Edit";

    private async Task<HttpResponseMessage> PostAccountAsync(HttpClient admin, string userName, params (string, string)[] values)
    {
        var path = await EditPathAsync(userName);
        var form = await Html.GetFormAsync(admin, path);
        return await admin.PostAsync(path, form.With(values));
    }

    private Task<List<string>> RolesAsync(string userName) => app.WithDbAsync(db =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where u.UserName == userName
         select r.Name!).ToListAsync());
}
