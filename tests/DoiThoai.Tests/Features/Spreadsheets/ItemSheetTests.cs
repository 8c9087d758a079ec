using DoiThoai.Tests.Features.Items;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>Item lists as .xlsx: the list page's download, the API's items.xlsx and a session's items.xlsx, each with only what the reader may read.</summary>
public sealed class ItemSheetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Fixture(int SessionId, string Public, string Internal, string Restricted);

    /// <summary>A held session with a public item assigned to Ban Tổ chức, an internal one and a restricted one.</summary>
    private async Task<Fixture> SessionAsync()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var f = new Fixture(sessionId, Unique("Đề nghị công khai tiến độ làm đường, thôn Hạ"), Unique("Ý kiến nội bộ về công tác cán bộ"),
            Unique("Phản ánh mật về một cán bộ xã"));
        var publicId = await RaiseAsync(office, sessionId, f.Public, confidentiality: "public");
        await RaiseAsync(office, sessionId, f.Internal, confidentiality: "internal");
        await RaiseAsync(office, sessionId, f.Restricted, confidentiality: "restricted");
        await app.ReadyToAssignAsync(office, publicId);
        await office.ActAsync(publicId, "assign", new { leadUnitId = await app.UnitIdAsync(Organisation), dueOn = "2026-12-31" });
        return f;
    }

    [Fact]
    public async Task A_sessions_items_xlsx_has_a_bold_frozen_header_widths_real_dates_and_only_the_items_the_reader_may_read()
    {
        var f = await SessionAsync();
        var url = $"/api/v1/sessions/{f.SessionId}/documents/items.xlsx";

        var office = await XlsxBook.GetAsync(await app.ApiClientAsync("vanphong"), url);
        Assert.True(office.ValidationErrors.Count == 0, string.Join("\n", office.ValidationErrors));
        Assert.Equal(["Hội nghị", "Ngày hội nghị", "Số", "Loại", "Thời điểm nêu", "Người nêu", "Đơn vị", "Lĩnh vực", "Nội dung", "Trạng thái",
            "Mức độ mật", "Đơn vị chủ trì giải quyết", "Hạn xử lý"], office.Header);
        Assert.True(office.HeaderIsBold);
        Assert.True(office.HeaderIsFrozen);
        Assert.Equal(13, office.Widths.Count);
        Assert.True(office.Widths[8] > office.Widths[2], "the text column is wider than the number column");
        Assert.Equal("Ý kiến, kiến nghị hội nghị 10-12-2026.xlsx", office.FileName);
        Assert.Equal([f.Public, f.Internal, f.Restricted], office.Data.Select(r => office.Cell(r, "Nội dung")));
        var first = office.Data.First();
        Assert.Equal(["1", "Bí thư Chi bộ thôn Đông", "Đã giao xử lý", "Công khai", Organisation],
            [office.Cell(first, "Số"), office.Cell(first, "Người nêu"), office.Cell(first, "Trạng thái"), office.Cell(first, "Mức độ mật"), office.Cell(first, "Đơn vị chủ trì giải quyết")]);
        // Dates are numbers (days since 1899-12-30) shown dd/mm/yyyy, not text.
        Assert.Equal(new DateTime(2026, 12, 10).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), office.Cell(first, "Ngày hội nghị"));
        Assert.Equal(new DateTime(2026, 12, 31).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), office.Cell(first, "Hạn xử lý"));
        Assert.Equal("dd/mm/yyyy", office.Formats[1][1]);

        // Ban Tổ chức's handler leads the public item only: the internal and restricted ones are not theirs to read.
        var handler = await XlsxBook.GetAsync(await app.ApiClientAsync("bantochuc"), url);
        Assert.Equal([f.Public], handler.Data.Select(r => handler.Cell(r, "Nội dung")));

        // A party member of the province reads the public items only.
        var member = await XlsxBook.GetAsync(await app.ApiClientAsync("dangvien"), url);
        Assert.Equal([f.Public], member.Data.Select(r => member.Cell(r, "Nội dung")));

        // A session the caller may not open is not found, as on the session page.
        var other = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        var refused = await (await app.ApiClientAsync("bantochuc")).GetAsync($"/api/v1/sessions/{other}/documents/items.xlsx");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task The_api_items_xlsx_applies_the_list_filters_within_the_readers_scope()
    {
        var f = await SessionAsync();
        var office = await XlsxBook.GetAsync(await app.ApiClientAsync("vanphong"), $"/api/v1/items.xlsx?sessionId={f.SessionId}&confidentiality=Internal");
        Assert.Equal([f.Internal], office.Data.Select(r => office.Cell(r, "Nội dung")));

        var handler = await XlsxBook.GetAsync(await app.ApiClientAsync("bantochuc"), $"/api/v1/items.xlsx?sessionId={f.SessionId}");
        Assert.Equal([f.Public], handler.Data.Select(r => handler.Cell(r, "Nội dung")));

        var api = await app.ApiClientAsync("vanphong");
        var badStatus = await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/items.xlsx?status=done"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("status phải là một trong: received, classified", badStatus.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var badSession = await ApiJson.AssertProblemAsync(await api.GetAsync("/api/v1/items.xlsx?sessionId=abc"), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("sessionId phải là một số nguyên dương", badSession.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task The_items_list_page_links_an_xlsx_of_the_whole_filtered_list_carrying_its_filters()
    {
        var f = await SessionAsync();
        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, $"/Items?sessionId={f.SessionId}&q={Uri.EscapeDataString("công tác cán bộ")}");
        var link = page.QuerySelector("a[href*='handler=Xlsx']")!.GetAttribute("href")!;
        Assert.Contains($"sessionId={f.SessionId}", link);

        var book = await XlsxBook.GetAsync(browser, link);
        Assert.Equal([f.Internal], book.Data.Select(r => book.Cell(r, "Nội dung")));
        Assert.StartsWith("Danh sách ý kiến, kiến nghị ", book.FileName);

        // The session page links the session's list.
        var session = await Html.GetDocumentAsync(browser, $"/Sessions/{f.SessionId}");
        var sessionLink = session.QuerySelector($"a[href='/Items?handler=Xlsx&sessionId={f.SessionId}']")!.GetAttribute("href")!;
        Assert.Equal(3, (await XlsxBook.GetAsync(browser, sessionLink)).Data.Count());
    }
}
