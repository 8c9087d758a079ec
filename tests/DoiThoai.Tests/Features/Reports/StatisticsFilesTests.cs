using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using DoiThoai.Tests.Features.Documents;

namespace DoiThoai.Tests.Features.Reports;

/// <summary>
/// The 2017 demo session's statistics as files: the .xlsx read back sheet by sheet, the periodic
/// report .docx through the Open XML validator and LibreOffice, and the operator's CLI verb.
/// </summary>
public sealed class StatisticsFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Year2017 = "preset=year&year=2017&includeSubUnits=true&grouping=historical";

    private async Task<string> QueryAsync() => $"unitId={await app.UnitIdAsync("Tỉnh ủy Bắc Giang")}&{Year2017}";

    [Fact]
    public async Task The_xlsx_has_every_table_as_a_sheet_with_numbers_as_numbers()
    {
        var office = await app.ApiClientAsync("vanphong");
        var query = await QueryAsync();
        var json = await office.GetJsonAsync("/api/v1/reports/statistics?" + query);
        var response = await office.GetAsync("/api/v1/reports/statistics.xlsx?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook));
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook!.Sheets!.Elements<Sheet>().ToDictionary(s => s.Name!.Value!, s => ((WorksheetPart)part.GetPartById(s.Id!)).Worksheet!);
        Assert.Equal(["Tổng hợp", "Theo tháng", "Theo lĩnh vực", "Theo đơn vị chủ trì", "Theo đơn vị nêu ý kiến"], sheets.Keys);

        static List<List<string>> Rows(Worksheet sheet) => sheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InnerText : c.CellValue?.Text ?? "").ToList()).ToList();
        var summary = Rows(sheets["Tổng hợp"]);
        Assert.Equal(["Đơn vị", "Tỉnh ủy Bắc Giang"], summary[0]);
        Assert.Contains(["Tiếp nhận", json["totals"]!["received"]!.GetValue<int>().ToString()], summary);
        var months = Rows(sheets["Theo tháng"]);
        Assert.Equal(13, months.Count);
        Assert.Equal("Tiếp nhận", months[0][1]);
        Assert.Equal(json["byMonth"]![8]!["figures"]!["received"]!.GetValue<int>().ToString(), months[9][1]);
        var leads = Rows(sheets["Theo đơn vị chủ trì"]);
        Assert.Contains(leads, r => r[0] == "Ban Tổ chức Tỉnh ủy Bắc Giang");
        // A figure cell is a number Excel can add up, not text.
        Assert.Null(sheets["Theo tháng"].Descendants<Row>().ElementAt(9).Elements<Cell>().ElementAt(1).DataType);
    }

    [Fact]
    public async Task The_periodic_report_is_valid_and_opens_in_libreoffice()
    {
        var office = await app.ApiClientAsync("vanphong");
        var doc = await Docx.GetAsync(office, "/api/v1/reports/statistics.docx?" + await QueryAsync());
        Assert.Empty(doc.ValidationErrors);
        Assert.StartsWith("Báo cáo kết quả giải quyết", doc.FileName);
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", doc.AllText);
        Assert.Contains("Số      -BC/", doc.AllText);
        Assert.Contains("KẾT QUẢ CHUNG", doc.AllText);

        var text = (await LibreOfficeTests.PdfTextsAsync(new Dictionary<string, byte[]> { ["report"] = doc.Bytes }))["report"];
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", text);
        Assert.Contains("TỈNH ỦY BẮC GIANG", text);
        Assert.Contains("BÁO CÁO", text);
        Assert.Contains("năm 2017", text);
        Assert.Contains("THEO LĨNH VỰC", text);
        Assert.Contains("Ban Tổ chức Tỉnh ủy Bắc Giang", text);
        Assert.Contains("T/M BAN THƯỜNG VỤ", text);
    }

    [Fact]
    public async Task The_files_keep_the_checks_of_the_json()
    {
        var ward = await app.UnitIdAsync("Đảng ủy phường Nếnh");
        var handler = await app.ApiClientAsync("bantochuc");
        Assert.Equal(HttpStatusCode.Forbidden, (await handler.GetAsync($"/api/v1/reports/statistics.xlsx?unitId={ward}")).StatusCode);
        var office = await app.ApiClientAsync("vanphong");
        await ApiJson.AssertProblemAsync(await office.GetAsync($"/api/v1/reports/statistics.docx?unitId={ward}&from=2027-02-01&to=2027-01-01"), HttpStatusCode.BadRequest);
    }
}

/// <summary>`report-statistics` writes the same report to a file for scheduled jobs, and refuses bad input with exit code 2.</summary>
public sealed class StatisticsCommandTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Writes_json_xlsx_and_docx_and_refuses_a_bad_period()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        var folder = Directory.CreateTempSubdirectory("doithoai-cli-report-");
        try
        {
            var json = Path.Combine(folder.FullName, "report.json");
            var run = await app.RunAsync("report-statistics", "--unit", "BG-TU", "--sub-units", "--historical", "--preset", "year", "--year", "2017", "--out", json);
            Assert.True(run.ExitCode == 0, run.Output);
            var report = JsonNode.Parse(await File.ReadAllTextAsync(json))!;
            Assert.Equal("Tỉnh ủy Bắc Giang", report["unit"]!["name"]!.GetValue<string>());
            Assert.True(report["totals"]!["received"]!.GetValue<int>() >= 5);
            Assert.Equal("historical", report["grouping"]!.GetValue<string>());

            foreach (var format in new[] { "xlsx", "docx" })
            {
                var file = Path.Combine(folder.FullName, "report." + format);
                var written = await app.RunAsync("report-statistics", "--unit", "BN-TU", "--sub-units", "--from", "2017-01-01", "--to", "2017-12-31", "--out", file);
                Assert.True(written.ExitCode == 0, written.Output);
                Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(file))[..2]);
            }

            var bad = await app.RunAsync("report-statistics", "--unit", "BN-TU", "--from", "2017-12-31", "--to", "2017-01-01", "--out", json);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("ngày kết thúc phải sau", bad.Output);
            var unknown = await app.RunAsync("report-statistics", "--unit", "KHONG-CO", "--out", json);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("Không có đơn vị mã", unknown.Output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
