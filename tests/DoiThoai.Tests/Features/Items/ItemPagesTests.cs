using System.Net;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Items;

/// <summary>The item pages driven over HTTP as office staff and party members use them.</summary>
public sealed class ItemPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Records an item through /Items/Create on a session the test planned; returns its id.</summary>
    private static async Task<int> RecordItemAsync(HttpClient office, int sessionId, string text, params (string Name, string Value)[] more)
    {
        var url = $"/Items/Create?sessionId={sessionId}";
        var form = await Html.GetFormAsync(office, url, "form.item-form");
        var response = await office.PostAsync(url, form.With(
        [
            ("Input.Stage", "BeforeSession"), ("Input.SpeakerName", "Nguyễn Văn Bình, Bí thư Chi bộ thôn Đông Tiến"),
            ("Input.Kind", "Recommendation"), ("Input.Text", text), .. more,
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromRedirect(response, "/Items/");
    }

    private static async Task<HttpResponseMessage> PerformAsync(HttpClient client, int itemId, string action, params (string Name, string Value)[] values)
    {
        var form = await Html.GetFormAsync(client, $"/Items/{itemId}", $"form[action*='action={action}']");
        return await client.PostAsync(form.Action, form.With(values));
    }

    [Fact]
    public async Task An_item_is_recorded_classified_accepted_and_assigned_through_the_forms()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị nhận kiến nghị"));
        var text = Unique("Đề nghị sớm hướng dẫn chế độ phụ cấp cho bí thư chi bộ thôn");

        var itemId = await RecordItemAsync(office, sessionId, text, ("Input.Confidentiality", "Public"));
        var recorded = await Html.GetDocumentAsync(office, $"/Items/{itemId}");
        Assert.Contains("Đã ghi nhận ý kiến số 1.", recorded.QuerySelector(".flash")!.TextContent);
        Assert.Equal(text, recorded.QuerySelector(".item-text")!.TextContent);
        Assert.Contains("Nguyễn Văn Bình, Bí thư Chi bộ thôn Đông Tiến", recorded.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("Trước hội nghị", recorded.QuerySelector("dl.facts")!.TextContent);

        var topic = await app.TopicIdAsync();
        var classified = await FollowAsync(office, await PerformAsync(office, itemId, "classify",
            ("Act.TopicId", Id(topic)), ("Act.Kind", "Proposal"), ("Act.Urgency", "High"), ("Act.Confidentiality", "Internal")));
        Assert.Contains("Đã phân loại", classified.QuerySelector("h1 + p .status")!.TextContent);
        Assert.Contains("Khẩn", classified.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("Nội bộ", classified.QuerySelector("dl.facts")!.TextContent);

        await FollowAsync(office, await PerformAsync(office, itemId, "accept", ("Act.Note", "Lãnh đạo tiếp thu, giao Ban Tổ chức nghiên cứu")));

        var lead = await app.UnitIdAsync("Ban Tổ chức Tỉnh ủy Bắc Ninh");
        var coUnit = await app.UnitIdAsync("Văn phòng Tỉnh ủy Bắc Ninh");
        // The clock of the test app is 27/11/2026: a deadline the day before is refused.
        var late = await PerformAsync(office, itemId, "assign",
            ("Act.LeadUnitId", Id(lead)), ("Act.CoUnitIds", Id(coUnit)), ("Act.DueOn", "2026-11-26"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var refused = await Html.ParseAsync(late);
        Assert.Contains("Hạn xử lý không được ở trong quá khứ.", Errors(refused));
        Assert.Contains("Hạn xử lý không được ở trong quá khứ.", refused.QuerySelector("form[action*='action=assign'] .field-error")!.TextContent);
        Assert.Equal("2026-11-26", InputValue(refused, "#assign-due"));
        Assert.Equal(Id(lead), refused.QuerySelector("#assign-lead option[selected]")!.GetAttribute("value"));
        Assert.NotNull(refused.QuerySelector($"form[action*='action=assign'] input[type=checkbox][value='{Id(coUnit)}'][checked]"));

        var assigned = await FollowAsync(office, await PerformAsync(office, itemId, "assign",
            ("Act.LeadUnitId", Id(lead)), ("Act.CoUnitIds", Id(coUnit)), ("Act.DueOn", "31/12/2026"), ("Act.Note", "Báo cáo kết quả trước hạn")));
        Assert.Contains("Đã giao xử lý", assigned.QuerySelector("h1 + p .status")!.TextContent);
        var assignment = assigned.QuerySelector("table.assignments tbody tr")!.TextContent;
        Assert.Contains("Ban Tổ chức Tỉnh ủy Bắc Ninh", assignment);
        Assert.Contains("Văn phòng Tỉnh ủy Bắc Ninh", assignment);
        Assert.Contains("31/12/2026", assignment);
        Assert.Equal(
        [
            "Tiếp nhận |  | Mới tiếp nhận",
            "Phân loại | Mới tiếp nhận | Đã phân loại",
            "Tiếp thu | Đã phân loại | Đã tiếp thu",
            "Giao xử lý | Đã tiếp thu | Đã giao xử lý",
        ], HistoryRows(assigned));
        Assert.Empty(assigned.QuerySelectorAll("form.action-form"));
    }

    [Fact]
    public async Task An_answer_at_the_session_is_shown_with_its_outcome()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị trả lời tại chỗ"));
        var itemId = await RecordItemAsync(office, sessionId, "Đảng viên làm kinh tế đến mức nào thì vi phạm?");

        var empty = await PerformAsync(office, itemId, "answer", ("Act.Answer", ""), ("Act.AnsweredBy", "Thân Văn Khoa"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var refused = await Html.ParseAsync(empty);
        Assert.Contains("Nội dung trả lời không được để trống.", Errors(refused));
        Assert.Equal("Thân Văn Khoa", InputValue(refused, "#answer-by"));

        var answered = await FollowAsync(office, await PerformAsync(office, itemId, "answer",
            ("Act.Answer", "Quy định 126-QĐ/TW nêu rõ những việc đảng viên không được làm."), ("Act.Outcome", "Explained"),
            ("Act.AnsweredBy", "Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy")));
        var answer = answered.QuerySelector("section[aria-labelledby='answer']")!.TextContent;
        Assert.Contains("Quy định 126-QĐ/TW", answer);
        Assert.Contains("Đã giải trình, cung cấp thông tin", answer);
        Assert.Contains("Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy", answer);
        Assert.NotNull(answered.QuerySelector("form[action*='action=close']"));
    }

    [Fact]
    public async Task A_text_longer_than_10000_characters_is_refused_and_kept()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị nhận ý kiến dài"));
        var url = $"/Items/Create?sessionId={sessionId}";
        var form = await Html.GetFormAsync(office, url, "form.item-form");
        var tooLong = new string('ạ', ItemRules.MaxTextLength + 1);

        var response = await office.PostAsync(url, form.With(("Input.Stage", "BeforeSession"), ("Input.SpeakerName", "Ông Bình"), ("Input.Text", tooLong)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Nội dung ý kiến dài quá", page.QuerySelector("[data-valmsg-for='Input.Text']")!.TextContent);
        Assert.Equal("Ông Bình", InputValue(page, "[name='Input.SpeakerName']"));
    }

    [Fact]
    public async Task An_item_at_a_stage_the_session_does_not_accept_answers_409()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị chưa họp"));
        var url = $"/Items/Create?sessionId={sessionId}";
        var form = await Html.GetFormAsync(office, url, "form.item-form");

        var response = await office.PostAsync(url, form.With(("Input.Stage", "AtSession"), ("Input.SpeakerName", "Ông Bình"), ("Input.Text", "Ý kiến ghi nhầm thời điểm")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Hội nghị đang ở trạng thái “Dự kiến”, không nhận ý kiến ở giai đoạn “Tại hội nghị”.", Errors(page));
        Assert.Equal("Ý kiến ghi nhầm thời điểm", page.QuerySelector("[name='Input.Text']")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_member_sends_an_opinion_through_the_short_form_and_can_read_it()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị lấy ý kiến đảng viên"));
        var member = await app.SignedInBrowserAsync("dangvien");
        var url = $"/Items/Create?sessionId={sessionId}";

        var form = await Html.GetFormAsync(member, url, "form.item-form");
        Assert.DoesNotContain(form, f => f.Key is "Input.Stage" or "Input.SpeakerName" or "Input.RaisedByPersonId" or "Input.Confidentiality");
        var text = Unique("Đề nghị tổ chức sinh hoạt chi bộ chuyên đề về Chỉ thị 05");
        // A hand-made request cannot choose the stage or speak in someone else's name.
        var response = await member.PostAsync(url, form.With(("Input.Text", text), ("Input.Stage", "AtSession"), ("Input.SpeakerName", "Người khác")));

        var page = await FollowAsync(member, response);
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("Đoàn Văn Mật", facts);
        Assert.DoesNotContain("Người khác", facts);
        Assert.Contains("Trước hội nghị", facts);
        Assert.Empty(page.QuerySelectorAll("form.action-form"));
        var mine = await Html.GetDocumentAsync(member, "/Items?q=" + Uri.EscapeDataString(text[^8..]));
        Assert.Single(mine.QuerySelectorAll("table.items tbody tr"));
    }

    [Fact]
    public async Task A_member_sees_no_item_actions_and_is_refused_with_403()
    {
        var member = await app.SignedInBrowserAsync("dangvien");
        var seed = await app.SeedSessionIdAsync();
        var own = await app.PersonIdAsync("Đoàn Văn Mật");
        // A public item of the seed session that office staff could still move along (and not the
        // member's own, on which he may confirm whether the answer satisfies him).
        var candidates = await app.WithDbAsync(db => db.Items
            .Where(i => i.SessionId == seed && i.Confidentiality == Confidentiality.Public && i.RaisedByPersonId != own)
            .Select(i => new { i.Id, i.Status }).ToListAsync());
        var item = candidates.First(c => c.Status is ItemStatus.Received or ItemStatus.Classified or ItemStatus.Accepted or ItemStatus.AnsweredAtSession);

        var page = await Html.GetDocumentAsync(member, $"/Items/{item.Id}");
        Assert.Empty(page.QuerySelectorAll("form.action-form"));

        var response = await PostWithoutFormAsync(member, $"/Items/{item.Id}", $"/Items/{item.Id}?handler=Action&action=close", ("Act.Note", "Thử"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(item.Status, await app.WithDbAsync(db => db.Items.Where(i => i.Id == item.Id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_list_filters_by_session_status_topic_confidentiality_and_text()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var seed = await app.SeedSessionIdAsync();

        var all = await Html.GetDocumentAsync(office, $"/Items?sessionId={seed}");
        Assert.Equal(16, all.QuerySelectorAll("table.items tbody tr").Length);
        Assert.Contains("08/09/2017", all.QuerySelector("table.items tbody tr")!.TextContent);
        Assert.Equal(Id(seed), all.QuerySelector("#filter-session option[selected]")!.GetAttribute("value"));

        var publicOnes = await app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == seed && i.Confidentiality == Confidentiality.Public));
        var filtered = await Html.GetDocumentAsync(office, $"/Items?sessionId={seed}&confidentiality=Public");
        Assert.Equal(publicOnes, filtered.QuerySelectorAll("table.items tbody tr").Length);

        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị để lọc ý kiến"));
        var text = Unique("Kiến nghị về bồi dưỡng cấp ủy viên cơ sở");
        await RecordItemAsync(office, sessionId, text);
        var byText = await Html.GetDocumentAsync(office, "/Items?status=Received&q=" + Uri.EscapeDataString(text[^8..]));
        var row = Assert.Single(byText.QuerySelectorAll("table.items tbody tr"));
        Assert.Contains("Mới tiếp nhận", row.TextContent);
        Assert.Contains("20/12/2026", row.TextContent);
    }
}
