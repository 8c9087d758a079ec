using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Items.Import;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>
/// Importing a paper list into a session from the session's import page: upload, preview with the
/// row numbers of every problem, confirm, a background job with a progress page; all or nothing,
/// and bad files refused with a Vietnamese message and nothing saved.
/// </summary>
public sealed class ItemImportPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Header = ["Người nêu", "Nội dung", "Đơn vị", "Lĩnh vực", "Loại", "Mức độ mật"];

    internal static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, int sessionId, byte[] bytes, string fileName, string encoding = "Utf8")
    {
        var page = await Html.GetDocumentAsync(browser, $"/Sessions/{sessionId}/Import");
        var token = page.QuerySelector("form.import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(encoding), "FileEncoding" },
            { new ByteArrayContent(bytes), "Upload", fileName },
        };
        return await browser.PostAsync($"/Sessions/{sessionId}/Import", content);
    }

    internal static async Task<HttpResponseMessage> ConfirmAsync(HttpClient browser, IHtmlDocument preview)
    {
        var form = FormFields.From((IHtmlFormElement)preview.QuerySelector("form[action*='handler=Confirm']")!);
        return await browser.PostAsync(form.Action, form.With());
    }

    private static string[] Errors(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".errors li, .import-preview tr.invalid").Select(e => e.TextContent.Trim()).Where(e => e.Length > 0)];

    private Task<int> ItemCountAsync(int sessionId) => app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == sessionId));

    /// <summary>
    /// Text as Windows-1258 writes it: base letters (with ê, ô, ơ, ư, đ precomposed) and the five
    /// tone marks as combining characters, which is how the caller spells the text.
    /// </summary>
    internal static byte[] Ansi(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding(1258, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(text);
        Assert.DoesNotContain((byte)'?', bytes);
        return bytes;
    }

    private static byte[] Csv(params string[][] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\r\n", rows.Select(r => string.Join(",", r.Select(c => "\"" + c.Replace("\"", "\"\"") + "\"")))));

    [Fact]
    public async Task An_xlsx_list_is_previewed_confirmed_and_imported_by_a_background_job_with_a_progress_page()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var topic = await app.WithDbAsync(db => db.Topics.Where(t => t.IsActive).OrderBy(t => t.Id).Select(t => t.Name).FirstAsync());
        var first = Unique("Đề nghị tăng phụ cấp cho bí thư chi bộ thôn");
        var second = Unique("Kiến nghị sớm sắp xếp cán bộ cấp xã");

        var session = await Html.GetDocumentAsync(office, $"/Sessions/{sessionId}");
        Assert.NotNull(session.QuerySelector($"a[href='/Sessions/{sessionId}/Import']"));

        var upload = await UploadAsync(office, sessionId, XlsxBook.Xlsx(
            Header,
            ["Nguyễn Văn An, Bí thư Chi bộ thôn Đông", first, Organisation, topic, "Kiến nghị", "Công khai"],
            ["", second, "", "", "", ""]), "danh-sach.xlsx");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var preview = await Html.ParseAsync(upload);
        var rows = preview.QuerySelectorAll(".import-preview tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Nguyễn Văn An", rows[0]);
        Assert.Contains("Không ghi tên", rows[1]);
        Assert.Empty(Errors(preview));
        Assert.Equal(0, await ItemCountAsync(sessionId));

        var confirmed = await ConfirmAsync(office, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var progressUrl = confirmed.Headers.Location!.OriginalString;
        Assert.StartsWith($"/Sessions/{sessionId}/Import/", progressUrl);
        await app.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(progressUrl));

        var progress = await office.GetAsync(progressUrl);
        Assert.False(progress.Headers.Contains("Refresh"), "a finished job does not reload itself");
        var done = await Html.ParseAsync(progress);
        Assert.Contains("Đã nhập 2 ý kiến vào hội nghị.", done.QuerySelector(".flash")!.TextContent);
        Assert.Equal("2", done.QuerySelector("progress")!.GetAttribute("value"));

        var items = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId).OrderBy(i => i.Number)
            .Select(i => new { i.Number, i.SpeakerName, i.Text, Unit = i.OnBehalfOfUnit!.Name, Topic = i.Topic!.Name, i.Kind, i.Confidentiality, i.Stage }).ToListAsync());
        Assert.Equal(2, items.Count);
        Assert.Equal((1, "Nguyễn Văn An, Bí thư Chi bộ thôn Đông", first, Organisation, topic), (items[0].Number, items[0].SpeakerName, items[0].Text, items[0].Unit, items[0].Topic));
        Assert.Equal((ItemKind.Recommendation, Confidentiality.Public, RaisedStage.AtSession),
            (items[0].Kind, items[0].Confidentiality, items[0].Stage));
        Assert.Equal(("Không ghi tên", Confidentiality.Internal), (items[1].SpeakerName, items[1].Confidentiality));

        // Another user does not see the job; the kept upload is gone once imported.
        var other = await app.SignedInBrowserAsync("lanhdao");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(progressUrl)).StatusCode);
        var again = await ConfirmAsync(office, preview);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Tệp đã tải lên không còn", (await Html.ParseAsync(again)).QuerySelector(".errors")!.TextContent);
        Assert.Equal(2, await ItemCountAsync(sessionId));
    }

    /// <summary>The job's id at the end of its progress page's address.</summary>
    internal static Guid JobId(string progressUrl) => Guid.Parse(progressUrl.Split('/')[^1]);

    private Task<string> UserIdAsync(string userName) => app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    [Fact]
    public async Task A_job_whose_node_died_shows_as_failed_another_nodes_job_shows_its_row_and_old_jobs_are_removed()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var actor = new Actor(await UserIdAsync("vanphong"), "Văn phòng");
        var now = app.Clock.GetUtcNow().UtcDateTime;
        // A node died mid-import ten minutes ago (its transaction rolled back): the row still says running.
        var dead = ImportJob.Start(Guid.NewGuid(), sessionId, actor, 1_000, now.AddMinutes(-10));
        // Another node imports now: it wrote its count and heartbeat a few seconds ago.
        var elsewhere = ImportJob.Start(Guid.NewGuid(), sessionId, actor, 1_000, now.AddSeconds(-5));
        // Finished seven hours ago.
        var old = ImportJob.Start(Guid.NewGuid(), sessionId, actor, 1, now.AddHours(-7));
        await app.WithDbAsync(async db =>
        {
            db.ImportJobs.AddRange(dead, elsewhere, old);
            await db.SaveChangesAsync();
            await db.ImportJobs.Where(j => j.Id == elsewhere.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.RowsRead, 500));
            return await db.ImportJobs.Where(j => j.Id == old.Id).ExecuteUpdateAsync(u => u.SetProperty(j => j.State, ImportJobState.Done));
        });

        var failed = await office.GetAsync($"/Sessions/{sessionId}/Import/{dead.Id:N}");
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.False(failed.Headers.Contains("Refresh"), "a dead job is over: the page does not reload itself");
        var failedPage = await Html.ParseAsync(failed);
        var alert = failedPage.QuerySelector("[role=alert]")!.TextContent;
        Assert.Contains("không ý kiến nào được lưu", alert);
        Assert.Contains("Máy chủ đã dừng hoặc khởi động lại trong khi nhập", alert);
        Assert.Null(failedPage.QuerySelector("progress"));
        Assert.NotNull(failedPage.QuerySelector($"a[href='/Sessions/{sessionId}/Import']"));

        var running = await office.GetAsync($"/Sessions/{sessionId}/Import/{elsewhere.Id:N}");
        Assert.Equal("2", running.Headers.GetValues("Refresh").Single());
        var runningPage = await Html.ParseAsync(running);
        Assert.Contains("Đang nhập: 500 / 1.000 ý kiến.", runningPage.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("500", runningPage.QuerySelector("progress")!.GetAttribute("value"));

        // Someone else's job, or the job under another session's address, does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInBrowserAsync("lanhdao")).GetAsync($"/Sessions/{sessionId}/Import/{dead.Id:N}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Sessions/{sessionId + 1}/Import/{dead.Id:N}")).StatusCode);
        Assert.Equal(0, await ItemCountAsync(sessionId));

        // Starting an import removes the jobs over six hours old, and only those.
        var preview = await Html.ParseAsync(await UploadAsync(office, sessionId, Csv(Header, ["A", Unique("Ý kiến sau khi dọn việc cũ"), "", "", "", ""]), "moi.csv"));
        var confirmed = (await ConfirmAsync(office, preview)).Headers.Location!.OriginalString;
        await app.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(confirmed));
        var left = await app.WithDbAsync(db => db.ImportJobs.Where(j => j.SessionId == sessionId).Select(j => j.Id).ToListAsync());
        Assert.Equal(new[] { dead.Id, elsewhere.Id, JobId(confirmed) }.Order(), left.Order());
        Assert.Equal(1, await ItemCountAsync(sessionId));
    }

    [Fact]
    public async Task A_job_failing_midway_saves_nothing_and_its_row_says_so_with_the_count_written_beside_the_transaction()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var jobs = app.Services.GetRequiredService<ImportJobs>();
        var actor = new Actor(await UserIdAsync("vanphong"), "Văn phòng");
        // 1,200 good rows, then one for a session that does not exist: it fails after two batches of 500 were written.
        var rows = Enumerable.Range(1, 1_200).Select(k => Items.ItemImportTests.Row(sessionId, $"Ý kiến số {k} của danh sách hỏng"))
            .Append(Items.ItemImportTests.Row(int.MaxValue, "Ý kiến lạc")).ToList();
        var job = await app.WithDbAsync(db => jobs.StartAsync(db, Guid.NewGuid(), sessionId, rows, actor));
        await jobs.WhenFinished(job.Id);

        var row = await app.WithDbAsync(db => db.ImportJobs.AsNoTracking().SingleAsync(j => j.Id == job.Id));
        Assert.Equal((ImportJobState.Failed, "Không tìm thấy hội nghị số 2147483647.", 0, 1_201), (row.State, row.Error, row.Imported, row.Total));
        // PostgreSQL: each batch's count was committed on the job's own connection, outside the import's
        // transaction, which rolled back. SQLite (its one writer was the import) kept the count in memory.
        Assert.Equal(app.Provider == "Postgres" ? 1_000 : 0, row.RowsRead);
        Assert.Equal(0, await ItemCountAsync(sessionId));
        var page = await Html.ParseAsync(await office.GetAsync($"/Sessions/{sessionId}/Import/{job.Id:N}"));
        Assert.Contains("Không tìm thấy hội nghị số 2147483647.", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Row_problems_are_listed_with_their_row_numbers_and_nothing_is_imported_while_one_remains()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var upload = await UploadAsync(office, sessionId, XlsxBook.Xlsx(
            ["Nội dung", "Người nêu", "Lĩnh vực"],
            [Unique("Ý kiến tốt"), "Đảng viên A", ""],
            ["", "Đảng viên B", ""],
            [Unique("Ý kiến có lĩnh vực lạ"), "Đảng viên C", "Lĩnh vực không có"],
            ["=A2&A3", "Đảng viên D", ""],
            [Unique("Ý kiến tốt nữa"), "Đảng viên E", ""]), "loi.xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        var preview = await Html.ParseAsync(upload);
        var invalid = preview.QuerySelectorAll(".import-preview tr.invalid").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.TextContent);
        Assert.Equal(["3", "4", "5"], invalid.Keys.Order());
        Assert.Contains("thiếu nội dung", invalid["3"]);
        Assert.Contains("không có lĩnh vực “Lĩnh vực không có”", invalid["4"]);
        Assert.Contains("ô A5 chứa công thức", invalid["5"]);
        Assert.Null(preview.QuerySelector("form[action*='handler=Confirm']"));
        Assert.Contains("3 dòng có lỗi", preview.QuerySelector("[role=status]")!.TextContent);

        // Posting the confirmation anyway (a stale or forged form) imports nothing either.
        var token = preview.QuerySelector("form.import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var kept = Directory.EnumerateFiles(Path.Combine(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Storage:DataPath"]!, "imports"), "*.xlsx", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var forced = await office.PostAsync($"/Sessions/{sessionId}/Import?handler=Confirm", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token), new("Token", Path.GetFileName(kept)), new("FileEncoding", "Utf8"),
        ]));
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Equal(0, await ItemCountAsync(sessionId));
    }

    [Fact]
    public async Task Bad_files_are_refused_with_a_vietnamese_message_and_nothing_saved()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));

        async Task<string> RefusedAsync(byte[] bytes, string fileName, string encoding = "Utf8")
        {
            var response = await UploadAsync(office, sessionId, bytes, fileName, encoding);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = await Html.ParseAsync(response);
            return string.Join(" | ", page.QuerySelectorAll(".errors li, .errors").Select(e => e.TextContent.Trim()).Distinct());
        }

        Assert.Contains("thiếu cột “Nội dung”", await RefusedAsync(Csv(["Họ tên", "Ý kiến"], ["A", "B"]), "sai-cot.csv"));
        Assert.Contains("cột “Họ tên” không có trong mẫu", await RefusedAsync(Csv(["Họ tên", "Ý kiến"], ["A", "B"]), "sai-cot.csv"));
        Assert.Contains("tệp trống", await RefusedAsync([], "rong.csv"));
        Assert.Contains("chỉ có dòng tiêu đề", await RefusedAsync(Csv(Header), "chi-tieu-de.csv"));
        Assert.Contains("Chỉ nhận tệp .xlsx (Excel) hoặc .csv", await RefusedAsync("x"u8.ToArray(), "danh-sach.txt"));
        Assert.Contains("không phải bảng tính Excel .xlsx hợp lệ", await RefusedAsync(Encoding.UTF8.GetBytes("Người nêu,Nội dung"), "gia.xlsx"));
        var many = Csv([.. new[] { Header }.Concat(Enumerable.Range(1, ItemSheetImport.MaxRows + 1).Select(k => new[] { "A", $"Ý kiến {k}", "", "", "", "" }))]);
        Assert.Contains("quá nhiều dòng", await RefusedAsync(many, "nhieu.csv"));

        // A CSV saved as "ANSI" on a Vietnamese Windows: Windows-1258 (base letters, combining tone marks).
        var ansi = Ansi("Ngươ\u0300i nêu,Nô\u0323i dung\r\nĐa\u0309ng viên,Y\u0301 kiê\u0301n vê\u0300 đâ\u0301t\r\n");
        Assert.Contains("không phải mã hóa UTF-8", await RefusedAsync(ansi, "ansi.csv"));
        Assert.Equal(0, await ItemCountAsync(sessionId));

        // Read as Windows-1258 when the user says so, and stored as NFC Unicode.
        var converted = await UploadAsync(office, sessionId, ansi, "ansi.csv", "Windows1258");
        Assert.Equal(HttpStatusCode.OK, converted.StatusCode);
        var preview = await Html.ParseAsync(converted);
        Assert.Contains("Đảng viên", preview.QuerySelector(".import-preview tbody tr")!.TextContent);
        Assert.Contains("Ý kiến về đất", preview.QuerySelector(".import-preview tbody tr")!.TextContent);
        var confirmed = await ConfirmAsync(office, preview);
        await app.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(confirmed.Headers.Location!.OriginalString));
        Assert.Equal("Ý kiến về đất", await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId).Select(i => i.Text).SingleAsync()));
    }

    [Fact]
    public async Task An_upload_of_100_mb_is_answered_413_with_a_message_and_nothing_is_kept()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var response = await UploadAsync(office, sessionId, new byte[100 * 1024 * 1024], "lon.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Dữ liệu gửi lên quá lớn", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ItemCountAsync(sessionId));
    }

    [Fact]
    public async Task Only_the_office_and_leaders_of_the_host_import_and_templates_carry_the_headers()
    {
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        // The member reads the session (the province is their unit's parent) but may not import into it.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInBrowserAsync("dangvien")).GetAsync($"/Sessions/{sessionId}/Import")).StatusCode);
        var session = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("dangvien"), $"/Sessions/{sessionId}");
        Assert.Null(session.QuerySelector($"a[href='/Sessions/{sessionId}/Import']"));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInBrowserAsync("bantochuc")).GetAsync($"/Sessions/{sessionId}/Import")).StatusCode);

        var leader = await app.SignedInBrowserAsync("lanhdao");
        var page = await Html.GetDocumentAsync(leader, $"/Sessions/{sessionId}/Import");
        var xlsx = await leader.GetAsync($"/Sessions/{sessionId}/Import" + page.QuerySelector("a[href*='format=xlsx']")!.GetAttribute("href"));
        Assert.Equal(Header, XlsxBook.Read(await xlsx.Content.ReadAsByteArrayAsync()).Header);
        var csv = await leader.GetAsync($"/Sessions/{sessionId}/Import" + page.QuerySelector("a[href*='format=csv']")!.GetAttribute("href"));
        var csvText = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFF" + string.Join(",", Header) + "\r\n", csvText);
    }
}
