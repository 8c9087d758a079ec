using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DoiThoai.Tests.Features.Sessions;

public sealed class SessionsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Office_staff_see_the_seed_session_with_its_16_items()
    {
        var client = await app.ApiClientAsync("vanphong");
        var list = await client.GetJsonAsync("/api/v1/sessions?pageSize=200");
        var seed = list["items"]!.AsArray().Single(s => s!["date"]!.GetValue<string>() == "2017-09-08")!;
        Assert.Equal(16, seed["itemCount"]!.GetValue<int>());
        Assert.Equal("followingUp", seed["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(seed["title"]!.GetValue<string>()));

        var id = seed["id"]!.GetValue<int>();
        var detail = await client.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Equal(2, detail["chairs"]!.AsArray().Count);
        Assert.Contains(detail["chairs"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "Thân Văn Khoa");
        Assert.NotEmpty(detail["conclusions"]!.AsArray());
        Assert.NotEmpty(detail["history"]!.AsArray());

        var items = await client.GetJsonAsync($"/api/v1/sessions/{id}/items?pageSize=200");
        Assert.Equal(16, items["total"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 16), items["items"]!.AsArray().Select(i => i!["number"]!.GetValue<int>()));
        Assert.Contains(items["items"]!.AsArray(), i => i!["speaker"]?.GetValue<string>() == "Đoàn Văn Mật");
        foreach (var item in items["items"]!.AsArray())
        {
            Assert.Contains(item!["confidentiality"]!.GetValue<string>(), new[] { "public", "internal", "restricted" });
            Assert.NotNull(item["allowedActions"]);
            Assert.NotEmpty(item["history"]!.AsArray());
        }
    }

    [Theory]
    [InlineData("pageSize=201")]
    [InlineData("pageSize=0")]
    [InlineData("page=0")]
    [InlineData("page=-3")]
    [InlineData("pageSize=abc")]
    public async Task Paging_outside_the_limits_is_a_400(string query)
    {
        var client = await app.ApiClientAsync("vanphong");
        await ApiJson.AssertProblemAsync(await client.GetAsync($"/api/v1/sessions?{query}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Paging_splits_the_list()
    {
        var client = await app.ApiClientAsync("vanphong");
        var all = await client.GetJsonAsync("/api/v1/sessions?pageSize=200");
        var total = all["total"]!.GetValue<int>();
        Assert.True(total >= 2);
        var first = await client.GetJsonAsync("/api/v1/sessions?page=1&pageSize=1");
        var second = await client.GetJsonAsync("/api/v1/sessions?page=2&pageSize=1");
        Assert.Equal(total, first["total"]!.GetValue<int>());
        Assert.Single(first["items"]!.AsArray());
        Assert.NotEqual(first["items"]![0]!["id"]!.GetValue<int>(), second["items"]![0]!["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_session_is_planned_held_and_concluded_through_the_api()
    {
        var client = await app.ApiClientAsync("vanphong");
        var session = await PlanAsync(client, app);
        var id = session["id"]!.GetValue<int>();
        Assert.Equal("planned", session["status"]!.GetValue<string>());
        Assert.Equal("2026-12-10", session["date"]!.GetValue<string>());
        Assert.Equal(["announce", "open-collection", "hold", "cancel"], session["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/announce", null, HttpStatusCode.OK);
        await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 85 }, HttpStatusCode.OK);
        await client.PostJsonAsync($"/api/v1/sessions/{id}/conclusions", new { text = "Tăng cường kiểm tra, giám sát", dueOn = "2027-03-31" }, HttpStatusCode.Created);
        await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/complete-minutes", new { minutes = "Biên bản hội nghị ..." }, HttpStatusCode.OK);
        var issued = await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/issue-conclusions", null, HttpStatusCode.OK);

        Assert.Equal("conclusionsIssued", issued["status"]!.GetValue<string>());
        var history = issued["history"]!.AsArray();
        Assert.Equal(["plan", "announce", "hold", "add-conclusion", "complete-minutes", "issue-conclusions"], history.Select(h => h!["action"]!.GetValue<string>()));
        Assert.All(history, h => Assert.False(string.IsNullOrEmpty(h!["actor"]!.GetValue<string>())));
        Assert.Equal("minutesDone", history.Last()!["from"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refused_transition_answers_409_naming_the_state_and_allowed_actions()
    {
        var client = await app.ApiClientAsync("vanphong");
        var id = (await PlanAsync(client, app))["id"]!.GetValue<int>();

        var response = await client.PostAsync($"/api/v1/sessions/{id}/actions/issue-conclusions", null);
        var problem = await ApiJson.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("planned", problem["state"]!.GetValue<string>());
        Assert.Equal(["announce", "open-collection", "hold", "cancel"], problem["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        var after = await client.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Equal("planned", after["status"]!.GetValue<string>());
        Assert.Single(after["history"]!.AsArray());
    }

    [Fact]
    public async Task Bad_session_input_answers_400_and_saves_nothing()
    {
        var client = await app.ApiClientAsync("vanphong");
        var before = await app.WithDbAsync(db => db.Sessions.CountAsync());
        var host = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");

        object[] bad =
        [
            new { title = "", hostUnitId = host, startsAt = "2026-12-10T08:00", place = "Hội trường" },
            new { title = "Hội nghị", hostUnitId = 999_999, startsAt = "2026-12-10T08:00", place = "Hội trường" },
            new { title = "Hội nghị", hostUnitId = host, startsAt = "10/12/2026", place = "Hội trường" },
            new { title = new string('x', 301), hostUnitId = host, startsAt = "2026-12-10T08:00", place = "Hội trường" },
            new { title = "Hội nghị", hostUnitId = host, startsAt = "2026-12-10T08:00", place = "" },
            new { title = "Hội nghị", hostUnitId = host, startsAt = "2026-12-10T08:00", place = "Hội trường", chairs = new[] { new { personId = 987_654 } } },
        ];
        foreach (var body in bad)
        {
            var response = await client.PostAsync("/api/v1/sessions", JsonContent.Create(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)} answered {(int)response.StatusCode}");
            await ApiJson.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        }
        await ApiJson.AssertProblemAsync(await client.PostRawAsync("/api/v1/sessions", "{\"title\": "), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostRawAsync("/api/v1/sessions", "{\"title\": \"x\", \"hostUnitId\": \"abc\"}"), HttpStatusCode.BadRequest);

        Assert.Equal(before, await app.WithDbAsync(db => db.Sessions.CountAsync()));
    }

    [Fact]
    public async Task Unknown_action_and_missing_arguments_are_400_unknown_session_is_404()
    {
        var client = await app.ApiClientAsync("vanphong");
        var id = (await PlanAsync(client, app))["id"]!.GetValue<int>();
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/actions/explode", null), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/actions/hold", null), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/actions/cancel", JsonContent.Create(new { reason = "" })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/sessions/999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Roles_without_the_right_are_refused()
    {
        var member = await app.ApiClientAsync("dangvien");
        var host = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var response = await member.PostAsync("/api/v1/sessions", JsonContent.Create(new { title = "Hội nghị", hostUnitId = host, startsAt = "2026-12-10T08:00", place = "Hội trường" }));
        await ApiJson.AssertProblemAsync(response, HttpStatusCode.Forbidden);

        var seedId = await app.SeedSessionIdAsync();
        var seen = await member.GetJsonAsync($"/api/v1/sessions/{seedId}");
        Assert.Empty(seen["allowedActions"]!.AsArray());
        await ApiJson.AssertProblemAsync(await member.PostAsync($"/api/v1/sessions/{seedId}/actions/close", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Office_staff_cannot_host_a_session_outside_their_unit()
    {
        var handler = await app.ApiClientAsync("vanphong");
        var outside = await app.WithDbAsync(db => db.OrgUnits.Select(u => u.Id).MaxAsync()) + 1000;
        await ApiJson.AssertProblemAsync(await handler.PostAsync("/api/v1/sessions",
            JsonContent.Create(new { title = "Hội nghị", hostUnitId = outside, startsAt = "2026-12-10T08:00", place = "Hội trường" })), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Overlong_texts_answer_400_before_reaching_the_database()
    {
        var client = await app.ApiClientAsync("vanphong");
        var id = (await PlanAsync(client, app))["id"]!.GetValue<int>();
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/actions/cancel",
            JsonContent.Create(new { reason = new string('x', 2_001) })), HttpStatusCode.BadRequest);
        await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 40 }, HttpStatusCode.OK);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/conclusions",
            JsonContent.Create(new { text = new string('k', 4_001) })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{id}/actions/complete-minutes",
            JsonContent.Create(new { minutes = new string('b', 100_001) })), HttpStatusCode.BadRequest);
        var after = await client.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Equal("held", after["status"]!.GetValue<string>());
        Assert.Empty(after["conclusions"]!.AsArray());
    }

    [Fact]
    public async Task A_member_is_not_told_how_many_hidden_items_a_session_has()
    {
        var member = await app.ApiClientAsync("dangvien");
        var seedId = await app.SeedSessionIdAsync();
        var listed = (await member.GetJsonAsync("/api/v1/sessions?pageSize=200"))["items"]!.AsArray().Single(s => s!["id"]!.GetValue<int>() == seedId)!;
        var visible = (await member.GetJsonAsync($"/api/v1/sessions/{seedId}/items?pageSize=200"))["total"]!.GetValue<int>();
        Assert.Equal(visible, listed["itemCount"]!.GetValue<int>());
        Assert.True(visible < 16);
        Assert.Equal(visible, (await member.GetJsonAsync($"/api/v1/sessions/{seedId}"))["itemCount"]!.GetValue<int>());
    }

    /// <summary>Plans a fresh session hosted by the demo province, for tests that change it.</summary>
    internal static async Task<JsonNode> PlanAsync(HttpClient client, AppFactory app)
    {
        var host = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var response = await client.PostAsync("/api/v1/sessions", JsonContent.Create(new
        {
            title = "Hội nghị đối thoại với đảng viên khối cơ quan",
            hostUnitId = host,
            startsAt = "2026-12-10T08:00",
            place = "Hội trường Tỉnh ủy",
            agenda = "Báo cáo tình hình; đối thoại; kết luận",
        }));
        return await ApiJson.ReadAsync(response, HttpStatusCode.Created);
    }
}
