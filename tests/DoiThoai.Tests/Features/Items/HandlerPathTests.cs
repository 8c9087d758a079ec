using System.Net;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// One item followed from assignment to a reopened answer, over HTTP with the demo accounts:
/// the office assigns, the handler of Ban Tổ chức works through the inbox, asks for more time,
/// drafts with a PDF, the leader sends back and approves, the office publishes and the member who
/// raised it is not satisfied. The clock of the test app is Friday 27/11/2026, 09:00 Vietnam time.
/// </summary>
public sealed class HandlerPathTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_item_goes_from_the_office_through_the_handler_and_the_leader_back_to_its_speaker()
    {
        var office = await app.ApiClientAsync("vanphong");
        var handler = await app.ApiClientAsync("bantochuc");
        var leader = await app.ApiClientAsync("lanhdao");
        var member = await app.ApiClientAsync("dangvien");
        var lead = await app.UnitIdAsync(Organisation);
        var coUnit = await app.CurrentUnitAsync(Propaganda);
        var personId = await app.PersonIdAsync("Đoàn Văn Mật");

        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Đề nghị có chính sách hỗ trợ bí thư chi bộ thôn kiêm trưởng thôn"), personId);
        await app.ReadyToAssignAsync(office, id);

        // Without a due date the deadline rules give one: 15 working days for the lead unit,
        // 5 for the co-operating unit, counted from Friday 27/11/2026.
        var assigned = await office.ActAsync(id, "assign", new { leadUnitId = lead, coUnitIds = new[] { coUnit }, note = "Tham mưu trả lời" });
        Assert.Equal("assigned", assigned["status"]!.GetValue<string>());
        Assert.Equal("2026-12-18", assigned["assignments"]![0]!["dueOn"]!.GetValue<string>());
        Assert.Equal("2026-12-04", assigned["assignments"]![0]!["coUnits"]![0]!["dueOn"]!.GetValue<string>());
        Assert.Empty(assigned["allowedActions"]!.AsArray());

        // The handler finds it in the inbox, as the lead unit, neither due soon nor overdue.
        var row = await InboxRowAsync(handler, id);
        Assert.Equal("lead", row["role"]!.GetValue<string>());
        Assert.Equal("2026-12-18", row["dueOn"]!.GetValue<string>());
        Assert.False(row["dueSoon"]!.GetValue<bool>());
        Assert.False(row["overdue"]!.GetValue<bool>());
        var mine = await handler.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal(["start", "return-to-office", "request-extension", "progress"], mine["allowedActions"].Strings());

        // Flags are derived from today: three working days ahead is due soon, yesterday is overdue.
        await app.SetDueOnAsync(id, new DateOnly(2026, 12, 2));
        Assert.True((await InboxRowAsync(handler, id))["dueSoon"]!.GetValue<bool>());
        await app.SetDueOnAsync(id, new DateOnly(2026, 11, 26));
        row = await InboxRowAsync(handler, id);
        Assert.True(row["overdue"]!.GetValue<bool>());
        Assert.False(row["dueSoon"]!.GetValue<bool>());
        var overdueOnly = await handler.GetJsonAsync("/api/v1/inbox?overdue=true&pageSize=200");
        Assert.Contains(overdueOnly["items"]!.AsArray(), r => r!["itemId"]!.GetValue<int>() == id);
        Assert.All(overdueOnly["items"]!.AsArray(), r => Assert.True(r!["overdue"]!.GetValue<bool>()));
        var browser = await app.SignedInBrowserAsync("bantochuc");
        var inboxPage = await Html.GetDocumentAsync(browser, "/Inbox?overdue=true");
        var line = inboxPage.QuerySelectorAll("table.inbox tbody tr").Single(r => r.QuerySelector($"a[href='/Items/{id}']") is not null);
        Assert.Contains("Quá hạn", line.TextContent);
        Assert.Contains("Chủ trì", line.TextContent);
        Assert.Contains("26/11/2026", line.TextContent);
        await app.SetDueOnAsync(id, new DateOnly(2026, 12, 18));

        // Start, and a progress note.
        Assert.Equal("inProgress", (await handler.ActAsync(id, "start", new { note = "Đã nhận" }))["status"]!.GetValue<string>());
        await handler.RefusedAsync(id, "progress", new { note = " " }, HttpStatusCode.BadRequest);
        await handler.ActAsync(id, "progress", new { note = "Đã làm việc với Sở Nội vụ" });

        // An extension needs a reason and a date after the deadline; only the leader decides.
        await handler.RefusedAsync(id, "request-extension", new { requestedDueOn = "2027-01-15" }, HttpStatusCode.BadRequest);
        await handler.RefusedAsync(id, "request-extension", new { requestedDueOn = "2026-11-20", reason = "Chờ ý kiến" }, HttpStatusCode.BadRequest);
        await handler.RefusedAsync(id, "request-extension", new { requestedDueOn = "2026-12-10", reason = "Chờ ý kiến" }, HttpStatusCode.BadRequest);
        var requested = await handler.ActAsync(id, "request-extension", new { requestedDueOn = "2027-01-15", reason = "Chờ ý kiến của Sở Nội vụ" });
        Assert.Equal("extensionRequested", requested["status"]!.GetValue<string>());
        Assert.Equal("pending", requested["extensionRequests"]![0]!["decision"]!.GetValue<string>());
        await handler.RefusedAsync(id, "decide-extension", new { grant = true }, HttpStatusCode.Forbidden);
        await office.RefusedAsync(id, "decide-extension", new { grant = true }, HttpStatusCode.Forbidden);
        Assert.Equal(["decide-extension"], (await leader.GetJsonAsync($"/api/v1/items/{id}"))["allowedActions"].Strings());
        await leader.RefusedAsync(id, "decide-extension", new { grant = false }, HttpStatusCode.BadRequest);
        var granted = await leader.ActAsync(id, "decide-extension", new { grant = true, note = "Đồng ý" });
        Assert.Equal("inProgress", granted["status"]!.GetValue<string>());
        Assert.Equal("2027-01-15", granted["assignments"]![0]!["dueOn"]!.GetValue<string>());
        var decision = granted["extensionRequests"]![0]!;
        Assert.Equal("granted", decision["decision"]!.GetValue<string>());
        Assert.Equal("2026-12-18", decision["currentDueOn"]!.GetValue<string>());
        Assert.Equal("2027-01-15", decision["grantedDueOn"]!.GetValue<string>());
        Assert.Equal("Trịnh Quốc Bảo", decision["decidedBy"]!.GetValue<string>());

        // The draft with a PDF, through the page: a disguised program and an oversize file are
        // refused beside the field and change nothing.
        (string, string)[] draft = [("Act.Answer", "Tỉnh đang xây dựng đề án hỗ trợ; dự kiến trình trong quý I/2027."),
            ("Act.Outcome", "Scheduled"), ("Act.OutcomeNote", "Trình HĐND tỉnh kỳ họp tháng 3/2027")];
        var disguised = await PostWithFilesAsync(browser, id, "draft-answer", draft, ("bao-cao.pdf", Exe()));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        var refused = await Html.ParseAsync(disguised);
        Assert.Contains("bao-cao.pdf", refused.QuerySelector("form[action*='action=draft-answer'] .field-error")!.TextContent);
        Assert.Equal("Tỉnh đang xây dựng đề án hỗ trợ; dự kiến trình trong quý I/2027.", refused.QuerySelector("#draft-text")!.TextContent);
        var oversize = await PostWithFilesAsync(browser, id, "draft-answer", draft, ("lon.pdf", [.. Pdf(), .. new byte[10 * 1024 * 1024]]));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("10 MB", (await Html.ParseAsync(oversize)).QuerySelector("form[action*='action=draft-answer'] .field-error")!.TextContent);
        Assert.Equal("inProgress", (await handler.GetJsonAsync($"/api/v1/items/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.ItemId == id)));

        var drafted = await FollowAsync(browser, await PostWithFilesAsync(browser, id, "draft-answer", draft, ("Báo cáo đề án.pdf", Pdf())));
        Assert.Contains("Đã có dự thảo trả lời", drafted.QuerySelector("h1 + p .status")!.TextContent);
        var link = drafted.QuerySelector("section[aria-labelledby='answer'] ul.attachments a")!;
        Assert.Equal("Báo cáo đề án.pdf", link.TextContent);
        var download = await browser.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
        var stored = await app.WithDbAsync(db => db.Attachments.SingleAsync(a => a.ItemId == id));
        Assert.Equal(64, stored.Sha256.Length);
        Assert.Null(stored.ContributionId);

        // The draft is the units' work: the member who raised the item sees neither it nor its file yet.
        var memberBrowser = await app.SignedInBrowserAsync("dangvien");
        var memberView = await member.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Null(memberView["answer"]);
        Assert.Empty(memberView["attachments"]!.AsArray());
        Assert.Empty(memberView["extensionRequests"]!.AsArray());
        Assert.Null(memberView["history"]!.AsArray().Single(h => h!["action"]!.GetValue<string>() == "draft-answer")!["note"]);
        Assert.Null((await Html.GetDocumentAsync(memberBrowser, $"/Items/{id}")).QuerySelector("section[aria-labelledby='answer']"));
        Assert.Equal(HttpStatusCode.NotFound, (await memberBrowser.GetAsync(link.GetAttribute("href"))).StatusCode);

        // The leader's page offers exactly the leader's decisions on a draft.
        var leaderPage = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("lanhdao"), $"/Items/{id}");
        Assert.Equal(["approve", "send-back"], leaderPage.QuerySelectorAll("form.action-form")
            .Select(f => f.GetAttribute("action")!.Split("action=")[1].Split('&')[0]).ToList());
        Assert.Contains("Trình HĐND tỉnh kỳ họp tháng 3/2027", leaderPage.QuerySelector("section[aria-labelledby='answer']")!.TextContent);

        // The leader sends it back (with what to change), the handler redrafts, the leader approves.
        await leader.RefusedAsync(id, "send-back", new { note = "" }, HttpStatusCode.BadRequest);
        await handler.RefusedAsync(id, "approve", null, HttpStatusCode.Forbidden);
        await office.RefusedAsync(id, "approve", null, HttpStatusCode.Forbidden);
        Assert.Equal("inProgress", (await leader.ActAsync(id, "send-back", new { note = "Bổ sung số liệu" }))["status"]!.GetValue<string>());
        app.Clock.Advance(TimeSpan.FromMinutes(30)); // the redraft comes later than the draft sent back
        await handler.ActAsync(id, "draft-answer", new
        {
            answer = "Tỉnh đang xây dựng đề án hỗ trợ 1.200 bí thư chi bộ kiêm trưởng thôn; trình trong quý I/2027.",
            outcome = "scheduled", outcomeNote = "Trình HĐND tỉnh kỳ họp tháng 3/2027",
        });
        var approved = await leader.ActAsync(id, "approve", new { note = "Đồng ý" });
        Assert.Equal("approved", approved["status"]!.GetValue<string>());
        Assert.Equal("Trịnh Quốc Bảo", approved["approvedBy"]!.GetValue<string>());
        Assert.NotNull(approved["approvedAt"]);
        Assert.Equal("Trình HĐND tỉnh kỳ họp tháng 3/2027", approved["outcomeNote"]!.GetValue<string>());
        Assert.Equal("scheduled", approved["outcome"]!.GetValue<string>());
        Assert.Single(approved["attachments"]!.AsArray());
        // Approved, the answer is the member's to read; the file of the draft that was sent back is not
        // part of it (the redraft came without one), so it stays with the people working on the item.
        var approvedView = await member.GetJsonAsync($"/api/v1/items/{id}");
        Assert.Equal("scheduled", approvedView["outcome"]!.GetValue<string>());
        Assert.Empty(approvedView["attachments"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await memberBrowser.GetAsync(link.GetAttribute("href"))).StatusCode);

        // The office publishes; the member who raised it says it does not satisfy him: reopened.
        await handler.RefusedAsync(id, "publish", null, HttpStatusCode.Forbidden);
        await office.ActAsync(id, "publish", new { note = "Gửi đồng chí Đoàn Văn Mật" });
        Assert.Equal(["confirm"], (await member.GetJsonAsync($"/api/v1/items/{id}"))["allowedActions"].Strings());
        await member.RefusedAsync(id, "confirm", new { satisfied = false }, HttpStatusCode.BadRequest);
        var reopened = await member.ActAsync(id, "confirm", new { satisfied = false, note = "Chưa nêu mức hỗ trợ cụ thể" });
        Assert.Equal("inProgress", reopened["status"]!.GetValue<string>());
        Assert.False(reopened["satisfied"]!.GetValue<bool>());
        Assert.Equal("Chưa nêu mức hỗ trợ cụ thể", reopened["satisfactionNote"]!.GetValue<string>());
        Assert.Equal(
            ["raise", "classify", "accept", "assign", "start", "progress", "request-extension", "decide-extension",
             "draft-answer", "send-back", "draft-answer", "approve", "publish", "confirm"],
            reopened.HistoryActions());
        Assert.Contains("Chưa nêu mức hỗ trợ cụ thể", reopened["history"]!.AsArray().Last()!["note"]!.GetValue<string>());

        // Back with the handler, in the inbox again.
        Assert.Equal("inProgress", (await InboxRowAsync(handler, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_office_confirms_for_the_speaker_and_a_satisfied_answer_closes_the_item()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Đề nghị tăng cường sinh hoạt chuyên đề"));
        await office.ActAsync(id, "answer", new { answer = "Tỉnh ủy đã có hướng dẫn.", outcome = "explained", answeredBy = "Thân Văn Khoa" });
        var closed = await office.ActAsync(id, "confirm", new { satisfied = true, note = "Người nêu đồng ý tại hội nghị" });
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.True(closed["satisfied"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_inbox_page_sorts_and_filters_through_the_address()
    {
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var early = await RaiseAsync(office, sessionId, Unique("Ý kiến hạn sớm"));
        var late = await RaiseAsync(office, sessionId, Unique("Ý kiến hạn muộn"));
        foreach (var (item, due) in new[] { (late, "2027-02-26"), (early, "2026-12-01") })
        {
            await app.ReadyToAssignAsync(office, item);
            await office.ActAsync(item, "assign", new { leadUnitId = lead, dueOn = due });
        }
        var browser = await app.SignedInBrowserAsync("bantochuc");

        var byDue = await Html.GetDocumentAsync(browser, "/Inbox?status=Assigned");
        var order = ItemOrder(byDue, early, late);
        Assert.True(order.IndexOf(early) < order.IndexOf(late));
        var earlyRow = byDue.QuerySelectorAll("table.inbox tbody tr").Single(r => r.QuerySelector($"a[href='/Items/{early}']") is not null);
        Assert.Contains("Sắp đến hạn", earlyRow.TextContent);
        var byDueDesc = await Html.GetDocumentAsync(browser, "/Inbox?status=Assigned&sort=DueDesc");
        order = ItemOrder(byDueDesc, early, late);
        Assert.True(order.IndexOf(late) < order.IndexOf(early));
        // The sort links keep the filter.
        Assert.Contains("status=Assigned", byDue.QuerySelector("th[aria-sort] a")!.GetAttribute("href"));

        var coOperating = await Html.GetDocumentAsync(browser, "/Inbox?role=CoOperating&status=all");
        Assert.DoesNotContain(coOperating.QuerySelectorAll("table.inbox tbody tr"), r => r.TextContent.Contains("Chủ trì"));
        var nonsense = await browser.GetAsync("/Inbox?status=Nonsense&sort=Sideways&p=abc");
        Assert.Equal(HttpStatusCode.OK, nonsense.StatusCode);

        var api = await app.ApiClientAsync("bantochuc");
        await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/inbox?status=nonsense"), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/inbox?role=boss"), HttpStatusCode.BadRequest);
        await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/inbox?pageSize=500"), HttpStatusCode.BadRequest);
        var sorted = await api.GetJsonAsync("/api/v1/inbox?status=assigned&sort=dueDesc&pageSize=200");
        var dues = sorted["items"]!.AsArray().Select(r => r!["dueOn"]!.GetValue<string>()).ToList();
        Assert.Equal(dues.OrderDescending(), dues);

        // The handler's navigation leads to the inbox; the office's does not need it.
        var home = await Html.GetDocumentAsync(browser, "/");
        Assert.NotNull(home.QuerySelector("nav.main-nav a[href='/Inbox']"));
        var officeHome = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("vanphong"), "/");
        Assert.Null(officeHome.QuerySelector("nav.main-nav a[href='/Inbox']"));
    }

    private static List<int> ItemOrder(AngleSharp.Html.Dom.IHtmlDocument page, params int[] ids) =>
        page.QuerySelectorAll("table.inbox tbody tr th a")
            .Select(a => int.Parse(a.GetAttribute("href")!["/Items/".Length..]))
            .Where(ids.Contains)
            .ToList();

    private static async Task<System.Text.Json.Nodes.JsonNode> InboxRowAsync(HttpClient handler, int itemId)
    {
        var inbox = await handler.GetJsonAsync("/api/v1/inbox?status=all&pageSize=200");
        return inbox["items"]!.AsArray().Single(r => r!["itemId"]!.GetValue<int>() == itemId)!;
    }
}
