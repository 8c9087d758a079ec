using System.Net;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// The side exits: duplicates merged into one item keep every speaker and unit attached and
/// counted, and the merge can be undone with nothing deleted; escalation and redirection take a
/// reason that stays in the history.
/// </summary>
public sealed class MergeEscalateRedirectTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Merging_and_unmerging_keeps_every_contributor_and_deletes_nothing()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var nenh = await app.CurrentUnitAsync("Đảng ủy phường Nếnh");
        var personId = await app.PersonIdAsync("Đoàn Văn Mật");
        var main = await RaiseAsync(office, sessionId, Unique("Đề nghị tăng phụ cấp cho bí thư chi bộ"), confidentiality: "public");
        var duplicate = await RaiseAsync(office, sessionId, Unique("Kiến nghị nâng mức phụ cấp bí thư chi bộ thôn"), personId, "public", onBehalfOfUnitId: nenh);
        await office.ActAsync(duplicate, "classify", new { topicId = await app.TopicIdAsync() });
        var itemsBefore = await app.WithDbAsync(db => db.Items.CountAsync());

        // Not into itself, not into something that does not exist; never by a handler.
        await office.RefusedAsync(duplicate, "merge", new { targetItemId = duplicate }, HttpStatusCode.BadRequest);
        await office.RefusedAsync(duplicate, "merge", new { targetItemId = 999_999 }, HttpStatusCode.BadRequest);
        await office.RefusedAsync(duplicate, "merge", new { }, HttpStatusCode.BadRequest);
        // The member who raised it sees it but may not merge it; a handler of an unrelated unit does not even see it.
        await (await app.ApiClientAsync("dangvien")).RefusedAsync(duplicate, "merge", new { targetItemId = main }, HttpStatusCode.Forbidden);
        await (await app.ApiClientAsync("bantochuc")).RefusedAsync(duplicate, "merge", new { targetItemId = main }, HttpStatusCode.NotFound);

        var merged = await office.ActAsync(duplicate, "merge", new { targetItemId = main });
        Assert.Equal("merged", merged["status"]!.GetValue<string>());
        Assert.Equal(main, merged["mergedIntoItemId"]!.GetValue<int>());
        Assert.Equal(["unmerge"], merged["allowedActions"].Strings());
        var target = await office.GetJsonAsync($"/api/v1/items/{main}");
        var contributor = target["mergedItems"]!.AsArray().Single()!;
        Assert.Equal(duplicate, contributor["id"]!.GetValue<int>());
        Assert.Equal("Đoàn Văn Mật", contributor["speaker"]!.GetValue<string>());
        Assert.Equal(nenh, contributor["onBehalfOfUnit"]!["id"]!.GetValue<int>());
        Assert.Equal("merge-in", target.HistoryActions().Last());
        Assert.Equal(itemsBefore, await app.WithDbAsync(db => db.Items.CountAsync()));

        // An item that others were merged into is not folded into a third one (no hidden chains).
        var third = await RaiseAsync(office, sessionId, Unique("Ý kiến thứ ba về phụ cấp"));
        await office.RefusedAsync(main, "merge", new { targetItemId = third }, HttpStatusCode.BadRequest);
        // A merged item is not a merge target either.
        await office.RefusedAsync(third, "merge", new { targetItemId = duplicate }, HttpStatusCode.BadRequest);

        // The main item's answer, once final, is the duplicate's answer too; the duplicate stays merged.
        await office.ActAsync(main, "answer", new { answer = "Tỉnh sẽ trình HĐND nâng mức phụ cấp.", outcome = "scheduled", answeredBy = "Thân Văn Khoa" });
        var withAnswer = await office.GetJsonAsync($"/api/v1/items/{duplicate}");
        Assert.Equal("merged", withAnswer["status"]!.GetValue<string>());
        Assert.Equal("Tỉnh sẽ trình HĐND nâng mức phụ cấp.", withAnswer["mergedInto"]!["answer"]!.GetValue<string>());
        var browser = await app.SignedInBrowserAsync("dangvien");
        var page = await Html.GetDocumentAsync(browser, $"/Items/{duplicate}");
        Assert.Contains("Tỉnh sẽ trình HĐND nâng mức phụ cấp.", page.QuerySelector("section.merged-into")!.TextContent);
        var mainPage = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("vanphong"), $"/Items/{main}");
        Assert.Contains("Đoàn Văn Mật", mainPage.QuerySelector("table.merged-items")!.TextContent);

        // Undone: back to where it was, the link gone, both history trails kept.
        var unmerged = await office.ActAsync(duplicate, "unmerge");
        Assert.Equal("classified", unmerged["status"]!.GetValue<string>());
        Assert.Null(unmerged["mergedIntoItemId"]);
        Assert.Equal(["raise", "classify", "merge", "unmerge"], unmerged.HistoryActions());
        Assert.Equal("Đoàn Văn Mật", unmerged["speaker"]!.GetValue<string>());
        Assert.Equal(nenh, unmerged["onBehalfOfUnit"]!["id"]!.GetValue<int>());
        target = await office.GetJsonAsync($"/api/v1/items/{main}");
        Assert.Empty(target["mergedItems"]!.AsArray());
        Assert.Contains("merge-in", target.HistoryActions());
        Assert.Contains("merge-out", target.HistoryActions());
        Assert.Equal(itemsBefore + 1, await app.WithDbAsync(db => db.Items.CountAsync()));
    }

    [Fact]
    public async Task Merging_through_the_page_offers_items_of_the_same_session()
    {
        var browser = await app.SignedInBrowserAsync("vanphong");
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var main = await RaiseAsync(office, sessionId, Unique("Ý kiến chính về đất ở"));
        var duplicate = await RaiseAsync(office, sessionId, Unique("Ý kiến trùng về đất ở"));

        var form = await Html.GetFormAsync(browser, $"/Items/{duplicate}", "form[action*='action=merge']");
        var page = await Html.GetDocumentAsync(browser, $"/Items/{duplicate}");
        Assert.NotNull(page.QuerySelector($"#merge-target option[value='{main}']"));
        Assert.Null(page.QuerySelector($"#merge-target option[value='{duplicate}']"));
        var empty = await browser.PostAsync(form.Action, form.With(("Act.TargetItemId", "")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var done = await FollowAsync(browser, await browser.PostAsync(form.Action, form.With(("Act.TargetItemId", Id(main)))));
        Assert.Contains("Đã gộp", done.QuerySelector("h1 + p .status")!.TextContent);
        Assert.NotNull(done.QuerySelector("form[action*='action=unmerge']"));
        var unmerge = await Html.GetFormAsync(browser, $"/Items/{duplicate}", "form[action*='action=unmerge']");
        var back = await FollowAsync(browser, await browser.PostAsync(unmerge.Action, unmerge.With()));
        Assert.Contains("Mới tiếp nhận", back.QuerySelector("h1 + p .status")!.TextContent);
    }

    [Fact]
    public async Task Escalation_and_redirection_need_a_reason_that_stays_in_the_history()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var up = await RaiseAsync(office, sessionId, Unique("Kiến nghị sửa Điều lệ Đảng về tuổi kết nạp"));
        var away = await RaiseAsync(office, sessionId, Unique("Đơn tố cáo cán bộ xã nhận tiền"));

        await office.RefusedAsync(up, "escalate", new { to = "Ban Tổ chức Trung ương" }, HttpStatusCode.BadRequest);
        await office.RefusedAsync(up, "escalate", new { reason = "Thuộc thẩm quyền Trung ương" }, HttpStatusCode.BadRequest);
        await office.RefusedAsync(away, "redirect", new { reason = "  " }, HttpStatusCode.BadRequest);
        await (await app.ApiClientAsync("bantochuc")).RefusedAsync(up, "escalate",
            new { to = "Trung ương", reason = "x" }, HttpStatusCode.NotFound);

        var escalated = await office.ActAsync(up, "escalate", new { to = "Ban Tổ chức Trung ương", reason = "Thuộc thẩm quyền sửa đổi Điều lệ" });
        Assert.Equal("escalated", escalated["status"]!.GetValue<string>());
        Assert.Equal("Ban Tổ chức Trung ương", escalated["escalatedTo"]!.GetValue<string>());
        var note = escalated["history"]!.AsArray().Last()!["note"]!.GetValue<string>();
        Assert.Contains("Ban Tổ chức Trung ương", note);
        Assert.Contains("Thuộc thẩm quyền sửa đổi Điều lệ", note);

        var redirected = await office.ActAsync(away, "redirect", new { reason = "Tố cáo: chuyển Ủy ban Kiểm tra giải quyết theo quy định" });
        Assert.Equal("redirected", redirected["status"]!.GetValue<string>());
        Assert.Equal("Tố cáo: chuyển Ủy ban Kiểm tra giải quyết theo quy định", redirected["history"]!.AsArray().Last()!["note"]!.GetValue<string>());
        Assert.Equal("closed", (await office.ActAsync(away, "close"))["status"]!.GetValue<string>());

        var page = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("vanphong"), $"/Items/{up}");
        Assert.Contains("Ban Tổ chức Trung ương", page.QuerySelector("dl.facts")!.TextContent);
        Assert.Contains("Chuyển cấp trên", string.Join("\n", HistoryRows(page)));
    }
}
