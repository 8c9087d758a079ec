using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// Who may act on an assigned item: only the handlers of the lead unit work on it, those of a
/// co-operating unit contribute; anyone else is refused (403 if they can see the item, 404 if not)
/// and nothing is saved. Uploads are checked by content and size.
/// </summary>
public sealed class HandlerAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string OtherHandler = "bantuyengiao";

    [Fact]
    public async Task Handlers_of_other_units_cannot_answer_and_nothing_is_saved()
    {
        await app.CreateHandlerAsync(OtherHandler, Propaganda);
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var hidden = await RaiseAsync(office, sessionId, Unique("Ý kiến nội bộ giao Ban Tổ chức"), confidentiality: "internal");
        var open = await RaiseAsync(office, sessionId, Unique("Ý kiến công khai giao Ban Tổ chức"), confidentiality: "public");
        foreach (var id in new[] { hidden, open })
        {
            await app.ReadyToAssignAsync(office, id);
            await office.ActAsync(id, "assign", new { leadUnitId = lead, dueOn = "2026-12-31" });
        }
        // The other unit leads an item of the same session, so it sees the session and its public items.
        var theirs = await RaiseAsync(office, sessionId, Unique("Ý kiến giao Ban Tuyên giáo và Dân vận"));
        await app.ReadyToAssignAsync(office, theirs);
        await office.ActAsync(theirs, "assign", new { leadUnitId = await app.CurrentUnitAsync(Propaganda), dueOn = "2026-12-31" });
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(hidden, "start");
        await handler.ActAsync(open, "start");

        var other = await app.ApiClientAsync(OtherHandler);
        var answer = new { answer = "Trả lời thay", outcome = "resolved" };
        // The internal item is not theirs to see: 404. The public one they can read but not answer: 403.
        await other.RefusedAsync(hidden, "draft-answer", answer, HttpStatusCode.NotFound);
        await other.RefusedAsync(open, "draft-answer", answer, HttpStatusCode.Forbidden);
        Assert.Empty((await other.GetJsonAsync($"/api/v1/items/{open}"))["allowedActions"]!.AsArray());
        Assert.DoesNotContain((await other.GetJsonAsync("/api/v1/inbox?status=all&pageSize=200"))["items"]!.AsArray(),
            r => r!["itemId"]!.GetValue<int>() is var i && (i == hidden || i == open));
        // The office moves items along but does not draft for the unit; a member does nothing.
        await office.RefusedAsync(open, "draft-answer", answer, HttpStatusCode.Forbidden);
        await office.RefusedAsync(open, "start", null, HttpStatusCode.Forbidden);
        await (await app.ApiClientAsync("dangvien")).RefusedAsync(open, "draft-answer", answer, HttpStatusCode.Forbidden);
        // A page post by the other handler is refused the same way.
        var otherBrowser = await app.SignedInBrowserAsync(OtherHandler);
        var post = await PostWithoutFormAsync(otherBrowser, $"/Items/{open}", $"/Items/{open}?handler=Action&action=draft-answer",
            ("Act.Answer", "Trả lời thay"), ("Act.Outcome", "Resolved"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/Items/{hidden}")).StatusCode);

        foreach (var id in new[] { hidden, open })
        {
            var item = await handler.GetJsonAsync($"/api/v1/items/{id}");
            Assert.Equal("inProgress", item["status"]!.GetValue<string>());
            Assert.Null(item["answer"]);
        }
        // A draft without an outcome, an action that does not exist: 400.
        await handler.RefusedAsync(open, "draft-answer", new { answer = "Trả lời" }, HttpStatusCode.BadRequest);
        await handler.RefusedAsync(open, "draft-answer", new { answer = "Trả lời", outcome = "cannotResolveNow" }, HttpStatusCode.BadRequest);
        await handler.RefusedAsync(open, "fly-away", null, HttpStatusCode.BadRequest);
        // The state decides the rest: a handler cannot start twice (409).
        await handler.RefusedAsync(open, "start", null, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Deadlines_in_the_past_are_refused_on_every_form()
    {
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var coUnit = await app.CurrentUnitAsync(Propaganda);
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Ý kiến để thử hạn"));
        await app.ReadyToAssignAsync(office, id);

        await office.RefusedAsync(id, "assign", new { leadUnitId = lead, dueOn = "2026-11-26" }, HttpStatusCode.BadRequest);
        var late = await office.RefusedAsync(id, "assign",
            new { leadUnitId = lead, coUnitIds = new[] { coUnit }, dueOn = "2026-12-31", coOperatingDueOn = "2026-11-20" }, HttpStatusCode.BadRequest);
        Assert.NotNull(late["errors"]!["coOperatingDueOn"]);
        await office.RefusedAsync(id, "assign",
            new { leadUnitId = lead, coUnitIds = new[] { coUnit }, dueOn = "2026-12-31", coOperatingDueOn = "2027-01-05" }, HttpStatusCode.BadRequest);
        Assert.Equal("accepted", (await office.GetJsonAsync($"/api/v1/items/{id}"))["status"]!.GetValue<string>());

        // The co-operating units' default never falls after the lead unit's deadline.
        var assigned = await office.ActAsync(id, "assign", new { leadUnitId = lead, coUnitIds = new[] { coUnit }, dueOn = "2026-12-01" });
        Assert.Equal("2026-12-01", assigned["assignments"]![0]!["coUnits"]![0]!["dueOn"]!.GetValue<string>());

        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(id, "request-extension", new { requestedDueOn = "2026-12-15", reason = "Chờ số liệu" });
        // The leader's page shows the request and the decision form; a past date is refused beside its field.
        var leaderBrowser = await app.SignedInBrowserAsync("lanhdao");
        var leaderPage = await Html.GetDocumentAsync(leaderBrowser, $"/Items/{id}");
        Assert.Contains("Chờ số liệu", leaderPage.QuerySelector("table.extensions")!.TextContent);
        var decideForm = await Html.GetFormAsync(leaderBrowser, $"/Items/{id}", "form[action*='action=decide-extension']");
        Assert.Contains(decideForm, f => f.Key == "Act.GrantedDueOn" && f.Value == "2026-12-15");
        var pastDecision = await leaderBrowser.PostAsync(decideForm.Action, decideForm.With(("Act.Grant", "true"), ("Act.GrantedDueOn", "25/11/2026")));
        Assert.Equal(HttpStatusCode.BadRequest, pastDecision.StatusCode);
        Assert.Contains("Hạn mới không được ở trong quá khứ.",
            (await Html.ParseAsync(pastDecision)).QuerySelector("form[action*='action=decide-extension'] .field-error")!.TextContent);
        var leader = await app.ApiClientAsync("lanhdao");
        await leader.RefusedAsync(id, "decide-extension", new { grant = true, grantedDueOn = "2026-11-25" }, HttpStatusCode.BadRequest);
        await leader.RefusedAsync(id, "decide-extension", new { }, HttpStatusCode.BadRequest);
        var refused = await leader.ActAsync(id, "decide-extension", new { grant = false, note = "Đề nghị hoàn thành đúng hạn" });
        Assert.Equal("refused", refused["extensionRequests"]![0]!["decision"]!.GetValue<string>());
        Assert.Equal("2026-12-01", refused["assignments"]![0]!["dueOn"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_co_operating_unit_contributes_with_a_file_and_the_lead_units_draft_shows_it()
    {
        await app.CreateHandlerAsync(OtherHandler, Propaganda);
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.CurrentUnitAsync(Propaganda);
        var coUnit = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Kiến nghị về công tác dân vận ở thôn"));
        await app.ReadyToAssignAsync(office, id);
        await office.ActAsync(id, "assign", new { leadUnitId = lead, coUnitIds = new[] { coUnit }, dueOn = "2026-12-31", coOperatingDueOn = "2026-12-04" });

        // Ban Tổ chức co-operates: it may contribute and note progress, nothing else.
        var handler = await app.ApiClientAsync("bantochuc");
        Assert.Equal(["progress", "contribute"], (await handler.GetJsonAsync($"/api/v1/items/{id}"))["allowedActions"].Strings());
        var row = (await handler.GetJsonAsync("/api/v1/inbox?role=coOperating&pageSize=200"))["items"]!.AsArray().Single(r => r!["itemId"]!.GetValue<int>() == id)!;
        Assert.Equal("coOperating", row["role"]!.GetValue<string>());
        Assert.Equal("2026-12-04", row["dueOn"]!.GetValue<string>());
        await handler.RefusedAsync(id, "start", null, HttpStatusCode.Forbidden);
        await handler.RefusedAsync(id, "contribute", new { text = "Ý kiến", unitId = lead }, HttpStatusCode.BadRequest);

        // A contribution past the co-operating deadline is overdue until it is sent.
        await app.WithDbAsync(db => db.Set<DoiThoai.Web.Features.Items.AssignmentCoUnit>()
            .Where(c => c.OrgUnitId == coUnit && db.Assignments.Any(a => a.Id == c.AssignmentId && a.ItemId == id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DueOn, new DateOnly(2026, 11, 25))));
        Assert.Contains((await handler.GetJsonAsync("/api/v1/inbox?overdue=true&pageSize=200"))["items"]!.AsArray(), r => r!["itemId"]!.GetValue<int>() == id);

        var docx = OfficeZip("word/document.xml");
        var response = await PostApiWithFilesAsync(handler, id, "contribute", new { text = "Ban Tổ chức đề nghị bổ sung chỉ tiêu phát triển đảng viên." },
            ("Góp ý Ban Tổ chức.docx", docx));
        var contributed = await ApiJson.ReadAsync(response, HttpStatusCode.OK);
        var contribution = contributed["contributions"]!.AsArray().Single()!;
        Assert.Equal(coUnit, contribution["unit"]!["id"]!.GetValue<int>());
        var file = contributed["attachments"]!.AsArray().Single()!;
        Assert.Equal(contribution["id"]!.GetValue<int>(), file["contributionId"]!.GetValue<int>());
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", file["contentType"]!.GetValue<string>());
        Assert.DoesNotContain((await handler.GetJsonAsync("/api/v1/inbox?overdue=true&pageSize=200"))["items"]!.AsArray(), r => r!["itemId"]!.GetValue<int>() == id);

        var api = await handler.GetAsync(file["url"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(docx, await api.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", api.Headers.GetValues("X-Content-Type-Options").Single());

        // The lead unit starts; its draft form shows the contribution above the answer box.
        var leadHandler = await app.ApiClientAsync(OtherHandler);
        await leadHandler.ActAsync(id, "start");
        var page = await Html.GetDocumentAsync(await app.SignedInBrowserAsync(OtherHandler), $"/Items/{id}");
        var form = page.QuerySelector("form[action*='action=draft-answer']")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Contains("Ban Tổ chức đề nghị bổ sung chỉ tiêu phát triển đảng viên.", form.QuerySelector(".contributions-summary")!.TextContent);
        Assert.Contains("Góp ý Ban Tổ chức.docx", page.QuerySelector("section[aria-labelledby='contributions']")!.TextContent);
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_extension_and_size()
    {
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Ý kiến để thử tệp đính kèm"));
        await app.ReadyToAssignAsync(office, id);
        await office.ActAsync(id, "assign", new { leadUnitId = lead, dueOn = "2026-12-31" });
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(id, "start");
        var args = new { answer = "Dự thảo", outcome = "explained" };

        (string Name, byte[] Bytes)[] refused =
        [
            ("chuong-trinh.pdf", Exe()),
            ("anh.pdf", Png()),
            ("nen.docx", OfficeZip(null)),
            ("bang.xlsx", OfficeZip("word/document.xml")),
            ("van-ban.docx", OfficeZip("xl/workbook.xml")),
            ("rong.pdf", []),
            ("ghi-chu.txt", Pdf()),
        ];
        foreach (var (name, bytes) in refused)
        {
            var problem = await ApiJson.AssertProblemAsync(await PostApiWithFilesAsync(handler, id, "draft-answer", args, (name, bytes)), HttpStatusCode.BadRequest);
            Assert.NotNull(problem["errors"]!["files"]);
        }
        Assert.Equal("inProgress", (await handler.GetJsonAsync($"/api/v1/items/{id}"))["status"]!.GetValue<string>());
        Assert.Equal(0, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.ItemId == id)));

        // Files are accepted only with a draft or a contribution.
        await ApiJson.AssertProblemAsync(await PostApiWithFilesAsync(handler, id, "progress", new { note = "Tiến độ" }, ("a.pdf", Pdf())), HttpStatusCode.BadRequest);

        var ok = await ApiJson.ReadAsync(await PostApiWithFilesAsync(handler, id, "draft-answer", args,
            ("bang-so-lieu.xlsx", OfficeZip("xl/workbook.xml")), ("anh chup.PNG", Png()), ("../../etc/van-ban.pdf", Pdf("x"))), HttpStatusCode.OK);
        Assert.Equal(["bang-so-lieu.xlsx", "anh chup.PNG", "van-ban.pdf"], ok["attachments"]!.AsArray().Select(a => a!["fileName"]!.GetValue<string>()));
        // Stored by content under the data folder, never under wwwroot.
        var sha = ok["attachments"]![2]!["sha256"]!.GetValue<string>();
        var root = Path.Combine(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Storage:DataPath"]!, "uploads");
        Assert.True(File.Exists(Path.Combine(root, sha[..2], sha)));

        // A body far over the limit is refused with 413 and a readable page, not a server error.
        var browser = await app.SignedInBrowserAsync("bantochuc");
        var form = await Html.GetFormAsync(browser, $"/Items/{id}", "form[action*='action=draft-answer']");
        var content = new MultipartFormDataContent();
        foreach (var field in form.Where(f => f.Key != "Act.Files")) content.Add(new StringContent(field.Value), field.Key);
        var huge = new HugeContent(100L * 1024 * 1024);
        content.Add(huge, "Act.Files", "to.pdf");
        var tooLarge = await browser.PostAsync(form.Action, content);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("quá lớn", (await Html.ParseAsync(tooLarge)).QuerySelector("h1")!.TextContent);
        var apiTooLarge = new MultipartFormDataContent { { JsonContent(args), "args" }, { new HugeContent(100L * 1024 * 1024), "files", "to.pdf" } };
        await ApiJson.AssertProblemAsync(await handler.PostAsync($"/api/v1/items/{id}/actions/draft-answer/with-files", apiTooLarge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(3, await app.WithDbAsync(db => db.Attachments.CountAsync(a => a.ItemId == id)));
    }

    [Fact]
    public async Task Attachments_are_served_only_to_those_who_may_read_the_item()
    {
        await app.CreateHandlerAsync(OtherHandler, Propaganda);
        var office = await app.ApiClientAsync("vanphong");
        var lead = await app.UnitIdAsync(Organisation);
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, Unique("Ý kiến hạn chế có tệp"), confidentiality: "restricted");
        await app.ReadyToAssignAsync(office, id);
        await office.ActAsync(id, "assign", new { leadUnitId = lead, dueOn = "2026-12-31" });
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(id, "start");
        var item = await ApiJson.ReadAsync(await PostApiWithFilesAsync(handler, id, "draft-answer",
            new { answer = "Dự thảo", outcome = "resolved" }, ("mat.pdf", Pdf())), HttpStatusCode.OK);
        var attachmentId = item["attachments"]![0]!["id"]!.GetValue<int>();

        var url = $"/Items/{id}/Attachments/{attachmentId}";
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInBrowserAsync("vanphong")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInBrowserAsync(OtherHandler)).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInBrowserAsync("dangvien")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInBrowserAsync("vanphong")).GetAsync($"/Items/{id}/Attachments/{attachmentId + 1000}")).StatusCode);
        var anonymous = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        await ApiJson.AssertProblemAsync(await (await app.ApiClientAsync(OtherHandler)).GetAsync($"/api/v1/items/{id}/attachments/{attachmentId}"), HttpStatusCode.NotFound);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object value) => System.Net.Http.Json.JsonContent.Create(value);

    /// <summary>A body of the given length that is never held in memory.</summary>
    private sealed class HugeContent : HttpContent
    {
        private readonly long length;

        public HugeContent(long length)
        {
            this.length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[81920];
            "%PDF-"u8.CopyTo(chunk);
            for (long sent = 0; sent < length; sent += chunk.Length)
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = this.length;
            return true;
        }
    }
}
