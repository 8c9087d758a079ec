using System.Net;
using DoiThoai.Web.Features.Spreadsheets;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>The open-data CSV: anonymous, public items only, no personal data, a stable header, formulas neutralised.</summary>
public sealed class OpenDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Url = "/api/v1/opendata/items.csv";

    /// <summary>The published contract (docs/opendata.md): changing this line breaks every consumer.</summary>
    private const string HeaderLine = "item_id,session_id,session_date,session_title,item_number,kind,stage,topic,topic_en,unit,text,status,outcome,answer,published_on,lead_unit";

    private static async Task<int> RaiseAsync(HttpClient office, int sessionId, string speaker, string text, string confidentiality) =>
        (await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "recommendation", stage = "atSession", speakerName = speaker, confidentiality, text,
        }, HttpStatusCode.Created))["id"]!.GetValue<int>();

    [Fact]
    public async Task Anyone_gets_the_public_items_without_personal_data_with_a_stable_header_and_formulas_prefixed()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var speaker = Unique("Nguyễn Thị Riêngtư");
        var formula = "=HYPERLINK(\"http://example.invalid\";\"bấm\") " + Unique("đề nghị");
        var plain = Unique("Đề nghị sửa cầu, tràn \"Khe Lim\", xã Hạ") + "\nDòng thứ hai";
        var minus = "-" + Unique("giảm phí");
        var internalText = Unique("Ý kiến nội bộ");
        var restrictedText = Unique("Phản ánh mật");
        var formulaId = await RaiseAsync(office, sessionId, speaker, formula, "public");
        var plainId = await RaiseAsync(office, sessionId, speaker, plain, "public");
        await RaiseAsync(office, sessionId, speaker, minus, "public");
        await RaiseAsync(office, sessionId, speaker, internalText, "internal");
        await RaiseAsync(office, sessionId, speaker, restrictedText, "restricted");
        await office.ActAsync(plainId, "answer", new { answer = "Huyện đã bố trí vốn sửa cầu trong năm 2027.", outcome = "scheduled", answeredBy = speaker });

        var response = await app.Browser().GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith("\uFEFF"u8), "no BOM unless asked for");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.StartsWith(HeaderLine + "\r\n", text);

        Assert.DoesNotContain(speaker, text);
        Assert.DoesNotContain(internalText, text);
        Assert.DoesNotContain(restrictedText, text);

        var rows = SheetReader.ParseCsv(text, 1_000_000).Select(r => r.Cells).ToList();
        Assert.Equal(HeaderLine.Split(','), rows[0]);
        var ours = rows.Skip(1).Where(r => r[1] == sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, ours.Count);
        var byText = ours.ToDictionary(r => r[10]);
        Assert.Equal("'" + formula, byText["'" + formula][10]);
        Assert.Contains("'" + minus, byText.Keys);
        var answered = byText[plain];
        Assert.Equal(["2026-12-10", "recommendation", "at_session", "answered_at_session", "scheduled", "Huyện đã bố trí vốn sửa cầu trong năm 2027."],
            [answered[2], answered[5], answered[6], answered[11], answered[12], answered[13]]);
        Assert.Equal(formulaId.ToString(System.Globalization.CultureInfo.InvariantCulture), byText["'" + formula][0]);
        // Quoting per RFC 4180: the quotes inside are doubled and the line break stays in the field.
        Assert.Contains("\"Đề nghị sửa cầu, tràn \"\"Khe Lim\"\"", text);

        var withBom = await (await app.Browser().GetAsync(Url + "?bom=true")).Content.ReadAsByteArrayAsync();
        Assert.True(withBom.AsSpan().StartsWith("\uFEFF"u8));
        await ApiJson.AssertProblemAsync(await app.Browser().GetAsync(Url + "?bom=maybe"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+84 912", "'+84 912")]
    [InlineData("-5", "'-5")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("Bình thường", "Bình thường")]
    [InlineData(null, "")]
    public void Fields_are_quoted_as_rfc_4180_says_and_formula_starts_get_an_apostrophe(string? value, string written) =>
        Assert.Equal(written, CsvWriter.Field(value));
}
