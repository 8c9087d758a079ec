using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Wordprocessing;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Sessions;
using static DoiThoai.Tests.Features.Items.ItemFlow;

namespace DoiThoai.Tests.Features.Documents;

/// <summary>
/// The session's Party documents: each passes the Open XML validator, reads back with the header,
/// title, items, answers and signature blocks of the record, follows the layout of HD 36-HD/VPTW,
/// and holds only what its reader may read.
/// </summary>
public sealed class SessionDocumentsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Url(int sessionId, string name) => $"/api/v1/sessions/{sessionId}/documents/{name}";

    [Theory]
    [InlineData("minutes.docx")]
    [InlineData("conclusions.docx")]
    [InlineData("items-summary.docx")]
    public async Task Every_document_of_the_seed_session_passes_the_validator_in_the_party_layout(string name)
    {
        var doc = await Docx.GetAsync(await app.ApiClientAsync("vanphong"), Url(await app.SeedSessionIdAsync(), name));

        Assert.True(doc.ValidationErrors.Count == 0, string.Join("\n", doc.ValidationErrors));
        Assert.Equal("Times New Roman", doc.DefaultFont);
        var national = doc.Run("ĐẢNG CỘNG SẢN VIỆT NAM");
        Assert.True(national.Bold && national.Underline);
        Assert.True(doc.Run("TỈNH ỦY BẮC GIANG").Bold);
        Assert.Contains("*", doc.Paragraphs);
        Assert.Contains(doc.Runs, r => r.Italic && r.Text.Contains(", ngày ", StringComparison.Ordinal));
        // A4 (210 × 297 mm), margins 20 / 20 / 30 / 15 mm.
        var size = doc.Section.GetFirstChild<PageSize>()!;
        var margin = doc.Section.GetFirstChild<PageMargin>()!;
        Assert.Equal((11906u, 16838u), name == "items-summary.docx" ? (size.Height!.Value, size.Width!.Value) : (size.Width!.Value, size.Height!.Value));
        Assert.Equal(name == "items-summary.docx" ? PageOrientationValues.Landscape : PageOrientationValues.Portrait, size.Orient!.Value);
        Assert.Equal((1134, 1134, 1701u, 851u), (margin.Top!.Value, margin.Bottom!.Value, margin.Left!.Value, margin.Right!.Value));
    }

    [Fact]
    public async Task The_minutes_hold_time_place_chairs_secretary_attendance_every_item_answers_conclusions_and_signatures()
    {
        var doc = await Docx.GetAsync(await app.ApiClientAsync("vanphong"), Url(await app.SeedSessionIdAsync(), "minutes.docx"));
        var text = doc.AllText;

        Assert.Equal("Biên bản hội nghị 08-09-2017.docx", doc.FileName);
        Assert.Contains("Số      -BB/TU", doc.Paragraphs);
        Assert.Contains("Việt Yên, ngày 08 tháng 9 năm 2017", doc.Paragraphs);
        Assert.True(doc.Run("BIÊN BẢN").Bold);
        Assert.Contains("Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 08 tháng 9 năm 2017.", doc.Paragraphs);
        Assert.Contains("Địa điểm: Hội trường Huyện ủy Việt Yên, thị trấn Bích Động, huyện Việt Yên.", doc.Paragraphs);
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("Chủ trì: đồng chí Thân Văn Khoa, Phó Bí thư Thường trực Tỉnh ủy; đồng chí Nguyễn Văn Cảnh", StringComparison.Ordinal));
        Assert.Contains("Thư ký: đồng chí Nguyễn Thị Thanh Hà, chuyên viên Văn phòng Tỉnh ủy.", doc.Paragraphs);
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("Có mặt: 132 đồng chí.", StringComparison.Ordinal));
        Assert.Contains("Vắng mặt: ……………………", doc.Paragraphs);
        Assert.Contains("Huyện ủy Việt Yên báo cáo kết quả công tác xây dựng Đảng", text);

        // Every item, numbered as read out, with its speaker; the answers given at the session.
        var items = await app.WithDbAsync(db => db.Items.Where(i => i.Session!.StartsAtUtc.Year == 2017).OrderBy(i => i.Number)
            .Select(i => new { i.Number, i.Text, i.Answer }).ToListAsync());
        Assert.Equal(16, items.Count);
        foreach (var item in items)
            Assert.Contains(doc.Paragraphs, p => p.StartsWith($"{item.Number}. Đồng chí ", StringComparison.Ordinal) && p.EndsWith(item.Text, StringComparison.Ordinal));
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("2. Đồng chí Đoàn Văn Mật (Chi bộ thôn Nội Ninh): ", StringComparison.Ordinal));
        var answered = items.First(i => i.Number == 2).Answer!;
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("Trả lời của đồng chí Thân Văn Khoa", StringComparison.Ordinal) && p.EndsWith(answered, StringComparison.Ordinal));

        Assert.Contains(doc.Paragraphs, p => p.StartsWith("1. Các cấp ủy trong Đảng bộ huyện quán triệt", StringComparison.Ordinal));
        Assert.True(doc.Run("THƯ KÝ").Bold && doc.Run("CHỦ TRÌ").Bold);
        Assert.Contains("Nguyễn Thị Thanh Hà", doc.Paragraphs);
        Assert.Contains("Thân Văn Khoa", doc.Paragraphs);
    }

    [Fact]
    public async Task The_conclusion_notice_lists_the_directions_with_their_units_and_deadlines_and_is_signed_for_the_standing_committee()
    {
        var doc = await Docx.GetAsync(await app.ApiClientAsync("lanhdao"), Url(await app.SeedSessionIdAsync(), "conclusions.docx"));

        Assert.Equal("Thông báo kết luận hội nghị 08-09-2017.docx", doc.FileName);
        Assert.Contains("Số      -TB/TU", doc.Paragraphs);
        // Issued on 14/09/2017 at the provincial committee.
        Assert.Contains("Bắc Giang, ngày 14 tháng 9 năm 2017", doc.Paragraphs);
        Assert.Contains("THÔNG BÁO", doc.Paragraphs);
        Assert.Contains(doc.Paragraphs, p => p.StartsWith("Ngày 08 tháng 9 năm 2017, tại Hội trường Huyện ủy Việt Yên", StringComparison.Ordinal));
        Assert.Contains("PHÂN CÔNG THỰC HIỆN", doc.Paragraphs);
        var table = doc.Paragraphs.SkipWhile(p => p != "PHÂN CÔNG THỰC HIỆN").ToList();
        Assert.Contains("Huyện ủy Việt Yên", table);
        Assert.Contains("31/12/2017", table);
        Assert.Contains("Ủy ban Kiểm tra Tỉnh ủy Bắc Giang", table);
        Assert.Contains("30/6/2018", table);
        Assert.Contains("Nơi nhận:", doc.Paragraphs);
        Assert.Contains("- Lưu Văn phòng.", doc.Paragraphs);
        Assert.True(doc.Run("T/M BAN THƯỜNG VỤ").Bold);
        Assert.Contains("PHÓ BÍ THƯ THƯỜNG TRỰC TỈNH ỦY", doc.Paragraphs);
    }

    [Fact]
    public async Task The_items_summary_is_a_landscape_annex_grouped_by_topic_then_responsible_unit()
    {
        var doc = await Docx.GetAsync(await app.ApiClientAsync("vanphong"), Url(await app.SeedSessionIdAsync(), "items-summary.docx"));

        Assert.Contains("PHỤ LỤC", doc.Paragraphs);
        Assert.Contains("Bảng tổng hợp ý kiến, kiến nghị", doc.Paragraphs);
        var groups = doc.Paragraphs.Where(p => System.Text.RegularExpressions.Regex.IsMatch(p, @"^[IVX]+\. ")).ToList();
        Assert.Equal("I. Vai trò lãnh đạo của cấp ủy", groups[0]);
        Assert.True(groups.Count >= 5, string.Join(" | ", groups));
        // Under each topic its units, the unassigned last; every item once.
        var topic = doc.Paragraphs.SkipWhile(p => p != groups[0]).Skip(1).TakeWhile(p => p != groups[1]).ToList();
        Assert.Matches(@"^1\. ", topic[0]);
        Assert.Contains("Tổng số: 16 ý kiến, kiến nghị.", doc.Paragraphs);
        foreach (var n in Enumerable.Range(1, 16)) Assert.Single(doc.Paragraphs, p => p == n.ToString());
    }

    [Fact]
    public async Task What_the_record_lacks_is_left_as_a_dotted_line_and_a_draft_notice_is_only_for_those_running_the_session()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);

        var minutes = await Docx.GetAsync(office, Url(sessionId, "minutes.docx"));
        Assert.Empty(minutes.ValidationErrors);
        Assert.Contains("Thư ký: ……………………", minutes.Paragraphs);
        Assert.Contains("Chủ trì: ……………………", minutes.Paragraphs);
        Assert.Contains("Có mặt: 60 đồng chí.", minutes.Paragraphs);
        Assert.Contains("Không có ý kiến phát biểu.", minutes.Paragraphs);
        Assert.Equal("……………………", minutes.Paragraphs[^1]); // the chair's name, to write under the signature
        // The office sees its draft notice, without a date yet; a member waits until it is issued.
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = "Rà soát chế độ phụ cấp cho bí thư chi bộ" }, HttpStatusCode.Created);
        var draft = await Docx.GetAsync(office, Url(sessionId, "conclusions.docx"));
        Assert.Contains("Bắc Ninh, ngày    tháng    năm 20…", draft.Paragraphs);
        Assert.Contains("Rà soát chế độ phụ cấp cho bí thư chi bộ", draft.Paragraphs);
        var member = await app.ApiClientAsync("dangvien");
        await ApiJson.AssertProblemAsync(await member.GetAsync(Url(sessionId, "conclusions.docx")), HttpStatusCode.NotFound);
        await Docx.GetAsync(member, Url(sessionId, "minutes.docx"));
        var page = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("dangvien"), $"/Sessions/{sessionId}");
        Assert.Equal(["Minutes", "ItemsSummary"], page.QuerySelectorAll("#documents ~ ul a").Select(a => a.GetAttribute("href")!.Split('/')[^1]));
    }

    [Fact]
    public async Task Outsiders_get_404_and_restricted_items_and_unsettled_answers_stay_with_those_who_may_read_them()
    {
        const string word = "Quyxdocz";
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        await RaiseAsync(office, sessionId, $"Kiến nghị công khai về {word} ở thôn", confidentiality: "public");
        await RaiseAsync(office, sessionId, $"Phản ánh hạn chế về {word} của cán bộ xã", confidentiality: "restricted");
        var answered = await RaiseAsync(office, sessionId, $"Đề nghị giải thích quy định {word}", confidentiality: "public");
        await office.ActAsync(answered, "answer", new { answer = $"Trả lời tại chỗ về {word}", outcome = "explained", answeredBy = "Bí thư Tỉnh ủy" });
        var drafted = await RaiseAsync(office, sessionId, $"Đề nghị xem xét chế độ {word}", confidentiality: "public");
        var handler = await app.DraftAnswerByOrganisationAsync(office, drafted, $"Dự thảo trả lời về {word}");

        foreach (var name in new[] { "minutes.docx", "items-summary.docx" })
        {
            var full = (await Docx.GetAsync(office, Url(sessionId, name))).AllText;
            Assert.Contains($"Phản ánh hạn chế về {word}", full);
            Assert.Contains($"Dự thảo trả lời về {word}", full);
            Assert.Contains($"Trả lời tại chỗ về {word}", full);

            var member = (await Docx.GetAsync(await app.ApiClientAsync("dangvien"), Url(sessionId, name))).AllText;
            Assert.Contains($"Kiến nghị công khai về {word}", member);
            Assert.Contains($"Trả lời tại chỗ về {word}", member);
            Assert.DoesNotContain($"Phản ánh hạn chế về {word}", member);
            Assert.DoesNotContain($"Dự thảo trả lời về {word}", member);

            // The handler reads the session through the item assigned to them, and the draft they wrote.
            var mine = (await Docx.GetAsync(handler, Url(sessionId, name))).AllText;
            Assert.Contains($"Dự thảo trả lời về {word}", mine);
            Assert.DoesNotContain($"Phản ánh hạn chế về {word}", mine);
        }

        var outsider = await app.ApiClientAsync("bantochuc");
        var other = await app.HeldSessionAsync(office);
        foreach (var name in new[] { "minutes.docx", "conclusions.docx", "items-summary.docx" })
        {
            await ApiJson.AssertProblemAsync(await outsider.GetAsync(Url(other, name)), HttpStatusCode.NotFound);
            await ApiJson.AssertProblemAsync(await office.GetAsync(Url(999_999, name)), HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync(Url(sessionId, name))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/api/v1/sessions/{sessionId}/documents/report.docx")).StatusCode);
    }

    [Fact]
    public async Task The_session_page_links_the_documents_and_serves_them_with_a_vietnamese_file_name()
    {
        var sessionId = await app.SeedSessionIdAsync();
        var browser = await app.SignedInBrowserAsync("dangvien");
        var page = await Html.GetDocumentAsync(browser, $"/Sessions/{sessionId}");
        var links = page.QuerySelectorAll("#documents ~ ul a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/Sessions/{sessionId}/Documents/Minutes", $"/Sessions/{sessionId}/Documents/Conclusions", $"/Sessions/{sessionId}/Documents/ItemsSummary"], links);

        foreach (var link in links)
            Assert.Empty((await Docx.GetAsync(browser, link!)).ValidationErrors);
        var response = await browser.GetAsync($"/Sessions/{sessionId}/Documents/ItemsSummary");
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("Tổng hợp ý kiến, kiến nghị hội nghị 08-09-2017.docx", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal("tong hop y kien, kien nghi hoi nghi 08-09-2017.docx", disposition.FileName?.Trim('"'));

        foreach (var unknown in new[] { "Report", "1" })
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Sessions/{sessionId}/Documents/{unknown}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/Sessions/999999/Documents/Minutes")).StatusCode);
        var anonymous = await app.Browser().GetAsync($"/Sessions/{sessionId}/Documents/Minutes");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
