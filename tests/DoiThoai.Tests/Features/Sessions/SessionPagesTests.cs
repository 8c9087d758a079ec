using System.Net;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Sessions;

/// <summary>The session pages driven over HTTP as office staff and party members use them.</summary>
public sealed class SessionPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_session_planned_through_the_form_is_listed_on_the_sessions_page()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var title = Unique("Hội nghị đối thoại với đảng viên phường Nếnh");

        var response = await PostSessionFormAsync(app, office, title, startsAt: "2026-12-20T08:30");
        var page = await FollowAsync(office, response);
        Assert.Contains("Đã lên kế hoạch hội nghị.", page.QuerySelector(".flash")!.TextContent);
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Chủ Nhật, 20/12/2026", page.Body!.TextContent);
        Assert.Contains("08:30", page.Body.TextContent);
        Assert.Contains("Thân Văn Khoa, Chủ trì hội nghị", page.Body.TextContent);

        var list = await Html.GetDocumentAsync(office, "/Sessions?q=" + Uri.EscapeDataString(title[^8..]));
        var row = Assert.Single(list.QuerySelectorAll("table.list tbody tr"));
        Assert.Contains(title, row.TextContent);
        Assert.Contains("Chủ Nhật, 20/12/2026", row.TextContent);
        Assert.Contains("Dự kiến", row.TextContent);
        Assert.NotNull(list.QuerySelector("a[href='/Sessions/Create']"));
    }

    [Fact]
    public async Task The_filters_narrow_the_list_by_year_and_status()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var title = Unique("Hội nghị lọc theo năm");
        await app.PlanSessionAsync(office, title);

        var of2017 = await Html.GetDocumentAsync(office, "/Sessions?year=2017");
        Assert.Contains("Thứ Sáu, 08/09/2017", of2017.QuerySelector("table.list")!.TextContent);
        Assert.DoesNotContain(title, of2017.Body!.TextContent);

        var planned = await Html.GetDocumentAsync(office, "/Sessions?status=Planned&year=2026");
        Assert.Contains(title, planned.QuerySelector("table.list")!.TextContent);
        Assert.DoesNotContain("08/09/2017", planned.QuerySelector("table.list")!.TextContent);
        Assert.Equal("Planned", planned.QuerySelector("#filter-status option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_list_is_paged_by_20_and_the_pager_keeps_the_filters()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var batch = Unique("Hội nghị phân trang");
        for (var i = 1; i <= 21; i++)
            await app.PlanSessionAsync(office, $"{batch} số {i}", startsAt: $"2027-01-{i:00}T08:00");

        var first = await Html.GetDocumentAsync(office, "/Sessions?q=" + Uri.EscapeDataString(batch));
        Assert.Equal(20, first.QuerySelectorAll("table.list tbody tr").Length);
        Assert.Contains("số 21", first.QuerySelector("table.list tbody tr")!.TextContent);
        Assert.Contains("Tìm thấy 21 hội nghị.", first.QuerySelector(".count")!.TextContent);
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("p=2", next);

        var second = await Html.GetDocumentAsync(office, next);
        var row = Assert.Single(second.QuerySelectorAll("table.list tbody tr"));
        Assert.Contains($"{batch} số 1", row.TextContent);
        Assert.Contains("Trang 2/2", second.QuerySelector(".pager")!.TextContent);
    }

    [Fact]
    public async Task A_session_is_held_minuted_concluded_and_issued_through_the_action_forms()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var id = await app.PlanSessionAsync(office, Unique("Hội nghị đi hết quy trình"));

        var held = await FollowAsync(office, await PerformAsync(office, id, "hold",
            ("Act.AttendanceCount", "85"), ("Act.AttendanceNote", "Vắng 3 đồng chí có lý do")));
        Assert.Contains("Đã thực hiện: Ghi nhận đã tổ chức.", held.QuerySelector(".flash")!.TextContent);
        Assert.Contains("85 — Vắng 3 đồng chí có lý do", held.Body!.TextContent);

        var minuted = await FollowAsync(office, await PerformAsync(office, id, "complete-minutes",
            ("Act.Minutes", "Biên bản: hội nghị khai mạc lúc 08 giờ 30 …")));
        Assert.Contains("Đã có biên bản", minuted.QuerySelector("h1 + p .status")!.TextContent);

        var conclusionForm = await Html.GetFormAsync(office, $"/Sessions/{id}", "form.conclusion-form");
        var lead = await app.UnitIdAsync("Ban Tổ chức Tỉnh ủy Bắc Ninh");
        var concluded = await FollowAsync(office, await office.PostAsync(conclusionForm.Action, conclusionForm.With(
            ("NewConclusion.Text", "Rà soát, bố trí cán bộ chủ chốt cấp xã"), ("NewConclusion.LeadUnitId", Id(lead)),
            ("NewConclusion.DueOn", "2027-03-31"))));
        var conclusion = concluded.QuerySelector("table.conclusions tbody tr")!.TextContent;
        Assert.Contains("Rà soát, bố trí cán bộ chủ chốt cấp xã", conclusion);
        Assert.Contains("Ban Tổ chức Tỉnh ủy Bắc Ninh", conclusion);
        Assert.Contains("31/03/2027", conclusion);

        var issued = await FollowAsync(office, await PerformAsync(office, id, "issue-conclusions"));
        Assert.Contains("Đã ban hành kết luận", issued.QuerySelector("h1 + p .status")!.TextContent);
        Assert.Equal(
        [
            "Lên kế hoạch |  | Dự kiến",
            "Ghi nhận đã tổ chức | Dự kiến | Đã tổ chức",
            "Hoàn thành biên bản | Đã tổ chức | Đã có biên bản",
            "Ghi ý kiến kết luận | Đã có biên bản | Đã có biên bản",
            "Ban hành kết luận | Đã có biên bản | Đã ban hành kết luận",
        ], HistoryRows(issued));
        // Only what the new state allows is offered.
        Assert.NotNull(issued.QuerySelector("form[action*='action=start-follow-up']"));
        Assert.Null(issued.QuerySelector("form[action*='action=hold']"));
    }

    [Fact]
    public async Task A_minutes_draft_is_saved_and_offered_again()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var id = await app.PlanSessionAsync(office, Unique("Hội nghị có dự thảo biên bản"));
        await FollowAsync(office, await PerformAsync(office, id, "hold", ("Act.AttendanceCount", "40")));

        var page = await Html.GetDocumentAsync(office, $"/Sessions/{id}");
        var draftButton = page.QuerySelector("form[action*='action=complete-minutes'] button[formaction]")!;
        var form = await Html.GetFormAsync(office, $"/Sessions/{id}", "form[action*='action=complete-minutes']");
        var saved = await FollowAsync(office, await office.PostAsync(draftButton.GetAttribute("formaction"), form.With(("Act.Minutes", "Dự thảo biên bản lần 1"))));

        Assert.Contains("Đã lưu dự thảo biên bản.", saved.QuerySelector(".flash")!.TextContent);
        Assert.Equal("Dự thảo biên bản lần 1", saved.QuerySelector("#minutes-text")!.TextContent);
        Assert.Contains("Đã tổ chức", saved.QuerySelector("h1 + p .status")!.TextContent);
    }

    [Fact]
    public async Task A_refused_action_answers_409_and_shows_why_on_the_whole_page()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var title = Unique("Hội nghị chưa tổ chức");
        var id = await app.PlanSessionAsync(office, title);

        // Issuing conclusions is not offered while the session is only planned; post it anyway.
        var response = await PostWithoutFormAsync(office, $"/Sessions/{id}", $"/Sessions/{id}?handler=Action&action=issue-conclusions");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Không thể thực hiện thao tác “Ban hành kết luận” khi trạng thái là “Dự kiến”.", Errors(page));
        Assert.Equal(title, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form[action*='action=hold']"));
        Assert.Single(HistoryRows(page));
    }

    [Fact]
    public async Task A_bad_value_in_an_action_form_answers_400_and_keeps_what_was_typed()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var id = await app.PlanSessionAsync(office, Unique("Hội nghị nhập sai số người dự"));

        var response = await PerformAsync(office, id, "hold", ("Act.AttendanceCount", "0"), ("Act.AttendanceNote", "Ghi chú đã gõ"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Số người dự phải từ 1 đến 100.000.", Errors(page));
        Assert.Contains("Số người dự phải từ 1 đến 100.000.", page.QuerySelector("form[action*='action=hold'] .field-error")!.TextContent);
        Assert.Equal("Ghi chú đã gõ", page.QuerySelector("#hold-note")!.TextContent);
        Assert.Contains("Dự kiến", page.QuerySelector("h1 + p .status")!.TextContent);
    }

    [Fact]
    public async Task An_empty_title_answers_400_and_keeps_the_other_values()
    {
        var office = await app.SignedInBrowserAsync("vanphong");

        var response = await PostSessionFormAsync(app, office, title: "   ", place: "Nhà văn hóa thôn Nội Ninh", agenda: "Nghe báo cáo; đối thoại");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Contains("Tên hội nghị không được để trống.", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);
        Assert.Equal("Nhà văn hóa thôn Nội Ninh", InputValue(page, "[name='Input.Place']"));
        Assert.Equal("Nghe báo cáo; đối thoại", page.QuerySelector("[name='Input.Agenda']")!.TextContent.Trim());
        Assert.Equal("2026-12-20T08:00", InputValue(page, "[name='Input.StartsAt']"));
        var host = await app.UnitIdAsync(CurrentProvince);
        Assert.Equal(Id(host), page.QuerySelector("[name='Input.HostUnitId'] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_date_typed_the_Vietnamese_way_is_accepted_and_a_wrong_one_is_refused()
    {
        var office = await app.SignedInBrowserAsync("vanphong");

        var id = await app.PlanSessionAsync(office, Unique("Hội nghị gõ ngày tay"), startsAt: "05/01/2027 14:00");
        var page = await Html.GetDocumentAsync(office, $"/Sessions/{id}");
        Assert.Contains("Thứ Ba, 05/01/2027", page.Body!.TextContent);
        Assert.Contains("14:00", page.Body.TextContent);

        var refused = await PostSessionFormAsync(app, office, Unique("Hội nghị ngày sai"), startsAt: "31/02/2027 08:00");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Thời gian không hợp lệ", (await Html.ParseAsync(refused)).QuerySelector("[data-valmsg-for='Input.StartsAt']")!.TextContent);
    }

    [Fact]
    public async Task Editing_shows_the_saved_values_and_records_the_change()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var title = Unique("Hội nghị sẽ đổi địa điểm");
        var id = await app.PlanSessionAsync(office, title);

        var form = await Html.GetFormAsync(office, $"/Sessions/{id}/Edit");
        Assert.Contains(form, f => f.Key == "Input.Title" && f.Value == title);
        Assert.Contains(form, f => f.Key == "Input.StartsAt" && f.Value == "2026-12-20T08:00");
        var page = await FollowAsync(office, await office.PostAsync($"/Sessions/{id}/Edit", form.With(("Input.Place", "Hội trường Đảng ủy phường Nếnh"))));

        Assert.Contains("Đã lưu thông tin hội nghị.", page.QuerySelector(".flash")!.TextContent);
        Assert.Contains("Hội trường Đảng ủy phường Nếnh", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("Thân Văn Khoa, Chủ trì hội nghị", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Equal("Sửa thông tin hội nghị | Dự kiến | Dự kiến", HistoryRows(page)[^1]);
    }

    [Fact]
    public async Task A_member_sees_no_action_forms_and_is_refused_with_403()
    {
        var member = await app.SignedInBrowserAsync("dangvien");
        var seed = await app.SeedSessionIdAsync();

        var page = await Html.GetDocumentAsync(member, $"/Sessions/{seed}");
        Assert.Empty(page.QuerySelectorAll("form.action-form"));
        Assert.Null(page.QuerySelector($"a[href='/Sessions/{seed}/Edit']"));

        var response = await PostWithoutFormAsync(member, $"/Sessions/{seed}", $"/Sessions/{seed}?handler=Action&action=close", ("Act.Reason", "Thử"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/Sessions/Create")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/Sessions/{seed}/Edit")).StatusCode);
        var status = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == seed).Select(s => s.Status).SingleAsync());
        Assert.Equal(DoiThoai.Web.Features.Sessions.SessionStatus.FollowingUp, status);
    }

    [Fact]
    public async Task A_session_outside_the_users_scope_is_not_found()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/Sessions/987654")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync("/Sessions/987654/Edit")).StatusCode);
    }

    [Fact]
    public async Task The_seed_session_shows_its_items_and_its_date_in_Vietnamese_then_in_English()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var seed = await app.SeedSessionIdAsync();

        var page = await Html.GetDocumentAsync(office, $"/Sessions/{seed}");
        Assert.Contains("Thứ Sáu, 08/09/2017", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Equal(16, page.QuerySelectorAll("table.items tbody tr").Length);
        Assert.Contains("Đoàn Văn Mật", page.QuerySelector("table.items")!.TextContent);

        var language = await Html.GetFormAsync(office, $"/Sessions/{seed}", "form.lang");
        var switched = await office.PostAsync("/Culture", language.With(("culture", "en-US")));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal($"/Sessions/{seed}", switched.Headers.Location!.OriginalString);

        var english = await Html.GetDocumentAsync(office, $"/Sessions/{seed}");
        Assert.Contains("Friday, September 8, 2017", english.QuerySelector("dl.facts")!.TextContent);
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        // The item table is kept written per language for those who run the session (ADR 0023).
        Assert.Contains("Trạng thái", page.QuerySelector("table.items thead")!.TextContent);
        Assert.Contains("Status", english.QuerySelector("table.items thead")!.TextContent);
        Assert.DoesNotContain("Trạng thái", english.QuerySelector("table.items thead")!.TextContent);
    }
}
