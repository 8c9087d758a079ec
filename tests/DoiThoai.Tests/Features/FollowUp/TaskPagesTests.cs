using System.Net;
using AngleSharp.Html.Dom;
using DoiThoai.Tests.Features.Sessions;
using static DoiThoai.Tests.Features.FollowUp.TaskSetup;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>The task pages and the session page's task section, driven over HTTP as a browser does.</summary>
public sealed class TaskPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Task<HttpResponseMessage> PerformAsync(HttpClient client, int taskId, string action, params (string Name, string Value)[] values) =>
        PostFormAsync(client, $"/Tasks/{taskId}", $"form[action*='action={action}']", values);

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string selector, params (string Name, string Value)[] values)
    {
        var form = await Html.GetFormAsync(client, url, selector);
        return await client.PostAsync(form.Action, form.With(values));
    }

    private static IHtmlTableRowElement RowWith(IHtmlDocument page, string text) =>
        (IHtmlTableRowElement)page.QuerySelectorAll("table.tasks tbody tr").Single(r => r.TextContent.Contains(text));

    [Fact]
    public async Task The_task_list_shows_the_tasks_a_handler_may_see_with_progress_and_flags()
    {
        var api = await app.ApiClientAsync("vanphong");
        var own = Unique("Rà soát tiêu chuẩn bí thư chi bộ");
        var other = Unique("Biên soạn tài liệu tuyên truyền");
        var ids = await app.TaskIdsAsync(await app.IssuedSessionAsync(api,
            new Direction(own, Organisation, "2026-12-01"),
            new Direction(other, PropagandaMassMobilisation, "2027-01-31")));
        await api.PostJsonAsync($"/api/v1/tasks/{ids[0]}/progress", new { progress = 40, note = "Đã rà soát 4/10" }, HttpStatusCode.OK);

        var handler = await app.SignedInBrowserAsync("bantochuc");
        var home = await Html.GetDocumentAsync(handler, "/");
        Assert.NotNull(home.QuerySelector("nav.main-nav a[href='/Tasks']"));
        var list = await Html.GetDocumentAsync(handler, "/Tasks");
        var row = RowWith(list, own);
        Assert.Contains("40%", row.QuerySelector(".progress-text")!.TextContent);
        Assert.Equal("40", row.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Contains("Sắp đến hạn", row.TextContent);
        Assert.Contains("01/12/2026", row.TextContent);
        Assert.Contains("Đang thực hiện", row.TextContent);
        Assert.Equal($"/Tasks/{ids[0]}", row.QuerySelector("a[href^='/Tasks/']")!.GetAttribute("href"));
        Assert.DoesNotContain(other, list.Body!.TextContent);

        var office = await app.SignedInBrowserAsync("vanphong");
        var unit = await app.UnitIdByCodeAsync(PropagandaMassMobilisation);
        var filtered = await Html.GetDocumentAsync(office, $"/Tasks?unitId={unit}&status=Open");
        Assert.Contains(other, filtered.Body!.TextContent);
        Assert.DoesNotContain(own, filtered.Body.TextContent);
        Assert.Equal(Id(unit), filtered.QuerySelector("#filter-unit option[selected]")!.GetAttribute("value"));
        Assert.Equal("Open", filtered.QuerySelector("#filter-status option[selected]")!.GetAttribute("value"));
        var done = await Html.GetDocumentAsync(office, $"/Tasks?unitId={unit}&status=Done");
        Assert.DoesNotContain(other, done.Body!.TextContent);

        // Members have no tasks; a hand-edited filter is ignored, never a 500.
        var member = await app.SignedInBrowserAsync("dangvien");
        var none = await Html.GetDocumentAsync(member, "/Tasks?status=abc&unitId=x&overdue=maybe&p=-1");
        Assert.Contains("Tìm thấy 0 nhiệm vụ.", none.QuerySelector(".count")!.TextContent);
    }

    [Fact]
    public async Task The_list_is_paged_by_50_sorted_by_due_date_and_the_pager_keeps_the_filter()
    {
        var api = await app.ApiClientAsync("vanphong");
        var parent = (await app.TaskIdsAsync(await app.IssuedSessionAsync(api, new Direction(Unique("Kiểm tra 51 tổ chức đảng"), Inspection, "2027-06-30")))).Single();
        var unit = await app.UnitIdByCodeAsync(Inspection);
        for (var i = 1; i <= 50; i++)
            await api.PostJsonAsync($"/api/v1/tasks/{parent}/subtasks", new { title = $"Kiểm tra tổ chức đảng số {i}", unitId = unit, dueOn = $"2027-01-{(i % 28) + 1:00}" }, HttpStatusCode.Created);
        var total = await app.WithDbAsync(db => db.Tasks.CountAsync(t => t.OrgUnitId == unit));
        Assert.True(total > 50);

        var office = await app.SignedInBrowserAsync("vanphong");
        var first = await Html.GetDocumentAsync(office, $"/Tasks?unitId={unit}");
        Assert.Contains($"Tìm thấy {total} nhiệm vụ.", first.QuerySelector(".count")!.TextContent);
        Assert.Equal(50, first.QuerySelectorAll("table.tasks tbody tr").Length);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("p=2", next);
        Assert.Contains($"unitId={unit}", next);
        var second = await Html.GetDocumentAsync(office, next);
        Assert.Equal(Math.Min(50, total - 50), second.QuerySelectorAll("table.tasks tbody tr").Length);
        // Sorted by due date: the parent, due last, is on the last page.
        Assert.Contains("Kiểm tra 51 tổ chức đảng", (total <= 100 ? second : first).Body!.TextContent);
    }

    [Fact]
    public async Task The_handler_records_progress_through_the_form_and_a_bad_value_is_shown_beside_it()
    {
        var api = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(api, new Direction(Unique("Bồi dưỡng bí thư chi bộ"), Organisation, "2027-01-31")))).Single();
        var handler = await app.SignedInBrowserAsync("bantochuc");

        var page = await Html.GetDocumentAsync(handler, $"/Tasks/{id}");
        Assert.Contains("Bồi dưỡng bí thư chi bộ", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("form[action*='action=progress']"));
        Assert.NotNull(page.QuerySelector("form[action*='action=add-subtask']"));
        Assert.Null(page.QuerySelector("form[action*='action=cancel']"));
        Assert.Equal("0", page.QuerySelector("progress")!.GetAttribute("value"));

        var bad = await PerformAsync(handler, id, "progress", ("Act.Progress", "150"), ("Act.Note", "Quá mức"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var shown = await Html.ParseAsync(bad);
        Assert.Contains("Tiến độ phải từ 0 đến 100%.", shown.QuerySelector("form[action*='action=progress'] .field-error")!.TextContent);
        Assert.Equal("150", SessionPages.InputValue(shown, "#progress-value"));
        Assert.Equal("Quá mức", shown.QuerySelector("#progress-note")!.TextContent);

        var letters = await PerformAsync(handler, id, "progress", ("Act.Progress", "bốn mươi"), ("Act.Note", "Chữ"));
        Assert.Equal(HttpStatusCode.BadRequest, letters.StatusCode);
        Assert.Contains("bốn mươi", SessionPages.Errors(await Html.ParseAsync(letters)));

        var updated = await SessionPages.FollowAsync(handler, await PerformAsync(handler, id, "progress", ("Act.Progress", "60"), ("Act.Note", "Đã mở 2 lớp bồi dưỡng")));
        Assert.Contains("Đã thực hiện: Cập nhật tiến độ.", updated.QuerySelector(".flash")!.TextContent);
        Assert.Equal("60", updated.QuerySelector(".facts progress")!.GetAttribute("value"));
        var last = updated.QuerySelectorAll("table.timeline tbody tr").Last();
        Assert.Contains("Đã mở 2 lớp bồi dưỡng", last.TextContent);
        Assert.Contains("60%", last.TextContent);
        Assert.Contains("Giáp Văn Long", last.TextContent);

        // Cancelling is the office's: no form, and a hand-made post is refused.
        var forbidden = await SessionPages.PostWithoutFormAsync(handler, $"/Tasks/{id}", $"/Tasks/{id}?handler=Action&action=cancel", ("Act.Reason", "Không làm"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Sub_tasks_are_added_through_the_form_and_the_parent_then_takes_their_progress()
    {
        var api = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(api, new Direction(Unique("Tạo nguồn kết nạp đảng viên"), Organisation, "2027-01-31")))).Single();
        var unit = Id(await app.UnitIdByCodeAsync(Organisation));
        var office = await app.SignedInBrowserAsync("vanphong");

        var late = await PerformAsync(office, id, "add-subtask", ("Act.Title", "Khảo sát doanh nghiệp"), ("Act.UnitId", unit), ("Act.DueOn", "01/02/2027"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var shown = await Html.ParseAsync(late);
        Assert.Contains("Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ cha.", shown.QuerySelector("form[action*='action=add-subtask'] .field-error")!.TextContent);
        Assert.Equal("Khảo sát doanh nghiệp", shown.QuerySelector("#subtask-title")!.TextContent);
        Assert.Equal(unit, shown.QuerySelector("#subtask-unit option[selected]")!.GetAttribute("value"));

        var added = await SessionPages.FollowAsync(office, await PerformAsync(office, id, "add-subtask",
            ("Act.Title", "Khảo sát doanh nghiệp"), ("Act.UnitId", unit), ("Act.DueOn", "2027-01-15")));
        Assert.Contains("Đã thêm nhiệm vụ con.", added.QuerySelector(".flash")!.TextContent);
        var child = added.QuerySelector("table.subtasks tbody tr")!;
        Assert.Contains("Khảo sát doanh nghiệp", child.TextContent);
        Assert.Contains("15/01/2027", child.TextContent);
        Assert.Null(added.QuerySelector("form[action*='action=progress']"));       // the parent's progress is its children's
        Assert.Contains("Thêm nhiệm vụ con: Khảo sát doanh nghiệp (hạn 15/01/2027).", added.QuerySelector("table.timeline")!.TextContent);

        var refused = await SessionPages.PostWithoutFormAsync(office, $"/Tasks/{id}", $"/Tasks/{id}?handler=Action&action=progress",
            ("Act.Progress", "50"), ("Act.Note", "Tự đặt"));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("được tính từ các nhiệm vụ con", SessionPages.Errors(await Html.ParseAsync(refused)));

        var childId = int.Parse(child.QuerySelector("a")!.GetAttribute("href")!["/Tasks/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        await SessionPages.FollowAsync(office, await PerformAsync(office, childId, "progress", ("Act.Progress", "100"), ("Act.Note", "Đã khảo sát 12 doanh nghiệp")));
        var parent = await Html.GetDocumentAsync(office, $"/Tasks/{id}");
        Assert.Equal("100", parent.QuerySelector(".facts progress")!.GetAttribute("value"));
        Assert.Contains("Đã hoàn thành", parent.QuerySelector(".status")!.TextContent);

        // The office reopens it with a note.
        var reopened = await SessionPages.FollowAsync(office, await PerformAsync(office, id, "reopen", ("Act.Note", "Cần khảo sát thêm khu công nghiệp")));
        Assert.Contains("Đang thực hiện", reopened.QuerySelector(".status")!.TextContent);
        Assert.NotNull(reopened.QuerySelector("form[action*='action=cancel']"));
    }

    [Fact]
    public async Task The_session_page_lists_its_tasks_and_gives_a_task_to_a_conclusion_without_one()
    {
        var api = await app.ApiClientAsync("vanphong");
        var tracked = Unique("Sắp xếp cán bộ chủ chốt cấp xã");
        var untracked = Unique("Nâng cao chất lượng dân vận");
        var sessionId = await app.IssuedSessionAsync(api, new Direction(tracked, Organisation, "2027-01-31"), new Direction(untracked));
        var office = await app.SignedInBrowserAsync("vanphong");

        var page = await Html.GetDocumentAsync(office, $"/Sessions/{sessionId}");
        var section = page.QuerySelector("section[aria-labelledby=session-tasks]")!;
        Assert.Contains(tracked, section.QuerySelector("table.tasks")!.TextContent);
        var form = Assert.Single(section.QuerySelectorAll("form.task-form"));
        Assert.Contains(untracked, form.TextContent);

        var past = await PostFormAsync(office, $"/Sessions/{sessionId}", "form.task-form",
            ("NewTask.UnitId", Id(await app.UnitIdByCodeAsync(PropagandaMassMobilisation))), ("NewTask.DueOn", "26/11/2026"));
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        var shown = await Html.ParseAsync(past);
        Assert.Contains("Hạn thực hiện không được ở trong quá khứ.", shown.QuerySelector("form.task-form .field-error")!.TextContent);
        Assert.Equal("26/11/2026", SessionPages.InputValue(shown, "form.task-form input[type=date]"));

        var done = await SessionPages.FollowAsync(office, await PostFormAsync(office, $"/Sessions/{sessionId}", "form.task-form",
            ("NewTask.UnitId", Id(await app.UnitIdByCodeAsync(PropagandaMassMobilisation))), ("NewTask.DueOn", "2027-02-28")));
        Assert.Contains("Đã giao nhiệm vụ theo kết luận số 2.", done.QuerySelector(".flash")!.TextContent);
        Assert.Contains(untracked, done.QuerySelector("section[aria-labelledby=session-tasks] table.tasks")!.TextContent);
        Assert.Null(done.QuerySelector("form.task-form"));

        // A member may see the session (their province hosts it) but none of its tasks.
        var member = await (await app.SignedInBrowserAsync("dangvien")).GetAsync($"/Sessions/{sessionId}");
        if (member.StatusCode == HttpStatusCode.OK)
            Assert.Null((await Html.ParseAsync(member)).QuerySelector("section[aria-labelledby=session-tasks]"));
        else
            Assert.Equal(HttpStatusCode.NotFound, member.StatusCode);
    }
}
