using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Data;
using Microsoft.EntityFrameworkCore;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>
/// The header's unread count is kept a few seconds per user (Features/Notifications/UnreadBadge):
/// what this node writes or marks read shows on the very next page; a row written elsewhere (another
/// node, here plain SQL past the app's EF interceptors) shows once the window has passed, never later.
/// </summary>
public sealed class UnreadBadgeTests(NotifierApp app) : IClassFixture<NotifierApp>
{
    private static async Task<string?> BadgeAsync(HttpClient browser) =>
        (await Html.GetDocumentAsync(browser, "/")).QuerySelector("header .badge")?.LastChild?.TextContent.Trim();

    private Task<long> AddThroughTheAppAsync(string userId) =>
        app.WithDbAsync(async db =>
        {
            var n = new Notification { UserId = userId, Kind = NotificationKind.Assigned, Title = "Thử", Body = "Thử", Link = "/Items/1", CreatedAtUtc = DateTime.UtcNow };
            db.Notifications.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });

    [Fact]
    public async Task A_notification_written_or_read_on_this_node_shows_on_the_next_page()
    {
        var userId = await app.AddUserAsync("ub_local", Roles.DepartmentHandler, New.InternalAffairs);
        var browser = await app.SignedInBrowserAsync("ub_local");
        Assert.Null(await BadgeAsync(browser));

        var first = await AddThroughTheAppAsync(userId);
        Assert.Equal("1", await BadgeAsync(browser));
        await AddThroughTheAppAsync(userId);
        Assert.Equal("2", await BadgeAsync(browser));

        await browser.GetAsync($"/Notifications/Open/{first}");
        Assert.Equal("1", await BadgeAsync(browser));

        // Another user's count is their own, also while this one's is kept.
        var otherId = await app.AddUserAsync("ub_other", Roles.DepartmentHandler, New.InternalAffairs);
        var other = await app.SignedInBrowserAsync("ub_other");
        Assert.Null(await BadgeAsync(other));
        await AddThroughTheAppAsync(otherId);
        Assert.Equal("1", await BadgeAsync(other));
        Assert.Equal("1", await BadgeAsync(browser));
    }

    [Fact]
    public async Task A_notification_written_by_another_node_shows_within_the_window()
    {
        var userId = await app.AddUserAsync("ub_remote", Roles.DepartmentHandler, New.InternalAffairs);
        var browser = await app.SignedInBrowserAsync("ub_remote");
        Assert.Null(await BadgeAsync(browser));

        // Written through a context of its own, without the app's interceptors, as another node would: this node is not told.
        await app.WithDbAsync(async appDb =>
        {
            var cs = appDb.Database.GetConnectionString()!;
            await using AppDbContext elsewhere = appDb.Database.IsNpgsql()
                ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options)
                : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(cs).Options);
            elsewhere.Notifications.Add(new Notification { UserId = userId, Kind = NotificationKind.Assigned, Title = "Thử", Body = "Thử", CreatedAtUtc = DateTime.UtcNow });
            return await elsewhere.SaveChangesAsync();
        });
        Assert.Null(await BadgeAsync(browser));

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("1", await BadgeAsync(browser));
    }
}
