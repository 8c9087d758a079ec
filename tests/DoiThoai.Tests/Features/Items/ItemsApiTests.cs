using System.Net;
using System.Net.Http.Json;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;

namespace DoiThoai.Tests.Features.Items;

public sealed class ItemsApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Client, int SessionId)> HeldSessionAsync()
    {
        var client = await app.ApiClientAsync("vanphong");
        var id = (await SessionsApiTests.PlanAsync(client, app))["id"]!.GetValue<int>();
        await client.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        return (client, id);
    }

    private static object NewItem(string text = "Đề nghị có cơ chế hỗ trợ phụ cấp cho bí thư chi bộ thôn") => new
    {
        kind = "recommendation",
        stage = "atSession",
        speakerName = "Bí thư Chi bộ thôn Đông",
        urgency = "normal",
        confidentiality = "public",
        text,
    };

    private Task<int> CurrentUnitAsync(string namePrefix) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name.StartsWith(namePrefix) && u.ValidTo == null).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task An_item_is_recorded_classified_accepted_and_assigned()
    {
        var (client, sessionId) = await HeldSessionAsync();
        var item = await client.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", NewItem(), HttpStatusCode.Created);
        var id = item["id"]!.GetValue<int>();
        Assert.Equal(1, item["number"]!.GetValue<int>());
        Assert.Equal("received", item["status"]!.GetValue<string>());
        Assert.Equal("public", item["confidentiality"]!.GetValue<string>());
        Assert.Equal("recommendation", item["kind"]!.GetValue<string>());

        var topicId = await app.TopicIdAsync();
        var classified = await client.PostJsonAsync($"/api/v1/items/{id}/actions/classify", new { topicId, confidentiality = "internal" }, HttpStatusCode.OK);
        Assert.Equal(topicId, classified["topic"]!["id"]!.GetValue<int>());
        Assert.Equal("internal", classified["confidentiality"]!.GetValue<string>());

        await client.PostJsonAsync($"/api/v1/items/{id}/actions/accept", new { note = "Lãnh đạo tiếp thu" }, HttpStatusCode.OK);
        var lead = await CurrentUnitAsync("Ban Tổ chức");
        var assigned = await client.PostJsonAsync($"/api/v1/items/{id}/actions/assign",
            new { leadUnitId = lead, dueOn = "2026-12-31", note = "Tham mưu trả lời" }, HttpStatusCode.OK);

        Assert.Equal("assigned", assigned["status"]!.GetValue<string>());
        Assert.Equal(lead, assigned["assignments"]![0]!["leadUnit"]!["id"]!.GetValue<int>());
        Assert.Equal("2026-12-31", assigned["assignments"]![0]!["dueOn"]!.GetValue<string>());
        Assert.Equal(["raise", "classify", "accept", "assign"], assigned["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()));
        Assert.Equal(["received", "classified", "accepted"], assigned["history"]!.AsArray().Skip(1).Select(h => h!["from"]!.GetValue<string>()));

        var second = await client.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", NewItem("Ý kiến thứ hai"), HttpStatusCode.Created);
        Assert.Equal(2, second["number"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answering_on_the_spot_then_closing()
    {
        var (client, sessionId) = await HeldSessionAsync();
        var id = (await client.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", NewItem(), HttpStatusCode.Created))["id"]!.GetValue<int>();
        var answered = await client.PostJsonAsync($"/api/v1/items/{id}/actions/answer",
            new { answer = "Quy định hiện hành đã có mức phụ cấp; tỉnh sẽ rà soát.", outcome = "explained", answeredBy = "Đồng chí Phó Bí thư Thường trực" }, HttpStatusCode.OK);
        Assert.Equal("answeredAtSession", answered["status"]!.GetValue<string>());
        Assert.Equal("explained", answered["outcome"]!.GetValue<string>());
        // The office may confirm satisfaction on the speaker's behalf, or close.
        Assert.Equal(["confirm", "close"], answered["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var closed = await client.PostJsonAsync($"/api/v1/items/{id}/actions/close", null, HttpStatusCode.OK);
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Empty(closed["allowedActions"]!.AsArray());
    }

    [Fact]
    public async Task Refused_and_invalid_actions_change_nothing()
    {
        var (client, sessionId) = await HeldSessionAsync();
        var id = (await client.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", NewItem(), HttpStatusCode.Created))["id"]!.GetValue<int>();
        var lead = await CurrentUnitAsync("Ban Tổ chức");

        var refused = await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/actions/close", null), HttpStatusCode.Conflict);
        Assert.Equal("received", refused["state"]!.GetValue<string>());
        Assert.Contains("classify", refused["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));

        await client.PostJsonAsync($"/api/v1/items/{id}/actions/classify", new { topicId = await app.TopicIdAsync() }, HttpStatusCode.OK);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/actions/assign",
            JsonContent.Create(new { leadUnitId = lead, dueOn = "2026-11-26" })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/actions/assign",
            JsonContent.Create(new { leadUnitId = 999_999, dueOn = "2026-12-26" })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/actions/classify",
            JsonContent.Create(new { topicId = 999_999 })), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostRawAsync($"/api/v1/items/{id}/actions/classify", "{\"kind\": \"nonsense\"}"), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{id}/actions/return", JsonContent.Create(new { reason = " " })), HttpStatusCode.BadRequest);

        var after = await client.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal("classified", after["status"]!.GetValue<string>());
        Assert.Equal(2, after["history"]!.AsArray().Count);
        Assert.Empty(after["assignments"]!.AsArray());
    }

    [Fact]
    public async Task Bad_item_input_answers_400_and_saves_nothing()
    {
        var (client, sessionId) = await HeldSessionAsync();
        object[] bad =
        [
            new { text = "", speakerName = "A" },
            new { text = new string('ý', ItemRules.MaxTextLength + 1), speakerName = "A" },
            new { text = "Nội dung", speakerName = "" },
            new { text = "Nội dung", raisedByPersonId = 999_999 },
            new { text = "Nội dung", speakerName = "A", topicId = 999_999 },
        ];
        foreach (var body in bad)
            await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{sessionId}/items", JsonContent.Create(body)), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostRawAsync($"/api/v1/sessions/{sessionId}/items", "[1,2"), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await client.PostAsync("/api/v1/sessions/999999/items", JsonContent.Create(NewItem())), HttpStatusCode.NotFound);

        // A stage the session has passed is a workflow refusal.
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/sessions/{sessionId}/items",
            JsonContent.Create(new { text = "Nội dung", speakerName = "A", stage = "beforeSession" })), HttpStatusCode.Conflict);
        Assert.Equal(0, await app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == sessionId)));
    }

    [Fact]
    public async Task A_member_submits_before_a_session_and_sees_only_public_or_own_items()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        var member = await app.ApiClientAsync("dangvien");
        var own = await member.PostJsonAsync($"/api/v1/sessions/{sessionId}/items",
            new { text = "Đề nghị tổ chức lớp bồi dưỡng cho bí thư chi bộ mới", stage = "beforeSession", confidentiality = "internal" }, HttpStatusCode.Created);
        Assert.Equal(await app.PersonIdAsync("Đoàn Văn Mật"), own["raisedByPersonId"]!.GetValue<int>());
        Assert.Empty(own["allowedActions"]!.AsArray());

        await ApiJson.AssertProblemAsync(await member.PostAsync($"/api/v1/sessions/{sessionId}/items",
            JsonContent.Create(new { text = "Ghi thay văn phòng", stage = "atSession", speakerName = "Ai đó" })), HttpStatusCode.Forbidden);
        await ApiJson.AssertProblemAsync(await member.PostAsync($"/api/v1/items/{own["id"]}/actions/classify",
            JsonContent.Create(new { topicId = await app.TopicIdAsync() })), HttpStatusCode.Forbidden);

        var seedId = await app.SeedSessionIdAsync();
        var personId = await app.PersonIdAsync("Đoàn Văn Mật");
        var seen = (await member.GetJsonAsync($"/api/v1/sessions/{seedId}/items?pageSize=200"))["items"]!.AsArray();
        Assert.NotEmpty(seen);
        Assert.All(seen, i => Assert.True(i!["confidentiality"]!.GetValue<string>() == "public" || i["raisedByPersonId"]?.GetValue<int>() == personId));
        var total = await app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == seedId));
        Assert.True(seen.Count < total, "the member must not see the internal and restricted items of the seed session");

        var hidden = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == seedId && i.Confidentiality != Confidentiality.Public && i.RaisedByPersonId != personId).Select(i => i.Id).FirstAsync());
        await ApiJson.AssertProblemAsync(await member.GetAsync($"/api/v1/items/{hidden}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_handler_sees_the_items_assigned_to_their_unit_through_the_restructuring()
    {
        var handler = await app.ApiClientAsync("bantochuc");
        var seedId = await app.SeedSessionIdAsync();
        var items = (await handler.GetJsonAsync($"/api/v1/sessions/{seedId}/items?pageSize=200"))["items"]!.AsArray();
        Assert.Contains(items, i => i!["assignments"]!.AsArray().Count > 0 && i["confidentiality"]!.GetValue<string>() != "public");
        // The handler works only on what the unit leads or co-operates on now (through its
        // predecessor's assignments too); office and leader actions are never offered.
        var unit = await app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name.StartsWith("Ban Tổ chức Tỉnh ủy")).Select(u => u.Id).ToListAsync());
        foreach (var item in items)
        {
            var actions = item!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            var current = item["assignments"]!.AsArray().LastOrDefault();
            var leads = current is not null && unit.Contains(current["leadUnit"]!["id"]!.GetValue<int>());
            var coOperates = current is not null && current["coUnits"]!.AsArray().Any(c => unit.Contains(c!["id"]!.GetValue<int>()));
            if (!leads && !coOperates) Assert.Empty(actions);
            if (leads && item["status"]!.GetValue<string>() == "assigned") Assert.Contains("start", actions);
            Assert.All(actions, a => Assert.Contains(a, new[] { "start", "return-to-office", "request-extension", "progress", "draft-answer", "contribute" }));
        }
        await ApiJson.AssertProblemAsync(await handler.PostAsync("/api/v1/sessions", JsonContent.Create(new { title = "x" })), HttpStatusCode.Forbidden);
    }
}
