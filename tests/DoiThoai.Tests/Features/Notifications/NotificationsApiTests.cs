using System.Net;
using DoiThoai.Web.Features.Accounts;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

public sealed class NotificationsApiTests(NotifierApp app) : IClassFixture<NotifierApp>
{
    [Fact]
    public async Task The_callers_notifications_are_listed_newest_first_and_can_be_marked_read()
    {
        var userId = await app.AddUserAsync("na_user", Roles.DepartmentHandler, New.InternalAffairs);
        var first = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 15));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2027, 1, 20));
        var client = await app.ApiClientAsync("na_user");

        var list = await client.GetJsonAsync("/api/v1/notifications?pageSize=1");
        Assert.Equal(2, list["total"]!.GetValue<int>());
        Assert.Equal(1, list["pageSize"]!.GetValue<int>());
        var newest = list["items"]![0]!;
        Assert.Equal(second.ItemId, newest["itemId"]!.GetValue<int>());
        Assert.Equal("assigned", newest["kind"]!.GetValue<string>());
        Assert.Equal($"/Items/{second.ItemId}", newest["link"]!.GetValue<string>());
        Assert.False(newest["read"]!.GetValue<bool>());
        Assert.EndsWith("+07:00", newest["createdAt"]!.GetValue<string>());
        Assert.Equal(2, (await client.GetJsonAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>());

        var id = newest["id"]!.GetValue<long>();
        var read = await client.PostJsonAsync($"/api/v1/notifications/{id}/read", null, HttpStatusCode.OK);
        Assert.True(read["read"]!.GetValue<bool>());
        await client.PostJsonAsync($"/api/v1/notifications/{id}/read", null, HttpStatusCode.OK); // again: no change, no error
        var unread = await client.GetJsonAsync("/api/v1/notifications?unread=true");
        Assert.Equal(first.ItemId, Assert.Single(unread["items"]!.AsArray())!["itemId"]!.GetValue<int>());

        var all = await client.PostJsonAsync("/api/v1/notifications/read-all", null, HttpStatusCode.OK);
        Assert.Equal(1, all["marked"]!.GetValue<int>());
        Assert.Equal(0, (await client.GetJsonAsync("/api/v1/notifications/unread-count"))["count"]!.GetValue<int>());
        Assert.All(await app.NotificationsAsync(q => q.Where(n => n.UserId == userId)), n => Assert.NotNull(n.ReadAtUtc));
    }

    [Fact]
    public async Task Others_notifications_are_not_found_and_bad_paging_is_refused()
    {
        await app.AssignAsync(New.Organisation, [], new DateOnly(2027, 1, 15));
        var handler = await app.UserIdAsync("bantochuc");
        var theirs = (await app.NotificationsAsync(q => q.Where(n => n.UserId == handler)))[0];
        var client = await app.ApiClientAsync("dangvien");
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/notifications/{theirs.Id}/read", null), HttpStatusCode.NotFound);
        Assert.Null((await app.NotificationsAsync(q => q.Where(n => n.Id == theirs.Id)))[0].ReadAtUtc);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/notifications?pageSize=500"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/notifications")).StatusCode);
    }
}
