using System.Net;
using System.Net.Http.Json;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// Answering many similar items at once (all or nothing, each with its own history) and the
/// answer templates that drafts start from.
/// </summary>
public sealed class BulkAnswerAndTemplatesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task One_answer_for_several_items_is_all_or_nothing()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var ids = new List<int>();
        for (var i = 1; i <= 3; i++) ids.Add(await RaiseAsync(office, sessionId, Unique($"Ý kiến {i} về kết nạp đảng viên trẻ")));
        var answered = await RaiseAsync(office, sessionId, Unique("Ý kiến đã được trả lời"));
        await office.ActAsync(answered, "answer", new { answer = "Đã trả lời", outcome = "explained", answeredBy = "Thân Văn Khoa" });
        var body = new { answer = "Tỉnh ủy sẽ ban hành hướng dẫn tạo nguồn kết nạp đảng viên từ đoàn viên.", outcome = "scheduled", answeredBy = "Thân Văn Khoa" };

        // One item that cannot be answered (already answered: 409) and nothing is saved.
        var refused = await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/items/actions/answer",
            JsonContent.Create(new { itemIds = ids.Append(answered).ToArray(), body.answer, body.outcome, body.answeredBy })), HttpStatusCode.Conflict);
        Assert.Equal("answeredAtSession", refused["state"]!.GetValue<string>());
        // One item that is not visible (404), an empty answer (400): the same.
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/items/actions/answer",
            JsonContent.Create(new { itemIds = ids.Append(999_999).ToArray(), body.answer, body.outcome, body.answeredBy })), HttpStatusCode.NotFound);
        var empty = await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/items/actions/answer",
            JsonContent.Create(new { itemIds = ids, answer = "", body.outcome, body.answeredBy })), HttpStatusCode.BadRequest);
        Assert.StartsWith($"Ý kiến #{ids[0]}:", empty["detail"]!.GetValue<string>());
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/items/actions/close",
            JsonContent.Create(new { itemIds = ids })), HttpStatusCode.BadRequest);
        foreach (var id in ids)
        {
            var item = await office.GetJsonAsync($"/api/v1/items/{id}");
            Assert.Equal("received", item["status"]!.GetValue<string>());
            Assert.Equal(["raise"], item.HistoryActions());
        }

        var done = await office.PostJsonAsync("/api/v1/items/actions/answer", new { itemIds = ids, body.answer, body.outcome, body.answeredBy }, HttpStatusCode.OK);
        Assert.Equal(3, done.AsArray().Count);
        foreach (var item in done.AsArray())
        {
            Assert.Equal("answeredAtSession", item!["status"]!.GetValue<string>());
            Assert.Equal(body.answer, item["answer"]!.GetValue<string>());
            Assert.Equal(["raise", "answer"], item.HistoryActions());
        }
    }

    [Fact]
    public async Task The_bulk_page_answers_the_ticked_items_or_none()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var first = await RaiseAsync(office, sessionId, Unique("Ý kiến về sinh hoạt chi bộ định kỳ"));
        var second = await RaiseAsync(office, sessionId, Unique("Ý kiến về chất lượng sinh hoạt chi bộ"));
        var browser = await app.SignedInBrowserAsync("vanphong");
        var url = $"/Items/BulkAnswer?sessionId={sessionId}";
        var page = await Html.GetDocumentAsync(browser, url);
        Assert.NotNull(page.QuerySelector($"input[name='ItemIds'][value='{first}']"));
        Assert.NotNull(page.QuerySelector($"input[name='ItemIds'][value='{second}']"));

        var form = await Html.GetFormAsync(browser, url, "form.bulk-form");
        var noText = await browser.PostAsync(form.Action, form.With(("ItemIds", Id(first)), ("Answer", ""), ("AnsweredBy", "Thân Văn Khoa")));
        Assert.Equal(HttpStatusCode.BadRequest, noText.StatusCode);
        Assert.Contains("Nội dung trả lời không được để trống.", Errors(await Html.ParseAsync(noText)));
        Assert.Equal("received", (await office.GetJsonAsync($"/api/v1/items/{first}"))["status"]!.GetValue<string>());

        var content = new FormUrlEncodedContent([
            .. form.Where(f => f.Key is not ("ItemIds" or "Answer" or "AnsweredBy")),
            new("ItemIds", Id(first)), new("ItemIds", Id(second)),
            new("Answer", "Chi bộ sinh hoạt định kỳ mỗi tháng một lần theo Hướng dẫn 12."), new("AnsweredBy", "Thân Văn Khoa"),
        ]);
        var response = await browser.PostAsync(form.Action, content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var id in new[] { first, second })
            Assert.Equal("answeredAtSession", (await office.GetJsonAsync($"/api/v1/items/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInBrowserAsync("dangvien")).GetAsync("/Items/BulkAnswer")).StatusCode);
    }

    [Fact]
    public async Task A_handler_drafts_one_answer_for_items_led_by_the_unit()
    {
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var ids = new List<int>();
        for (var i = 1; i <= 2; i++)
        {
            var id = await RaiseAsync(office, sessionId, Unique($"Kiến nghị {i} về bố trí cán bộ cấp xã"));
            await app.ReadyToAssignAsync(office, id);
            await office.ActAsync(id, "assign", new { leadUnitId = lead, dueOn = "2026-12-31" });
            ids.Add(id);
        }
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(ids[0], "start");
        // The second is not started: draft-answer is not allowed yet, so neither is drafted.
        await ApiJson.AssertProblemAsync(await handler.PostAsync("/api/v1/items/actions/draft-answer",
            JsonContent.Create(new { itemIds = ids, answer = "Dự thảo chung", outcome = "explained" })), HttpStatusCode.Conflict);
        Assert.Null((await handler.GetJsonAsync($"/api/v1/items/{ids[0]}"))["answer"]);
        await handler.ActAsync(ids[1], "start");
        // The office may not draft for the unit.
        await ApiJson.AssertProblemAsync(await office.PostAsync("/api/v1/items/actions/draft-answer",
            JsonContent.Create(new { itemIds = ids, answer = "Dự thảo chung", outcome = "explained" })), HttpStatusCode.Forbidden);

        var browser = await app.SignedInBrowserAsync("bantochuc");
        var url = $"/Items/BulkAnswer?sessionId={sessionId}";
        var form = await Html.GetFormAsync(browser, url, "form.bulk-form");
        var content = new FormUrlEncodedContent([
            .. form.Where(f => f.Key is not ("ItemIds" or "Answer" or "Outcome")),
            new("ItemIds", Id(ids[0])), new("ItemIds", Id(ids[1])),
            new("Answer", "Việc bố trí cán bộ cấp xã thực hiện theo Nghị định 33/2023."), new("Outcome", "Explained"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync(form.Action, content)).StatusCode);
        foreach (var id in ids)
        {
            var item = await handler.GetJsonAsync($"/api/v1/items/{id}");
            Assert.Equal("answerDrafted", item["status"]!.GetValue<string>());
            Assert.Equal("draft-answer", item.HistoryActions().Last());
        }
    }

    [Fact]
    public async Task The_office_keeps_answer_templates_and_a_handler_starts_a_draft_from_one()
    {
        var browser = await app.SignedInBrowserAsync("vanphong");
        var topic = await app.TopicIdAsync();
        var form = await Html.GetFormAsync(browser, "/Items/Templates", "form.template-form");
        var empty = await browser.PostAsync("/Items/Templates", form.With(("Input.Title", ""), ("Input.Text", "Nội dung")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Tên mẫu không được để trống.", (await Html.ParseAsync(empty)).QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);

        var title = Unique("Mẫu trả lời về công tác cán bộ");
        var text = "Kính gửi đồng chí,\nVề kiến nghị của đồng chí, Ban Tổ chức Tỉnh ủy trả lời như sau: …";
        var added = await FollowAsync(browser, await browser.PostAsync("/Items/Templates",
            form.With(("Input.Title", title), ("Input.TopicId", Id(topic)), ("Input.Text", text))));
        var link = added.QuerySelectorAll("table.templates a").Single(a => a.TextContent == title);
        var templateUrl = link.GetAttribute("href")!;

        var edit = await Html.GetFormAsync(browser, templateUrl, "form.template-form");
        await FollowAsync(browser, await browser.PostAsync(templateUrl, edit.With(("Input.Title", title + " (sửa)"))));
        var handlerTemplates = await (await app.SignedInBrowserAsync("bantochuc")).GetAsync("/Items/Templates");
        Assert.Equal(HttpStatusCode.Forbidden, handlerTemplates.StatusCode);

        // A handler's draft form offers the template of the item's topic and puts it into the answer box.
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Kiến nghị về luân chuyển cán bộ"));
        await app.ReadyToAssignAsync(office, id);
        await office.ActAsync(id, "assign", new { leadUnitId = await app.UnitIdAsync(Organisation), dueOn = "2026-12-31" });
        await (await app.ApiClientAsync("bantochuc")).ActAsync(id, "start");
        var handler = await app.SignedInBrowserAsync("bantochuc");
        var draftForm = await Html.GetFormAsync(handler, $"/Items/{id}", "form[action*='action=draft-answer']");
        var templateId = await app.WithDbAsync(db => db.AnswerTemplates.Where(t => t.Title == title + " (sửa)").Select(t => t.Id).SingleAsync());
        var filled = await handler.PostAsync($"/Items/{id}?handler=UseTemplate", draftForm.With(("Act.TemplateId", Id(templateId))));
        Assert.Equal(HttpStatusCode.OK, filled.StatusCode);
        var filledPage = await Html.ParseAsync(filled);
        Assert.Equal(text, filledPage.QuerySelector("#draft-text")!.TextContent.Replace("\r\n", "\n").Trim());
        Assert.Equal("inProgress", (await office.GetJsonAsync($"/api/v1/items/{id}"))["status"]!.GetValue<string>());
        // Saved as a draft from the page, with the file input left empty.
        var saved = await FollowAsync(handler, await PostWithFilesAsync(handler, id, "draft-answer",
            [("Act.Answer", text.Replace("…", "Ban Tổ chức đã trình phương án luân chuyển.")), ("Act.Outcome", "Resolved")]));
        Assert.Contains("Ban Tổ chức đã trình phương án luân chuyển.", saved.QuerySelector("section[aria-labelledby='answer']")!.TextContent);
        Assert.Null(saved.QuerySelector("section[aria-labelledby='answer'] ul.attachments"));

        // Taken out of use: no longer offered, still listed, never deleted.
        var deactivate = await Html.GetFormAsync(browser, templateUrl, "form.template-active");
        await FollowAsync(browser, await browser.PostAsync(deactivate.Action, deactivate.With()));
        var afterPage = await Html.GetDocumentAsync(handler, $"/Items/{id}");
        Assert.Null(afterPage.QuerySelector($"#draft-template option[value='{templateId}']"));
        Assert.False(await app.WithDbAsync(db => db.AnswerTemplates.Where(t => t.Id == templateId).Select(t => t.IsActive).SingleAsync()));
        Assert.Contains(title + " (sửa)", (await Html.GetDocumentAsync(browser, "/Items/Templates")).QuerySelector("table.templates")!.TextContent);
    }
}
