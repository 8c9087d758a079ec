using System.Net;
using static DoiThoai.Tests.Features.FollowUp.TaskSetup;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>
/// "Overdue" and "due soon" are derived from today's date in Vietnam, never stored. This class
/// moves its own app's clock, so it has a fixture of its own.
/// </summary>
public sealed class TaskDeadlineTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Overdue_and_due_soon_follow_the_clock_in_vietnam_time()
    {
        var office = await app.ApiClientAsync("vanphong");
        var soon = Unique("Báo cáo sơ kết");
        var later = Unique("Báo cáo tổng kết");
        var ids = await app.TaskIdsAsync(await app.IssuedSessionAsync(office,
            new Direction(soon, Inspection, "2026-12-03"),
            new Direction(later, Inspection, "2026-12-20")));

        var a = await office.GetJsonAsync($"/api/v1/tasks/{ids[0]}");
        var b = await office.GetJsonAsync($"/api/v1/tasks/{ids[1]}");
        Assert.Equal((true, false), (a["dueSoon"]!.GetValue<bool>(), a["overdue"]!.GetValue<bool>()));
        Assert.Equal((false, false), (b["dueSoon"]!.GetValue<bool>(), b["overdue"]!.GetValue<bool>()));

        // 00:30 on 04/12 in Vietnam is still 03/12 in UTC: the first task is overdue all the same.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 3, 17, 30, 0, TimeSpan.Zero));
        office = await app.ApiClientAsync("vanphong");
        var overdue = await office.GetJsonAsync("/api/v1/tasks?overdue=true&pageSize=200");
        var overdueIds = overdue["items"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()).ToList();
        Assert.Contains(ids[0], overdueIds);
        Assert.DoesNotContain(ids[1], overdueIds);

        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Tasks?overdue=true");
        var row = page.QuerySelectorAll("table.tasks tbody tr").Single(r => r.TextContent.Contains(soon));
        Assert.Contains("Quá hạn", row.QuerySelector(".flag")!.TextContent);
        Assert.DoesNotContain(later, page.Body!.TextContent);
        Assert.Equal("true", page.QuerySelector("#filter-overdue")!.GetAttribute("value"));
        Assert.True(page.QuerySelector("#filter-overdue")!.HasAttribute("checked"));

        // Done is never overdue.
        await office.PostJsonAsync($"/api/v1/tasks/{ids[0]}/progress", new { progress = 100, note = "Đã nộp muộn" }, HttpStatusCode.OK);
        Assert.False((await office.GetJsonAsync($"/api/v1/tasks/{ids[0]}"))["overdue"]!.GetValue<bool>());
    }
}
