using System.Net;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>The list at /Notifications, the unread badge in the header, opening one, and /Account/Preferences.</summary>
public sealed class NotificationPagesTests(NotifierApp app) : IClassFixture<NotifierApp>
{
    /// <summary>A handler of their own, with two fresh notifications (the second the newer).</summary>
    private async Task<(string UserName, string UserId, List<Notification> Rows)> HandlerWithNotificationsAsync(string userName)
    {
        var userId = await app.AddUserAsync(userName, Roles.DepartmentHandler, New.InternalAffairs);
        await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 15));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 20));
        return (userName, userId, await app.NotificationsAsync(q => q.Where(n => n.UserId == userId)));
    }

    [Fact]
    public async Task The_list_shows_newest_first_with_unread_marked_and_the_header_counts_them()
    {
        var (userName, _, rows) = await HandlerWithNotificationsAsync("np_list");
        var browser = await app.SignedInBrowserAsync(userName);

        var home = await Html.GetDocumentAsync(browser, "/");
        var badge = home.QuerySelector("header a.notifications-link")!;
        Assert.Equal("/Notifications", badge.GetAttribute("href"));
        Assert.Equal("2", badge.QuerySelector(".badge")!.LastChild!.TextContent.Trim());

        var page = await Html.GetDocumentAsync(browser, "/Notifications");
        var items = page.QuerySelectorAll("ol.notifications li").ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains(rows[1].Title, items[0].TextContent); // newest first
        Assert.Contains(rows[0].Title, items[1].TextContent);
        Assert.All(items, li => Assert.Contains("unread", li.ClassList));
        Assert.Equal($"/Notifications/Open/{rows[1].Id}", items[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_goes_to_its_item_but_only_inside_the_app()
    {
        var (userName, userId, rows) = await HandlerWithNotificationsAsync("np_open");
        var browser = await app.SignedInBrowserAsync(userName);

        var response = await browser.GetAsync($"/Notifications/Open/{rows[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(rows[0].Link, response.Headers.Location!.OriginalString);
        Assert.NotNull((await app.NotificationsAsync(q => q.Where(n => n.Id == rows[0].Id)))[0].ReadAtUtc);
        var page = await Html.GetDocumentAsync(browser, "/Notifications");
        Assert.Single(page.QuerySelectorAll("ol.notifications li.unread"));
        Assert.Equal("1", (await Html.GetDocumentAsync(browser, "/")).QuerySelector("header .badge")!.LastChild!.TextContent.Trim());

        // Someone else's notification does not exist for this user.
        var others = await AddAsync(await app.UserIdAsync("bantochuc"), "/Items/1");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Notifications/Open/{others}")).StatusCode);
        Assert.Null((await app.NotificationsAsync(q => q.Where(n => n.Id == others)))[0].ReadAtUtc);

        // A stored link that leaves the app is not followed.
        var evil = await AddAsync(userId, "//evil.example/phish");
        response = await browser.GetAsync($"/Notifications/Open/{evil}");
        Assert.Equal("/Notifications", response.Headers.Location!.OriginalString);
    }

    private Task<long> AddAsync(string userId, string link) =>
        app.WithDbAsync(async db =>
        {
            var n = new Notification { UserId = userId, Kind = NotificationKind.Assigned, Title = "Thử", Body = "Thử", Link = link, CreatedAtUtc = DateTime.UtcNow };
            db.Notifications.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });

    [Fact]
    public async Task Mark_all_read_is_a_post_with_antiforgery()
    {
        var (userName, userId, _) = await HandlerWithNotificationsAsync("np_all");
        var browser = await app.SignedInBrowserAsync(userName);
        var form = await Html.GetFormAsync(browser, "/Notifications", "main form.buttons");
        Assert.Contains("handler=MarkAllRead", form.Action);

        var forged = await browser.PostAsync(form.Action, new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(2, (await app.NotificationsAsync(q => q.Where(n => n.UserId == userId && n.ReadAtUtc == null))).Count);

        var response = await browser.PostAsync(form.Action, form.With());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await app.NotificationsAsync(q => q.Where(n => n.UserId == userId && n.ReadAtUtc == null)));
        var page = await Html.GetDocumentAsync(browser, "/Notifications");
        Assert.Empty(page.QuerySelectorAll("ol.notifications li.unread"));
        Assert.Null(page.QuerySelector("header .badge"));
    }

    [Fact]
    public async Task Preferences_are_chosen_on_a_form_and_refuse_unknown_values()
    {
        var userId = await app.AddUserAsync("np_prefs", Roles.DepartmentHandler, New.InternalAffairs);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().GetAsync("/Account/Preferences")).StatusCode); // sign-in first
        var browser = await app.SignedInBrowserAsync("np_prefs");
        var page = await Html.GetDocumentAsync(browser, "/Account/Preferences");
        Assert.Contains("np_prefs@doithoai.example", page.QuerySelector("main")!.TextContent);
        Assert.Equal("Immediately", page.QuerySelector("input[name=Delivery][checked]")!.GetAttribute("value"));

        var form = await Html.GetFormAsync(browser, "/Account/Preferences");
        var response = await browser.PostAsync("/Account/Preferences", form.With(("Delivery", "DailyDigest")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EmailDelivery.DailyDigest, await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.EmailDelivery).SingleAsync()));
        page = await Html.GetDocumentAsync(browser, "/Account/Preferences");
        Assert.Equal("DailyDigest", page.QuerySelector("input[name=Delivery][checked]")!.GetAttribute("value"));

        form = await Html.GetFormAsync(browser, "/Account/Preferences");
        response = await browser.PostAsync("/Account/Preferences", form.With(("Delivery", "Weekly")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Hãy chọn một cách nhận thông báo.", (await Html.ParseAsync(response)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(EmailDelivery.DailyDigest, await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.EmailDelivery).SingleAsync()));
    }
}
