using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoiThoai.Web.Features.FollowUp;
using static DoiThoai.Tests.Features.FollowUp.TaskSetup;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>Conclusions become tasks when issued; tasks are followed through /api/v1/tasks.</summary>
public sealed class TasksApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(a => a!.GetValue<string>()).ToArray();

    [Fact]
    public async Task Issuing_the_conclusions_makes_a_task_of_each_one_with_a_unit_and_a_date()
    {
        var office = await app.ApiClientAsync("vanphong");
        var first = Unique("Rà soát quy hoạch cán bộ cấp xã");
        var second = Unique("Đổi mới sinh hoạt chi bộ");
        var sessionId = await app.IssuedSessionAsync(office,
            new Direction(first, Organisation, "2027-01-31"),
            new Direction(second, PropagandaMassMobilisation, "2027-02-28"),
            new Direction("Quán triệt nghị quyết của Tỉnh ủy"),                 // no unit, no date: no task yet
            new Direction("Báo cáo kết quả", Organisation));                    // a unit without a date: no task yet

        var tasks = await app.WithDbAsync(db => db.Tasks.Include(t => t.Timeline).Include(t => t.Conclusion)
            .Where(t => t.SessionId == sessionId).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal([first, second], tasks.Select(t => t.Title));
        Assert.Equal([1, 2], tasks.Select(t => t.Conclusion!.Order));
        Assert.Equal([await app.UnitIdByCodeAsync(Organisation), await app.UnitIdByCodeAsync(PropagandaMassMobilisation)], tasks.Select(t => t.OrgUnitId));
        Assert.Equal([new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28)], tasks.Select(t => t.DueOn));
        Assert.All(tasks, t => Assert.Equal((FollowUpStatus.Open, 0, (int?)null), (t.Status, t.Progress, t.ParentId)));
        Assert.All(tasks, t => Assert.Equal("Phạm Thị Thu Trang", Assert.Single(t.Timeline).ActorName));

        // The handlers of the unit are told, with a link to the task.
        var told = await app.WithDbAsync(db => db.Notifications.Where(n => n.TaskId == tasks[0].Id).Select(n => n.User!.UserName).ToListAsync());
        Assert.Contains("bantochuc", told);

        var detail = await office.GetJsonAsync($"/api/v1/tasks/{tasks[0].Id}");
        Assert.Equal(first, detail["title"]!.GetValue<string>());
        Assert.Equal(sessionId, detail["session"]!["id"]!.GetValue<int>());
        Assert.Equal(1, detail["conclusion"]!["order"]!.GetValue<int>());
        Assert.Equal("open", detail["status"]!.GetValue<string>());
        Assert.Equal("2027-01-31", detail["dueOn"]!.GetValue<string>());
        Assert.Equal(["progress", "add-subtask", "cancel"], Strings(detail["allowedActions"]));
    }

    [Fact]
    public async Task The_unit_records_progress_on_the_timeline_until_the_task_is_done()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.IssuedSessionAsync(office, new Direction(Unique("Rà soát đảng viên"), Organisation, "2027-01-31"));
        var id = (await app.TaskIdsAsync(sessionId)).Single();
        var handler = await app.ApiClientAsync("bantochuc");

        var seen = await handler.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal(["progress", "add-subtask"], Strings(seen["allowedActions"]));

        var forty = await handler.PostJsonAsync($"/api/v1/tasks/{id}/progress", new { progress = 40, note = "Đã rà soát 8/20 đảng bộ" }, HttpStatusCode.OK);
        Assert.Equal((40, 40, "open"), (forty["progress"]!.GetValue<int>(), forty["ownProgress"]!.GetValue<int>(), forty["status"]!.GetValue<string>()));
        var last = forty["timeline"]!.AsArray().Last()!;
        Assert.Equal((40, "Đã rà soát 8/20 đảng bộ", "Giáp Văn Long"), (last["progress"]!.GetValue<int>(), last["note"]!.GetValue<string>(), last["actor"]!.GetValue<string>()));

        var done = await handler.PostJsonAsync($"/api/v1/tasks/{id}/progress", new { progress = 100, note = "Đã báo cáo kết quả" }, HttpStatusCode.OK);
        Assert.Equal("done", done["status"]!.GetValue<string>());
        Assert.NotNull(done["doneAt"]);
        Assert.Equal(3, done["timeline"]!.AsArray().Count);
        Assert.Empty(done["allowedActions"]!.AsArray());          // reopening is the office's

        var refused = await handler.PostAsync($"/api/v1/tasks/{id}/progress", JsonContent.Create(new { progress = 90, note = "Thêm" }));
        var problem = await ApiJson.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("done", problem["state"]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(await handler.PostAsync($"/api/v1/tasks/{id}/actions/reopen", JsonContent.Create(new { note = "Chưa xong" })), HttpStatusCode.Forbidden);

        var reopened = await office.PostJsonAsync($"/api/v1/tasks/{id}/actions/reopen", new { note = "Thiếu số liệu của hai đảng bộ" }, HttpStatusCode.OK);
        Assert.Equal("open", reopened["status"]!.GetValue<string>());
        Assert.Equal("Mở lại nhiệm vụ: Thiếu số liệu của hai đảng bộ", reopened["timeline"]!.AsArray().Last()!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_progress_answers_400_and_changes_nothing()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(office, new Direction(Unique("Kiểm tra"), Organisation, "2027-01-31")))).Single();
        object[] bad =
        [
            new { progress = 101, note = "Ghi chú" },
            new { progress = -5, note = "Ghi chú" },
            new { progress = 50, note = "" },
            new { progress = 50 },
            new { note = "Thiếu tiến độ" },
            new { progress = 50, note = new string('x', 2_001) },
        ];
        foreach (var body in bad)
            await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/tasks/{id}/progress", JsonContent.Create(body)), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostRawAsync($"/api/v1/tasks/{id}/progress", "{\"progress\": \"abc\"}"), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostRawAsync($"/api/v1/tasks/{id}/progress", "{\"progress\": "), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/tasks/{id}/actions/explode", null), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/tasks/{id}/actions/cancel", JsonContent.Create(new { reason = " " })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.GetAsync("/api/v1/tasks/999999"), HttpStatusCode.NotFound);

        var after = await office.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal((0, "open", 1), (after["progress"]!.GetValue<int>(), after["status"]!.GetValue<string>(), after["timeline"]!.AsArray().Count));
    }

    [Fact]
    public async Task A_parent_shows_the_progress_of_its_sub_tasks_and_refuses_its_own()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(office, new Direction(Unique("Tổng kết Chỉ thị 05"), PropagandaMassMobilisation, "2027-03-31")))).Single();
        var unit = await app.UnitIdByCodeAsync(PropagandaMassMobilisation);
        var first = await office.PostJsonAsync($"/api/v1/tasks/{id}/subtasks", new { title = "Tổng hợp mô hình ở chi bộ thôn", unitId = unit, dueOn = "2027-01-31" }, HttpStatusCode.Created);
        var second = await office.PostJsonAsync($"/api/v1/tasks/{id}/subtasks", new { title = "Giới thiệu trên bản tin", unitId = unit, dueOn = "2027-03-31" }, HttpStatusCode.Created);
        var a = first["id"]!.GetValue<int>();
        var b = second["id"]!.GetValue<int>();
        Assert.Equal(id, first["parentId"]!.GetValue<int>());
        Assert.Null(first["conclusion"]);

        var refused = await ApiJson.AssertProblemAsync(
            await office.PostAsync($"/api/v1/tasks/{id}/progress", JsonContent.Create(new { progress = 50, note = "Tự đặt" })), HttpStatusCode.Conflict);
        Assert.Equal(TaskRules.ParentProgressMessage, refused["detail"]!.GetValue<string>());
        Assert.Equal(["add-subtask", "cancel"], Strings(refused["allowedActions"]));

        await office.PostJsonAsync($"/api/v1/tasks/{a}/progress", new { progress = 50, note = "Đã có 6 mô hình" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/tasks/{b}/progress", new { progress = 100, note = "Đã đăng" }, HttpStatusCode.OK);
        var parent = await office.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal((75, 0, "open"), (parent["progress"]!.GetValue<int>(), parent["ownProgress"]!.GetValue<int>(), parent["status"]!.GetValue<string>()));
        Assert.Equal([50, 100], parent["children"]!.AsArray().Select(c => c!["progress"]!.GetValue<int>()));

        // A cancelled sub-task no longer counts; the one left is done, so the parent is done.
        await office.PostJsonAsync($"/api/v1/tasks/{a}/actions/cancel", new { reason = "Gộp vào nhiệm vụ khác" }, HttpStatusCode.OK);
        parent = await office.GetJsonAsync($"/api/v1/tasks/{id}");
        Assert.Equal((100, "done"), (parent["progress"]!.GetValue<int>(), parent["status"]!.GetValue<string>()));
        Assert.Equal(["cancelled", "done"], parent["children"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_sub_task_due_after_its_parent_or_in_the_past_or_outside_the_scope_is_refused()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(office, new Direction(Unique("Kiểm tra chuyên đề"), Organisation, "2027-01-31")))).Single();
        var unit = await app.UnitIdByCodeAsync(Organisation);
        var outside = await app.WithDbAsync(db => db.OrgUnits.Select(u => u.Id).MaxAsync()) + 1000;
        object[] bad =
        [
            new { title = "Sau hạn cha", unitId = unit, dueOn = "2027-02-01" },
            new { title = "Quá khứ", unitId = unit, dueOn = "2026-11-26" },
            new { title = "", unitId = unit, dueOn = "2027-01-15" },
            new { title = "Không đơn vị", dueOn = "2027-01-15" },
            new { title = "Không hạn", unitId = unit },
            new { title = "Đơn vị lạ", unitId = outside, dueOn = "2027-01-15" },
        ];
        foreach (var body in bad)
            await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/tasks/{id}/subtasks", JsonContent.Create(body)), HttpStatusCode.BadRequest);
        var late = await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/tasks/{id}/subtasks",
            JsonContent.Create(new { title = "Sau hạn cha", unitId = unit, dueOn = "2027-02-01" })), HttpStatusCode.BadRequest);
        Assert.Contains("dueOn", late["errors"]!.AsObject().Select(e => e.Key));
        Assert.Empty((await office.GetJsonAsync($"/api/v1/tasks/{id}"))["children"]!.AsArray());
    }

    [Fact]
    public async Task Handlers_see_only_their_units_tasks_and_members_none()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.IssuedSessionAsync(office,
            new Direction(Unique("Việc của Ban Tổ chức"), Organisation, "2027-01-31"),
            new Direction(Unique("Việc của Ban Tuyên giáo và Dân vận"), PropagandaMassMobilisation, "2027-01-31"));
        var ids = await app.TaskIdsAsync(sessionId);
        var (own, other) = (ids[0], ids[1]);

        var handler = await app.ApiClientAsync("bantochuc");
        await handler.GetJsonAsync($"/api/v1/tasks/{own}");
        await ApiJson.AssertProblemAsync(await handler.GetAsync($"/api/v1/tasks/{other}"), HttpStatusCode.NotFound);
        await ApiJson.AssertProblemAsync(await handler.PostAsync($"/api/v1/tasks/{other}/progress",
            JsonContent.Create(new { progress = 10, note = "Không phải việc của tôi" })), HttpStatusCode.NotFound);
        await ApiJson.AssertProblemAsync(await handler.PostAsync($"/api/v1/tasks/{own}/actions/cancel",
            JsonContent.Create(new { reason = "Không làm" })), HttpStatusCode.Forbidden);
        var listed = await handler.GetJsonAsync("/api/v1/tasks?pageSize=200");
        var units = listed["items"]!.AsArray().Select(t => t!["unit"]!["id"]!.GetValue<int>()).Distinct().ToList();
        Assert.Contains(own, listed["items"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()));
        Assert.DoesNotContain(await app.UnitIdByCodeAsync(PropagandaMassMobilisation), units);

        var member = await app.ApiClientAsync("dangvien");
        await ApiJson.AssertProblemAsync(await member.GetAsync($"/api/v1/tasks/{own}"), HttpStatusCode.NotFound);
        await ApiJson.AssertProblemAsync(await member.PostAsync($"/api/v1/tasks/{own}/progress",
            JsonContent.Create(new { progress = 10, note = "x" })), HttpStatusCode.NotFound);
        Assert.Equal(0, (await member.GetJsonAsync("/api/v1/tasks"))["total"]!.GetValue<int>());
        var conclusionId = await app.WithDbAsync(db => db.Conclusions.Where(c => c.SessionId == sessionId).Select(c => c.Id).FirstAsync());
        // The member may see the session (their province hosts it) but not give it tasks.
        var refused = await member.PostAsync("/api/v1/tasks", JsonContent.Create(new { conclusionId, unitId = 1, dueOn = "2027-01-31" }));
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Equal(2, (await app.TaskIdsAsync(sessionId)).Count);
    }

    [Fact]
    public async Task A_conclusion_issued_without_a_unit_gets_its_task_later()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.IssuedSessionAsync(office, new Direction(Unique("Tăng cường công tác dân vận")));
        Assert.Empty(await app.TaskIdsAsync(sessionId));
        var conclusionId = await app.WithDbAsync(db => db.Conclusions.Where(c => c.SessionId == sessionId).Select(c => c.Id).SingleAsync());
        var unit = await app.UnitIdByCodeAsync(PropagandaMassMobilisation);

        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/tasks", JsonContent.Create(new { conclusionId, unitId = unit, dueOn = "2026-11-26" })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/tasks", JsonContent.Create(new { conclusionId, dueOn = "2027-01-31" })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/tasks", JsonContent.Create(new { conclusionId = 987_654, unitId = unit, dueOn = "2027-01-31" })), HttpStatusCode.BadRequest);
        var created = await office.PostJsonAsync("/api/v1/tasks", new { conclusionId, unitId = unit, dueOn = "2027-01-31" }, HttpStatusCode.Created);
        Assert.Equal(conclusionId, created["conclusion"]!["id"]!.GetValue<int>());
        Assert.Equal(unit, created["unit"]!["id"]!.GetValue<int>());
        // One live task per conclusion.
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/tasks", JsonContent.Create(new { conclusionId, unitId = unit, dueOn = "2027-01-31" })), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=0")]
    [InlineData("page=0")]
    [InlineData("pageSize=abc")]
    [InlineData("status=finished")]
    [InlineData("overdue=maybe")]
    public async Task List_parameters_outside_the_limits_are_a_400(string query)
    {
        var client = await app.ApiClientAsync("vanphong");
        await ApiJson.AssertProblemAsync(await client.GetAsync($"/api/v1/tasks?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_list_is_paged_sorted_by_due_date_and_filtered()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.IssuedSessionAsync(office,
            new Direction(Unique("Nhiệm vụ A"), Inspection, "2027-02-15"),
            new Direction(Unique("Nhiệm vụ B"), Inspection, "2027-01-15"));
        var ids = await app.TaskIdsAsync(sessionId);
        await office.PostJsonAsync($"/api/v1/tasks/{ids[1]}/progress", new { progress = 100, note = "Xong" }, HttpStatusCode.OK);

        var all = await office.GetJsonAsync("/api/v1/tasks?pageSize=200");
        var total = all["total"]!.GetValue<int>();
        Assert.True(total >= 2);
        var dues = all["items"]!.AsArray().Select(t => DateOnly.Parse(t!["dueOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dues.Order(), dues);

        var first = await office.GetJsonAsync("/api/v1/tasks?page=1&pageSize=1");
        var second = await office.GetJsonAsync("/api/v1/tasks?page=2&pageSize=1");
        Assert.Equal((total, 1, 1), (first["total"]!.GetValue<int>(), first["page"]!.GetValue<int>(), first["pageSize"]!.GetValue<int>()));
        Assert.NotEqual(first["items"]![0]!["id"]!.GetValue<int>(), second["items"]![0]!["id"]!.GetValue<int>());

        var inspection = await app.UnitIdByCodeAsync(Inspection);
        var ofUnit = await office.GetJsonAsync($"/api/v1/tasks?unitId={inspection}&pageSize=200");
        Assert.All(ofUnit["items"]!.AsArray(), t => Assert.Equal(inspection, t!["unit"]!["id"]!.GetValue<int>()));
        Assert.Contains(ids[0], ofUnit["items"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()));
        var done = await office.GetJsonAsync($"/api/v1/tasks?unitId={inspection}&status=done&pageSize=200");
        Assert.Equal([ids[1]], done["items"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()).Where(ids.Contains));
        Assert.All(done["items"]!.AsArray(), t => Assert.Equal("done", t!["status"]!.GetValue<string>()));

        var overdue = await office.GetJsonAsync("/api/v1/tasks?overdue=true&pageSize=200");
        Assert.All(overdue["items"]!.AsArray(), t => Assert.True(t!["overdue"]!.GetValue<bool>()));
        Assert.DoesNotContain(ids[0], overdue["items"]!.AsArray().Select(t => t!["id"]!.GetValue<int>()));
    }
}
