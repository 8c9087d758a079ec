using System.Net;
using System.Net.Http.Json;
using static DoiThoai.Tests.Features.FollowUp.TaskSetup;

namespace DoiThoai.Tests.Features.FollowUp;

/// <summary>
/// "A session is closed only when its items and tasks are closed, or the leader closes it with a
/// reason": both paths, through the API and through the session page.
/// </summary>
public sealed class SessionCloseTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static object NewItem(string text) => new
    {
        kind = "opinion", stage = "atSession", speakerName = "Bí thư Chi bộ thôn Đông", urgency = "normal", confidentiality = "public", text,
    };

    /// <summary>A session with one item just received and one open task.</summary>
    private async Task<int> SessionWithOpenWorkAsync(HttpClient office)
    {
        var id = await HeldSessionAsync(app, office);
        await office.PostJsonAsync($"/api/v1/sessions/{id}/items", NewItem(Unique("Đề nghị hướng dẫn sinh hoạt chi bộ")), HttpStatusCode.Created);
        await AddConclusionsAndIssueAsync(app, office, id, new Direction(Unique("Hướng dẫn sinh hoạt chi bộ"), Organisation, "2027-01-31"));
        return id;
    }

    [Fact]
    public async Task Office_staff_cannot_close_a_session_with_open_items_or_tasks()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = await SessionWithOpenWorkAsync(office);

        var refused = await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/sessions/{id}/actions/close",
            JsonContent.Create(new { reason = "Đã xong" })), HttpStatusCode.BadRequest);
        Assert.Contains("còn 1 ý kiến, kiến nghị chưa kết thúc và 1 nhiệm vụ đang thực hiện", refused["detail"]!.GetValue<string>());

        var leader = await app.ApiClientAsync("lanhdao");
        var noReason = await ApiJson.AssertProblemAsync(await leader.PostAsync($"/api/v1/sessions/{id}/actions/close", null), HttpStatusCode.BadRequest);
        Assert.Contains("reason", noReason["errors"]!.AsObject().Select(e => e.Key));

        var after = await office.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Equal("conclusionsIssued", after["status"]!.GetValue<string>());
        Assert.Equal("issue-conclusions", after["history"]!.AsArray().Last()!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_leader_closes_a_session_with_open_work_giving_a_reason_and_the_history_says_so()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = await SessionWithOpenWorkAsync(office);
        var leader = await app.ApiClientAsync("lanhdao");

        var closed = await leader.PostJsonAsync($"/api/v1/sessions/{id}/actions/close",
            new { reason = "Các việc còn lại chuyển sang hội nghị quý I/2027" }, HttpStatusCode.OK);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        var entry = closed["history"]!.AsArray().Last()!;
        Assert.Equal(("close", "Trịnh Quốc Bảo"), (entry["action"]!.GetValue<string>(), entry["actor"]!.GetValue<string>()));
        Assert.Equal("Lãnh đạo kết thúc hội nghị khi còn 1 ý kiến, kiến nghị chưa kết thúc và 1 nhiệm vụ đang thực hiện. " +
            "Lý do: Các việc còn lại chuyển sang hội nghị quý I/2027", entry["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_session_whose_items_and_tasks_are_finished_is_closed_by_the_office()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = await HeldSessionAsync(app, office);
        var item = await office.PostJsonAsync($"/api/v1/sessions/{id}/items", NewItem(Unique("Ý kiến ngoài phạm vi")), HttpStatusCode.Created);
        await AddConclusionsAndIssueAsync(app, office, id,
            new Direction(Unique("Việc đã xong"), Organisation, "2027-01-31"),
            new Direction(Unique("Việc bị hủy"), Organisation, "2027-01-31"));
        var tasks = await app.TaskIdsAsync(id);

        // Not yet: the item and both tasks are open.
        await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/sessions/{id}/actions/close", null), HttpStatusCode.BadRequest);

        // A returned item, a done task and a cancelled one are all finished.
        await office.PostJsonAsync($"/api/v1/items/{item["id"]!.GetValue<int>()}/actions/return", new { reason = "Không thuộc thẩm quyền" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/tasks/{tasks[0]}/progress", new { progress = 100, note = "Đã hoàn thành" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/tasks/{tasks[1]}/actions/cancel", new { reason = "Không còn cần thiết" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/start-follow-up", null, HttpStatusCode.OK);

        var closed = await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/close", new { note = "Đã hoàn thành các việc" }, HttpStatusCode.OK);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("Đã hoàn thành các việc", closed["history"]!.AsArray().Last()!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_closed_or_planned_session_gets_the_usual_refusal_not_the_count()
    {
        var office = await app.ApiClientAsync("vanphong");
        var planned = (await Sessions.SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        var problem = await ApiJson.AssertProblemAsync(await office.PostAsync($"/api/v1/sessions/{planned}/actions/close", null), HttpStatusCode.Conflict);
        Assert.Equal("planned", problem["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_session_page_shows_why_office_staff_cannot_close_it()
    {
        var id = await SessionWithOpenWorkAsync(await app.ApiClientAsync("vanphong"));
        var office = await app.SignedInBrowserAsync("vanphong");
        var response = await Sessions.SessionPages.PerformAsync(office, id, "close", ("Act.Reason", "Đã xong"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("còn 1 ý kiến, kiến nghị chưa kết thúc và 1 nhiệm vụ đang thực hiện", Sessions.SessionPages.Errors(page));

        var leader = await app.SignedInBrowserAsync("lanhdao");
        var closed = await Sessions.SessionPages.FollowAsync(leader, await Sessions.SessionPages.PerformAsync(leader, id, "close",
            ("Act.Reason", "Chuyển việc còn lại sang kỳ sau")));
        Assert.Contains("Đã kết thúc", closed.QuerySelector(".status")!.TextContent);
        Assert.Contains("Lý do: Chuyển việc còn lại sang kỳ sau", closed.QuerySelector("table.history")!.TextContent);
    }
}
