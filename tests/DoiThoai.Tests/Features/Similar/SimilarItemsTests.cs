using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Sessions;

namespace DoiThoai.Tests.Features.Similar;

/// <summary>Earlier similar items through POST /api/v1/items/similar and the item form.</summary>
public sealed class SimilarItemsTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Made-up place names keep these texts apart from the demo data and from the other tests.
    private const string Housing =
        "Đề nghị Ban Thường vụ Huyện ủy sớm chỉ đạo giải quyết dứt điểm việc cấp giấy chứng nhận quyền sử dụng đất " +
        "cho các hộ dân ở khu tái định cư Thủy Hòaxy, vì đã hơn năm năm mà người dân vẫn chưa được cấp, " +
        "gây bức xúc kéo dài và ảnh hưởng đến niềm tin của nhân dân đối với chính quyền địa phương";

    private async Task<(HttpClient Office, int SessionId)> HeldSessionAsync()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        return (office, id);
    }

    private static async Task<int> NewItemAsync(HttpClient office, int sessionId, string text, string confidentiality = "public")
    {
        var item = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "recommendation", stage = "atSession", speakerName = "Đại biểu", urgency = "normal", confidentiality, text,
        }, HttpStatusCode.Created);
        return item["id"]!.GetValue<int>();
    }

    private static async Task<JsonArray> SimilarAsync(HttpClient client, object body) =>
        (await client.PostJsonAsync("/api/v1/items/similar", body, HttpStatusCode.OK)).AsArray();

    private static JsonNode? Hit(JsonArray hits, int id) => hits.FirstOrDefault(h => h!["itemId"]!.GetValue<int>() == id);

    [Fact]
    public async Task A_copy_with_other_tone_placement_or_without_diacritics_is_a_near_copy()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, Housing);

        var tonePlacement = Housing.Replace("Thủy Hòaxy", "Thuỷ Hoàxy").Replace("Huyện ủy", "Huyện uỷ");
        var noDiacritics = DoiThoai.Text.SearchKeys.FoldKey(Housing).ToUpperInvariant();
        foreach (var copy in new[] { tonePlacement, noDiacritics })
        {
            var hit = Hit(await SimilarAsync(office, new { text = copy }), id);
            Assert.NotNull(hit);
            Assert.Equal("near-copy", hit["stage"]!.GetValue<string>());
            Assert.Equal(1.0, hit["score"]!.GetValue<double>());
            Assert.Equal(sessionId, hit["sessionId"]!.GetValue<int>());
            Assert.Equal("received", hit["status"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(hit["sessionTitle"]!.GetValue<string>()));
        }
        // The item itself is left out when it is the one being edited.
        Assert.Null(Hit(await SimilarAsync(office, new { text = Housing, excludeItemId = id }), id));
    }

    [Fact]
    public async Task A_copy_with_a_tenth_of_the_words_changed_is_found_and_an_unrelated_text_is_not()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, Housing);
        // 7 of about 70 words changed, dropped or added.
        var edited = Housing.Replace("sớm chỉ đạo", "chỉ đạo").Replace("dứt điểm", "triệt để").Replace("hơn năm năm", "gần sáu năm")
            .Replace("gây bức xúc kéo dài", "gây bức xúc lâu nay").Replace("chính quyền địa phương", "chính quyền cơ sở");
        var hit = Hit(await SimilarAsync(office, new { text = edited }), id);
        Assert.NotNull(hit);
        Assert.InRange(hit["score"]!.GetValue<double>(), 0.5, 0.99);

        var unrelated = "Đề nghị nâng cấp tuyến đường liên xã Thủy Hòaxy đã xuống cấp nghiêm trọng sau mùa mưa lũ, đi lại rất khó khăn";
        Assert.Null(Hit(await SimilarAsync(office, new { text = unrelated }), id));
    }

    [Fact]
    public async Task A_copy_with_a_fifth_of_the_words_changed_is_found()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, Housing);
        // 13 of 62 words changed, dropped or added: as many syllable pairs change as stay.
        var edited = "Đề nghị Thường vụ Huyện ủy chỉ đạo giải quyết triệt để việc cấp giấy chứng nhận quyền sử dụng đất " +
            "cho những hộ dân ở khu tái định cư Thủy Hòaxy, vì đã gần sáu năm mà bà con vẫn chưa được cấp, " +
            "gây bức xúc lâu nay và ảnh hưởng tới niềm tin của nhân dân với chính quyền cơ sở";
        var hit = Hit(await SimilarAsync(office, new { text = edited }), id);
        Assert.NotNull(hit);
        Assert.InRange(hit["score"]!.GetValue<double>(), 0.5, 0.95);
    }

    [Fact]
    public async Task A_reworded_item_is_found_with_its_answer_once_the_answer_is_settled()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, Housing);
        await office.PostJsonAsync($"/api/v1/items/{id}/actions/answer",
            new { answer = "Huyện đã giao Phòng Tài nguyên hoàn thành việc cấp giấy trong quý I.", outcome = "scheduled", answeredBy = "Chủ tịch UBND huyện" },
            HttpStatusCode.OK);
        var reworded = "Người dân khu tái định cư Thủy Hòaxy hơn năm năm vẫn chưa được cấp giấy chứng nhận quyền sử dụng đất, " +
            "rất bức xúc, ảnh hưởng niềm tin của nhân dân với chính quyền; đề nghị Thường vụ Huyện ủy chỉ đạo giải quyết dứt điểm";
        var hit = Hit(await SimilarAsync(office, new { text = reworded }), id);
        Assert.NotNull(hit);
        Assert.Equal("reworded", hit["stage"]!.GetValue<string>());
        Assert.Equal("answeredAtSession", hit["status"]!.GetValue<string>());
        Assert.StartsWith("Huyện đã giao Phòng Tài nguyên", hit["answerExcerpt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_member_never_sees_the_restricted_or_internal_items_of_others()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var text = Housing.Replace("Thủy Hòaxy", "Bình Mậtzq");
        var restricted = await NewItemAsync(office, sessionId, text, "restricted");
        var internalOne = await NewItemAsync(office, sessionId, text + " (bản nội bộ)", "internal");
        var open = await NewItemAsync(office, sessionId, text + " (bản công khai)");

        var forOffice = await SimilarAsync(office, new { text });
        Assert.NotNull(Hit(forOffice, restricted));
        Assert.NotNull(Hit(forOffice, internalOne));

        var member = await app.ApiClientAsync("dangvien");
        var forMember = await SimilarAsync(member, new { text });
        Assert.Null(Hit(forMember, restricted));
        Assert.Null(Hit(forMember, internalOne));
        Assert.NotNull(Hit(forMember, open));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   ", "text")]
    [InlineData(null, "text")]
    public async Task Empty_text_is_refused_with_a_problem(string? text, string field)
    {
        var office = await app.ApiClientAsync("vanphong");
        var problem = await ApiJson.AssertProblemAsync(await office.PostAsJsonAsync("/api/v1/items/similar", new { text }), HttpStatusCode.BadRequest);
        Assert.Contains("Nhập nội dung", problem["errors"]![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Too_long_text_or_a_bad_max_is_refused_and_odd_text_is_safe()
    {
        var office = await app.ApiClientAsync("vanphong");
        var tooLong = await ApiJson.AssertProblemAsync(
            await office.PostAsJsonAsync("/api/v1/items/similar", new { text = new string('a', 10_001) }), HttpStatusCode.BadRequest);
        Assert.Contains("10.000", tooLong["errors"]!["text"]![0]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(await office.PostAsJsonAsync("/api/v1/items/similar", new { text = "phụ cấp", max = 0 }), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await office.PostRawAsync("/api/v1/items/similar", "{\"text\":"), HttpStatusCode.BadRequest);

        foreach (var odd in new[] { "!!! ... ???", "\"*\" NEAR : -", "\ud800 a\u0001b", new string('x', 10_000) })
            Assert.NotNull(await SimilarAsync(office, new { text = odd }));
    }

    [Fact]
    public async Task Without_javascript_the_form_button_lists_similar_items_and_keeps_the_typed_text()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, Housing);
        await office.PostJsonAsync($"/api/v1/items/{id}/actions/answer",
            new { answer = "Đã cấp xong giấy chứng nhận cho khu Thủy Hòaxy.", outcome = "resolved", answeredBy = "Chủ tịch UBND huyện" }, HttpStatusCode.OK);
        var browser = await app.SignedInBrowserAsync("vanphong");
        var url = $"/Items/Create?sessionId={sessionId}";
        var page = await Html.GetDocumentAsync(browser, url);
        Assert.NotNull(page.QuerySelector("script[src='/js/similar-items.js'][defer]"));
        var button = page.QuerySelector("form.item-form button[formaction]")!;
        Assert.Equal("Tìm ý kiến tương tự", button.TextContent.Trim());
        // Enter in a one-line field presses the form's first submit button: it must save, not look up.
        var first = page.QuerySelector("form.item-form button[type=submit]")!;
        Assert.Null(first.GetAttribute("formaction"));
        Assert.Null(first.GetAttribute("name"));
        Assert.Empty(page.QuerySelectorAll("#similar-items li"));

        var form = await Html.GetFormAsync(browser, url, "form.item-form");
        var typed = DoiThoai.Text.SearchKeys.FoldKey(Housing);
        var response = await browser.PostAsync(button.GetAttribute("formaction"), form.With(("Input.Text", typed)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await Html.ParseAsync(response);
        Assert.Equal(typed, shown.QuerySelector("textarea[name='Input.Text']")!.TextContent.Trim());
        var hit = shown.QuerySelectorAll("#similar-items li").Single(li => li.QuerySelector($"a[href='/Items/{id}']") is not null);
        Assert.NotNull(hit.QuerySelector($"a[href='/Sessions/{sessionId}']"));
        Assert.Contains("Đã cấp xong giấy chứng nhận", hit.QuerySelector(".answer")!.TextContent);
        Assert.Equal(0, await app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == sessionId && i.Id != id)));

        // What similar-items.js asks for: the list alone.
        var listOnly = new HttpRequestMessage(HttpMethod.Post, button.GetAttribute("formaction")) { Content = form.With(("Input.Text", typed)) };
        listOnly.Headers.Add("X-Similar-List", "1");
        var fragment = await Html.ParseAsync(await browser.SendAsync(listOnly));
        Assert.Null(fragment.QuerySelector("form"));
        Assert.NotNull(fragment.QuerySelector($"#similar-items a[href='/Items/{id}']"));

        // Nothing typed: a hint, not an error page.
        var empty = await Html.ParseAsync(await browser.PostAsync(button.GetAttribute("formaction"), form.With(("Input.Text", ""))));
        Assert.Contains("Nhập nội dung ý kiến", empty.QuerySelector("#similar-items")!.TextContent);
        Assert.Equal(200, (int)(await browser.GetAsync("/js/similar-items.js")).StatusCode);
    }

    [Fact]
    public async Task The_item_page_lists_earlier_similar_items_for_the_office_only()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var (_, laterSession) = await HeldSessionAsync();
        const string school = "Đề nghị tỉnh quan tâm đầu tư xây dựng thêm phòng học cho trường tiểu học Phước Lộcxy, " +
            "hiện nhiều lớp phải học nhờ nhà văn hóa thôn, thiếu bàn ghế và nhà vệ sinh, ảnh hưởng đến chất lượng dạy và học";
        var earlier = await NewItemAsync(office, sessionId, school);
        var later = await NewItemAsync(office, laterSession, school.Replace("thiếu bàn ghế", "thiếu cả bàn ghế"));

        var browser = await app.SignedInBrowserAsync("vanphong");
        var plain = await Html.GetDocumentAsync(browser, $"/Items/{later}");
        Assert.NotNull(plain.QuerySelector($"a[href='/Items/{later}?similar=true#similar-items']"));
        Assert.Empty(plain.QuerySelectorAll("#similar-items li"));

        var page = await Html.GetDocumentAsync(browser, $"/Items/{later}?similar=true");
        var links = page.QuerySelectorAll("#similar-items li > a[href^='/Items/']").Select(a => a.GetAttribute("href")).ToList();
        Assert.True(links.Contains($"/Items/{earlier}"), page.QuerySelector("#similar-items")?.OuterHtml ?? "no section");
        Assert.DoesNotContain($"/Items/{later}", links);

        // A member reading a public item gets neither the link nor the list.
        var member = await app.SignedInBrowserAsync("dangvien");
        var asMember = await Html.GetDocumentAsync(member, $"/Items/{later}?similar=true");
        Assert.Null(asMember.QuerySelector("#similar-items"));
    }
}
